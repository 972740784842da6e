// 单位登录: password or SMS code, as two tabs that are plain links (?tab=password|sms). A sub-account that never signed
// in is sent to the SMS tab (403 SMS_LOGIN_REQUIRED); an account without a password sets one before anything else.
import type { AccountService } from '../../../accounts/account-service.js';
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import { mobileSchema } from '../../../verification/routes/send-code.js';
import {
  FieldSpec,
  FormErrors,
  FormValues,
  afterLogin,
  errorSummary,
  failure,
  fields,
  local,
  pick,
  render,
  safeNext,
  sessionOf,
  startSession,
  validateForm,
} from '../../../../core/pages/index.js';
import { flash } from '../flash.js';
import type { EmployerCredentials } from '../../../accounts/permissions.js';

type Tab = 'password' | 'sms';

const PHONE: FieldSpec = {
  name: 'phone',
  label: '手机号',
  // A text field typed as a phone number: `username` (for password managers) is not allowed on type="tel".
  type: 'text',
  required: true,
  attrs: { maxlength: 20, inputmode: 'tel', autocomplete: 'username' },
};
const PASSWORD_SPECS: FieldSpec[] = [
  PHONE,
  {
    name: 'password',
    label: '密码',
    type: 'password',
    required: true,
    attrs: { maxlength: 128, autocomplete: 'current-password' },
  },
];
const SMS_SPECS: FieldSpec[] = [
  { ...PHONE, help: '子账号首次登录请使用短信验证码登录' },
  {
    name: 'code',
    label: '短信验证码',
    required: true,
    attrs: { maxlength: 6, inputmode: 'numeric', autocomplete: 'one-time-code' },
  },
];
const NAMES = ['phone', 'password', 'code'] as const;
const LABELS = { phone: '手机号', password: '密码', code: '短信验证码' };

const code = Joi.string()
  .trim()
  .pattern(/^\d{6}$/)
  .required()
  .messages({ 'string.pattern.base': '请输入6位数字验证码' });
const passwordLogin = Joi.object({
  phone: mobileSchema.required(),
  password: Joi.string().min(1).max(128).required(),
});
const smsLogin = Joi.object({ phone: mobileSchema.required(), code });

const CODE_FIELDS = { PHONE_NOT_REGISTERED: 'phone', SMS_CODE_INVALID: 'code', RATE_LIMITED: 'code' };

interface LoginForm {
  tab: Tab;
  next?: string | null;
  values: FormValues;
  errors: FormErrors;
  message?: string;
  info?: string;
  flash?: string;
  codeSent?: boolean;
}

function tabHref(tab: Tab, next: string | null | undefined): string {
  return `/employer/login?tab=${tab}${next ? `&next=${encodeURIComponent(next)}` : ''}`;
}

function page(app: App, request: Request, h: ResponseToolkit, form: LoginForm, status = 200) {
  const values = { phone: form.values.phone, code: form.tab === 'sms' ? form.values.code : undefined };
  const specs = form.tab === 'sms' ? SMS_SPECS : PASSWORD_SPECS;
  const f = fields(specs, values, form.errors, form.tab);
  if (form.codeSent) f.code!.attrs = { ...f.code!.attrs, autofocus: 'autofocus' };
  return render(request, h, 'employers/login', {
    data: {
      tab: form.tab,
      sms: form.tab === 'sms',
      next: form.next ?? '',
      tabs: [
        { label: '密码登录', href: tabHref('password', form.next), current: form.tab === 'password' },
        { label: '短信验证码登录', href: tabHref('sms', form.next), current: form.tab === 'sms' },
      ],
      form: { fields: f },
      alerts: {
        flash: form.flash,
        info: form.info,
        message: form.message,
        summary: errorSummary(form.errors, LABELS, form.tab),
      },
    },
    title: '单位登录',
    status: status,
  });
}

export function loginPages(app: App): ServerRoute[] {
  const succeed = async (
    request: Request,
    h: ResponseToolkit,
    account: Awaited<ReturnType<AccountService['login']>>,
    next: unknown,
  ) => {
    startSession(request, h, 'employer', app.principals.sign(service(app, 'accounts').payload(account)));
    return h
      .redirect(
        afterLogin(request, 'employer', next, account.password_hash ? undefined : '/employer/password'),
      )
      .code(303);
  };

  return [
    {
      method: 'GET',
      path: '/employer/login',
      options: {
        app: { page: { audience: 'public', session: 'employer' } },
        validate: {
          query: Joi.object({
            tab: Joi.string().valid('password', 'sms').default('password'),
            next: Joi.string().max(500).allow(''),
            done: Joi.string().max(40),
          }).unknown(true),
        },
        handler: (request, h) => {
          const { tab, next, done } = request.query as { tab: Tab; next?: string; done?: string };
          const c = sessionOf<EmployerCredentials>(request, 'employer');
          if (c)
            return h.redirect(safeNext(request, 'employer', next) ?? `${request.app.xz.basePath}/employer`);
          return page(app, request, h, {
            tab,
            next: safeNext(request, 'employer', next),
            values: {},
            errors: {},
            flash: flash(done),
          });
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/login',
      options: {
        app: { page: { audience: 'public' } },
        handler: async (request, h) => {
          const input = pick(request.payload, ['mode', 'phone', 'password', 'code', 'next']);
          const tab: Tab = input.mode === 'sms' ? 'sms' : 'password';
          const next = safeNext(request, 'employer', input.next);
          const values = { phone: input.phone, code: input.code };
          const checked = validateForm<{ phone: string; password?: string; code?: string }>(
            tab === 'sms' ? smsLogin : passwordLogin,
            tab === 'sms'
              ? { phone: input.phone, code: input.code }
              : { phone: input.phone, password: input.password },
            NAMES,
          );
          if (!checked.ok) return page(app, request, h, { tab, next, values, errors: checked.errors }, 400);
          const { phone } = checked.value;
          try {
            if (tab === 'sms') {
              const attempt = await service(app, 'loginLimits').begin(request.info.remoteAddress);
              await service(app, 'verification').consume(phone, 'login', checked.value.code!);
              await attempt.succeeded();
              return await succeed(request, h, await service(app, 'accounts').smsLogin(phone), next);
            }
            return await succeed(
              request,
              h,
              await service(app, 'accounts').login(
                phone,
                checked.value.password!,
                request.info.remoteAddress,
              ),
              next,
            );
          } catch (err) {
            const f = failure(err, NAMES, tab === 'sms' ? CODE_FIELDS : {});
            if (f.code === 'SMS_LOGIN_REQUIRED')
              return page(
                app,
                request,
                h,
                { tab: 'sms', next, values: { phone }, errors: {}, info: f.message },
                403,
              );
            return page(
              app,
              request,
              h,
              { tab, next, values, errors: f.errors, message: f.message },
              f.status,
            );
          }
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/login/code',
      options: {
        app: { page: { audience: 'public' } },
        handler: (request, h) => h.redirect(local(request, '/employer/login?tab=sms')).code(303),
      },
    },
    {
      method: 'POST',
      path: '/employer/login/code',
      options: {
        app: { page: { audience: 'public' } },
        handler: async (request, h) => {
          const input = pick(request.payload, ['phone', 'next']);
          const next = safeNext(request, 'employer', input.next);
          const values = { phone: input.phone };
          const { value: phone, error } = mobileSchema.required().validate(input.phone ?? '');
          if (error)
            return page(
              app,
              request,
              h,
              {
                tab: 'sms',
                next,
                values,
                errors: { phone: input.phone ? '手机号格式不正确' : '请填写手机号' },
              },
              400,
            );
          try {
            await service(app, 'verification').send(phone as string, 'login', request.info.remoteAddress);
          } catch (err) {
            const f = failure(err, NAMES, CODE_FIELDS);
            return page(
              app,
              request,
              h,
              { tab: 'sms', next, values, errors: f.errors, message: f.message },
              f.status,
            );
          }
          return page(app, request, h, {
            tab: 'sms',
            next,
            values: { phone },
            errors: {},
            info: '验证码已发送，5 分钟内有效。',
            codeSent: true,
          });
        },
      },
    },
  ];
}
