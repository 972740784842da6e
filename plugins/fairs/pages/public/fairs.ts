// 招聘会 pages of every site, in its theme and without client JavaScript: the site's upcoming fairs (/fairs, the
// themes' nav link) and one fair with its booth map, read-only (/fairs/{id}, where <xz-fair-list> links). A school
// shows only the fairs it holds; the main site aggregates every school's (list with the holding school, and detail).
// Employers book from the employer centre (the page links there).
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idParams, rowId } from '../../../../core/http/schemas.js';
import { service, type App } from '../../../../core/app.js';
import { appError } from '../../../../core/http/errors.js';
import { boothMap, fairFacts } from '../format.js';
import { lenientQuery, paramsOr404, render } from '../../../../core/pages/index.js';

const notFound = () => appError(404, 'NOT_FOUND', '招聘会不存在或已结束');

export function publicFairPages(app: App): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/fairs',
      options: {
        app: { page: { audience: 'public' } },
        handler: async (request, h) => {
          const { site } = request.app.xz;
          const { items } = await service(app, 'fairs').publicFairs(site);
          const now = app.clock.now();
          return render(request, h, 'fairs/public-fairs', {
            data: {
              fairs: items.map((f) => ({ ...fairFacts(f, now), href: `/fairs/${f.id}` })),
              aggregate: site.isMain,
            },
            title: '招聘会',
            status: 200,
            description: site.isMain
              ? `全省各高校即将举办的招聘会（双选会）：时间、举办学校、预定时间、展位与费用。`
              : `${site.name}即将举办的招聘会（双选会）：时间、预定时间、展位与费用。`,
            cache: true,
          });
        },
      },
    },
    {
      method: 'GET',
      path: '/fairs/{id}',
      options: {
        app: { page: { audience: 'public' } },
        validate: {
          params: paramsOr404(idParams, notFound),
          query: lenientQuery(Joi.object({ venue: rowId })),
        },
        handler: async (request, h) => {
          const { site } = request.app.xz;
          const id = (request.params as { id: number }).id;
          const fair = await service(app, 'fairs')
            .publicFairOn(site, id)
            .catch(() => {
              throw notFound();
            });
          const now = app.clock.now();
          const holder = app.sites.get(fair.site.slug);
          return render(request, h, 'fairs/public-fair', {
            data: {
              fair: fairFacts(fair, now),
              map: boothMap(fair, {
                venueId: (request.query as { venue?: number }).venue,
                path: `/fairs/${id}`,
              }),
              bookHref: `/employer/fairs/${id}`,
              holder:
                holder && holder.id !== site.id
                  ? { name: holder.name, href: `${holder.url}fairs/${id}` }
                  : null,
            },
            title: fair.title,
            status: 200,
            description: `${fair.title}：${fair.site.name}举办的招聘会，展位图与预定信息。`,
          });
        },
      },
    },
  ];
}
