// 管理控制台 › 宣讲会日程: a day or week (Monday–Sunday) of the site's rooms with every pending and approved info
// session — employer, title, time, status and a link to its review page. Online sessions (空中宣讲会) have their own
// row. The page is a list per day and per room, so it reads the same at 375 px as on a desktop; no JavaScript.
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import { addDays } from '../../../../core/clock.js';
import { calendarDate } from '../../../../core/http/schemas.js';
import { lenientQuery, render, staffOf } from '../../../../core/pages/index.js';
import { HOLDING } from '../../room-service.js';
import { localParts } from '../../local-time.js';

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const STATUS = {
  pending: { label: '待审核', tone: 'warning' },
  approved: { label: '已通过', tone: 'success' },
} as const;

const calendarQuery = Joi.object({
  date: calendarDate,
  view: Joi.string().valid('day', 'week').default('day'),
}).unknown(true);

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const dayLabel = (date: string) =>
  `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${WEEKDAYS[weekday(date)]}`;
const hm = (iso: string) => localParts(new Date(iso)).time.slice(0, 5);

/** Main has no rooms and reviews no sessions: its console says where they are instead of an empty calendar. */
export function mainSitePage(
  request: Request,
  h: ResponseToolkit,
  heading: string,
  menu: string,
  status = 200,
) {
  return render(request, h, 'presentations/staff-main', {
    data: { heading, alerts: {} },
    title: heading,
    menu,
    status,
  });
}

export function staffCalendarPages(app: App): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/admin/presentations',
      options: {
        app: { page: { audience: 'staff' } },
        validate: { query: lenientQuery(calendarQuery) },
        handler: async (request, h) => {
          const c = staffOf(request);
          const site = request.app.xz.site;
          if (site.isMain) return mainSitePage(request, h, '宣讲会日程', 'presentations');
          const today = app.clock.today();
          const q = request.query as { date?: string; view: 'day' | 'week' };
          const date = q.date ?? today;
          const week = q.view === 'week';
          const first = week ? addDays(date, -((weekday(date) + 6) % 7)) : date;
          const days = Array.from({ length: week ? 7 : 1 }, (_, i) => addDays(first, i));
          const last = days[days.length - 1]!;
          const [rooms, { items }] = await Promise.all([
            service(app, 'rooms').list(site),
            service(app, 'presentations').forSite(c, site, { from: first, to: last }),
          ]);
          const held = items.filter((p) => (HOLDING as readonly string[]).includes(p.status));
          const session = (p: (typeof held)[number]) => ({
            id: p.id,
            time: `${hm(p.startsAt)}–${hm(p.endsAt)}`,
            employer: p.employer.name,
            title: p.title,
            status: STATUS[p.status as keyof typeof STATUS],
            liveUrl: p.liveUrl,
            href: p.review ? `/admin/reviews/${p.review.id}` : null,
          });
          const lanes = [
            ...rooms.map((r) => ({
              key: `room-${r.id}`,
              name: r.name,
              note: [
                r.building,
                `${r.capacity} 人`,
                `开放 ${r.hours.opens}–${r.hours.closes}`,
                r.bookable ? '' : '暂不开放预约',
              ]
                .filter(Boolean)
                .join(' · '),
              online: false,
              holds: (p: (typeof held)[number]) => p.room?.id === r.id,
            })),
            {
              key: 'online',
              name: '空中宣讲会（线上）',
              note: '线上直播，不占用场地',
              online: true,
              holds: (p: (typeof held)[number]) => p.mode === 'online',
            },
          ];
          const dayViews = days.map((d) => {
            const ofDay = held.filter((p) => localParts(new Date(p.startsAt)).date === d);
            const rows = lanes
              .map((l) => ({
                key: l.key,
                name: l.name,
                note: l.note,
                online: l.online,
                sessions: ofDay.filter(l.holds).map(session),
              }))
              // the week view lists only the rooms that have sessions that day; the day view every room
              .filter((l) => !week || l.sessions.length > 0);
            return { day: d, label: dayLabel(d), today: d === today, count: ofDay.length, lanes: rows };
          });
          const step = week ? 7 : 1;
          const href = (d: string, v: string) => `/admin/presentations?date=${d}&view=${v}`;
          const view = week ? 'week' : 'day';
          return render(request, h, 'presentations/staff-calendar', {
            data: {
              week,
              heading: week ? `${dayLabel(first)} – ${dayLabel(last)}` : dayLabel(date),
              total: held.length,
              days: dayViews,
              noRooms: rooms.length === 0,
              nav: {
                prev: href(addDays(first, -step), view),
                next: href(addDays(first, step), view),
                today: href(today, view),
                day: href(date, 'day'),
                week: href(date, 'week'),
              },
              day: date,
            },
            title: '宣讲会日程',
            menu: 'presentations',
          });
        },
      },
    },
  ];
}
