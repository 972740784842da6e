import type { ServerRoute } from '@hapi/hapi';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { PresentationInput, PresentationService } from '../presentation-service.js';
import { createPresentationSchema } from '../schemas.js';

export const createPresentation = (presentations: PresentationService): ServerRoute => ({
  method: 'POST',
  path: '/api/v1/employer/presentations',
  options: {
    tags: ['api', 'employer'],
    description:
      '申请宣讲会：已入驻的学校、空中（直播链接）或线下（本校场地）、标题、时间、招聘简章、职位、联系人',
    auth: 'employer',
    app: { access: { permission: 'presentations' } },
    validate: { payload: createPresentationSchema },
    handler: async (request, h) =>
      h
        .response(
          await presentations.create(
            request.auth.credentials as unknown as EmployerCredentials,
            request.payload as PresentationInput,
          ),
        )
        .code(201),
  },
});
