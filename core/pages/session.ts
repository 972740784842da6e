// Page sessions, one per audience (employer, staff, student): the JWT in a host-only httpOnly cookie `xz_<kind>`
// (declared by core/auth), read by the `<kind>-session` strategy in `try` mode so that a missing or stale cookie
// leads to the login page of the same site instead of a bare 401. Redirect targets are always paths on this site:
// `next` is accepted only when it is a local path inside the audience's own area of the site being visited.
import type { Request, ResponseObject, ResponseToolkit } from '@hapi/hapi';
import { sessionCookie, type Credentials, type StaffCredentials } from '../auth/principals.js';
import { noteCookie } from './form-once.js';
import type { StudentSession } from './ui.js';

export type Audience = 'employer' | 'staff' | 'student';

interface Area {
  /** the audience's pages live under this path */
  root: string;
  login: string;
  /** where a signed-in visitor lands by default */
  home: string;
  /** pages never returned to after signing in */
  noReturn: RegExp;
}

export const AREAS: Record<Audience, Area> = {
  employer: {
    root: '/employer',
    login: '/employer/login',
    home: '/employer',
    noReturn: /^\/employer\/(login|logout|register|sso|password-reset)\b/,
  },
  staff: {
    root: '/admin',
    login: '/admin/login',
    home: '/admin/reviews',
    noReturn: /^\/admin\/(login|logout|files)\b/,
  },
  student: {
    root: '/student',
    login: '/student/login',
    home: '/student',
    noReturn: /^\/student\/(login|logout|register)\b/,
  },
};

/** Route auth of a page that reads an audience's session (never refuses by itself: the page access check does). */
export function sessionAuth(audience: Audience) {
  return { strategy: `${audience}-session`, mode: 'try' } as const;
}

/** A path on the site being visited (adds /s/<slug> when the site was reached by prefix). */
export function local(request: Request, path: string): string {
  return `${request.app.xz.basePath}${path}`;
}

/**
 * The cookie's path: a site reached by host owns the whole host; on a single domain (/s/<slug>/…) each site's
 * session stays under its own prefix, so signing in at one school does not sign in at the others.
 */
export function cookiePath(request: Request): { path: string } {
  return { path: request.app.xz.basePath || '/' };
}

/** The signed-in credentials of `audience` on this request, whatever site they belong to; else null. */
export function sessionOf<T extends Credentials = Credentials>(
  request: Request,
  audience: Audience,
): T | null {
  if (!request.auth.isAuthenticated) return null;
  const c = request.auth.credentials as unknown as Credentials | undefined;
  return c?.kind === audience ? (c as T) : null;
}

/**
 * The staff member signed in on this page. Only for pages that declare `page: { audience: 'staff' }`: the page access
 * check has already sent anyone else to the login page and another site's staff to a 403.
 */
export function staffOf(request: Request): StaffCredentials {
  const c = sessionOf<StaffCredentials>(request, 'staff');
  if (!c) throw new Error('xiaozhao: staffOf() on a page that does not declare the staff audience');
  return c;
}

/**
 * The student signed in on this page. Only for pages that declare `page: { audience: 'student' }`: the page access
 * check has already sent anyone else to the login page and a student of another school to a 403.
 */
export function studentOf(request: Request): StudentSession {
  const c = sessionOf<StudentSession>(request, 'student');
  if (!c) throw new Error('xiaozhao: studentOf() on a page that does not declare the student audience');
  return c;
}

/**
 * `next` with every character outside printable ASCII percent-encoded (UTF-8), so it can stand in a Location header
 * (`/employer/中` → `/employer/%E4%B8%AD`); escapes already there are kept. Null when it cannot be encoded (a lone
 * surrogate).
 */
function asciiPath(next: string): string | null {
  try {
    return next.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
  } catch {
    return null;
  }
}

/**
 * `next` when it is a path inside this site's area of `audience`, else null; percent-encoded where it is not ASCII,
 * so a redirect to it is always a valid header.
 */
export function safeNext(request: Request, audience: Audience, raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 500 || /[\\\s\p{Cc}]/u.test(raw)) return null;
  const next = asciiPath(raw);
  if (next === null || next.length > 2000) return null;
  const area = AREAS[audience];
  const prefix = local(request, area.root);
  if (!next.startsWith(prefix)) return null;
  const rest = next.slice(prefix.length);
  if (rest !== '' && !/^[/?#]/.test(rest)) return null;
  if (/[\\\s]|\/\/|\/\.\.?(\/|$)/.test(next)) return null;
  if (area.noReturn.test(next.slice(request.app.xz.basePath.length))) return null;
  return next;
}

/** To this site's login page of `audience`, coming back to `back` (a path; default: the page asked for) afterwards. */
export function toLogin(
  request: Request,
  h: ResponseToolkit,
  audience: Audience,
  back?: string,
): ResponseObject {
  const next = back ? local(request, back) : `${local(request, request.path)}${request.url.search}`;
  const response = h.redirect(`${local(request, AREAS[audience].login)}?next=${encodeURIComponent(next)}`);
  const cookie = sessionCookie(audience);
  return request.state?.[cookie] ? response.unstate(cookie, cookiePath(request)) : response;
}

/** After a POST: 303 to a page of this site (path without the site prefix), with a flash key the page maps to text. */
export function seeOther(request: Request, h: ResponseToolkit, path: string, done?: string): ResponseObject {
  const target = local(request, path);
  const sep = target.includes('?') ? '&' : '?';
  return h.redirect(done ? `${target}${sep}done=${encodeURIComponent(done)}` : target).code(303);
}

/** Signs `audience` in on this site: `token` in the session cookie. */
export function startSession(request: Request, h: ResponseToolkit, audience: Audience, token: string): void {
  h.state(sessionCookie(audience), token, cookiePath(request));
  noteCookie(request, sessionCookie(audience), token, cookiePath(request));
}

/** Signs `audience` out on this site: the response drops the session cookie. */
export function endSession(request: Request, response: ResponseObject, audience: Audience): ResponseObject {
  return response.unstate(sessionCookie(audience), cookiePath(request));
}

/** Where a visitor goes once signed in: a page to set a password first when `passwordPage` is given, else `next`. */
export function afterLogin(
  request: Request,
  audience: Audience,
  next: unknown,
  passwordPage?: string,
): string {
  const target = safeNext(request, audience, next);
  if (passwordPage) {
    const back = target ? `?next=${encodeURIComponent(target)}` : '';
    return `${local(request, passwordPage)}${back}`;
  }
  return target ?? local(request, AREAS[audience].home);
}
