import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { rowId } from '../../../core/http/schemas.js';
import type { App } from '../../../core/app.js';
import { appError } from '../../../core/http/errors.js';
import { listingResponse } from '../../postings/listing-response.js';
import { REGIONS } from '../../../core/regions.js';
import { DEGREES, JOB_CATEGORIES } from '../../postings/vocab.js';
import type { JobService, PublicJobQuery } from '../job-service.js';
import { publicJobListSchema, publicJobSchema } from '../schemas.js';

const slug = Joi.string()
  .pattern(/^[a-z0-9-]+$/)
  .max(40)
  .required();

export const publicJobQuery = Joi.object({
  q: Joi.string().trim().max(40).allow(''),
  city: Joi.string().valid(...Object.keys(REGIONS), ''),
  degree: Joi.string().valid(...DEGREES, ''),
  category: Joi.string().valid(...JOB_CATEGORIES, ''),
  page: Joi.number().integer().min(1).max(500).default(1),
  pageSize: Joi.number().integer().min(1).max(100).default(20),
});

export function publicJobRoutes(app: App, jobs: JobService): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/public/sites/{slug}/jobs',
      options: {
        tags: ['api', 'public'],
        description: '站点的招聘职位：该站审核通过且未失效，最新在前；关键词、城市、学历、类别筛选',
        auth: false,
        app: { access: { public: true } },
        validate: { params: Joi.object({ slug }), query: publicJobQuery },
        response: { schema: publicJobListSchema, sample: 0 },
        handler: async (request, h) => {
          const site = app.sites.require((request.params as { slug: string }).slug);
          return listingResponse(
            request,
            h,
            await jobs.publicListBytes(site, request.query as unknown as PublicJobQuery),
          );
        },
      },
    },
    {
      method: 'GET',
      path: '/api/v1/public/sites/{slug}/jobs/{id}',
      options: {
        tags: ['api', 'public'],
        description: '职位详情（仅当该站点显示它时）',
        auth: false,
        app: { access: { public: true } },
        validate: { params: Joi.object({ slug, id: rowId.required() }) },
        response: { schema: publicJobSchema, sample: 0 },
        handler: async (request) => {
          const { slug: s, id } = request.params as { slug: string; id: number };
          const job = await jobs.publicGet(app.sites.require(s), id);
          if (!job) throw appError(404, 'NOT_FOUND', '职位不存在或已下线');
          return job;
        },
      },
    },
  ];
}
