// The page a guard at the door opens from a certificate's QR code, on any site, in that site's theme: what the
// document is, whether it holds now (valid or not, in large type), and the fields its feature shows.
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { render } from '../../../core/pages/index.js';
import type { PageRoute } from '../../../core/pages/index.js';
import type { CertificateService } from '../certificate-service.js';
import { codeParams, notFoundOnBadCode } from '../routes/verify-certificate.js';

export function certificatePages(certificates: CertificateService): PageRoute {
  const route: ServerRoute = {
    method: 'GET',
    path: '/certificates/{code}',
    options: {
      app: { page: { audience: 'public' } },
      validate: {
        params: codeParams,
        // Any malformed code reads exactly like an unknown one (hapi re-wraps errors thrown by a validate function).
        failAction: notFoundOnBadCode,
        query: Joi.object().unknown(true),
      },
      handler: async (request, h) => {
        const { code } = request.params as { code: string };
        const found = await certificates.verify(code);
        const page = await render(request, h, 'certificates/certificate', {
          data: { certificate: { code, name: found.name, ...found.presented } },
          title: `${found.name}核验`,
        });
        return page.header('cache-control', 'no-store');
      },
    },
  };
  return route as PageRoute;
}
