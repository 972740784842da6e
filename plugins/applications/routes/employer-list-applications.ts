import type { ServerRoute } from '@hapi/hapi';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { InboxFilter, InboxService } from '../inbox-service.js';
import { inboxQuery } from '../inbox-schemas.js';

/** Empty query values (a form sent by GET) mean "no filter". */
export function filterOf(query: Record<string, unknown>): InboxFilter {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) if (v !== '' && v !== undefined) out[k] = v;
  return { page: 1, pageSize: 20, ...out } as InboxFilter;
}

export const employerListApplications = (inbox: InboxService): ServerRoute => ({
  method: 'GET',
  path: '/api/v1/employer/applications',
  options: {
    tags: ['api', 'employer'],
    description: '收到的简历：按职位、学校、状态、学历、专业、投递日期和关键词筛选，附各状态数量',
    auth: 'employer',
    app: { access: { permission: 'applications' } },
    validate: { query: inboxQuery },
    handler: (request) =>
      inbox.list(
        request.auth.credentials as unknown as EmployerCredentials,
        filterOf(request.query as Record<string, unknown>),
      ),
  },
});
