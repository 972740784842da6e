// 账号管理 → 角色管理: roles with their functions (the PERMISSIONS catalogue) and how many accounts hold them; create,
// edit, delete. The built-in 单位管理员 is shown locked; the service refuses to change it either way.
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idParams } from '../../../../core/http/schemas.js';
import { service, type App } from '../../../../core/app.js';
import {
  PERMISSIONS,
  PERMISSION_KEYS,
  type EmployerCredentials,
  type Permission,
} from '../../permissions.js';
import {
  FormErrors,
  FormValues,
  errorSummary,
  failure,
  field,
  list,
  pick,
  render,
  seeOther,
  validateForm,
} from '../../../../core/pages/index.js';
import { employerOf } from '../../permissions.js';
import { flash } from '../flash.js';

const NAMES = ['name', 'permissions'] as const;
const LABELS = { name: '角色名称', permissions: '功能授权' };

/** The API's rules for a role (POST/PUT /api/v1/employer/roles). */
const roleSchema = Joi.object({
  name: Joi.string().trim().min(1).max(30).required(),
  permissions: Joi.array()
    .items(Joi.string().valid(...PERMISSION_KEYS))
    .unique()
    .required(),
});

interface RoleFormState {
  /** 'new', or the id of the role being edited */
  target: 'new' | number;
  values: FormValues;
  errors: FormErrors;
}

interface RolesForm {
  form?: RoleFormState;
  message?: string;
  flash?: string;
}

function roleForm(scope: string, values: FormValues, errors: FormErrors) {
  const chosen = list(values.permissions);
  return {
    name: field(
      { name: 'name', label: '角色名称', required: true, attrs: { maxlength: 30, autocomplete: 'off' } },
      values,
      errors,
      scope,
    ),
    permissions: PERMISSIONS.map((p) => ({
      key: p.key,
      name: p.name,
      id: `xz-f-${scope}-perm-${p.key}`,
      checked: chosen.includes(p.key),
    })),
    permissionsId: `xz-f-${scope}-permissions`,
    permissionsError: errors.permissions,
    summary: errorSummary(errors, LABELS, scope),
  };
}

async function page(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  state: RolesForm,
  status = 200,
) {
  const roles = await service(app, 'accounts').roles(c.employerId);
  const failed = state.form;
  const names = new Map<string, string>(PERMISSIONS.map((p) => [p.key, p.name]));
  return render(request, h, 'accounts/roles', {
    data: {
      roles: roles.map((r) => {
        const mine = failed && failed.target === r.id;
        return {
          id: r.id,
          name: r.name,
          builtin: r.builtin,
          accountCount: r.accountCount,
          permissionNames: r.permissions.map((p) => names.get(p)).join('、') || '未授权任何功能',
          open: !!mine,
          edit: r.builtin
            ? null
            : roleForm(
                `role-${r.id}`,
                mine ? failed.values : { name: r.name, permissions: r.permissions },
                mine ? failed.errors : {},
              ),
        };
      }),
      create: roleForm(
        'new',
        failed?.target === 'new' ? failed.values : {},
        failed?.target === 'new' ? failed.errors : {},
      ),
      alerts: { flash: state.flash, message: state.message },
    },
    title: '角色管理',
    status: status,
    menu: 'roles',
  });
}

function formValues(payload: unknown): FormValues {
  const source = (payload ?? {}) as Record<string, unknown>;
  return { ...pick(source, ['name']), permissions: list(source.permissions) };
}

export function rolePages(app: App): ServerRoute[] {
  /** After a change to roles: the current account may have lost the right to be here. */
  const back = async (request: Request, h: ResponseToolkit, c: EmployerCredentials, done: string) => {
    const now = await service(app, 'accounts').resolve(
      service(app, 'accounts').payload((await service(app, 'accounts').byId(c.id))!),
    );
    return now?.permissions.includes('accounts')
      ? seeOther(request, h, '/employer/roles', done)
      : seeOther(request, h, '/employer');
  };

  const save = (target: 'new' | 'edit'): ServerRoute['options'] => ({
    app: { page: { audience: 'employer', permission: 'accounts' } },
    ...(target === 'edit' ? { validate: { params: idParams } } : {}),
    handler: async (request, h) => {
      const c = employerOf(request);
      const id = target === 'edit' ? (request.params as { id: number }).id : 'new';
      const values = formValues(request.payload);
      const checked = validateForm<{ name: string; permissions: Permission[] }>(roleSchema, values, NAMES);
      if (!checked.ok)
        return page(app, request, h, c, { form: { target: id, values, errors: checked.errors } }, 400);
      try {
        if (id === 'new') await service(app, 'accounts').createRole(c.employerId, checked.value);
        else await service(app, 'accounts').updateRole(c.employerId, id, checked.value);
      } catch (err) {
        const f = failure(err, NAMES, { ROLE_NAME_TAKEN: 'name' });
        return page(
          app,
          request,
          h,
          c,
          { form: { target: id, values, errors: f.errors }, message: f.message },
          f.status,
        );
      }
      return id === 'new'
        ? seeOther(request, h, '/employer/roles', 'role-created')
        : back(request, h, c, 'role-updated');
    },
  });

  return [
    {
      method: 'GET',
      path: '/employer/roles',
      options: {
        app: { page: { audience: 'employer', permission: 'accounts' } },
        validate: { query: Joi.object({ done: Joi.string().max(40) }).unknown(true) },
        handler: async (request, h) => {
          const c = employerOf(request);
          return page(app, request, h, c, { flash: flash((request.query as { done?: string }).done) });
        },
      },
    },
    { method: 'POST', path: '/employer/roles', options: save('new') },
    { method: 'POST', path: '/employer/roles/{id}', options: save('edit') },
    {
      method: 'POST',
      path: '/employer/roles/{id}/delete',
      options: {
        app: { page: { audience: 'employer', permission: 'accounts' } },
        validate: { params: idParams },
        handler: async (request, h) => {
          const c = employerOf(request);
          try {
            await service(app, 'accounts').deleteRole(c.employerId, (request.params as { id: number }).id);
          } catch (err) {
            const f = failure(err, []);
            return page(app, request, h, c, { message: f.message }, f.status);
          }
          return seeOther(request, h, '/employer/roles', 'role-deleted');
        },
      },
    },
  ];
}
