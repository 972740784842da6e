import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idParams } from '../../../core/http/schemas.js';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { PresentationService } from '../presentation-service.js';

export const cancelPresentation = (presentations: PresentationService): ServerRoute => ({
  method: 'POST',
  path: '/api/v1/employer/presentations/{id}/cancel',
  options: {
    tags: ['api', 'employer'],
    description: '取消宣讲会（待审核，或已通过且尚未开始），场地随即释放',
    auth: 'employer',
    app: { access: { permission: 'presentations' } },
    validate: { params: idParams, payload: Joi.object({}).allow(null) },
    handler: (request) =>
      presentations.cancel(
        request.auth.credentials as unknown as EmployerCredentials,
        (request.params as { id: number }).id,
      ),
  },
});
