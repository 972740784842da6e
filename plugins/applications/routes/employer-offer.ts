import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idParams } from '../../../core/http/schemas.js';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { InboxService } from '../inbox-service.js';

export const employerOffer = (inbox: InboxService): ServerRoute => ({
  method: 'POST',
  path: '/api/v1/employer/applications/{id}/offer',
  options: {
    tags: ['api', 'employer'],
    description: '拟录用：学生进入网签候选名单',
    auth: 'employer',
    app: { access: { permission: 'applications' } },
    validate: { params: idParams, payload: Joi.object({}).allow(null) },
    handler: (request) =>
      inbox.offer(
        request.auth.credentials as unknown as EmployerCredentials,
        (request.params as { id: number }).id,
      ),
  },
});
