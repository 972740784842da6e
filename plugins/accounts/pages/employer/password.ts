// 设置/修改密码. The current password is asked for unless the account has none yet (a sub-account after its first
// SMS login). The service revokes every older token, so this session gets a fresh cookie.
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import { passwordSchema } from '../../password-policy.js';
import type { EmployerCredentials } from '../../permissions.js';
import {
  FieldSpec,
  FormErrors,
  errorSummary,
  failure,
  fields,
  pick,
  render,
  safeNext,
  seeOther,
  startSession,
  validateForm,
} from '../../../../core/pages/index.js';
import { employerOf } from '../../permissions.js';

const CURRENT: FieldSpec = {
  name: 'currentPassword',
  label: '当前密码',
  type: 'password',
  required: true,
  attrs: { maxlength: 128, autocomplete: 'current-password' },
};
const NEW: FieldSpec[] = [
  {
    name: 'newPassword',
    label: '新密码',
    type: 'password',
    required: true,
    help: '至少 8 位，须同时包含字母和数字；修改后其他设备上的登录将失效',
    attrs: { maxlength: 64, autocomplete: 'new-password' },
  },
  {
    name: 'newPasswordConfirm',
    label: '确认新密码',
    type: 'password',
    required: true,
    attrs: { maxlength: 64, autocomplete: 'new-password' },
  },
];
const NAMES = ['currentPassword', 'newPassword', 'newPasswordConfirm'] as const;
const LABELS = { currentPassword: '当前密码', newPassword: '新密码', newPasswordConfirm: '确认新密码' };

function schema(mustSetPassword: boolean) {
  return Joi.object({
    currentPassword: mustSetPassword
      ? Joi.any().strip()
      : Joi.string()
          .max(128)
          .required()
          .messages({ 'any.required': '请输入当前密码', 'string.empty': '请输入当前密码' }),
    newPassword: passwordSchema.required(),
    newPasswordConfirm: Joi.string().required().valid(Joi.ref('newPassword')).messages({
      'any.only': '两次输入的新密码不一致',
      'any.required': '请再次输入新密码',
      'string.empty': '请再次输入新密码',
    }),
  });
}

async function page(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  form: { errors: FormErrors; message?: string; next: string | null },
  status = 200,
) {
  const specs = c.mustSetPassword ? NEW : [CURRENT, ...NEW];
  return render(request, h, 'accounts/password', {
    data: {
      mustSetPassword: c.mustSetPassword,
      next: form.next ?? '',
      form: { fields: fields(specs, {}, form.errors) },
      alerts: { message: form.message, summary: errorSummary(form.errors, LABELS) },
    },
    title: c.mustSetPassword ? '设置密码' : '修改密码',
    status: status,
    menu: 'password',
  });
}

export function passwordPages(app: App): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/employer/password',
      options: {
        app: { page: { audience: 'employer' } },
        validate: { query: Joi.object({ next: Joi.string().max(500).allow('') }).unknown(true) },
        handler: async (request, h) => {
          const c = employerOf(request);
          return page(app, request, h, c, {
            errors: {},
            next: safeNext(request, 'employer', (request.query as { next?: string }).next),
          });
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/password',
      options: {
        app: { page: { audience: 'employer' } },
        handler: async (request, h) => {
          const c = employerOf(request);
          const input = pick(request.payload, [...NAMES, 'next']);
          const next = safeNext(request, 'employer', input.next);
          const checked = validateForm<{ currentPassword?: string; newPassword: string }>(
            schema(c.mustSetPassword),
            input,
            NAMES,
          );
          if (!checked.ok) return page(app, request, h, c, { errors: checked.errors, next }, 400);
          try {
            const account = await service(app, 'accounts').changePassword(
              c.id,
              checked.value.currentPassword || null,
              checked.value.newPassword,
            );
            startSession(
              request,
              h,
              'employer',
              app.principals.sign(service(app, 'accounts').payload(account)),
            );
            const target = next ? next.slice(request.app.xz.basePath.length) : '/employer';
            return seeOther(request, h, target, 'password');
          } catch (err) {
            const f = failure(err, NAMES);
            return page(app, request, h, c, { errors: f.errors, message: f.message, next }, f.status);
          }
        },
      },
    },
  ];
}
