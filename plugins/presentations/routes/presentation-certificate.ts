import type { ServerRoute } from '@hapi/hapi';
import { download } from '../../../core/http/content-disposition.js';
import { idParams } from '../../../core/http/schemas.js';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { PresentationCertificates } from '../certificate.js';

export const presentationCertificate = (certificates: PresentationCertificates): ServerRoute => ({
  method: 'GET',
  path: '/api/v1/employer/presentations/{id}/certificate',
  options: {
    tags: ['api', 'employer'],
    description: '下载参会凭证（PDF，审核通过的宣讲会），二维码指向凭证核验地址',
    auth: 'employer',
    app: { access: { permission: 'presentations' } },
    validate: { params: idParams },
    handler: async (request, h) => {
      const { pdf, filename } = await certificates.pdf(
        request.auth.credentials as unknown as EmployerCredentials,
        (request.params as { id: number }).id,
      );
      return download(h, pdf, { type: 'application/pdf', name: filename });
    },
  },
});
