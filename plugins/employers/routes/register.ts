import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import type { App } from '../../../core/app.js';
import { idempotencyHeaders } from '../../../core/http/idempotency.js';
import { passwordSchema } from '../../accounts/password-policy.js';
import { mobileSchema } from '../../verification/routes/send-code.js';
import type { EmployerService, RegistrationInput } from '../employer-service.js';

export const registrationSchema = Joi.object({
  name: Joi.string().trim().min(2).max(100).required(),
  uscc: Joi.string().trim().max(30).required(),
  contactName: Joi.string().trim().min(2).max(30).required(),
  contactPhone: mobileSchema.required(),
  smsCode: Joi.string()
    .trim()
    .pattern(/^\d{6}$/)
    .required()
    .messages({ 'string.pattern.base': '请输入6位数字验证码' }),
  password: passwordSchema.required(),
  email: Joi.string().trim().email().max(100).allow('', null),
  enableESign: Joi.boolean().required(),
  usccManualReview: Joi.boolean().default(false),
});

export function registerRoute(app: App, employers: EmployerService): ServerRoute {
  return {
    method: 'POST',
    path: '/api/v1/employers',
    options: {
      tags: ['api', 'employer'],
      description: '单位注册：联系人手机号即单位管理员账号',
      auth: false,
      app: { access: { public: true }, idempotent: true },
      validate: { headers: idempotencyHeaders, payload: registrationSchema },
      handler: async (request, h) => {
        const { employer, account } = await employers.register(request.payload as RegistrationInput);
        const summary = await employers.summary(employer.id);
        return h
          .response({
            employer: summary,
            account: { id: account.id, phone: account.phone, isAdmin: true },
            token: app.principals.sign(app.services.accounts!.payload(account)),
          })
          .code(201);
      },
    },
  };
}
