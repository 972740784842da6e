// Page sessions of employer accounts: the JWT in the host-only httpOnly cookie `xz_employer` (declared by core),
// checked by the `employer-session` strategy in `try` mode so that a missing or stale cookie sends the browser to the
// login page of the same site instead of a bare 401. Redirect targets are always paths on this site: `next` is
// accepted only when it is a local path inside the employer centre of the site being visited.
import type { Lifecycle, Request, ResponseObject, ResponseToolkit } from '@hapi/hapi';
import { sessionCookie } from '../../core/auth/principals.js';
import type { App } from '../../core/app.js';
import type { AccountRow } from '../accounts/account-service.js';
import type { EmployerCredentials } from '../accounts/permissions.js';

export const SESSION_COOKIE = sessionCookie('employer');

/** Route auth of every employer page. */
export const SESSION_AUTH = { strategy: 'employer-session', mode: 'try' } as const;

export function signedIn(request: Request): EmployerCredentials | null {
  if (!request.auth.isAuthenticated) return null;
  const c = request.auth.credentials as unknown as EmployerCredentials;
  return c?.kind === 'employer' ? c : null;
}

/**
 * A page handler for signed-in employers: anyone else is sent to the login page and, once signed in, back here.
 * (Routes use SESSION_AUTH in `try` mode so that a visitor is redirected rather than shown 401.)
 */
export function forEmployer(
  handler: (request: Request, h: ResponseToolkit, c: EmployerCredentials) => Lifecycle.ReturnValue,
): Lifecycle.Method {
  return (request, h) => {
    const c = signedIn(request);
    return c ? handler(request, h, c) : toLogin(request, h);
  };
}

/** A path on the site being visited (adds /s/<slug> when the site was reached by prefix). */
export function local(request: Request, path: string): string {
  return `${request.app.xz.basePath}${path}`;
}

/** `next` when it is a path inside this site's employer centre, else null. */
export function safeNext(request: Request, next: unknown): string | null {
  if (typeof next !== 'string' || next.length > 500) return null;
  const prefix = local(request, '/employer');
  if (!next.startsWith(prefix)) return null;
  const rest = next.slice(prefix.length);
  if (rest !== '' && !/^[/?#]/.test(rest)) return null;
  if (/[\\\s]|\/\/|\/\.\.?(\/|$)/.test(next)) return null;
  if (/^\/employer\/(login|logout|register|sso)\b/.test(next.slice(request.app.xz.basePath.length)))
    return null;
  return next;
}

/** To the login page of this site, coming back to `back` (default: the page asked for) afterwards. */
export function toLogin(request: Request, h: ResponseToolkit, back?: string): ResponseObject {
  const next = back ? local(request, back) : `${local(request, request.path)}${request.url.search}`;
  const response = h.redirect(`${local(request, '/employer/login')}?next=${encodeURIComponent(next)}`);
  return request.state[SESSION_COOKIE] ? response.unstate(SESSION_COOKIE, cookiePath(request)) : response;
}

/** After a POST: 303 to a page of this site (path without the site prefix), with a flash key the page maps to text. */
export function seeOther(request: Request, h: ResponseToolkit, path: string, done?: string): ResponseObject {
  const target = local(request, path);
  const sep = target.includes('?') ? '&' : '?';
  return h.redirect(done ? `${target}${sep}done=${encodeURIComponent(done)}` : target).code(303);
}

/**
 * The cookie's path: a site reached by host owns the whole host; on a single domain (/s/<slug>/…) each site's
 * session stays under its own prefix, so signing in at one school does not sign in at the others.
 */
export function cookiePath(request: Request): { path: string } {
  return { path: request.app.xz.basePath || '/' };
}

/** Signs the account in on this site: a fresh token in the session cookie. */
export function startSession(
  app: App,
  request: Request,
  h: ResponseToolkit,
  account: Pick<AccountRow, 'id' | 'token_version'>,
) {
  const token = app.principals.sign(app.services.accounts!.payload(account));
  h.state(SESSION_COOKIE, token, cookiePath(request));
}

/** Where an account goes once signed in: set a password first when it has none, else `next` or the centre. */
export function afterLogin(
  request: Request,
  account: Pick<AccountRow, 'password_hash'>,
  next: unknown,
): string {
  const target = safeNext(request, next);
  if (!account.password_hash) {
    const back = target ? `?next=${encodeURIComponent(target)}` : '';
    return `${local(request, '/employer/password')}${back}`;
  }
  return target ?? local(request, '/employer');
}
