// One onPreResponse extension turns every failure into the API error shape, or into the site theme's 404/error
// page for browsers asking for HTML. joi failures become 400 VALIDATION with Chinese details; objection and pg
// errors that escaped a service become 4xx where their meaning is clear; PostgreSQL or Redis being away (and a
// session that could not be checked because of it) becomes 503 UNAVAILABLE with Retry-After, logged as a warning;
// anything else is logged as a bug (500).
import Boom from '@hapi/boom';
import type { Lifecycle, Request, ResponseObject, ResponseToolkit, Server } from '@hapi/hapi';
import type Joi from 'joi';
import { accessDeniedBeforeCheck } from '../auth/access.js';
import { authUnavailable } from '../auth/principals.js';
import type { SiteRegistry } from '../tenancy/sites.js';
import { renderPage } from '../theming/render.js';
import type { ThemeRegistry } from '../theming/themes.js';
import {
  appError,
  fromDatabaseError,
  joiDetails,
  joiLabel,
  toErrorPayload,
  validationError,
} from './errors.js';
import { isServiceUnavailable, unavailable } from './unavailable.js';

/** Route-level failAction: joi errors → 400 VALIDATION with field details. */
export const validationFailAction: Lifecycle.Method = (_request, _h, err) => {
  const details = (err as Joi.ValidationError | undefined)?.details;
  if (Array.isArray(details))
    throw validationError(joiDetails(err as Joi.ValidationError), details[0] ? joiLabel(details[0]) : null);
  throw err;
};

function wantsHtml(request: Request): boolean {
  if (request.path.startsWith('/api/')) return false;
  const accept = String(request.headers.accept ?? '');
  if (request.method === 'post') return accept.includes('text/html');
  if (request.method !== 'get' && request.method !== 'head') return false;
  return accept === '' || accept.includes('text/html') || accept.includes('*/*');
}

/** @hapi/crumb refuses a page form without a valid token with a bare 403. */
function isCsrfFailure(request: Request, err: Boom.Boom): boolean {
  return (
    err.output.statusCode === 403 &&
    !err.data?.code &&
    request.method === 'post' &&
    !request.path.startsWith('/api/')
  );
}

/** The Boom's own headers (WWW-Authenticate, Allow, Retry-After …) on the reply; `only` restricts them by name. */
function withHeaders(reply: ResponseObject, err: Boom.Boom, only?: string[]): ResponseObject {
  for (const [name, value] of Object.entries(err.output.headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || lower === 'content-type' || (only && !only.includes(lower))) continue;
    reply.header(name, String(value));
  }
  return reply;
}

export function registerErrorMapping(
  server: Server,
  deps: { sites: SiteRegistry; themes: ThemeRegistry },
): void {
  server.ext('onPreResponse', (request: Request, h: ResponseToolkit) => {
    const response = request.response;
    if (!Boom.isBoom(response)) return h.continue;
    const denied = accessDeniedBeforeCheck(request, response);
    let err: Boom.Boom = denied ?? response;
    const away =
      !denied &&
      !response.data?.code &&
      (isServiceUnavailable(response) || (response.output.statusCode === 401 && authUnavailable(request)));
    if (away) err = unavailable();
    else if (!response.data?.code) {
      const mapped = fromDatabaseError(response);
      if (mapped) err = mapped;
    }
    if (isCsrfFailure(request, err)) err = appError(403, 'CSRF_INVALID', '页面已过期，请刷新页面后重新提交');
    const payload = toErrorPayload(err);
    // Logged on the server logger, so requests that skip per-request logging (public reads) still report bugs.
    // A Boom's message and stack are not enumerable: name them, or the log says only "500".
    if (away)
      request.server.log(['warn', 'unavailable'], {
        err: { message: response.message },
        path: request.path,
        method: request.method,
      });
    else if (payload.statusCode >= 500)
      request.server.log(['error'], {
        err: { message: response.message, stack: response.stack, data: response.data },
        path: request.path,
        method: request.method,
      });
    if (wantsHtml(request) && request.app.xz) {
      const template = payload.statusCode === 404 ? '404' : 'error';
      const message = request.app.xz.unknownSite
        ? `站点 “${request.app.xz.unknownSite}” 不存在`
        : payload.statusCode === 404 && !err.data?.code
          ? '您访问的页面不存在或已被删除'
          : payload.message;
      const page = renderPage(
        request,
        h,
        deps.sites,
        deps.themes,
        template,
        { error: { ...payload, message } },
        {
          title: payload.statusCode === 404 ? '页面不存在' : away ? '服务暂时不可用' : '出错了',
          status: payload.statusCode,
        },
      );
      return withHeaders(page, err, ['retry-after']);
    }
    return withHeaders(h.response(payload).code(payload.statusCode), err);
  });
}
