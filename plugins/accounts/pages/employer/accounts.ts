// 账号管理 → 子账号: the employer's accounts, 开设子账号, 停用/启用 and role assignment. The rules (last admin, phone
// taken, unknown roles) are the account service's; changing one's own roles ends one's session in the service, so this
// page signs the current account in again.
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idParams } from '../../../../core/http/schemas.js';
import { service, type App } from '../../../../core/app.js';
import type { EmployerCredentials } from '../../permissions.js';
import { mobileSchema } from '../../../verification/routes/send-code.js';
import {
  FieldSpec,
  FormErrors,
  FormValues,
  dateTime,
  errorSummary,
  failure,
  fields,
  list,
  pick,
  render,
  seeOther,
  startSession,
  validateForm,
} from '../../../../core/pages/index.js';
import { employerOf } from '../../permissions.js';
import { flash } from '../flash.js';

const SPECS: FieldSpec[] = [
  {
    name: 'phone',
    label: '手机号',
    type: 'tel',
    required: true,
    help: '即该账号的登录账号；首次登录需使用手机验证码登录',
    attrs: { maxlength: 20, inputmode: 'numeric', autocomplete: 'off' },
  },
  { name: 'name', label: '姓名', required: true, attrs: { maxlength: 30, autocomplete: 'off' } },
  { name: 'email', label: '邮箱（选填）', type: 'email', attrs: { maxlength: 100, autocomplete: 'off' } },
];
const NAMES = ['phone', 'name', 'email', 'roleIds'] as const;
const LABELS = { phone: '手机号', name: '姓名', email: '邮箱', roleIds: '所属角色' };

/** The API's rules for a new sub-account (POST /api/v1/employer/accounts). */
const createSchema = Joi.object({
  phone: mobileSchema.required(),
  name: Joi.string().trim().min(1).max(30).required(),
  email: Joi.string().trim().email().max(100).allow('', null),
  roleIds: Joi.array().items(Joi.number().integer().min(1)).max(20),
});

interface AccountsForm {
  values?: FormValues;
  errors?: FormErrors;
  /** message at the top of the page (row actions) */
  message?: string;
  flash?: string;
  /** the row a failed role assignment belongs to: its form opens again */
  openRow?: number;
}

async function page(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  form: AccountsForm,
  status = 200,
) {
  const accounts = service(app, 'accounts');
  const [rows, roles] = await Promise.all([accounts.list(c.employerId), accounts.roles(c.employerId)]);
  const values = form.values ?? {};
  const errors = form.errors ?? {};
  const chosen = list(values.roleIds);
  return render(request, h, 'accounts/accounts', {
    data: {
      accounts: rows.map((a) => ({
        id: a.id,
        phone: a.phone,
        name: a.name,
        email: a.email,
        roles: a.roles.map((r) => r.name).join('、') || '未分配',
        disabled: a.disabled,
        self: a.id === c.id,
        open: form.openRow === a.id,
        lastLogin: a.lastLoginAt ? dateTime(a.lastLoginAt) : null,
        roleChoices: roles.map((r) => ({
          id: r.id,
          name: r.name,
          checked: a.roles.some((x) => x.id === r.id),
        })),
      })),
      roleChoices: roles.map((r) => ({ id: r.id, name: r.name, checked: chosen.includes(String(r.id)) })),
      form: { fields: fields(SPECS, values, errors, 'new'), roleError: errors.roleIds },
      hasCreateErrors: Object.keys(errors).length > 0,
      alerts: {
        flash: form.flash,
        message: form.message,
        summary: errorSummary(errors, LABELS, 'new'),
      },
    },
    title: '账号管理',
    status: status,
    menu: 'accounts',
  });
}

export function accountPages(app: App): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/employer/accounts',
      options: {
        app: { page: { audience: 'employer', permission: 'accounts' } },
        validate: { query: Joi.object({ done: Joi.string().max(40) }).unknown(true) },
        handler: async (request, h) => {
          const c = employerOf(request);
          return page(app, request, h, c, { flash: flash((request.query as { done?: string }).done) });
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/accounts',
      options: {
        app: { page: { audience: 'employer', permission: 'accounts' } },
        handler: async (request, h) => {
          const c = employerOf(request);
          const payload = (request.payload ?? {}) as Record<string, unknown>;
          const values: FormValues = {
            ...pick(payload, ['phone', 'name', 'email']),
            roleIds: list(payload.roleIds),
          };
          const checked = validateForm<{ phone: string; name: string; email?: string; roleIds?: number[] }>(
            createSchema,
            values,
            NAMES,
          );
          if (!checked.ok) return page(app, request, h, c, { values, errors: checked.errors }, 400);
          try {
            await service(app, 'accounts').createSubAccount(c.employerId, {
              ...checked.value,
              email: checked.value.email || null,
            });
            return seeOther(request, h, '/employer/accounts', 'created');
          } catch (err) {
            const f = failure(err, NAMES, { PHONE_TAKEN: 'phone' });
            return page(app, request, h, c, { values, errors: f.errors, message: f.message }, f.status);
          }
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/accounts/{id}',
      options: {
        app: { page: { audience: 'employer', permission: 'accounts' } },
        validate: { params: idParams },
        handler: async (request, h) => {
          const c = employerOf(request);
          const id = (request.params as { id: number }).id;
          const payload = (request.payload ?? {}) as Record<string, unknown>;
          const action = typeof payload.action === 'string' ? payload.action : '';
          const roleIds = list(payload.roleIds);
          if (!['disable', 'enable', 'roles'].includes(action))
            return page(app, request, h, c, { message: '请选择要执行的操作' }, 400);
          if (action === 'roles' && roleIds.some((r) => !/^[1-9]\d{0,9}$/.test(r)))
            return page(app, request, h, c, { message: '包含不存在的角色', openRow: id }, 400);
          if (action === 'disable' && id === c.id)
            return page(app, request, h, c, { message: '不能停用当前登录的账号' }, 409);
          try {
            await service(app, 'accounts').update(
              c.employerId,
              id,
              action === 'roles' ? { roleIds: roleIds.map(Number) } : { disabled: action === 'disable' },
            );
          } catch (err) {
            const f = failure(err, ['roleIds']);
            const text = f.message ?? Object.values(f.errors)[0];
            return page(
              app,
              request,
              h,
              c,
              { message: text, openRow: action === 'roles' ? id : undefined },
              f.status,
            );
          }
          if (id === c.id) {
            // The service ended this account's sessions (token version); sign in again with the new roles.
            const row = (await service(app, 'accounts').byId(c.id))!;
            startSession(request, h, 'employer', app.principals.sign(service(app, 'accounts').payload(row)));
            const now = await service(app, 'accounts').resolve(service(app, 'accounts').payload(row));
            if (!now?.permissions.includes('accounts')) return seeOther(request, h, '/employer', undefined);
          }
          return seeOther(request, h, '/employer/accounts', action === 'roles' ? 'roles' : `${action}d`);
        },
      },
    },
  ];
}
