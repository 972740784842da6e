import type { Request, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idempotencyHeaders } from '../../../core/http/idempotency.js';
import { idParams } from '../../../core/http/schemas.js';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { JobInput, JobService } from '../job-service.js';
import { createJobSchema, dateSchema, jobInputSchema, slugList } from '../schemas.js';

const who = (request: Request) => request.auth.credentials as unknown as EmployerCredentials;
const access = { permission: 'jobs' };

export function employerJobRoutes(jobs: JobService): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/employer/jobs',
      options: {
        tags: ['api', 'employer'],
        description: '发布招聘职位：主站（认证通过后默认发布）及所选已入驻站点，各站点分别审核',
        auth: 'employer',
        app: { access, idempotent: true },
        validate: { headers: idempotencyHeaders, payload: createJobSchema },
        handler: async (request, h) => {
          const { siteSlugs, ...input } = request.payload as JobInput & { siteSlugs: string[] };
          return h.response(await jobs.create(who(request), input, siteSlugs)).code(201);
        },
      },
    },
    {
      method: 'GET',
      path: '/api/v1/employer/jobs',
      options: {
        tags: ['api', 'employer'],
        description: '管理招聘职位：发布中 / 已失效，含各站点审核状态统计',
        auth: 'employer',
        app: { access },
        validate: {
          query: Joi.object({
            tab: Joi.string().valid('active', 'expired').default('active'),
            q: Joi.string().trim().max(60).allow(''),
            page: Joi.number().integer().min(1).default(1),
            pageSize: Joi.number().integer().min(1).max(100).default(20),
          }),
        },
        handler: (request) =>
          jobs.list(
            who(request),
            request.query as { tab: 'active' | 'expired'; q?: string; page: number; pageSize: number },
          ),
      },
    },
    {
      method: 'GET',
      path: '/api/v1/employer/jobs/{id}',
      options: {
        tags: ['api', 'employer'],
        description: '职位详情及各站点审核状态和意见（查看审核状态）',
        auth: 'employer',
        app: { access },
        validate: { params: idParams },
        handler: (request) => jobs.get(who(request), (request.params as { id: number }).id),
      },
    },
    {
      method: 'PUT',
      path: '/api/v1/employer/jobs/{id}',
      options: {
        tags: ['api', 'employer'],
        description: '编辑职位（已有站点审核通过时不允许，409 JOB_LOCKED）；修改后各站点重新审核',
        auth: 'employer',
        app: { access },
        validate: { params: idParams, payload: jobInputSchema },
        handler: (request) =>
          jobs.update(who(request), (request.params as { id: number }).id, request.payload as JobInput),
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/employer/jobs/{id}',
      options: {
        tags: ['api', 'employer'],
        description:
          '删除职位：仅当尚无站点审核通过时（否则 409 JOB_LOCKED，请设置失效）；待审核的审核一并撤回',
        auth: 'employer',
        app: { access },
        validate: { params: idParams },
        handler: async (request, h) => {
          await jobs.remove(who(request), (request.params as { id: number }).id);
          return h.response().code(204);
        },
      },
    },
    {
      method: 'POST',
      path: '/api/v1/employer/jobs/push',
      options: {
        tags: ['api', 'employer'],
        description: '推送分站：把一个或多个职位发布到更多已入驻站点',
        auth: 'employer',
        app: { access },
        validate: {
          payload: Joi.object({
            jobIds: Joi.array().items(Joi.number().integer().min(1)).min(1).max(100).unique().required(),
            siteSlugs: slugList.min(1).required(),
          }),
        },
        handler: (request) => {
          const { jobIds, siteSlugs } = request.payload as { jobIds: number[]; siteSlugs: string[] };
          return jobs.push(who(request), jobIds, siteSlugs);
        },
      },
    },
    {
      method: 'POST',
      path: '/api/v1/employer/jobs/{id}/expire',
      options: {
        tags: ['api', 'employer'],
        description: '失效：设置失效日期（默认今天；该日及以后任何站点都不再显示）',
        auth: 'employer',
        app: { access },
        validate: { params: idParams, payload: Joi.object({ on: dateSchema }).allow(null).default({}) },
        handler: (request) =>
          jobs.expire(
            who(request),
            (request.params as { id: number }).id,
            (request.payload as { on?: string } | null)?.on,
          ),
      },
    },
    {
      method: 'GET',
      path: '/api/v1/employer/jobs/{id}/template',
      options: {
        tags: ['api', 'employer'],
        description: '设为模板：以该职位的内容预填新职位',
        auth: 'employer',
        app: { access },
        validate: { params: idParams },
        handler: (request) => jobs.template(who(request), (request.params as { id: number }).id),
      },
    },
  ];
}
