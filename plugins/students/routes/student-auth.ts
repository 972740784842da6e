// Student sign-in on a school's site (API): by 学号 or phone + password, or by SMS code (`purpose: "student-login"`,
// the first sign-in and a forgotten password), then 设置密码; who am I; logout.
import type { Request, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../core/app.js';
import { appError } from '../../../core/http/errors.js';
import type { Site } from '../../../core/tenancy/sites.js';
import { passwordSchema } from '../../accounts/password-policy.js';
import { mobileSchema } from '../../verification/routes/send-code.js';
import type { Student } from '../models/student.js';
import type { StudentAuth } from '../student-auth.js';
import type { StudentCredentials, StudentService } from '../student-service.js';
import { siteSlug, studentLogin } from './schemas.js';

const smsCode = Joi.string()
  .trim()
  .pattern(/^\d{6}$/)
  .required()
  .messages({ 'string.pattern.base': '请输入6位数字验证码' });

const who = (request: Request) => request.auth.credentials as unknown as StudentCredentials;

export function studentAuthRoutes(app: App, students: StudentService, auth: StudentAuth): ServerRoute[] {
  const result = (student: Student, viaSms = false) => ({
    token: app.principals.sign(students.payload(student, viaSms)),
    student: students.selfView(student),
  });
  const siteOf = (slug: string): Site => {
    const site = app.sites.get(slug);
    if (!site) throw appError(404, 'SITE_NOT_FOUND', '站点不存在');
    return site;
  };
  return [
    {
      method: 'POST',
      path: '/api/v1/auth/student-login',
      options: {
        tags: ['api', 'auth'],
        description: '学生登录（本校学号或手机号 + 密码）',
        auth: false,
        app: { access: { public: true } },
        validate: {
          payload: Joi.object({
            site: siteSlug.required(),
            login: studentLogin,
            password: Joi.string().min(1).max(128).required(),
          }),
        },
        handler: async (request) => {
          const { site, login, password } = request.payload as {
            site: string;
            login: string;
            password: string;
          };
          return result(await auth.login(siteOf(site), login, password, request.info.remoteAddress));
        },
      },
    },
    {
      method: 'POST',
      path: '/api/v1/auth/student-sms-login',
      options: {
        tags: ['api', 'auth'],
        description: '学生短信验证码登录（首次登录或忘记密码；验证码用途 student-login），登录后设置密码',
        auth: false,
        app: { access: { public: true } },
        validate: {
          payload: Joi.object({ site: siteSlug.required(), phone: mobileSchema.required(), code: smsCode }),
        },
        handler: async (request) => {
          const { site, phone, code } = request.payload as { site: string; phone: string; code: string };
          const school = siteOf(site);
          const attempt = await service(app, 'loginLimits').begin(request.info.remoteAddress);
          await service(app, 'verification').consume(phone, 'student-login', code);
          await attempt.succeeded();
          return result(await auth.smsLogin(school, phone), true);
        },
      },
    },
    {
      method: 'GET',
      path: '/api/v1/student/me',
      options: {
        tags: ['api', 'student'],
        description: '当前学生',
        auth: 'student',
        app: { access: {} },
        handler: async (request) => {
          const row = await students.get(who(request).id);
          if (!row) throw appError(404, 'NOT_FOUND', '学生不存在');
          return students.selfView(row);
        },
      },
    },
    {
      method: 'PUT',
      path: '/api/v1/student/password',
      options: {
        tags: ['api', 'student'],
        description: '设置或修改密码（短信验证码登录后无需当前密码）；返回新的登录凭证',
        auth: 'student',
        app: { access: {} },
        validate: {
          payload: Joi.object({
            currentPassword: Joi.string().max(128).allow('', null),
            newPassword: passwordSchema.required(),
          }),
        },
        handler: async (request) => {
          const c = who(request);
          const { currentPassword, newPassword } = request.payload as {
            currentPassword?: string | null;
            newPassword: string;
          };
          return result(await auth.setPassword(c.id, currentPassword || null, newPassword, c.viaSms));
        },
      },
    },
    {
      method: 'POST',
      path: '/api/v1/student/logout',
      options: {
        tags: ['api', 'student'],
        description: '学生退出登录（此前签发的登录凭证全部失效）',
        auth: 'student',
        app: { access: {} },
        handler: async (request, h) => {
          await auth.revokeTokens(who(request).id);
          return h.response().code(204);
        },
      },
    },
  ];
}
