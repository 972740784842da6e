import type { Request, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idParams } from '../../../core/http/schemas.js';
import type { StaffCredentials } from '../../../core/auth/principals.js';
import { appError } from '../../../core/http/errors.js';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { MembershipService } from '../../network/membership-service.js';
import type { EmployerService } from '../employer-service.js';
import { profileSchema, type ProfileInput } from '../profile.js';
import type { SiteRegistry } from '../../../core/tenancy/sites.js';

const who = (request: Request) => request.auth.credentials as unknown as EmployerCredentials;

export function profileRoutes(
  employers: EmployerService,
  memberships: MembershipService,
  sites: SiteRegistry,
): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/employer',
      options: {
        tags: ['api', 'employer'],
        description: '单位信息、认证状态（unverified/pending/verified/rejected）与网签设置',
        auth: 'employer',
        app: { access: {} },
        handler: (request) => employers.profile(who(request).employerId),
      },
    },
    {
      method: 'PUT',
      path: '/api/v1/employer',
      options: {
        tags: ['api', 'employer'],
        description:
          '维护单位信息；信息完整后首次提交即向省级主站申请认证。apply=false 只保存草稿（不申请认证）；apply=true 要求信息完整（否则 422 PROFILE_INCOMPLETE，details 列出全部缺少的字段，且不保存）',
        auth: 'employer',
        app: { access: { permission: 'profile' } },
        validate: {
          payload: profileSchema
            .keys({
              apply: Joi.boolean().description(
                'false：保存草稿；true：提交认证（须信息完整）；不填：信息完整时自动申请',
              ),
            })
            .min(1),
        },
        handler: async (request) => {
          const c = who(request);
          const { apply, ...input } = request.payload as ProfileInput & { apply?: boolean };
          const { applied } = await employers.updateProfile(c.employerId, c.id, input, { apply });
          return { ...(await employers.profile(c.employerId)), appliedForCertification: applied };
        },
      },
    },
    {
      method: 'GET',
      path: '/api/v1/admin/employers/{id}',
      options: {
        tags: ['api', 'admin'],
        description: '单位详情（省级管理员，或该单位已申请入驻站点的管理员）',
        auth: 'staff',
        app: { access: {} },
        validate: { params: idParams },
        handler: async (request) => {
          const staff = request.auth.credentials as unknown as StaffCredentials;
          const id = (request.params as { id: number }).id;
          const site = sites.get(staff.site);
          if (!site) throw appError(403, 'FORBIDDEN', '没有权限查看该单位');
          if (!site.isMain && !(await memberships.get(id, site)))
            throw appError(403, 'FORBIDDEN', '该单位未申请入驻本站，不能查看');
          return employers.profile(id);
        },
      },
    },
    {
      method: 'POST',
      path: '/api/v1/admin/employers/{id}/uscc-override',
      options: {
        tags: ['api', 'admin'],
        description: '省级管理员：人工核验校验位不通过的统一社会信用代码（记录核验意见）',
        auth: 'staff',
        app: { access: {} },
        validate: {
          params: idParams,
          payload: Joi.object({ reason: Joi.string().trim().min(4).max(500).required() }),
        },
        handler: (request) =>
          employers.overrideUscc(
            request.auth.credentials as unknown as StaffCredentials,
            (request.params as { id: number }).id,
            (request.payload as { reason: string }).reason,
          ),
      },
    },
  ];
}
