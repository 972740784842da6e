// 招聘信息: the site's visible jobs (approved there, not expired), newest approval first, 20 a page, filtered by
// keyword, city, degree and category exactly as GET /api/v1/public/sites/{slug}/jobs filters them.
import type { PublicJobList } from './types.js';
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import { REGIONS } from '../../../../core/regions.js';
import { DEGREES, JOB_CATEGORIES } from '../../../postings/vocab.js';
import {
  categoryOptions,
  cityGroups,
  dateOf,
  degreeText,
  degreeOptions,
} from '../../../postings/pages/listing-format.js';
import { lenientQuery, listHref, pager, render } from '../../../../core/pages/index.js';

export const JOB_PAGE_SIZE = 20;
/** The public listing answers at most 500 pages (10000 jobs, the most it counts). */
const MAX_PAGE = 500;

const query = Joi.object({
  q: Joi.string().trim().max(40).truncate().allow('').default(''),
  city: Joi.string()
    .valid(...Object.keys(REGIONS), '')
    .default(''),
  degree: Joi.string()
    .valid(...DEGREES, '')
    .default(''),
  category: Joi.string()
    .valid(...JOB_CATEGORIES, '')
    .default(''),
  page: Joi.number().integer().min(1).max(MAX_PAGE).default(1),
}).options({ stripUnknown: true });

interface JobListQuery {
  q: string;
  city: string;
  degree: string;
  category: string;
  page: number;
}

export function jobListPages(app: App): ServerRoute {
  return {
    method: 'GET',
    path: '/jobs',
    options: {
      app: { page: { audience: 'public' } },
      validate: { query: lenientQuery(query) },
      handler: async (request, h) => {
        const { site } = request.app.xz;
        const q = request.query as unknown as JobListQuery;
        const list = JSON.parse(
          await service(app, 'jobs').publicList(site, {
            q: q.q || undefined,
            city: q.city || undefined,
            degree: q.degree || undefined,
            category: q.category || undefined,
            page: q.page,
            pageSize: JOB_PAGE_SIZE,
          }),
        ) as PublicJobList;
        const filters = { q: q.q, city: q.city, degree: q.degree, category: q.category };
        const filtered = Object.values(filters).some(Boolean);
        const count = list.totalIsCapped ? `${list.total}+` : String(list.total);
        return render(request, h, 'jobs/public-jobs', {
          data: {
            filter: {
              q: q.q,
              cityGroups: cityGroups(q.city),
              degrees: degreeOptions(q.degree),
              categories: categoryOptions(q.category),
              active: filtered,
            },
            count,
            jobs: list.items.map((job) => ({
              id: job.id,
              href: `/jobs/${job.id}`,
              title: job.title,
              employer: job.employer.name,
              cities: job.cityNames.join('、'),
              degree: degreeText(job.degree),
              category: job.category,
              headcount: job.headcount,
              salaryMin: job.salaryMin,
              salaryMax: job.salaryMax,
              publishedAt: job.publishedAt,
              publishedOn: dateOf(job.publishedAt),
            })),
            pastEnd: list.items.length === 0 && list.total > 0,
            firstPage: listHref('/jobs', filters),
            pager: pager('/jobs', filters, q.page, JOB_PAGE_SIZE, list.total),
            feeds: { atom: '/jobs/feed.atom', json: '/jobs/feed.json' },
          },
          title: q.page > 1 ? `招聘信息（第 ${q.page} 页）` : '招聘信息',
          description: `${site.name}招聘信息：经本站审核、仍在有效期内的用人单位招聘职位，可按关键词、工作地点、学历和职位类别筛选。`,
          alternates: [
            {
              type: 'application/atom+xml',
              title: `${site.name}招聘信息（Atom）`,
              href: `${request.app.xz.basePath}/jobs/feed.atom`,
            },
            {
              type: 'application/feed+json',
              title: `${site.name}招聘信息（JSON Feed）`,
              href: `${request.app.xz.basePath}/jobs/feed.json`,
            },
          ],
        });
      },
    },
  };
}
