// One-click login (一键登录) landing on this site's host, and logout. A ticket is redeemed only on the site it was
// issued for; logout ends every session of the account (the token version moves on), not just this cookie.
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import { afterLogin, endSession, local, sessionOf, startSession } from '../../../../core/pages/index.js';
import type { EmployerCredentials } from '../../../accounts/permissions.js';

export function sessionPages(app: App): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/employer/sso',
      options: {
        app: { page: { audience: 'public' } },
        validate: {
          query: Joi.object({ ticket: Joi.string().max(200).allow('').default('') }).unknown(true),
        },
        handler: async (request, h) => {
          const { ticket } = request.query as { ticket: string };
          const account = await service(app, 'sso').redeem(ticket, request.app.xz.site);
          startSession(
            request,
            h,
            'employer',
            app.principals.sign(service(app, 'accounts').payload(account)),
          );
          return h
            .redirect(
              afterLogin(request, 'employer', null, account.password_hash ? undefined : '/employer/password'),
            )
            .header('Cache-Control', 'no-store');
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/logout',
      options: {
        app: { page: { audience: 'public', session: 'employer' } },
        handler: async (request, h) => {
          const c = sessionOf<EmployerCredentials>(request, 'employer');
          if (c) await service(app, 'accounts').revokeTokens(c.id);
          return endSession(
            request,
            h.redirect(`${local(request, '/employer/login')}?done=logout`).code(303),
            'employer',
          );
        },
      },
    },
  ];
}
