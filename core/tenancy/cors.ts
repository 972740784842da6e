// The one CORS rule of the platform, for pages of schools' own websites that embed the widgets:
//
// - Public reads (GET/HEAD under /api/v1/public/, and the widget bundle under /widgets/v1/) answer any origin:
//   `Access-Control-Allow-Origin: *`, never credentials. A snippet pasted on any page shows the site card, job and
//   fair lists and booth map before anyone registered that page's origin.
// - Everything else under /api/ (signing in and booking inside a widget, and every staff or employer call) from a
//   foreign origin is allowed only from the widget origins of its site; any other foreign origin is refused here,
//   before routing, with 403 ORIGIN_NOT_ALLOWED and a Chinese message naming the fix (站点设置 → 嵌入来源). The refusal
//   carries CORS headers so that the widget can read it and show it to the webmaster; the preflight of such a request
//   is answered too (without credentials), because the refusal of the request itself is what guards it.
// - Origins of the platform itself (the request's own host, or any site's host) are first party: no CORS headers,
//   never refused.
//
// The site is the one the path names (/api/v1/public/sites/<slug>/…), else the one a `site` query parameter names
// (?site=<slug>, how the embedded widgets call routes that name no site: sign-in, bookings, a fair's events), else
// the site the request resolved to. The `site` parameter is addressed to this layer, and also a filter of some routes
// (GET /employer/presentations?site=…): a route whose query schema names `site` gets it; from every other route it is
// removed before validation, so their schemas never see it and it never changes what they do or may access.
import type { Request, ResponseObject, ResponseToolkit, Server } from '@hapi/hapi';
import Boom from '@hapi/boom';
import Joi from 'joi';
import { appError } from '../http/errors.js';
import type { Site, SiteRegistry } from './sites.js';

const SITE_IN_PATH = /^\/api\/v1\/public\/sites\/([a-z0-9-]+)(?:\/|$)/;
const PUBLIC_READ = /^\/(?:api\/v1\/public|widgets\/v1)\//;
const SITE_PARAM = 'site';
const SLUG = /^[a-z0-9-]{1,40}$/;
const ALLOWED_HEADERS = 'Accept, Authorization, Content-Type, Last-Event-ID, Idempotency-Key';
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const READ_METHODS = 'GET, HEAD';

/** Where embedded widgets' origins are registered, as staff find it in the console. */
export const ORIGINS_SETTING = '站点设置 → 嵌入来源';

declare module '@hapi/hapi' {
  interface RequestApplicationState {
    /** The slug of an API request's `?site=` parameter (read and removed from the URL on request). */
    corsSite?: string;
  }
}

/** How a request's Origin is answered. */
export type CorsDecision =
  | 'none' // no Origin, or not a path CORS applies to
  | 'public' // public read: any origin, `*`
  | 'first-party' // the platform's own pages
  | 'registered' // a widget origin of the site
  | 'refused';

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

function isFirstParty(sites: SiteRegistry, request: Request, origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.host === request.info.host) return true;
  return sites.byHost(url.hostname) !== undefined;
}

/** The decision for `method` (the request's, or the one a preflight asks about) on the request's path. */
export function corsDecision(sites: SiteRegistry, request: Request, method: string): CorsDecision {
  const origin = request.headers.origin as string | undefined;
  const path = request.path;
  if (!origin) return 'none';
  const read = method === 'GET' || method === 'HEAD';
  if (read && PUBLIC_READ.test(path)) return 'public';
  if (!path.startsWith('/api/')) return 'none';
  if (isFirstParty(sites, request, origin)) return 'first-party';
  return allowedOrigin(corsSiteOf(sites, request), origin) ? 'registered' : 'refused';
}

/** The 403 of a foreign origin that is not among the site's widget origins. */
export function originNotAllowed(site: Site | undefined, origin: string): Boom.Boom {
  const where = site
    ? `请${site.name}的管理员在管理控制台“${ORIGINS_SETTING}”中添加 ${origin}（${site.url}admin/settings）`
    : `请在组件所属站点的管理控制台“${ORIGINS_SETTING}”中添加 ${origin}，并确认组件的 site 属性填写正确`;
  const whose = site ? `${site.name}的嵌入来源` : '任何站点的嵌入来源';
  return appError(
    403,
    'ORIGIN_NOT_ALLOWED',
    `网站 ${origin} 不在${whose}中，不能在该网站的组件里登录或预定。${where}。`,
  );
}

/** Keeps an API request's `?site=` for the CORS decision. */
function takeSiteParam(request: Request): void {
  const search = new URLSearchParams(request.url.search);
  if (search.has(SITE_PARAM)) request.app.corsSite = search.get(SITE_PARAM) ?? '';
}

const declaresSite = new WeakMap<object, boolean>();

/** Whether a route's query schema names `site` (a filter of its own), by its description, once per route. */
function routeTakesSite(request: Request): boolean {
  const schema = request.route.settings.validate?.query;
  if (!Joi.isSchema(schema)) return false;
  let known = declaresSite.get(schema);
  if (known === undefined) {
    const keys = (schema.describe() as { keys?: Record<string, unknown> }).keys ?? {};
    known = Object.hasOwn(keys, SITE_PARAM);
    declaresSite.set(schema, known);
  }
  return known;
}

function answerPreflight(sites: SiteRegistry, request: Request, h: ResponseToolkit) {
  const origin = request.headers.origin as string | undefined;
  const asked = String(request.headers['access-control-request-method'] ?? '').toUpperCase();
  const response = h.response().code(204).header('Vary', 'Origin');
  if (!asked || !origin) return response.takeover();
  const decision = corsDecision(sites, request, asked);
  if (decision === 'public') {
    response
      .header('Access-Control-Allow-Origin', '*')
      .header('Access-Control-Allow-Methods', READ_METHODS)
      .header('Access-Control-Allow-Headers', ALLOWED_HEADERS)
      .header('Access-Control-Max-Age', '600');
  } else if (decision === 'registered' || decision === 'refused') {
    response
      .header('Access-Control-Allow-Origin', origin)
      .header('Access-Control-Allow-Methods', ALLOWED_METHODS)
      .header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    // A refused origin may send the request, and only learns from its 403 why it is refused.
    if (decision === 'registered')
      response.header('Access-Control-Allow-Credentials', 'true').header('Access-Control-Max-Age', '600');
  }
  return response.takeover();
}

export function registerCors(server: Server, sites: SiteRegistry): void {
  server.ext('onRequest', (request: Request, h: ResponseToolkit) => {
    const api = request.path.startsWith('/api/');
    if (!api && !PUBLIC_READ.test(request.path)) return h.continue;
    if (api) takeSiteParam(request);
    if (request.method === 'options') return answerPreflight(sites, request, h);
    if (corsDecision(sites, request, request.method.toUpperCase()) === 'refused')
      throw originNotAllowed(corsSiteOf(sites, request), request.headers.origin as string);
    return h.continue;
  });

  // Before validation: routes that do not filter by site never see the parameter.
  server.ext('onPreAuth', (request: Request, h: ResponseToolkit) => {
    if (request.app.corsSite !== undefined && !routeTakesSite(request))
      delete (request.query as Record<string, unknown>)[SITE_PARAM];
    return h.continue;
  });

  server.ext('onPreResponse', (request: Request, h: ResponseToolkit) => {
    const method = request.method.toUpperCase();
    if (method === 'OPTIONS') return h.continue; // answered whole on request
    const publicRead = (method === 'GET' || method === 'HEAD') && PUBLIC_READ.test(request.path);
    if (!publicRead && !request.path.startsWith('/api/')) return h.continue;
    const response = request.response as ResponseObject | Boom.Boom;
    const set = (name: string, value: string) => {
      if (Boom.isBoom(response)) response.output.headers[name] = value;
      else response.header(name, value);
    };
    // Public reads are the same for every origin (and for none), so they can be cached whatever asked for them.
    if (publicRead) {
      set('Access-Control-Allow-Origin', '*');
      return h.continue;
    }
    set('Vary', 'Origin');
    const decision = corsDecision(sites, request, method);
    const origin = request.headers.origin as string;
    if (decision === 'registered') {
      set('Access-Control-Allow-Origin', origin);
      set('Access-Control-Allow-Credentials', 'true');
    } else if (decision === 'refused') {
      set('Access-Control-Allow-Origin', origin);
    }
    return h.continue;
  });
}
