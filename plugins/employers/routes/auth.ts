import type { Request, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../core/app.js';
import type { AccountRow, AccountService } from '../../accounts/account-service.js';
import { passwordSchema } from '../../accounts/password-policy.js';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import { mobileSchema } from '../../verification/routes/send-code.js';
import type { VerificationService } from '../../verification/verification-service.js';
import type { EmployerService } from '../employer-service.js';

const code = Joi.string()
  .trim()
  .pattern(/^\d{6}$/)
  .required()
  .messages({ 'string.pattern.base': '请输入6位数字验证码' });

/** The body every employer login answers with. */
export async function loginResult(app: App, employers: EmployerService, account: AccountRow) {
  return {
    token: app.principals.sign(app.services.accounts!.payload(account)),
    account: {
      id: account.id,
      phone: account.phone,
      name: account.name,
      isAdmin: account.is_admin,
      mustSetPassword: !account.password_hash,
    },
    employer: await employers.summary(account.employer_id),
  };
}

const who = (request: Request) => request.auth.credentials as unknown as EmployerCredentials;

export function authRoutes(
  app: App,
  employers: EmployerService,
  accounts: AccountService,
  verification: VerificationService,
): ServerRoute[] {
  const limits = service(app, 'loginLimits');
  /** Checks an SMS code as a login attempt of the caller's IP (a wrong code counts as a failed login). */
  const consumeAsLogin = async (
    request: Request,
    phone: string,
    purpose: 'login' | 'reset',
    smsCode: string,
  ) => {
    const attempt = await limits.begin(request.info.remoteAddress);
    await verification.consume(phone, purpose, smsCode);
    await attempt.succeeded();
  };
  return [
    {
      method: 'POST',
      path: '/api/v1/auth/login',
      options: {
        tags: ['api', 'auth'],
        description: '单位账号密码登录',
        auth: false,
        app: { access: { public: true } },
        validate: {
          payload: Joi.object({
            phone: mobileSchema.required(),
            password: Joi.string().min(1).max(128).required(),
          }),
        },
        handler: async (request) => {
          const { phone, password } = request.payload as { phone: string; password: string };
          return loginResult(
            app,
            employers,
            await accounts.login(phone, password, request.info.remoteAddress),
          );
        },
      },
    },
    {
      method: 'POST',
      path: '/api/v1/auth/sms-login',
      options: {
        tags: ['api', 'auth'],
        description: '单位账号短信验证码登录（子账号首次登录必须使用）',
        auth: false,
        app: { access: { public: true } },
        validate: { payload: Joi.object({ phone: mobileSchema.required(), code }) },
        handler: async (request) => {
          const { phone, code: smsCode } = request.payload as { phone: string; code: string };
          await consumeAsLogin(request, phone, 'login', smsCode);
          return loginResult(app, employers, await accounts.smsLogin(phone));
        },
      },
    },
    {
      method: 'POST',
      path: '/api/v1/auth/reset-password',
      options: {
        tags: ['api', 'auth'],
        description: '通过短信验证码重置密码（此前签发的登录凭证全部失效）',
        auth: false,
        app: { access: { public: true } },
        validate: {
          payload: Joi.object({ phone: mobileSchema.required(), code, password: passwordSchema.required() }),
        },
        handler: async (request) => {
          const {
            phone,
            code: smsCode,
            password,
          } = request.payload as { phone: string; code: string; password: string };
          await consumeAsLogin(request, phone, 'reset', smsCode);
          return loginResult(app, employers, await accounts.resetPassword(phone, password));
        },
      },
    },
    {
      method: 'POST',
      path: '/api/v1/auth/logout',
      options: {
        tags: ['api', 'auth'],
        description: '退出登录（此账号此前签发的登录凭证全部失效）',
        auth: 'employer',
        app: { access: {} },
        handler: async (request, h) => {
          await accounts.revokeTokens(who(request).id);
          return h.response().code(204);
        },
      },
    },
    {
      method: 'GET',
      path: '/api/v1/employer/account',
      options: {
        tags: ['api', 'employer'],
        description: '当前账号',
        auth: 'employer',
        app: { access: {} },
        handler: (request) => {
          const c = who(request);
          return {
            id: c.id,
            phone: c.phone,
            name: c.name,
            isAdmin: c.isAdmin,
            permissions: c.permissions,
            mustSetPassword: c.mustSetPassword,
          };
        },
      },
    },
    {
      method: 'PUT',
      path: '/api/v1/employer/account/password',
      options: {
        tags: ['api', 'employer'],
        description: '修改密码（首次短信登录后设置密码时无需当前密码）；返回新的登录凭证',
        auth: 'employer',
        app: { access: {} },
        validate: {
          payload: Joi.object({
            currentPassword: Joi.string().max(128).allow('', null),
            newPassword: passwordSchema.required(),
          }),
        },
        handler: async (request) => {
          const { currentPassword, newPassword } = request.payload as {
            currentPassword?: string | null;
            newPassword: string;
          };
          const account = await accounts.changePassword(
            who(request).id,
            currentPassword || null,
            newPassword,
          );
          return loginResult(app, employers, account);
        },
      },
    },
  ];
}
