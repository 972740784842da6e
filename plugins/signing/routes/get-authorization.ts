import type { ServerRoute } from '@hapi/hapi';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { SigningAuthorizationService } from '../authorization-service.js';

export const getAuthorization = (authorizations: SigningAuthorizationService): ServerRoute => ({
  method: 'GET',
  path: '/api/v1/employer/signing-authorization',
  options: {
    tags: ['api', 'employer'],
    description:
      '签约授权状态：none 未申请、pending 审核中、approved 已通过且在有效期内、rejected 未通过、expired 已到期；有效期、审核意见、审核中的续期申请',
    auth: 'employer',
    app: { access: { permission: 'signing' } },
    handler: (request) =>
      authorizations.state((request.auth.credentials as unknown as EmployerCredentials).employerId),
  },
});
