import type { ServerRoute } from '@hapi/hapi';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { CandidateSearch } from '../agreement-candidates.js';
import type { SigningGuard } from '../agreement-service.js';
import { candidatesQuery } from '../agreement-schemas.js';

export const signingCandidates = (guard: SigningGuard, search: CandidateSearch): ServerRoute => ({
  method: 'GET',
  path: '/api/v1/employer/signing/candidates',
  options: {
    tags: ['api', 'employer'],
    description:
      '签约候选学生：本单位拟录用的学生；q 为身份证号或「学号 姓名」时，另按精确匹配查找全省学生（不能网签的标明原因）',
    auth: 'employer',
    app: { access: { permission: 'signing' } },
    validate: { query: candidatesQuery },
    handler: async (request) => {
      const c = request.auth.credentials as unknown as EmployerCredentials;
      await guard.requireAuthorized(c.employerId);
      return search.list(c.employerId, (request.query as { q?: string }).q || undefined);
    },
  },
});
