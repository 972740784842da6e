// The fair a staff page is about: one of the site being visited, or a 404 (another site's fair is as absent as a
// missing one, checked by the fairs service through core/tenancy/scope).
import type { Request } from '@hapi/hapi';
import { service, type App } from '../../../../core/app.js';

/** A fair of the site being visited, as the public map shows it. */
export async function fairHere(app: App, request: Request, id: number) {
  await service(app, 'fairs').getForSite(request.app.xz.site.id, id);
  return service(app, 'fairs').publicFair(id);
}
