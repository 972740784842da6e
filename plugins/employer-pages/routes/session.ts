// One-click login (一键登录) landing on this site's host, and logout. A ticket is redeemed only on the site it was
// issued for; logout ends every session of the account (the token version moves on), not just this cookie.
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../core/app.js';
import {
  afterLogin,
  local,
  SESSION_AUTH,
  SESSION_COOKIE,
  signedIn,
  startSession,
  cookiePath,
} from '../session.js';

export function sessionRoutes(app: App): ServerRoute[] {
  const accounts = service(app, 'accounts');
  const sso = service(app, 'sso');
  return [
    {
      method: 'GET',
      path: '/employer/sso',
      options: {
        auth: false,
        app: { access: { public: true } },
        validate: {
          query: Joi.object({ ticket: Joi.string().max(200).allow('').default('') }).unknown(true),
        },
        handler: async (request, h) => {
          const { ticket } = request.query as { ticket: string };
          const account = await sso.redeem(ticket, request.app.xz.site);
          startSession(app, request, h, account);
          return h.redirect(afterLogin(request, account, null)).header('Cache-Control', 'no-store');
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/logout',
      options: {
        auth: SESSION_AUTH,
        app: { access: { public: true } },
        handler: async (request, h) => {
          const c = signedIn(request);
          if (c) await accounts.revokeTokens(c.id);
          return h
            .redirect(`${local(request, '/employer/login')}?done=logout`)
            .code(303)
            .unstate(SESSION_COOKIE, cookiePath(request));
        },
      },
    },
  ];
}
