import type { ServerRoute } from '@hapi/hapi';
import { download } from '../../../core/http/content-disposition.js';
import { idParams } from '../../../core/http/schemas.js';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { InboxService } from '../inbox-service.js';

export const employerResumePdf = (inbox: InboxService): ServerRoute => ({
  method: 'GET',
  path: '/api/v1/employer/applications/{id}/resume.pdf',
  options: {
    tags: ['api', 'employer'],
    description: '下载简历 PDF（页脚注明下载人和时间），下载记录对学校可见',
    auth: 'employer',
    app: { access: { permission: 'applications' } },
    validate: { params: idParams },
    handler: async (request, h) => {
      const { pdf, filename } = await inbox.pdf(
        request.auth.credentials as unknown as EmployerCredentials,
        (request.params as { id: number }).id,
      );
      return download(h, pdf, { type: 'application/pdf', name: filename });
    },
  },
});
