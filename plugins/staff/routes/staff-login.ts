import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import type { App } from '../../../core/app.js';
import type { StaffService } from '../staff-service.js';

export function staffLoginRoute(app: App, staff: StaffService): ServerRoute {
  return {
    method: 'POST',
    path: '/api/v1/auth/staff-login',
    options: {
      tags: ['api', 'auth'],
      description: '学校/省级管理员登录',
      auth: false,
      app: { access: { public: true } },
      validate: {
        payload: Joi.object({
          username: Joi.string().trim().lowercase().max(64).required(),
          password: Joi.string().min(1).max(128).required(),
        }),
      },
      response: {
        status: {
          200: Joi.object({
            token: Joi.string().required(),
            staff: Joi.object({
              id: Joi.number().required(),
              username: Joi.string().required(),
              name: Joi.string().required(),
              site: Joi.string().required(),
              siteId: Joi.number().required(),
              roles: Joi.array().items(Joi.string()).required(),
            }).label('Staff'),
          }).label('StaffLogin'),
        },
      },
      handler: async (request) => {
        const { username, password } = request.payload as { username: string; password: string };
        const result = await staff.login(username, password, request.info.remoteAddress);
        return { token: app.principals.sign(result.payload), staff: result.staff };
      },
    },
  };
}
