// 忘记密码: phone, SMS code (purpose `reset`) and the new password twice. The code is checked as a login attempt of
// the caller's IP, as POST /api/v1/auth/reset-password does; the reset ends every earlier session of the account and
// the page sends the user to 单位登录 with the new password. 获取验证码 works as on registration: in place with
// JavaScript, else by posting the whole form to /password-reset/code, which renders it again with everything typed.
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import {
  FieldSpec,
  FormErrors,
  FormValues,
  errorSummary,
  failure,
  fields,
  local,
  pick,
  render,
  seeOther,
  validateForm,
} from '../../../../core/pages/index.js';
import { passwordSchema } from '../../../accounts/password-policy.js';
import { mobileSchema } from '../../../verification/routes/send-code.js';

const SPECS: FieldSpec[] = [
  {
    name: 'phone',
    label: '手机号',
    type: 'text',
    required: true,
    help: '单位管理员为注册时填写的联系人手机号；子账号为开设时登记的手机号',
    attrs: { maxlength: 20, inputmode: 'tel', autocomplete: 'username' },
  },
  {
    name: 'code',
    label: '短信验证码',
    required: true,
    help: '点击“获取验证码”，验证码将发送到该手机，5 分钟内有效',
    attrs: { maxlength: 6, inputmode: 'numeric', autocomplete: 'one-time-code' },
  },
  {
    name: 'password',
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
const NAMES = SPECS.map((s) => s.name);
const LABELS = Object.fromEntries(SPECS.map((s) => [s.name, s.label]));

const schema = Joi.object({
  phone: mobileSchema.required().messages({ 'any.required': '请填写手机号', 'string.empty': '请填写手机号' }),
  code: Joi.string()
    .trim()
    .pattern(/^\d{6}$/)
    .required()
    .messages({
      'string.pattern.base': '请输入6位数字验证码',
      'any.required': '请填写短信验证码',
      'string.empty': '请填写短信验证码',
    }),
  password: passwordSchema
    .required()
    .messages({ 'any.required': '请填写新密码', 'string.empty': '请填写新密码' }),
  passwordConfirm: Joi.string().required().valid(Joi.ref('password')).messages({
    'any.only': '两次输入的新密码不一致',
    'any.required': '请再次输入新密码',
    'string.empty': '请再次输入新密码',
  }),
});

const CODE_FIELDS = {
  PHONE_NOT_REGISTERED: 'phone',
  SMS_CODE_INVALID: 'code',
  RATE_LIMITED: 'code',
  NOT_FOUND: 'phone',
};

interface ResetForm {
  values: FormValues;
  errors: FormErrors;
  message?: string;
  info?: string;
  codeSent?: boolean;
  /** the 获取验证码 fallback: the passwords just typed go back into the form */
  keepPasswords?: boolean;
}

function page(request: Request, h: ResponseToolkit, form: ResetForm, status = 200) {
  const values = form.keepPasswords
    ? form.values
    : { ...form.values, password: undefined, passwordConfirm: undefined };
  const f = fields(SPECS, values, form.errors);
  if (form.codeSent) f.code!.attrs = { ...f.code!.attrs, autofocus: 'autofocus' };
  return render(request, h, 'employers/password-reset', {
    data: {
      form: { fields: f },
      alerts: { info: form.info, message: form.message, summary: errorSummary(form.errors, LABELS) },
    },
    title: '找回密码',
    status,
  });
}

function masked(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}

export function passwordResetPages(app: App): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/employer/password-reset',
      options: {
        app: { page: { audience: 'public' } },
        handler: (request, h) => page(request, h, { values: {}, errors: {} }),
      },
    },
    {
      method: 'GET',
      path: '/employer/password-reset/code',
      options: {
        app: { page: { audience: 'public' } },
        handler: (request, h) => h.redirect(local(request, '/employer/password-reset')).code(303),
      },
    },
    {
      method: 'POST',
      path: '/employer/password-reset/code',
      options: {
        app: { page: { audience: 'public' } },
        handler: async (request, h) => {
          const values: FormValues = pick(request.payload, NAMES);
          const { value: phone, error } = mobileSchema.required().validate(values.phone ?? '');
          if (error) {
            const errors = { phone: values.phone ? '手机号格式不正确' : '请填写手机号' };
            return page(request, h, { values, errors, keepPasswords: true }, 400);
          }
          values.phone = phone as string;
          try {
            await service(app, 'verification').send(phone as string, 'reset', request.info.remoteAddress);
          } catch (err) {
            const f = failure(err, NAMES, CODE_FIELDS);
            const failed = { values, errors: f.errors, message: f.message, keepPasswords: true };
            return page(request, h, failed, f.status);
          }
          return page(request, h, {
            values,
            errors: {},
            info: `验证码已发送至 ${masked(phone as string)}，5 分钟内有效。`,
            codeSent: true,
            keepPasswords: true,
          });
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/password-reset',
      options: {
        // a second submit (double click, reload) lands where the first did instead of 验证码错误或已过期
        app: { page: { audience: 'public' } },
        handler: async (request, h) => {
          const values: FormValues = pick(request.payload, NAMES);
          const checked = validateForm<{ phone: string; code: string; password: string }>(
            schema,
            values,
            NAMES,
          );
          if (!checked.ok) return page(request, h, { values, errors: checked.errors }, 400);
          const { phone, code, password } = checked.value;
          try {
            const attempt = await service(app, 'loginLimits').begin(request.info.remoteAddress);
            await service(app, 'verification').consume(phone, 'reset', code);
            await attempt.succeeded();
            await service(app, 'accounts').resetPassword(phone, password);
          } catch (err) {
            const f = failure(err, NAMES, CODE_FIELDS);
            return page(request, h, { values, errors: f.errors, message: f.message }, f.status);
          }
          return seeOther(request, h, '/employer/login', 'password-reset');
        },
      },
    },
  ];
}
