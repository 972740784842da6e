// 站内消息 of the employer centre and of the student centre: messages newest first, unread ones marked; 标为已读 one by
// one or all at once. Every account of an employer reads the same messages (the service keeps them per employer); a
// student reads their own. One set of pages serves both areas: only the audience, the path and the recipient differ.
import type { Request, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idParams } from '../../../core/http/schemas.js';
import { service, type App } from '../../../core/app.js';
import { dateTime, pager, render, seeOther, studentOf } from '../../../core/pages/index.js';
import { employerOf } from '../../accounts/permissions.js';
import type { Recipient } from '../message-service.js';
import { flash } from './flash.js';

const PAGE_SIZE = 20;

interface Area {
  audience: 'employer' | 'student';
  /** the list's path; its forms post to `<root>/read-all` and `<root>/{id}/read` */
  root: string;
  view: string;
  /** what the empty list tells this reader */
  emptyText: string;
  recipient: (request: Request) => Recipient;
}

const AREAS: Area[] = [
  {
    audience: 'employer',
    root: '/employer/messages',
    view: 'messages/messages',
    emptyText: '学校和省级主站的审核结果会以站内消息通知您。',
    recipient: (request) => ({ employerId: employerOf(request).employerId }),
  },
  {
    audience: 'student',
    root: '/student/messages',
    view: 'messages/student-messages',
    emptyText: '单位查看简历、邀请面试等都会以站内消息通知您。',
    recipient: (request) => ({ studentId: studentOf(request).id }),
  },
];

/** Back to the list the form was on. */
function back(root: string, payload: unknown): string {
  const p = (payload ?? {}) as Record<string, unknown>;
  const params = new URLSearchParams();
  if (p.filter === 'unread') params.set('filter', 'unread');
  if (typeof p.page === 'string' && /^[1-9]\d{0,3}$/.test(p.page) && p.page !== '1')
    params.set('page', p.page);
  const qs = params.toString();
  return qs ? `${root}?${qs}` : root;
}

export function messagePages(app: App): ServerRoute[] {
  return AREAS.flatMap((area) => areaPages(app, area));
}

function areaPages(app: App, area: Area): ServerRoute[] {
  const { root } = area;
  const page = { page: { audience: area.audience } };
  return [
    {
      method: 'GET',
      path: root,
      options: {
        app: page,
        validate: {
          query: Joi.object({
            filter: Joi.string().valid('all', 'unread').default('all'),
            page: Joi.number().integer().min(1).max(1000).default(1),
            done: Joi.string().max(40),
          }).unknown(true),
        },
        handler: async (request, h) => {
          const q = request.query as { filter: 'all' | 'unread'; page: number; done?: string };
          const result = await service(app, 'messages').list(area.recipient(request), {
            unread: q.filter === 'unread' || undefined,
            page: q.page,
            pageSize: PAGE_SIZE,
          });
          const filterQuery = { filter: q.filter === 'unread' ? 'unread' : undefined };
          return render(request, h, area.view, {
            data: {
              root,
              emptyText: area.emptyText,
              alerts: { flash: flash(q.done) },
              unread: result.unread,
              filter: q.filter,
              pageNumber: q.page,
              tabs: [
                { label: '全部消息', href: root, current: q.filter === 'all' },
                {
                  label: '未读消息',
                  href: `${root}?filter=unread`,
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
              pager: pager(root, filterQuery, q.page, PAGE_SIZE, result.total),
            },
            title: '站内消息',
            menu: 'messages',
          });
        },
      },
    },
    {
      method: 'POST',
      path: `${root}/{id}/read`,
      options: {
        app: page,
        validate: { params: idParams },
        handler: async (request, h) => {
          const id = (request.params as { id: number }).id;
          await service(app, 'messages').markRead(area.recipient(request), id);
          return seeOther(request, h, back(root, request.payload), 'read');
        },
      },
    },
    {
      method: 'POST',
      path: `${root}/read-all`,
      options: {
        app: page,
        handler: async (request, h) => {
          await service(app, 'messages').markAllRead(area.recipient(request));
          return seeOther(request, h, back(root, request.payload), 'read-all');
        },
      },
    },
  ];
}
