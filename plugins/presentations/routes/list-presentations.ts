import type { ServerRoute } from '@hapi/hapi';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { PresentationService } from '../presentation-service.js';
import { listQuery } from '../schemas.js';

export const listPresentations = (presentations: PresentationService): ServerRoute => ({
  method: 'GET',
  path: '/api/v1/employer/presentations',
  options: {
    tags: ['api', 'employer'],
    description: '宣讲会管理：按状态、学校和标题筛选',
    auth: 'employer',
    app: { access: { permission: 'presentations' } },
    validate: { query: listQuery },
    handler: (request) =>
      presentations.list(
        request.auth.credentials as unknown as EmployerCredentials,
        request.query as Parameters<PresentationService['list']>[1],
      ),
  },
});
