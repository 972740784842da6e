import type { ServerRoute } from '@hapi/hapi';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { BatchAction, InboxService } from '../inbox-service.js';
import { batchPayload } from '../inbox-schemas.js';

export const employerBatchApplications = (inbox: InboxService): ServerRoute => ({
  method: 'POST',
  path: '/api/v1/employer/applications/batch',
  options: {
    tags: ['api', 'employer'],
    description: '批量处理投递：不合适、拟录用或标记已查看；逐条处理，不能处理的列在 refused 中',
    auth: 'employer',
    app: { access: { permission: 'applications' } },
    validate: { payload: batchPayload },
    handler: async (request) => {
      const { ids, action } = request.payload as { ids: number[]; action: BatchAction };
      const { updated, refused } = await inbox.batch(
        request.auth.credentials as unknown as EmployerCredentials,
        ids,
        action,
      );
      return { updated, refused: refused.map(({ id, code, message }) => ({ id, code, message })) };
    },
  },
});
