// The public side of info sessions: a site's approved sessions as JSON and as an iCalendar feed students subscribe
// to. Only sessions approved on that site (main: every school's); the window defaults to today and 30 days on.
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import type { App } from '../../../core/app.js';
import { validationError } from '../../../core/http/errors.js';
import { calendar } from '../ical.js';
import {
  placeText,
  type PublicPresentationQuery,
  type PublicPresentations,
} from '../public-presentations.js';
import { calendarDate, siteSlug } from '../schemas.js';

export const publicPresentationQuery = Joi.object({
  from: calendarDate,
  to: calendarDate,
  mode: Joi.string().valid('online', 'offline', ''),
  q: Joi.string().trim().max(80).allow(''),
});

const room = Joi.object({ name: Joi.string(), building: Joi.string().allow(''), capacity: Joi.number() })
  .allow(null)
  .label('PublicPresentationRoom');

export const publicPresentationSchema = Joi.object({
  id: Joi.number().required(),
  site: Joi.object({ slug: Joi.string(), name: Joi.string() }).label('PublicPresentationSite'),
  employer: Joi.object({ id: Joi.number(), name: Joi.string() }).label('PublicPresentationEmployer'),
  mode: Joi.string().valid('online', 'offline').required(),
  title: Joi.string().required(),
  startsAt: Joi.string().required(),
  endsAt: Joi.string().required(),
  room,
  liveUrl: Joi.string().allow(null),
  description: Joi.string().allow(''),
  jobs: Joi.array().items(
    Joi.object({ id: Joi.number(), title: Joi.string() }).label('PublicPresentationJob'),
  ),
  url: Joi.string(),
}).label('PublicPresentation');

export const publicPresentationListSchema = Joi.object({
  from: Joi.string().required(),
  to: Joi.string().required(),
  items: Joi.array().items(publicPresentationSchema).required(),
}).label('PublicPresentationList');

/** The query as the service takes it; `to` before `from` is 400 VALIDATION. */
function filters(raw: Record<string, string | undefined>): PublicPresentationQuery {
  if (raw.from && raw.to && raw.to < raw.from)
    throw validationError([{ path: 'to', message: '结束日期不能早于开始日期' }]);
  return {
    from: raw.from,
    to: raw.to,
    mode: (raw.mode || undefined) as PublicPresentationQuery['mode'],
    q: raw.q || undefined,
  };
}

export function publicPresentationRoutes(app: App, sessions: PublicPresentations): ServerRoute[] {
  const params = Joi.object({ slug: siteSlug.required() });
  return [
    {
      method: 'GET',
      path: '/api/v1/public/sites/{slug}/presentations',
      options: {
        tags: ['api', 'public'],
        description:
          '站点的宣讲会：该站审核通过的场次（主站：各校的），按开始时间排序；日期（含结束日，默认今天起 30 天）、方式、关键词筛选',
        auth: false,
        app: { access: { public: true } },
        validate: { params, query: publicPresentationQuery },
        response: { schema: publicPresentationListSchema, sample: 0 },
        handler: async (request) => {
          const site = app.sites.require((request.params as { slug: string }).slug);
          return sessions.list(site, filters(request.query as Record<string, string>));
        },
      },
    },
    {
      method: 'GET',
      path: '/api/v1/public/sites/{slug}/presentations.ics',
      options: {
        tags: ['api', 'public'],
        description: '站点宣讲会的 iCalendar 订阅（text/calendar）：与列表相同的场次，时间为 UTC',
        auth: false,
        app: { access: { public: true } },
        validate: { params, query: publicPresentationQuery },
        handler: async (request, h) => {
          const site = app.sites.require((request.params as { slug: string }).slug);
          const { items } = await sessions.list(site, filters(request.query as Record<string, string>));
          const host = new URL(app.sites.urlOf(site, '/')).hostname;
          const body = calendar({
            name: `${site.name}宣讲会`,
            prodId: '-//xiaozhao//presentations//ZH',
            now: app.clock.now(),
            events: items.map((p) => ({
              uid: `presentation-${p.id}@${host}`,
              start: new Date(p.startsAt),
              end: new Date(p.endsAt),
              summary: `${p.employer.name}：${p.title}`,
              location: placeText(p),
              url: p.url,
              description: [
                `${p.mode === 'online' ? '空中宣讲会' : '线下宣讲会'}（${p.site.name}）`,
                p.liveUrl ? `直播链接：${p.liveUrl}` : '',
                p.description,
              ]
                .filter(Boolean)
                .join('\n'),
            })),
          });
          return h
            .response(body)
            .type('text/calendar; charset=utf-8')
            .header('Content-Disposition', `inline; filename="${site.slug}-presentations.ics"`);
        },
      },
    },
  ];
}
