// 学生登录 on a school's site: 学号或手机号 + 密码, or 首次登录/忘记密码 by SMS code (sent in place with a 60-second
// countdown by the verification script, or by posting the form without JavaScript); after an SMS sign-in the student
// sets a password. 退出 ends every session of the student. The provincial site has no students: its /student/login
// says so in Chinese and points to the schools.
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import {
  afterLogin,
  endSession,
  errorSummary,
  failure,
  fields,
  flashTexts,
  local,
  pick,
  render,
  safeNext,
  seeOther,
  sessionOf,
  startSession,
  studentOf,
  validateForm,
  type FieldSpec,
  type FormErrors,
  type FormValues,
} from '../../../../core/pages/index.js';
import { passwordSchema } from '../../../accounts/password-policy.js';
import { mobileSchema } from '../../../verification/routes/send-code.js';
import type { Student } from '../../models/student.js';
import type { StudentCredentials } from '../../student-service.js';

type Tab = 'password' | 'sms';

const flash = flashTexts({
  logout: '您已退出登录。',
  password: '密码已设置，以后可使用学号或手机号加密码登录。',
});

const PASSWORD_SPECS: FieldSpec[] = [
  {
    name: 'login',
    label: '学号或手机号',
    required: true,
    attrs: { maxlength: 32, autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false' },
  },
  {
    name: 'password',
    label: '密码',
    type: 'password',
    required: true,
    attrs: { maxlength: 128, autocomplete: 'current-password' },
  },
];
const SMS_SPECS: FieldSpec[] = [
  {
    name: 'phone',
    label: '手机号',
    required: true,
    help: '学校导入学生名单时登记的手机号',
    attrs: { maxlength: 20, inputmode: 'tel', autocomplete: 'tel' },
  },
  {
    name: 'code',
    label: '短信验证码',
    required: true,
    attrs: { maxlength: 6, inputmode: 'numeric', autocomplete: 'one-time-code' },
  },
];
const SET_SPECS: FieldSpec[] = [
  {
    name: 'currentPassword',
    label: '当前密码',
    type: 'password',
    required: true,
    attrs: { maxlength: 128, autocomplete: 'current-password' },
  },
  {
    name: 'newPassword',
    label: '新密码',
    type: 'password',
    required: true,
    help: '至少 8 位，须同时包含字母和数字',
    attrs: { maxlength: 64, autocomplete: 'new-password' },
  },
  {
    name: 'passwordConfirm',
    label: '确认新密码',
    type: 'password',
    required: true,
    attrs: { maxlength: 64, autocomplete: 'new-password' },
  },
];
const NAMES = ['login', 'password', 'phone', 'code'] as const;
const LABELS = { login: '学号或手机号', password: '密码', phone: '手机号', code: '短信验证码' };
const SET_LABELS = { currentPassword: '当前密码', newPassword: '新密码', passwordConfirm: '确认新密码' };
const CODE_FIELDS = {
  PHONE_NOT_REGISTERED: 'phone',
  SMS_CODE_INVALID: 'code',
  RATE_LIMITED: 'code',
  INVALID_CREDENTIALS: 'phone',
};

const passwordLogin = Joi.object({
  login: Joi.string()
    .trim()
    .max(32)
    .required()
    .messages({ 'string.empty': '请填写学号或手机号', 'any.required': '请填写学号或手机号' }),
  password: Joi.string()
    .max(128)
    .required()
    .messages({ 'string.empty': '请填写密码', 'any.required': '请填写密码' }),
});
const smsLogin = Joi.object({
  phone: mobileSchema.required(),
  code: Joi.string()
    .trim()
    .pattern(/^\d{6}$/)
    .required()
    .messages({
      'string.pattern.base': '请输入6位数字验证码',
      'string.empty': '请填写短信验证码',
      'any.required': '请填写短信验证码',
    }),
});

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
  return `/student/login?tab=${tab}${next ? `&next=${encodeURIComponent(next)}` : ''}`;
}

/** The provincial site: no student sign-in, a page that says where to go instead. */
function mainSitePage(request: Request, h: ResponseToolkit) {
  return render(request, h, 'students/no-students', { title: '学生登录', status: 404 });
}

function page(request: Request, h: ResponseToolkit, form: LoginForm, status = 200) {
  const sms = form.tab === 'sms';
  const f = fields(sms ? SMS_SPECS : PASSWORD_SPECS, form.values, form.errors, form.tab);
  if (form.codeSent) f.code!.attrs = { ...f.code!.attrs, autofocus: 'autofocus' };
  return render(request, h, 'students/login', {
    data: {
      sms,
      next: form.next ?? '',
      tabs: [
        { label: '密码登录', href: tabHref('password', form.next), current: !sms },
        { label: '首次登录 / 忘记密码', href: tabHref('sms', form.next), current: sms },
      ],
      form: { fields: f },
      alerts: {
        flash: form.flash,
        info: form.info,
        message: form.message,
        summary: errorSummary(form.errors, LABELS, form.tab),
      },
    },
    title: '学生登录',
    status,
  });
}

function passwordPage(
  request: Request,
  h: ResponseToolkit,
  form: { needCurrent: boolean; first: boolean; next?: string | null; errors?: FormErrors; message?: string },
  status = 200,
) {
  const errors = form.errors ?? {};
  const specs = form.needCurrent ? SET_SPECS : SET_SPECS.slice(1);
  return render(request, h, 'students/password', {
    data: {
      first: form.first,
      next: form.next ?? '',
      form: { fields: fields(specs, {}, errors, 'pw') },
      needCurrent: form.needCurrent,
      alerts: { message: form.message, summary: errorSummary(errors, SET_LABELS, 'pw') },
    },
    title: form.first ? '设置登录密码' : '修改密码',
    status,
    menu: 'password',
  });
}

export function studentLoginPages(app: App): ServerRoute[] {
  const succeed = (
    request: Request,
    h: ResponseToolkit,
    student: Student,
    next: unknown,
    viaSms: boolean,
  ) => {
    startSession(
      request,
      h,
      'student',
      app.principals.sign(service(app, 'students').payload(student, viaSms)),
    );
    return h
      .redirect(afterLogin(request, 'student', next, viaSms ? '/student/password' : undefined))
      .code(303);
  };
  const smsFailure = (
    request: Request,
    h: ResponseToolkit,
    err: unknown,
    next: string | null,
    values: FormValues,
  ) => {
    const f = failure(err, NAMES, CODE_FIELDS);
    return page(request, h, { tab: 'sms', next, values, errors: f.errors, message: f.message }, f.status);
  };
  return [
    {
      method: 'GET',
      path: '/student/login',
      options: {
        app: { page: { audience: 'public', session: 'student' } },
        validate: {
          query: Joi.object({
            tab: Joi.string().valid('password', 'sms').default('password'),
            next: Joi.string().max(500).allow(''),
            done: Joi.string().max(40),
          }).unknown(true),
        },
        handler: (request, h) => {
          if (request.app.xz.site.isMain) return mainSitePage(request, h);
          const { tab, next, done } = request.query as { tab: Tab; next?: string; done?: string };
          const c = sessionOf<StudentCredentials>(request, 'student');
          if (c && c.siteId === request.app.xz.site.id)
            return h.redirect(safeNext(request, 'student', next) ?? local(request, '/student'));
          return page(request, h, {
            tab,
            next: safeNext(request, 'student', next),
            values: {},
            errors: {},
            flash: flash(done),
          });
        },
      },
    },
    {
      method: 'POST',
      path: '/student/login',
      options: {
        app: { page: { audience: 'public' } },
        handler: async (request, h) => {
          if (request.app.xz.site.isMain) return mainSitePage(request, h);
          const input = pick(request.payload, ['mode', 'login', 'password', 'phone', 'code', 'next']);
          const tab: Tab = input.mode === 'sms' ? 'sms' : 'password';
          const next = safeNext(request, 'student', input.next);
          const values = { login: input.login, phone: input.phone, code: input.code };
          const site = request.app.xz.site;
          if (tab === 'sms') {
            const checked = validateForm<{ phone: string; code: string }>(smsLogin, input, NAMES);
            if (!checked.ok) return page(request, h, { tab, next, values, errors: checked.errors }, 400);
            try {
              const attempt = await service(app, 'loginLimits').begin(request.info.remoteAddress);
              await service(app, 'verification').consume(
                checked.value.phone,
                'student-login',
                checked.value.code,
              );
              await attempt.succeeded();
              const student = await service(app, 'studentAuth').smsLogin(site, checked.value.phone);
              return succeed(request, h, student, next, true);
            } catch (err) {
              return smsFailure(request, h, err, next, values);
            }
          }
          const checked = validateForm<{ login: string; password: string }>(passwordLogin, input, NAMES);
          if (!checked.ok) return page(request, h, { tab, next, values, errors: checked.errors }, 400);
          try {
            const student = await service(app, 'studentAuth').login(
              site,
              checked.value.login,
              checked.value.password,
              request.info.remoteAddress,
            );
            return succeed(request, h, student, next, false);
          } catch (err) {
            const f = failure(err, NAMES);
            if (f.code === 'SMS_LOGIN_REQUIRED')
              return page(request, h, { tab: 'sms', next, values: {}, errors: {}, info: f.message }, 403);
            return page(request, h, { tab, next, values, errors: f.errors, message: f.message }, f.status);
          }
        },
      },
    },
    {
      method: 'GET',
      path: '/student/login/code',
      options: {
        app: { page: { audience: 'public' } },
        handler: (request, h) => h.redirect(local(request, '/student/login?tab=sms')).code(303),
      },
    },
    {
      method: 'POST',
      path: '/student/login/code',
      options: {
        app: { page: { audience: 'public' } },
        handler: async (request, h) => {
          if (request.app.xz.site.isMain) return mainSitePage(request, h);
          const input = pick(request.payload, ['phone', 'next']);
          const next = safeNext(request, 'student', input.next);
          const values = { phone: input.phone };
          const { value: phone, error } = mobileSchema.required().validate(input.phone ?? '');
          if (error)
            return page(
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
            await service(app, 'verification').send(
              phone as string,
              'student-login',
              request.info.remoteAddress,
            );
          } catch (err) {
            return smsFailure(request, h, err, next, values);
          }
          return page(request, h, {
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
    {
      method: 'GET',
      path: '/student/password',
      options: {
        app: { page: { audience: 'student' } },
        validate: { query: Joi.object({ next: Joi.string().max(500).allow('') }).unknown(true) },
        handler: async (request, h) => {
          const c = studentOf(request) as unknown as StudentCredentials;
          const row = await service(app, 'students').get(c.id);
          return passwordPage(request, h, {
            needCurrent: !!row?.passwordHash && !c.viaSms,
            first: !row?.passwordHash,
            next: safeNext(request, 'student', (request.query as { next?: string }).next),
          });
        },
      },
    },
    {
      method: 'POST',
      path: '/student/password',
      options: {
        app: { page: { audience: 'student' } },
        handler: async (request, h) => {
          const c = studentOf(request) as unknown as StudentCredentials;
          const row = await service(app, 'students').get(c.id);
          const needCurrent = !!row?.passwordHash && !c.viaSms;
          const first = !row?.passwordHash;
          const input = pick(request.payload, ['currentPassword', 'newPassword', 'passwordConfirm', 'next']);
          const next = safeNext(request, 'student', input.next);
          const errors: FormErrors = {};
          if (needCurrent && !input.currentPassword) errors.currentPassword = '请填写当前密码';
          const { error } = passwordSchema.required().validate(input.newPassword ?? '');
          if (!input.newPassword) errors.newPassword = '请填写新密码';
          else if (error) errors.newPassword = error.details[0]!.message;
          if (!input.passwordConfirm) errors.passwordConfirm = '请再次填写新密码';
          else if (input.newPassword && input.passwordConfirm !== input.newPassword)
            errors.passwordConfirm = '两次填写的密码不一致';
          if (Object.keys(errors).length)
            return passwordPage(request, h, { needCurrent, first, next, errors }, 400);
          try {
            const student = await service(app, 'studentAuth').setPassword(
              c.id,
              input.currentPassword || null,
              input.newPassword!,
              c.viaSms,
            );
            startSession(
              request,
              h,
              'student',
              app.principals.sign(service(app, 'students').payload(student)),
            );
          } catch (err) {
            const f = failure(err, ['currentPassword', 'newPassword']);
            return passwordPage(
              request,
              h,
              { needCurrent, first, next, errors: f.errors, message: f.message },
              f.status,
            );
          }
          if (next) return h.redirect(next).code(303);
          return seeOther(request, h, '/student', 'password');
        },
      },
    },
    {
      method: 'GET',
      path: '/student/logout',
      options: {
        app: { page: { audience: 'public', session: 'student' } },
        handler: (request, h) => {
          if (request.app.xz.site.isMain) return mainSitePage(request, h);
          const c = sessionOf<StudentCredentials>(request, 'student');
          return render(request, h, 'students/logout', { data: { signedIn: !!c }, title: '退出登录' });
        },
      },
    },
    {
      method: 'POST',
      path: '/student/logout',
      options: {
        app: { page: { audience: 'public', session: 'student' } },
        handler: async (request, h) => {
          const c = sessionOf<StudentCredentials>(request, 'student');
          if (c) await service(app, 'studentAuth').revokeTokens(c.id);
          return endSession(
            request,
            h.redirect(`${local(request, '/student/login')}?done=logout`).code(303),
            'student',
          );
        },
      },
    },
  ];
}
