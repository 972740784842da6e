import type { ServerRoute } from '@hapi/hapi';
import { idParams } from '../../../core/http/schemas.js';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { PresentationChanges, PresentationService } from '../presentation-service.js';
import { updatePresentationSchema } from '../schemas.js';

export const updatePresentation = (presentations: PresentationService): ServerRoute => ({
  method: 'PUT',
  path: '/api/v1/employer/presentations/{id}',
  options: {
    tags: ['api', 'employer'],
    description: '修改宣讲会：时间、场地和方式仅在待审核时可改；招聘简章、职位等审核通过后仍可修改',
    auth: 'employer',
    app: { access: { permission: 'presentations' } },
    validate: { params: idParams, payload: updatePresentationSchema },
    handler: (request) =>
      presentations.update(
        request.auth.credentials as unknown as EmployerCredentials,
        (request.params as { id: number }).id,
        request.payload as PresentationChanges,
      ),
  },
});
