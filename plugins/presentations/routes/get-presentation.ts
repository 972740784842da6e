import type { ServerRoute } from '@hapi/hapi';
import { idParams } from '../../../core/http/schemas.js';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { PresentationService } from '../presentation-service.js';

export const getPresentation = (presentations: PresentationService): ServerRoute => ({
  method: 'GET',
  path: '/api/v1/employer/presentations/{id}',
  options: {
    tags: ['api', 'employer'],
    description: '查看宣讲会及审核状态和意见',
    auth: 'employer',
    app: { access: { permission: 'presentations' } },
    validate: { params: idParams },
    handler: (request) =>
      presentations.get(
        request.auth.credentials as unknown as EmployerCredentials,
        (request.params as { id: number }).id,
      ),
  },
});
