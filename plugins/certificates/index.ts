// Certificates: codes for issued documents and their public verification (API and a page for phones). Features that
// issue documents (presentations' 参会凭证, signing's agreements) depend on this plugin and register their kind:
//   service(app, 'certificates').registerKind('presentation', { name, resolve, present })
// then `issue(kind, subjectId, siteId)` gives the code and the verify URL for the QR code (see core/documents).
import type { App } from '../../core/app.js';
import { addFeaturePages } from '../../core/pages/index.js';
import type { FeaturePlugin } from '../../core/server.js';
import { CertificateService } from './certificate-service.js';
import { certificatePages } from './pages/certificate.js';
import { verifyCertificateRoute } from './routes/verify-certificate.js';

declare module '../../core/app.js' {
  interface Services {
    certificates: CertificateService;
  }
}

export const certificatesPlugin: FeaturePlugin = {
  name: 'xz-certificates',
  version: '1.0.0',
  register(server, { app }: { app: App }) {
    const certificates = new CertificateService(app.db, app.sites);
    app.services.certificates = certificates;
    server.route(verifyCertificateRoute(certificates));
    addFeaturePages(server, app, 'certificates', [certificatePages(certificates)]);
  },
};
