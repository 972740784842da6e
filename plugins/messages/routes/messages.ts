import type { Request, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idParams } from '../../../core/http/schemas.js';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { MessageService } from '../message-service.js';

const who = (request: Request) => request.auth.credentials as unknown as EmployerCredentials;

export function messageRoutes(messages: MessageService): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/employer/messages',
      options: {
        tags: ['api', 'employer'],
        description: '站内消息（最新在前）',
        auth: 'employer',
        app: { access: {} },
        validate: {
          query: Joi.object({
            unread: Joi.boolean(),
            page: Joi.number().integer().min(1).default(1),
            pageSize: Joi.number().integer().min(1).max(100).default(20),
          }),
        },
        handler: (request) =>
          messages.list(
            who(request).employerId,
            request.query as { unread?: boolean; page: number; pageSize: number },
          ),
      },
    },
    {
      method: 'GET',
      path: '/api/v1/employer/messages/unread-count',
      options: {
        tags: ['api', 'employer'],
        description: '未读消息数',
        auth: 'employer',
        app: { access: {} },
        handler: async (request) => ({ unread: await messages.unreadCount(who(request).employerId) }),
      },
    },
    {
      method: 'POST',
      path: '/api/v1/employer/messages/{id}/read',
      options: {
        tags: ['api', 'employer'],
        description: '标为已读',
        auth: 'employer',
        app: { access: {} },
        validate: { params: idParams },
        handler: (request) =>
          messages.markRead(who(request).employerId, (request.params as { id: number }).id),
      },
    },
    {
      method: 'POST',
      path: '/api/v1/employer/messages/read-all',
      options: {
        tags: ['api', 'employer'],
        description: '全部标为已读',
        auth: 'employer',
        app: { access: {} },
        handler: (request) => messages.markAllRead(who(request).employerId),
      },
    },
  ];
}
