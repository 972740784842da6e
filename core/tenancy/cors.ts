// CORS per tenant: a browser on a school's own website may call the API only from that site's widget origins.
// The site is the one the path names (/api/v1/public/sites/<slug>/…), else the one a `site` query parameter names
// (?site=<slug>, how the embedded widgets call routes that name no site: sign-in, bookings, a fair's events), else
// the site the request resolved to. The `site` parameter is addressed to this layer: it is removed from API URLs
// before routing, so route query schemas never see it and it never changes what a route does or may access.
// Preflights are answered here, before routing (they carry the query string too); refused origins simply get no
// CORS headers.
import type { Request, ResponseObject, ResponseToolkit, Server } from '@hapi/hapi';
import Boom from '@hapi/boom';
import type { Site, SiteRegistry } from './sites.js';

const SITE_IN_PATH = /^\/api\/v1\/public\/sites\/([a-z0-9-]+)(?:\/|$)/;
const SITE_PARAM = 'site';
const SLUG = /^[a-z0-9-]{1,40}$/;
const ALLOWED_HEADERS = 'Accept, Authorization, Content-Type, Last-Event-ID';
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';

declare module '@hapi/hapi' {
  interface RequestApplicationState {
    /** The slug of an API request's `?site=` parameter (read and removed from the URL on request). */
    corsSite?: string;
  }
}

export function corsSiteOf(sites: SiteRegistry, request: Request): Site | undefined {
  const m = SITE_IN_PATH.exec(request.path);
  if (m) return sites.get(m[1]!);
  const named = request.app.corsSite;
  if (named !== undefined) return SLUG.test(named) ? sites.get(named) : undefined;
  return request.app.xz?.site;
}

export function allowedOrigin(site: Site | undefined, origin: string | undefined): boolean {
  return !!site && !!origin && site.widgetOrigins.includes(origin);
}

/** Takes `?site=` off an API request's URL and keeps it for the CORS decision. */
function takeSiteParam(request: Request): void {
  const search = new URLSearchParams(request.url.search);
  if (!search.has(SITE_PARAM)) return;
  request.app.corsSite = search.get(SITE_PARAM) ?? '';
  search.delete(SITE_PARAM);
  const rest = search.toString();
  request.setUrl(`${request.path}${rest ? `?${rest}` : ''}`);
}

export function registerCors(server: Server, sites: SiteRegistry): void {
  server.ext('onRequest', (request: Request, h: ResponseToolkit) => {
    if (!request.path.startsWith('/api/')) return h.continue;
    takeSiteParam(request);
    if (request.method !== 'options') return h.continue;
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
