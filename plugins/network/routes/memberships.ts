import type { Request, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import type { App } from '../../../core/app.js';
import { service } from '../../../core/app.js';
import type { StaffCredentials } from '../../../core/auth/principals.js';
import { rowId } from '../../../core/http/schemas.js';
import { SITE_LEVELS } from '../../../core/tenancy/manifest.js';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { MembershipService, SiteListQuery } from '../membership-service.js';

const who = (request: Request) => request.auth.credentials as unknown as EmployerCredentials;

const slug = Joi.string()
  .pattern(/^[a-z0-9-]+$/)
  .max(40)
  .required();

export function membershipRoutes(app: App, memberships: MembershipService): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/employer/sites',
      options: {
        tags: ['api', 'employer'],
        description: '登录学校分站：已入驻（审核通过）与未入驻（待审核、未通过、未申请）的学校站点',
        auth: 'employer',
        app: { access: { permission: 'sites' } },
        validate: {
          query: Joi.object({
            tab: Joi.string().valid('joined', 'unjoined').default('joined'),
            q: Joi.string().trim().max(40).allow(''),
            city: Joi.string().trim().max(20).allow(''),
            level: Joi.string().valid(...SITE_LEVELS, ''),
            page: Joi.number().integer().min(1).default(1),
            pageSize: Joi.number().integer().min(1).max(100).default(20),
          }),
        },
        handler: (request) =>
          memberships.listForEmployer(who(request).employerId, request.query as unknown as SiteListQuery),
      },
    },
    {
      method: 'POST',
      path: '/api/v1/employer/sites/{slug}/membership',
      options: {
        tags: ['api', 'employer'],
        description: '申请入驻学校分站（可选该校的单位标记）；被驳回后可再次申请',
        auth: 'employer',
        app: { access: { permission: 'sites' } },
        validate: {
          params: Joi.object({
            slug: Joi.string()
              .pattern(/^[a-z0-9-]+$/)
              .max(40)
              .required(),
          }),
          payload: Joi.object({
            tagIds: Joi.array().items(Joi.string().max(40)).max(10).unique().default([]),
          }).default({ tagIds: [] }),
        },
        handler: async (request, h) => {
          const c = who(request);
          const site = app.sites.require((request.params as { slug: string }).slug);
          const employer = await service(app, 'employers').get(c.employerId);
          const membership = await memberships.applyAsEmployer(
            { id: employer.id, name: employer.name, profileSubmitted: !!employer.profile_submitted_at },
            c.id,
            site,
            (request.payload as { tagIds: string[] }).tagIds,
          );
          return h.response({ status: membership.status, comment: membership.comment }).code(201);
        },
      },
    },
    {
      method: 'PUT',
      path: '/api/v1/admin/sites/{slug}/memberships/{id}/tags',
      options: {
        tags: ['api', 'admin'],
        description:
          '确认单位标记：学校管理员为本校入驻单位设定单位标记（替换原有标记）；审核策略只认管理员确认的标记，单位申请时所选标记仅供参考',
        auth: 'staff',
        app: { access: { staffSiteParam: 'slug' } },
        validate: {
          params: Joi.object({ slug, id: rowId.required() }),
          payload: Joi.object({
            tagIds: Joi.array().items(Joi.string().max(40)).max(10).unique().required(),
          }),
        },
        handler: async (request) => {
          const staff = request.auth.credentials as unknown as StaffCredentials;
          const params = request.params as { slug: string; id: number };
          const site = app.sites.require(params.slug);
          const m = await memberships.confirmTags(
            staff,
            site,
            params.id,
            (request.payload as { tagIds: string[] }).tagIds,
          );
          return {
            id: m.id,
            employerId: m.employer_id,
            status: m.status,
            tags: memberships.tagsOf(site, m.tag_ids),
            requestedTags: memberships.tagsOf(site, m.requested_tag_ids),
          };
        },
      },
    },
  ];
}
