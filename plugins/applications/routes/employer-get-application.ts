import type { ServerRoute } from '@hapi/hapi';
import { idParams } from '../../../core/http/schemas.js';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { InboxService } from '../inbox-service.js';

export const employerGetApplication = (inbox: InboxService): ServerRoute => ({
  method: 'GET',
  path: '/api/v1/employer/applications/{id}',
  options: {
    tags: ['api', 'employer'],
    description: '查看一份投递的简历（身份证号打码）；新投递标记为已查看，查看记录对学校可见',
    auth: 'employer',
    app: { access: { permission: 'applications' } },
    validate: { params: idParams },
    handler: (request) =>
      inbox.get(
        request.auth.credentials as unknown as EmployerCredentials,
        (request.params as { id: number }).id,
      ),
  },
});
