import type { ServerRoute } from '@hapi/hapi';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { AuthorizationInput, SigningAuthorizationService } from '../authorization-service.js';
import { authorizationSchema } from '../schemas.js';

export const submitAuthorization = (authorizations: SigningAuthorizationService): ServerRoute => ({
  method: 'POST',
  path: '/api/v1/employer/signing-authorization',
  options: {
    tags: ['api', 'employer'],
    description:
      '申请（或续期）签约授权：授权委托书（先上传文件）、经办人姓名、身份证号、手机号、申请的有效期，由省级主站审核',
    auth: 'employer',
    app: { access: { permission: 'signing' } },
    validate: { payload: authorizationSchema },
    handler: async (request, h) =>
      h
        .response(
          await authorizations.submit(
            request.auth.credentials as unknown as EmployerCredentials,
            request.payload as AuthorizationInput,
          ),
        )
        .code(201),
  },
});
