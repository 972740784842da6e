// 单位注册: the form of the user guide. 获取验证码 sends the code in place (the verification feature's script); without
// JavaScript it is a second submit button posting the same form to /register/code, which renders the form again with
// everything typed, passwords included (a GET there, e.g. a reload, goes back to the form). A failed registration
// comes back without the passwords.
import type { EmployerService } from '../../employer-service.js';
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import { USCC_MESSAGES } from '../../../../core/identifiers.js';
import { letterFor } from '../../profile.js';
import { registrationSchema } from '../../routes/register.js';
import { mobileSchema } from '../../../verification/routes/send-code.js';
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
  sessionOf,
  startSession,
  validateForm,
} from '../../../../core/pages/index.js';
import type { EmployerCredentials } from '../../../accounts/permissions.js';

const SPECS: FieldSpec[] = [
  {
    name: 'name',
    label: '单位名称',
    required: true,
    help: '与营业执照或登记证书上的名称一致；单位名称全网唯一',
    attrs: { maxlength: 100, autocomplete: 'organization' },
  },
  {
    name: 'uscc',
    label: '统一社会信用代码',
    required: true,
    help: '18 位，由数字和大写字母组成',
    attrs: { maxlength: 30, autocapitalize: 'characters', spellcheck: 'false', autocomplete: 'off' },
  },
  {
    name: 'contactName',
    label: '联系人',
    required: true,
    attrs: { maxlength: 30, autocomplete: 'name' },
  },
  {
    name: 'contactPhone',
    label: '联系人手机',
    type: 'tel',
    required: true,
    help: '该手机号即为本单位管理员的登录账号',
    attrs: { maxlength: 20, inputmode: 'numeric', autocomplete: 'tel' },
  },
  {
    name: 'smsCode',
    label: '短信验证码',
    required: true,
    help: '点击“获取验证码”，验证码将发送到联系人手机，5 分钟内有效',
    attrs: { maxlength: 6, inputmode: 'numeric', autocomplete: 'one-time-code' },
  },
  {
    name: 'password',
    label: '密码',
    type: 'password',
    required: true,
    help: '至少 8 位，须同时包含字母和数字',
    attrs: { maxlength: 64, autocomplete: 'new-password' },
  },
  {
    name: 'passwordConfirm',
    label: '确认密码',
    type: 'password',
    required: true,
    attrs: { maxlength: 64, autocomplete: 'new-password' },
  },
  {
    name: 'email',
    label: '邮箱（选填）',
    type: 'email',
    attrs: { maxlength: 100, autocomplete: 'email' },
  },
];

const NAMES = [...SPECS.map((s) => s.name), 'enableESign', 'usccManualReview'] as const;
const LABELS: Record<string, string> = {
  ...Object.fromEntries(SPECS.map((s) => [s.name, s.label.replace('（选填）', '')])),
  enableESign: '是否同步开启网签',
  usccManualReview: '人工核验',
};
const PASSWORDS = ['password', 'passwordConfirm'];

const schema = registrationSchema.keys({
  passwordConfirm: Joi.string().required().valid(Joi.ref('password')).messages({
    'any.only': '两次输入的密码不一致',
    'any.required': '请再次输入密码',
    'string.empty': '请再次输入密码',
  }),
  enableESign: Joi.boolean().required().messages({ 'any.required': '请选择是否同步开启网签' }),
});

/** Service codes that belong to one field of this form. */
const CODE_FIELDS = {
  EMPLOYER_NAME_TAKEN: 'name',
  USCC_TAKEN: 'uscc',
  PHONE_TAKEN: 'contactPhone',
  PHONE_NOT_REGISTERED: 'contactPhone',
  SMS_CODE_INVALID: 'smsCode',
  RATE_LIMITED: 'smsCode',
};

interface RegisterForm {
  values: FormValues;
  errors: FormErrors;
  message?: string;
  info?: string;
  codeSent?: boolean;
  /** the 获取验证码 fallback: the passwords just typed go back into the form */
  keepPasswords?: boolean;
}

function masked(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}

function withoutPasswords(values: FormValues): FormValues {
  return Object.fromEntries(Object.entries(values).filter(([k]) => !PASSWORDS.includes(k)));
}

function page(app: App, request: Request, h: ResponseToolkit, form: RegisterForm, status = 200) {
  const values = form.keepPasswords ? form.values : withoutPasswords(form.values);
  const errors = { ...form.errors };
  if (errors.uscc === USCC_MESSAGES.check_char && values.usccManualReview !== 'true')
    errors.uscc = `${errors.uscc}。如确认代码真实有效，可勾选下方“申请人工核验”后提交`;
  const f = fields(SPECS, values, errors);
  if (form.codeSent) f.smsCode!.attrs = { ...f.smsCode!.attrs, autofocus: 'autofocus' };
  const eSign = values.enableESign === 'true';
  return render(request, h, 'employers/register', {
    data: {
      form: {
        fields: f,
        eSign: {
          error: errors.enableESign,
          choices: [
            { id: 'xz-f-enableESign-no', value: 'false', label: '否，仅用于招聘', checked: !eSign },
            { id: 'xz-f-enableESign-yes', value: 'true', label: '是，同步开启网上签约', checked: eSign },
          ],
        },
        manualReview: { checked: values.usccManualReview === 'true', error: errors.usccManualReview },
      },
      letters: { plain: letterFor(false).name, eSign: letterFor(true).name },
      alerts: {
        info: form.info,
        message: form.message,
        summary: errorSummary(errors, LABELS),
      },
    },
    title: '单位注册',
    status: status,
  });
}

function formValues(payload: unknown): FormValues {
  const values: FormValues = pick(payload, NAMES);
  values.usccManualReview = values.usccManualReview === 'true' ? 'true' : 'false';
  if (values.enableESign !== 'true' && values.enableESign !== 'false') delete values.enableESign;
  return values;
}

export function registerPages(app: App): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/employer/register',
      options: {
        app: { page: { audience: 'public', session: 'employer' } },
        handler: (request, h) => {
          if (sessionOf<EmployerCredentials>(request, 'employer'))
            return h.redirect(local(request, '/employer'));
          return page(app, request, h, { values: { enableESign: 'false' }, errors: {} });
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/register/code',
      options: {
        app: { page: { audience: 'public' } },
        handler: (request, h) => h.redirect(local(request, '/employer/register')).code(303),
      },
    },
    {
      method: 'POST',
      path: '/employer/register/code',
      options: {
        app: { page: { audience: 'public' } },
        handler: async (request, h) => {
          const values = formValues(request.payload);
          const { value: phone, error } = mobileSchema.required().validate(values.contactPhone ?? '');
          if (error)
            return page(
              app,
              request,
              h,
              {
                values,
                errors: { contactPhone: values.contactPhone ? '手机号格式不正确' : '请填写联系人手机' },
                keepPasswords: true,
              },
              400,
            );
          values.contactPhone = phone as string;
          try {
            await service(app, 'verification').send(phone as string, 'register', request.info.remoteAddress);
          } catch (err) {
            const f = failure(err, NAMES, CODE_FIELDS);
            const failed = { values, errors: f.errors, message: f.message, keepPasswords: true };
            return page(app, request, h, failed, f.status);
          }
          return page(app, request, h, {
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
      path: '/employer/register',
      options: {
        app: { page: { audience: 'public' } },
        handler: async (request, h) => {
          const values = formValues(request.payload);
          const checked = validateForm<Record<string, unknown>>(schema, values, NAMES);
          const errors: FormErrors = { ...checked.errors };
          let uscc: string | undefined;
          if (!errors.uscc && typeof values.uscc === 'string' && values.uscc.trim()) {
            try {
              uscc = service(app, 'employers').checkUscc(
                values.uscc,
                values.usccManualReview === 'true',
              ).uscc;
            } catch (err) {
              Object.assign(errors, failure(err, NAMES).errors);
            }
          }
          // What is already registered, with the rest: one answer names every error of the form.
          const ok = checked.value as { name?: string; contactPhone?: string };
          const taken = await service(app, 'employers').taken({
            name: errors.name ? undefined : ok.name?.trim(),
            uscc,
            phone: errors.contactPhone ? undefined : ok.contactPhone,
          });
          for (const { path, message } of taken) errors[path] ??= message;
          if (Object.keys(errors).length > 0) return page(app, request, h, { values, errors }, 400);
          const { passwordConfirm: _confirm, ...input } = checked.value as Record<string, unknown>;
          try {
            const { account } = await service(app, 'employers').register(
              input as unknown as Parameters<EmployerService['register']>[0],
            );
            startSession(
              request,
              h,
              'employer',
              app.principals.sign(service(app, 'accounts').payload(account)),
            );
            return seeOther(request, h, '/employer/profile', 'registered');
          } catch (err) {
            const f = failure(err, NAMES, CODE_FIELDS);
            return page(app, request, h, { values, errors: f.errors, message: f.message }, f.status);
          }
        },
      },
    },
  ];
}
