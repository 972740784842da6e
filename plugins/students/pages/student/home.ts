// 学生中心 on the school's site: who the student is, and the way to the résumé, applications, interview invitations and
// messages (站内消息 is the messages feature's page, plugins/messages/pages/inbox.ts).
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import { flashTexts, render, studentOf } from '../../../../core/pages/index.js';

const flash = flashTexts({
  password: '密码已设置，以后可使用学号或手机号加密码登录。',
});

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
  ];
}
