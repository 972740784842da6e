// 招聘公告: the announcements approved on the site, newest approval first, 20 a page, searchable by keyword (title
// or employer) as GET /api/v1/public/sites/{slug}/announcements searches them.
import type { PublicAnnouncementList } from './types.js';
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import { dateOf } from '../../../postings/pages/listing-format.js';
import { lenientQuery, listHref, pager, render } from '../../../../core/pages/index.js';

const PAGE_SIZE = 20;

const query = Joi.object({
  q: Joi.string().trim().max(40).truncate().allow('').default(''),
  page: Joi.number().integer().min(1).max(500).default(1),
}).options({ stripUnknown: true });

export function announcementListPages(app: App): ServerRoute {
  return {
    method: 'GET',
    path: '/announcements',
    options: {
      app: { page: { audience: 'public' } },
      validate: { query: lenientQuery(query) },
      handler: async (request, h) => {
        const { site } = request.app.xz;
        const q = request.query as unknown as { q: string; page: number };
        const list = JSON.parse(
          await service(app, 'announcements').publicList(site, {
            q: q.q || undefined,
            page: q.page,
            pageSize: PAGE_SIZE,
          }),
        ) as PublicAnnouncementList;
        const filters = { q: q.q };
        return render(request, h, 'announcements/public-announcements', {
          data: {
            filter: { q: q.q, active: !!q.q },
            count: String(list.total),
            announcements: list.items.map((a) => ({
              id: a.id,
              href: `/announcements/${a.id}`,
              title: a.title,
              employer: a.employer.name,
              publishedAt: a.publishedAt,
              publishedOn: dateOf(a.publishedAt),
            })),
            pastEnd: list.items.length === 0 && list.total > 0,
            firstPage: listHref('/announcements', filters),
            pager: pager('/announcements', filters, q.page, PAGE_SIZE, list.total),
          },
          title: q.page > 1 ? `招聘公告（第 ${q.page} 页）` : '招聘公告',
          description: `${site.name}招聘公告：经本站审核发布的用人单位校园招聘公告。`,
        });
      },
    },
  };
}
