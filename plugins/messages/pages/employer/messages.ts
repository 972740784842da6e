// 站内消息: review decisions and notices for the employer, newest first, unread ones marked; 标为已读 one by one or all
// at once. Every account of the employer reads the same messages (the service keeps them per employer).
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idParams } from '../../../../core/http/schemas.js';
import { service, type App } from '../../../../core/app.js';
import { dateTime, pager, render, seeOther } from '../../../../core/pages/index.js';
import { employerOf } from '../../../accounts/permissions.js';
import { flash } from '../flash.js';

const PAGE_SIZE = 20;

/** Back to the list the form was on. */
function back(payload: unknown): string {
  const p = (payload ?? {}) as Record<string, unknown>;
  const params = new URLSearchParams();
  if (p.filter === 'unread') params.set('filter', 'unread');
  if (typeof p.page === 'string' && /^[1-9]\d{0,3}$/.test(p.page) && p.page !== '1')
    params.set('page', p.page);
  const qs = params.toString();
  return qs ? `/employer/messages?${qs}` : '/employer/messages';
}

export function messagePages(app: App): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/employer/messages',
      options: {
        app: { page: { audience: 'employer' } },
        validate: {
          query: Joi.object({
            filter: Joi.string().valid('all', 'unread').default('all'),
            page: Joi.number().integer().min(1).max(1000).default(1),
            done: Joi.string().max(40),
          }).unknown(true),
        },
        handler: async (request, h) => {
          const c = employerOf(request);
          const q = request.query as { filter: 'all' | 'unread'; page: number; done?: string };
          const result = await service(app, 'messages').list(c.employerId, {
            unread: q.filter === 'unread' || undefined,
            page: q.page,
            pageSize: PAGE_SIZE,
          });
          const filterQuery = { filter: q.filter === 'unread' ? 'unread' : undefined };
          return render(request, h, 'messages/messages', {
            data: {
              alerts: { flash: flash(q.done) },
              unread: result.unread,
              filter: q.filter,
              pageNumber: q.page,
              tabs: [
                { label: '全部消息', href: '/employer/messages', current: q.filter === 'all' },
                {
                  label: '未读消息',
                  href: '/employer/messages?filter=unread',
                  current: q.filter === 'unread',
                },
              ],
              items: result.items.map((m) => ({
                id: m.id,
                title: m.title,
                body: m.body,
                read: m.read,
                site: m.site ? (app.sites.get(m.site)?.name ?? m.site) : null,
                link: m.link,
                linkLabel: m.subject
                  ? `查看${service(app, 'messages').subjectName(m.subject.type)}`
                  : '查看详情',
                at: dateTime(m.createdAt),
              })),
              pager: pager('/employer/messages', filterQuery, q.page, PAGE_SIZE, result.total),
            },
            title: '站内消息',
            menu: 'messages',
          });
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/messages/{id}/read',
      options: {
        app: { page: { audience: 'employer' } },
        validate: { params: idParams },
        handler: async (request, h) => {
          const c = employerOf(request);
          await service(app, 'messages').markRead(c.employerId, (request.params as { id: number }).id);
          return seeOther(request, h, back(request.payload), 'read');
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/messages/read-all',
      options: {
        app: { page: { audience: 'employer' } },
        handler: async (request, h) => {
          const c = employerOf(request);
          await service(app, 'messages').markAllRead(c.employerId);
          return seeOther(request, h, back(request.payload), 'read-all');
        },
      },
    },
  ];
}
