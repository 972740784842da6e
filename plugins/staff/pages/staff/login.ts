// 管理员登录 of a site's console, and 退出. A staff account signs in only on its own site: the password is checked
// first (the lockout counts), then an account of another site is refused without a session.
import type { StaffService } from '../../staff-service.js';
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import {
  FieldSpec,
  FormErrors,
  endSession,
  errorSummary,
  failure,
  fields,
  local,
  pick,
  render,
  safeNext,
  sessionOf,
  startSession,
} from '../../../../core/pages/index.js';
import { flash } from '../flash.js';
import type { StaffCredentials } from '../../../../core/auth/principals.js';
import { siteHref } from '../../../../core/tenancy/resolver.js';
import { isStaffOf } from '../../../../core/tenancy/scope.js';

const SPECS: FieldSpec[] = [
  {
    name: 'username',
    label: '用户名',
    required: true,
    attrs: { maxlength: 64, autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false' },
  },
  {
    name: 'password',
    label: '密码',
    type: 'password',
    required: true,
    attrs: { maxlength: 128, autocomplete: 'current-password' },
  },
];
const LABELS = { username: '用户名', password: '密码' };

interface LoginForm {
  next: string | null;
  username?: string;
  errors?: FormErrors;
  message?: string;
  /** a link under the message: the console of the site the account belongs to */
  link?: { href: string; text: string };
  flash?: string;
}

function page(app: App, request: Request, h: ResponseToolkit, form: LoginForm, status = 200) {
  const errors = form.errors ?? {};
  return render(request, h, 'staff/login', {
    data: {
      next: form.next ?? '',
      form: { fields: fields(SPECS, { username: form.username ?? '' }, errors, 'staff') },
      alerts: {
        flash: form.flash,
        message: form.message,
        link: form.link,
        summary: errorSummary(errors, LABELS, 'staff'),
      },
    },
    title: '管理员登录',
    status: status,
  });
}

export function loginPages(app: App): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/admin/login',
      options: {
        app: { page: { audience: 'public', session: 'staff' } },
        validate: {
          query: Joi.object({ next: Joi.string().max(500).allow(''), done: Joi.string().max(40) }).unknown(
            true,
          ),
        },
        handler: (request, h) => {
          const { next, done } = request.query as { next?: string; done?: string };
          const signedIn = sessionOf<StaffCredentials>(request, 'staff');
          if (signedIn && isStaffOf(signedIn, request.app.xz.site))
            return h.redirect(safeNext(request, 'staff', next) ?? local(request, '/admin/reviews'));
          return page(app, request, h, { next: safeNext(request, 'staff', next), flash: flash(done) });
        },
      },
    },
    {
      method: 'POST',
      path: '/admin/login',
      options: {
        app: { page: { audience: 'public' } },
        handler: async (request, h) => {
          const input = pick(request.payload, ['username', 'password', 'next']);
          const next = safeNext(request, 'staff', input.next);
          const username = (input.username ?? '').trim().toLowerCase();
          const errors: FormErrors = {};
          if (!username) errors.username = '请填写用户名';
          else if (username.length > 64) errors.username = '用户名不正确';
          if (!input.password) errors.password = '请填写密码';
          else if (input.password.length > 128) errors.password = '密码不正确';
          if (Object.keys(errors).length > 0) return page(app, request, h, { next, username, errors }, 400);
          let result: Awaited<ReturnType<StaffService['login']>>;
          try {
            result = await service(app, 'staff').login(username, input.password!, request.info.remoteAddress);
          } catch (err) {
            const f = failure(err, []);
            return page(app, request, h, { next, username, message: f.message }, f.status);
          }
          if (!isStaffOf(result.staff, request.app.xz.site)) {
            const own = app.sites.byId(result.staff.siteId);
            const message = '该账号不是本站的管理员账号，请到所属站点的管理控制台登录';
            const link = own && {
              href: siteHref(request, app.sites, own, '/admin/login'),
              text: `前往${own.name}管理控制台登录`,
            };
            return page(app, request, h, { next: null, username, message, link: link || undefined }, 403);
          }
          startSession(request, h, 'staff', app.principals.sign(result.payload));
          return h.redirect(next ?? local(request, '/admin/reviews')).code(303);
        },
      },
    },
    {
      method: 'POST',
      path: '/admin/logout',
      options: {
        app: { page: { audience: 'public', session: 'staff' } },
        handler: async (request, h) => {
          // Logging out revokes the session's token everywhere, not only this cookie.
          const c = request.auth.isAuthenticated
            ? (request.auth.credentials as unknown as { id: number })
            : null;
          if (c) await service(app, 'staff').revokeTokens(c.id);
          return endSession(
            request,
            h.redirect(`${local(request, '/admin/login')}?done=logout`).code(303),
            'staff',
          );
        },
      },
    },
  ];
}
