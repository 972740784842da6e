// Page sessions of staff accounts: the JWT in the httpOnly cookie `xz_staff` (declared by core), read by the
// `staff-session` strategy in `try` mode so that a missing or stale cookie leads to this site's login page. A staff
// member works only on the pages of their own site: on any other site's console the answer is a 403 page, before any
// data is read, whatever the cookie says.
import type { Lifecycle, Request, ResponseObject, ResponseToolkit } from '@hapi/hapi';
import { sessionCookie, type StaffCredentials } from '../../core/auth/principals.js';
import { appError } from '../../core/http/errors.js';
import { cookiePath, local } from '../employer-pages/session.js';

export { cookiePath, local, seeOther } from '../employer-pages/session.js';

export const STAFF_COOKIE = sessionCookie('staff');

/** Route auth of every staff page. */
export const STAFF_AUTH = { strategy: 'staff-session', mode: 'try' } as const;

function credentials(request: Request): StaffCredentials | null {
  if (!request.auth.isAuthenticated) return null;
  const c = request.auth.credentials as unknown as StaffCredentials;
  return c?.kind === 'staff' ? c : null;
}

/** The signed-in staff member of the site being visited; null when nobody is signed in; 403 for another site's staff. */
export function staffOf(request: Request): StaffCredentials | null {
  const c = credentials(request);
  if (!c) return null;
  if (c.site !== request.app.xz.site.slug)
    throw appError(403, 'FORBIDDEN', '您只能管理本校站点，请使用本站的管理员账号登录本站管理控制台');
  return c;
}

/** A page handler for this site's staff: anyone else is sent to the login page and, once signed in, back here. */
export function forStaff(
  handler: (request: Request, h: ResponseToolkit, c: StaffCredentials) => Lifecycle.ReturnValue,
): Lifecycle.Method {
  return (request, h) => {
    const c = staffOf(request);
    return c ? handler(request, h, c) : toLogin(request, h);
  };
}

/** Signed in on this very site (the login page sends such a visitor on to the console). */
export function signedInHere(request: Request): StaffCredentials | null {
  const c = credentials(request);
  return c && c.site === request.app.xz.site.slug ? c : null;
}

/** `next` when it is a path inside this site's console, else null. */
export function safeNext(request: Request, next: unknown): string | null {
  if (typeof next !== 'string' || next.length > 500) return null;
  const prefix = local(request, '/admin');
  if (!next.startsWith(prefix)) return null;
  const rest = next.slice(prefix.length);
  if (rest !== '' && !/^[/?#]/.test(rest)) return null;
  if (/[\\\s]|\/\/|\/\.\.?(\/|$)/.test(next)) return null;
  if (/^\/admin\/(login|logout|files)\b/.test(next.slice(request.app.xz.basePath.length))) return null;
  return next;
}

/** To this site's console login, coming back to `back` (default: the page asked for) afterwards. */
export function toLogin(request: Request, h: ResponseToolkit, back?: string): ResponseObject {
  const next = back ? local(request, back) : `${local(request, request.path)}${request.url.search}`;
  const response = h.redirect(`${local(request, '/admin/login')}?next=${encodeURIComponent(next)}`);
  return request.state?.[STAFF_COOKIE] ? response.unstate(STAFF_COOKIE, cookiePath(request)) : response;
}
