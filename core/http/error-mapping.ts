// One onPreResponse extension turns every failure into the API error shape, or into the site theme's 404/error
// page for browsers asking for HTML. joi failures become 400 VALIDATION with Chinese details; objection and pg
// errors that escaped a service become 4xx where their meaning is clear; anything else is logged as a bug (500).
import Boom from '@hapi/boom';
import type { Lifecycle, Request, ResponseToolkit, Server } from '@hapi/hapi';
import type Joi from 'joi';
import type { SiteRegistry } from '../tenancy/sites.js';
import { renderPage } from '../theming/render.js';
import type { ThemeRegistry } from '../theming/themes.js';
import { appError, fromDatabaseError, joiDetails, toErrorPayload, validationError } from './errors.js';

/** Route-level failAction: joi errors → 400 VALIDATION with field details. */
export const validationFailAction: Lifecycle.Method = (_request, _h, err) => {
  const details = (err as Joi.ValidationError | undefined)?.details;
  if (Array.isArray(details)) throw validationError(joiDetails(err as Joi.ValidationError));
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

export function registerErrorMapping(
  server: Server,
  deps: { sites: SiteRegistry; themes: ThemeRegistry },
): void {
  server.ext('onPreResponse', (request: Request, h: ResponseToolkit) => {
    const response = request.response;
    if (!Boom.isBoom(response)) return h.continue;
    let err: Boom.Boom = response;
    if (!response.data?.code) {
      const mapped = fromDatabaseError(response);
      if (mapped) err = mapped;
    }
    if (isCsrfFailure(request, err)) err = appError(403, 'CSRF_INVALID', '页面已过期，请刷新页面后重新提交');
    const payload = toErrorPayload(err);
    // Logged on the server logger, so requests that skip per-request logging (public reads) still report bugs.
    // A Boom's message and stack are not enumerable: name them, or the log says only "500".
    if (payload.statusCode >= 500)
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
      return renderPage(
        request,
        h,
        deps.sites,
        deps.themes,
        template,
        { error: { ...payload, message } },
        {
          title: payload.statusCode === 404 ? '页面不存在' : '出错了',
          status: payload.statusCode,
        },
      );
    }
    const reply = h.response(payload).code(payload.statusCode);
    for (const [name, value] of Object.entries(err.output.headers)) {
      if (value !== undefined && name.toLowerCase() !== 'content-type') reply.header(name, String(value));
    }
    return reply;
  });
}
