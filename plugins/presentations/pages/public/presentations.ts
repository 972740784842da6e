// 宣讲会 pages of every site, in its theme and without client JavaScript: the approved sessions of the site (/presentations,
// the themes' nav link; soonest first, filtered by mode, date and keyword, or a week of them with ?view=week) and one
// session (/presentations/{id}) with its schema.org Event. A school shows its own sessions only; the main site shows
// every school's. A session not approved on this site is the theme's 404, whatever its state elsewhere.
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import type { App } from '../../../../core/app.js';
import { addDays, formatDate, formatDateTime } from '../../../../core/format/index.js';
import { idParams } from '../../../../core/http/schemas.js';
import { appError } from '../../../../core/http/errors.js';
import { lenientQuery, listHref, paramsOr404, render } from '../../../../core/pages/index.js';
import type { Site } from '../../../../core/tenancy/sites.js';
import { MODE_LABELS } from '../../presentation-service.js';
import { placeText, type PublicPresentation, type PublicPresentations } from '../../public-presentations.js';
import { calendarDate } from '../../schemas.js';

const notFound = () => appError(404, 'NOT_FOUND', '宣讲会不存在或未公开');
const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

const query = Joi.object({
  from: calendarDate.allow(''),
  to: calendarDate.allow(''),
  mode: Joi.string().valid('online', 'offline', '').default(''),
  q: Joi.string().trim().max(80).truncate().allow('').default(''),
  view: Joi.string().valid('list', 'week', '').default(''),
  week: calendarDate,
}).options({ stripUnknown: true });

interface ListQuery {
  from?: string;
  to?: string;
  mode: '' | 'online' | 'offline';
  q: string;
  view: '' | 'list' | 'week';
  week?: string;
}

/** 2027-03-01 14:00 至 16:00 */
function timeText(p: Pick<PublicPresentation, 'startsAt' | 'endsAt'>): string {
  return `${formatDateTime(p.startsAt)} 至 ${formatDateTime(p.endsAt).slice(11)}`;
}

/** The Monday (local date) of the week holding `date`. */
function monday(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((day + 6) % 7));
}

function item(p: PublicPresentation, site: Site) {
  const elsewhere = p.site.slug !== site.slug;
  return {
    id: p.id,
    href: elsewhere ? p.url : `/presentations/${p.id}`,
    external: elsewhere,
    title: p.title,
    employer: p.employer.name,
    school: p.site.name,
    mode: p.mode,
    modeLabel: MODE_LABELS[p.mode],
    place: placeText(p),
    startsAt: p.startsAt,
    date: formatDate(p.startsAt),
    time: timeText(p),
    clock: `${formatDateTime(p.startsAt).slice(11)}–${formatDateTime(p.endsAt).slice(11)}`,
  };
}

/** schema.org Event of a session's page (https://schema.org/Event). */
export function eventLd(p: PublicPresentation): Record<string, unknown> {
  const online = p.mode === 'online';
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: p.title,
    description: p.description || `${p.employer.name}${MODE_LABELS[p.mode]}`,
    url: p.url,
    startDate: p.startsAt,
    endDate: p.endsAt,
    eventStatus: 'https://schema.org/EventScheduled',
    eventAttendanceMode: online
      ? 'https://schema.org/OnlineEventAttendanceMode'
      : 'https://schema.org/OfflineEventAttendanceMode',
    location: online
      ? { '@type': 'VirtualLocation', url: p.liveUrl ?? p.url }
      : {
          '@type': 'Place',
          name: placeText(p),
          address: { '@type': 'PostalAddress', name: p.site.name, addressCountry: 'CN' },
        },
    organizer: { '@type': 'Organization', name: p.employer.name },
    isAccessibleForFree: true,
  };
}

export function publicPresentationPages(app: App, sessions: PublicPresentations): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/presentations',
      options: {
        app: { page: { audience: 'public' } },
        validate: { query: lenientQuery(query) },
        handler: async (request, h) => {
          const { site } = request.app.xz;
          const q = request.query as unknown as ListQuery;
          const week = q.view === 'week';
          const today = app.clock.today();
          const start = monday(q.week ?? q.from ?? today);
          const filter = week
            ? { from: start, to: addDays(start, 6) }
            : { from: q.from || undefined, to: q.to || undefined };
          if (filter.from && filter.to && filter.to < filter.from) filter.to = filter.from;
          const list = await sessions.list(site, {
            ...filter,
            mode: q.mode || undefined,
            q: q.q || undefined,
          });
          const items = list.items.map((p) => item(p, site));
          const keep = { mode: q.mode, q: q.q };
          const days = week
            ? Array.from({ length: 7 }, (_, i) => {
                const date = addDays(start, i);
                return {
                  day: date,
                  label: `${WEEKDAYS[i]} ${date.slice(5)}`,
                  today: date === today,
                  items: items.filter((p) => p.date === date),
                };
              })
            : [];
          const active = Boolean(q.mode || q.q || q.from || q.to);
          return render(request, h, 'presentations/public-presentations', {
            data: {
              filter: {
                q: q.q,
                from: list.from,
                to: list.to,
                modes: (['online', 'offline'] as const).map((m) => ({
                  value: m,
                  label: MODE_LABELS[m],
                  selected: q.mode === m,
                })),
                active,
              },
              week,
              weekRange: week ? `${start} 至 ${addDays(start, 6)}` : '',
              days,
              presentations: items,
              count: items.length,
              aggregate: site.isMain,
              views: {
                list: listHref('/presentations', keep),
                week: listHref('/presentations', { ...keep, view: 'week', week: q.week ?? '' }),
                prev: listHref('/presentations', { ...keep, view: 'week', week: addDays(start, -7) }),
                next: listHref('/presentations', { ...keep, view: 'week', week: addDays(start, 7) }),
              },
              ics: app.sites.urlOf(site, `/api/v1/public/sites/${site.slug}/presentations.ics`),
            },
            title: week ? `宣讲会（${start} 起一周）` : '宣讲会',
            description: site.isMain
              ? '全省各高校经审核的宣讲会：线下宣讲会与空中宣讲会的时间、地点和招聘单位。'
              : `${site.name}经审核的宣讲会：线下宣讲会与空中宣讲会的时间、地点和招聘单位。`,
            cache: true,
          });
        },
      },
    },
    {
      method: 'GET',
      path: '/presentations/{id}',
      options: {
        app: { page: { audience: 'public' } },
        validate: { params: paramsOr404(idParams, notFound), query: Joi.object().unknown(true) },
        handler: async (request, h) => {
          const { site } = request.app.xz;
          const p = await sessions.get(site, (request.params as { id: number }).id);
          if (!p) throw notFound();
          return render(request, h, 'presentations/public-presentation', {
            data: {
              presentation: {
                ...item(p, site),
                liveUrl: p.liveUrl,
                capacity: p.room?.capacity ?? null,
                description: p.description.split(/\n+/).filter((s) => s.trim()),
                jobs: p.jobs.map((j) => ({ ...j, href: `/jobs/${j.id}` })),
              },
              jsonLd: eventLd(p),
            },
            title: `${p.title} - ${p.employer.name}`,
            description: `${p.employer.name}${MODE_LABELS[p.mode]}：${timeText(p)}，${placeText(p)}（${p.site.name}）。`,
            cache: true,
          });
        },
      },
    },
  ];
}
