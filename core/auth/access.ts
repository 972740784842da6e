// Every route declares who may call it in `options.app.access`; one onPostAuth extension enforces it and
// a start-up check refuses a server with an undeclared route.
import type { Boom } from '@hapi/boom';
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import { appError } from '../http/errors.js';
import { assertStaffOf } from '../tenancy/scope.js';
import type { Credentials } from './principals.js';

export interface RouteAccess {
  /** `public`: anyone (auth none or optional); otherwise the strategies listed in the route's auth. */
  public?: boolean;
  /** Employer permission key the account's roles must grant. */
  permission?: string;
  /** For staff routes: the path parameter naming the site; staff of another site get 403 FORBIDDEN. */
  staffSiteParam?: string;
}

export function accessOf(request: Request): RouteAccess | undefined {
  return (request.route.settings.app as { access?: RouteAccess } | undefined)?.access;
}

function checkAccess(request: Request): void {
  const access = accessOf(request);
  const credentials = request.auth.credentials as unknown as Credentials | undefined;
  if (!access || !request.auth.isAuthenticated || !credentials) return;
  if (access.permission && credentials.kind === 'employer') {
    const permissions = (credentials as { permissions?: string[] }).permissions ?? [];
    if (!permissions.includes(access.permission))
      throw appError(403, 'FORBIDDEN', '您的账号没有此功能的权限，请联系单位管理员');
  }
  if (access.staffSiteParam && credentials.kind === 'staff') {
    assertStaffOf(credentials, String(request.params[access.staffSiteParam]));
  }
}

const CHECKED = Symbol('accessChecked');

export function registerAccessControl(server: Server): void {
  server.ext('onPostAuth', (request: Request, h: ResponseToolkit) => {
    (request.plugins as Record<symbol, boolean>)[CHECKED] = true;
    checkAccess(request);
    return h.continue;
  });
}

/** What hapi answers when it cannot parse a payload: a bad body (400), one too large (413), a wrong type (415). */
const PAYLOAD_STATUSES = new Set([400, 413, 415]);

/**
 * hapi parses the payload between authentication and onPostAuth: a caller without access to the route must get its
 * 403, not a 400/415 about a body it was never allowed to send. The error mapping asks this before rendering a
 * failure; null when access was already checked or is granted, or when the failure is not hapi's payload parsing
 * (our own input guards answer with a code, before any body is read).
 */
export function accessDeniedBeforeCheck(request: Request, failure: Boom): Boom | null {
  if ((request.plugins as Record<symbol, boolean>)[CHECKED]) return null;
  if (failure.data?.code || !PAYLOAD_STATUSES.has(failure.output.statusCode)) return null;
  try {
    checkAccess(request);
    return null;
  } catch (err) {
    return err as Boom;
  }
}

/** Paths served by libraries (documentation, static files) that declare no access of their own. */
const LIBRARY_ROUTES = [/^\/documentation/, /^\/swaggerui/, /^\/swagger\.json$/];

/** Routes that serve files or machine-readable answers, not pages: they declare `app.access` like the API. */
const NOT_PAGES = [
  /^\/api\//,
  /^\/widgets\/v1\//,
  /^\/assets\//,
  /^\/themes\//,
  /^\/healthz$/,
  /^\/favicon\.ico$/,
];

/**
 * Throws at start-up if a route declares no access: API and asset routes `app.access`, every other route (a page)
 * `app.page` (core/pages/access.ts).
 */
export function assertAllRoutesDeclareAccess(server: Server): void {
  const missing: string[] = [];
  for (const r of server.table()) {
    if (LIBRARY_ROUTES.some((re) => re.test(r.path))) continue;
    const declared = r.settings.app as { access?: RouteAccess; page?: unknown } | undefined;
    const isPage = !NOT_PAGES.some((re) => re.test(r.path));
    if (isPage ? !declared?.page : !declared?.access)
      missing.push(`${r.method.toUpperCase()} ${r.path} (${isPage ? 'app.page' : 'app.access'})`);
  }
  if (missing.length > 0) throw new Error(`xiaozhao: routes without declared access: ${missing.join(', ')}`);
}
