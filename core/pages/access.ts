// Declared page access: every page route says who may open it in `options.app.page`, the way API routes declare
// `options.app.access`. One onPostAuth extension enforces it — a visitor without the audience's session goes to the
// login page of the same site and comes back afterwards; staff of another site and accounts whose role lacks the
// declared permission get a 403 page — so no handler checks sign-in itself. The server refuses to start when a page
// route declares nothing (see assertAllRoutesDeclareAccess).
import type { Lifecycle, Request, ResponseToolkit, Server, ServerRoute } from '@hapi/hapi';
import { appError } from '../http/errors.js';
import { assertStaffOf } from '../tenancy/scope.js';
import type { StaffCredentials } from '../auth/principals.js';
import { onceHandler } from './form-once.js';
import { AREAS, local, sessionAuth, sessionOf, toLogin, type Audience } from './session.js';

export interface PageAccess {
  /** Who may open the page: a signed-in employer, this site's staff, a student, or anyone. */
  audience: Audience | 'public';
  /** Employer permission the account's roles must grant. */
  permission?: string;
  /** A public page that reads a session anyway (a login page greets someone already signed in). */
  session?: Audience;
}

export function pageOf(request: Request): PageAccess | undefined {
  return (request.route.settings.app as { page?: PageAccess } | undefined)?.page;
}

export type PageRoute = ServerRoute;

/**
 * Route auth of a public GET page: any session, if any, never refusing (the page is for everyone); a student's lets a
 * job page say 已投递.
 */
const VISITOR_AUTH = {
  strategies: ['employer-session', 'staff-session', 'student-session'],
  mode: 'try',
} as const;

/**
 * Page routes as hapi routes: the session strategy follows from the declared audience, so a route file states only
 * `app: { page: { audience, permission? } }`. Every page POST is safe to submit twice: a second submit of the same form
 * (a double click, a reload) gets the first one's result (core/pages/form-once.ts); `formOnce: false` opts out.
 */
export function pageRoutes(routes: PageRoute[]): ServerRoute[] {
  return routes.map((route) => {
    const options = (route.options ?? {}) as {
      app?: { page?: PageAccess; formOnce?: boolean };
      handler?: Lifecycle.Method;
    };
    const page = options.app?.page;
    if (!page) throw new Error(`xiaozhao: page ${route.method} ${route.path} declares no app.page access`);
    const reads = page.audience === 'public' ? page.session : page.audience;
    const posts = [route.method].flat().some((m) => String(m).toUpperCase() === 'POST');
    const once = options.app?.formOnce ?? (posts && typeof options.handler === 'function');
    if (once && typeof options.handler !== 'function')
      throw new Error(
        `xiaozhao: page ${route.method} ${route.path} declares formOnce without options.handler`,
      );
    // A public page read by GET greets whoever is signed in (core/pages/visitor.ts): it reads both sessions.
    const greets = !reads && [route.method].flat().every((m) => String(m).toUpperCase() === 'GET');
    return {
      ...route,
      options: {
        ...options,
        auth: reads ? sessionAuth(reads) : greets ? VISITOR_AUTH : false,
        ...(once ? { handler: onceHandler(options.handler!) } : {}),
      },
    } as ServerRoute;
  });
}

/** Where a visitor stopped at a form post comes back to once signed in: the page the form was on, if on this site. */
function backAfterLogin(request: Request, audience: Audience): string | undefined {
  if (request.method === 'get') return undefined;
  const referer = String(request.headers.referer ?? '');
  try {
    const url = new URL(referer);
    const prefix = local(request, AREAS[audience].root);
    if (url.host === request.info.host && url.pathname.startsWith(prefix))
      return `${url.pathname.slice(request.app.xz.basePath.length)}${url.search}`;
  } catch {
    // no referer, or not a URL: back to the area's home
  }
  return AREAS[audience].home;
}

export function registerPageAccess(server: Server): void {
  server.ext('onPostAuth', (request: Request, h: ResponseToolkit) => {
    const page = pageOf(request);
    if (!page || page.audience === 'public') return h.continue;
    const c = sessionOf(request, page.audience);
    if (!c) return toLogin(request, h, page.audience, backAfterLogin(request, page.audience)).takeover();
    if (c.kind === 'staff')
      assertStaffOf(
        c as StaffCredentials,
        request.app.xz.site,
        '您只能管理本校站点，请使用本站的管理员账号登录本站管理控制台',
      );
    if (c.kind === 'student' && (c as { siteId?: number }).siteId !== request.app.xz.site.id)
      throw appError(403, 'FORBIDDEN', '您不是本校学生，请到所在学校的就业网站登录');
    if (page.permission) {
      const permissions = (c as { permissions?: string[] }).permissions ?? [];
      if (!permissions.includes(page.permission))
        throw appError(403, 'FORBIDDEN', '您的账号没有此功能的权限，请联系单位管理员');
    }
    return h.continue;
  });
}
