// 学生中心 on the school's site: who the student is, and the way to the résumé, applications, interview invitations and
// messages; 站内消息 lists the student's messages (newest first), marked read one by one or all at once.
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import { idParams } from '../../../../core/http/schemas.js';
import { dateTime, flashTexts, pager, render, seeOther, studentOf } from '../../../../core/pages/index.js';

const flash = flashTexts({
  password: '密码已设置，以后可使用学号或手机号加密码登录。',
  read: '已标为已读。',
  'read-all': '全部消息已标为已读。',
});

const PAGE_SIZE = 20;

function back(payload: unknown): string {
  const p = (payload ?? {}) as Record<string, unknown>;
  const params = new URLSearchParams();
  if (p.filter === 'unread') params.set('filter', 'unread');
  if (typeof p.page === 'string' && /^[1-9]\d{0,3}$/.test(p.page) && p.page !== '1')
    params.set('page', p.page);
  const qs = params.toString();
  return qs ? `/student/messages?${qs}` : '/student/messages';
}

export function studentHomePages(app: App): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/student',
      options: {
        app: { page: { audience: 'student' } },
        validate: { query: Joi.object({ done: Joi.string().max(40) }).unknown(true) },
        handler: async (request, h) => {
          const c = studentOf(request);
          const row = await service(app, 'students').get(c.id);
          if (!row) throw new Error('xiaozhao: a signed-in student without a row');
          const me = service(app, 'students').selfView(row);
          const unread = await service(app, 'messages').unreadCount({ studentId: c.id });
          return render(request, h, 'students/home', {
            data: {
              student: me,
              school: me.school?.name ?? request.app.xz.site.name,
              unread,
              alerts: { flash: flash((request.query as { done?: string }).done) },
            },
            title: '学生中心',
            menu: 'home',
          });
        },
      },
    },
    {
      method: 'GET',
      path: '/student/messages',
      options: {
        app: { page: { audience: 'student' } },
        validate: {
          query: Joi.object({
            filter: Joi.string().valid('all', 'unread').default('all'),
            page: Joi.number().integer().min(1).max(1000).default(1),
            done: Joi.string().max(40),
          }).unknown(true),
        },
        handler: async (request, h) => {
          const c = studentOf(request);
          const q = request.query as { filter: 'all' | 'unread'; page: number; done?: string };
          const messages = service(app, 'messages');
          const result = await messages.list(
            { studentId: c.id },
            { unread: q.filter === 'unread' || undefined, page: q.page, pageSize: PAGE_SIZE },
          );
          const filterQuery = { filter: q.filter === 'unread' ? 'unread' : undefined };
          return render(request, h, 'students/messages', {
            data: {
              alerts: { flash: flash(q.done) },
              unread: result.unread,
              filter: q.filter,
              pageNumber: q.page,
              tabs: [
                { label: '全部消息', href: '/student/messages', current: q.filter === 'all' },
                {
                  label: '未读消息',
                  href: '/student/messages?filter=unread',
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
                linkLabel: '查看详情',
                at: dateTime(m.createdAt),
              })),
              pager: pager('/student/messages', filterQuery, q.page, PAGE_SIZE, result.total),
            },
            title: '站内消息',
            menu: 'messages',
          });
        },
      },
    },
    {
      method: 'POST',
      path: '/student/messages/{id}/read',
      options: {
        app: { page: { audience: 'student' } },
        validate: { params: idParams },
        handler: async (request, h) => {
          const c = studentOf(request);
          await service(app, 'messages').markRead({ studentId: c.id }, (request.params as { id: number }).id);
          return seeOther(request, h, back(request.payload), 'read');
        },
      },
    },
    {
      method: 'POST',
      path: '/student/messages/read-all',
      options: {
        app: { page: { audience: 'student' } },
        handler: async (request, h) => {
          const c = studentOf(request);
          await service(app, 'messages').markAllRead({ studentId: c.id });
          return seeOther(request, h, back(request.payload), 'read-all');
        },
      },
    },
  ];
}
