// CORS per tenant: a browser on a school's own website may call the API only from that site's widget origins.
// The site is the one the path names (/api/v1/public/sites/<slug>/…), or the site the request resolved to.
// Preflights are answered here, before routing; refused origins simply get no CORS headers.
import type { Request, ResponseObject, ResponseToolkit, Server } from '@hapi/hapi';
import Boom from '@hapi/boom';
import type { Site, SiteRegistry } from './sites.js';

const SITE_IN_PATH = /^\/api\/v1\/public\/sites\/([a-z0-9-]+)(?:\/|$)/;
const ALLOWED_HEADERS = 'Accept, Authorization, Content-Type, Last-Event-ID';
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';

export function corsSiteOf(sites: SiteRegistry, request: Request): Site | undefined {
  const m = SITE_IN_PATH.exec(request.path);
  if (m) return sites.get(m[1]!);
  return request.app.xz?.site;
}

export function allowedOrigin(site: Site | undefined, origin: string | undefined): boolean {
  return !!site && !!origin && site.widgetOrigins.includes(origin);
}

export function registerCors(server: Server, sites: SiteRegistry): void {
  server.ext('onRequest', (request: Request, h: ResponseToolkit) => {
    if (request.method !== 'options' || !request.path.startsWith('/api/')) return h.continue;
    const origin = request.headers.origin as string | undefined;
    const response = h.response().code(204).header('Vary', 'Origin');
    if (
      (request.headers['access-control-request-method'] as string | undefined) &&
      allowedOrigin(corsSiteOf(sites, request), origin)
    ) {
      response
        .header('Access-Control-Allow-Origin', origin!)
        .header('Access-Control-Allow-Methods', ALLOWED_METHODS)
        .header('Access-Control-Allow-Headers', ALLOWED_HEADERS)
        .header('Access-Control-Allow-Credentials', 'true')
        .header('Access-Control-Max-Age', '600');
    }
    return response.takeover();
  });

  server.ext('onPreResponse', (request: Request, h: ResponseToolkit) => {
    if (!request.path.startsWith('/api/')) return h.continue;
    const origin = request.headers.origin as string | undefined;
    const response = request.response as ResponseObject | Boom.Boom;
    const set = (name: string, value: string) => {
      if (Boom.isBoom(response)) response.output.headers[name] = value;
      else response.header(name, value);
    };
    set('Vary', 'Origin');
    if (allowedOrigin(corsSiteOf(sites, request), origin)) {
      set('Access-Control-Allow-Origin', origin!);
      set('Access-Control-Allow-Credentials', 'true');
    }
    return h.continue;
  });
}
