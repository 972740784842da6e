import type { ServerRoute } from '@hapi/hapi';
import { download } from '../../../core/http/content-disposition.js';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { InboxService } from '../inbox-service.js';
import { exportPayload } from '../inbox-schemas.js';

export const employerExportApplications = (inbox: InboxService): ServerRoute => ({
  method: 'POST',
  path: '/api/v1/employer/applications/export',
  options: {
    tags: ['api', 'employer'],
    description: '批量下载简历：所选投递的简历 PDF 打包为 ZIP（任一不属于本单位则 404，不导出）',
    auth: 'employer',
    app: { access: { permission: 'applications' } },
    validate: { payload: exportPayload },
    handler: async (request, h) => {
      const { zip, filename } = await inbox.export(
        request.auth.credentials as unknown as EmployerCredentials,
        (request.payload as { ids: number[] }).ids,
      );
      return download(h, zip, { type: 'application/zip', name: filename });
    },
  },
});
