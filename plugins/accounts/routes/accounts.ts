import type { Request, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idParams } from '../../../core/http/schemas.js';
import { mobileSchema } from '../../verification/routes/send-code.js';
import type { AccountService } from '../account-service.js';
import { PERMISSIONS, PERMISSION_KEYS, type EmployerCredentials, type Permission } from '../permissions.js';

const who = (request: Request) => request.auth.credentials as unknown as EmployerCredentials;
const roleBody = Joi.object({
  name: Joi.string().trim().min(1).max(30).required(),
  permissions: Joi.array()
    .items(Joi.string().valid(...PERMISSION_KEYS))
    .unique()
    .required(),
});

export function accountRoutes(accounts: AccountService): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/employer/permissions',
      options: {
        tags: ['api', 'employer'],
        description: '权限目录',
        auth: 'employer',
        app: { access: {} },
        handler: () => PERMISSIONS.map((p) => ({ key: p.key, name: p.name })),
      },
    },
    {
      method: 'GET',
      path: '/api/v1/employer/accounts',
      options: {
        tags: ['api', 'employer'],
        description: '本单位账号列表',
        auth: 'employer',
        app: { access: { permission: 'accounts' } },
        handler: async (request) => ({ items: await accounts.list(who(request).employerId) }),
      },
    },
    {
      method: 'POST',
      path: '/api/v1/employer/accounts',
      options: {
        tags: ['api', 'employer'],
        description: '开设子账号（手机号即登录账号，首次登录需短信验证码）',
        auth: 'employer',
        app: { access: { permission: 'accounts' } },
        validate: {
          payload: Joi.object({
            phone: mobileSchema.required(),
            name: Joi.string().trim().min(1).max(30).required(),
            email: Joi.string().trim().email().max(100).allow('', null),
            roleIds: Joi.array().items(Joi.number().integer().min(1)).max(20),
          }),
        },
        handler: async (request, h) => {
          const body = request.payload as {
            phone: string;
            name: string;
            email?: string | null;
            roleIds?: number[];
          };
          return h
            .response(
              await accounts.createSubAccount(who(request).employerId, {
                ...body,
                email: body.email || null,
              }),
            )
            .code(201);
        },
      },
    },
    {
      method: 'PATCH',
      path: '/api/v1/employer/accounts/{id}',
      options: {
        tags: ['api', 'employer'],
        description: '停用/启用账号、分配角色',
        auth: 'employer',
        app: { access: { permission: 'accounts' } },
        validate: {
          params: idParams,
          payload: Joi.object({
            disabled: Joi.boolean(),
            roleIds: Joi.array().items(Joi.number().integer().min(1)).max(20),
            name: Joi.string().trim().min(1).max(30),
            email: Joi.string().trim().email().max(100).allow('', null),
          }).min(1),
        },
        handler: async (request) => {
          const body = request.payload as {
            disabled?: boolean;
            roleIds?: number[];
            name?: string;
            email?: string | null;
          };
          return accounts.update(who(request).employerId, (request.params as { id: number }).id, {
            ...body,
            ...(body.email !== undefined ? { email: body.email || null } : {}),
          });
        },
      },
    },
    {
      method: 'GET',
      path: '/api/v1/employer/roles',
      options: {
        tags: ['api', 'employer'],
        description: '本单位角色列表',
        auth: 'employer',
        app: { access: { permission: 'accounts' } },
        handler: async (request) => ({ items: await accounts.roles(who(request).employerId) }),
      },
    },
    {
      method: 'POST',
      path: '/api/v1/employer/roles',
      options: {
        tags: ['api', 'employer'],
        description: '增加角色并授权功能',
        auth: 'employer',
        app: { access: { permission: 'accounts' } },
        validate: { payload: roleBody },
        handler: async (request, h) =>
          h
            .response(
              await accounts.createRole(
                who(request).employerId,
                request.payload as { name: string; permissions: Permission[] },
              ),
            )
            .code(201),
      },
    },
    {
      method: 'PUT',
      path: '/api/v1/employer/roles/{id}',
      options: {
        tags: ['api', 'employer'],
        description: '修改角色名称与功能授权',
        auth: 'employer',
        app: { access: { permission: 'accounts' } },
        validate: { params: idParams, payload: roleBody },
        handler: async (request) =>
          accounts.updateRole(
            who(request).employerId,
            (request.params as { id: number }).id,
            request.payload as { name: string; permissions: Permission[] },
          ),
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/employer/roles/{id}',
      options: {
        tags: ['api', 'employer'],
        description: '删除角色（内置角色和仍在使用的角色不能删除）',
        auth: 'employer',
        app: { access: { permission: 'accounts' } },
        validate: { params: idParams },
        handler: async (request, h) => {
          await accounts.deleteRole(who(request).employerId, (request.params as { id: number }).id);
          return h.response().code(204);
        },
      },
    },
  ];
}
