import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { appError } from '../../../core/http/errors.js';
import { normalizeMobile } from '../../../core/identifiers.js';
import { PURPOSES, type Purpose, type VerificationService } from '../verification-service.js';

export type { PhoneRules } from '../verification-service.js';

export const mobileSchema = Joi.string()
  .trim()
  .custom((value: string, helpers) => normalizeMobile(value) ?? helpers.error('string.pattern.base'))
  .messages({ 'string.pattern.base': '手机号格式不正确' });

export function sendCodeRoute(verification: VerificationService): ServerRoute {
  return {
    method: 'POST',
    path: '/api/v1/sms-codes',
    options: {
      tags: ['api', 'auth'],
      description: '获取短信验证码（注册、登录、重置密码）',
      auth: false,
      app: { access: { public: true } },
      validate: {
        payload: Joi.object({
          phone: mobileSchema.required(),
          purpose: Joi.string()
            .valid(...PURPOSES)
            .required(),
        }),
      },
      handler: async (request, h) => {
        const { phone, purpose } = request.payload as { phone: string; purpose: Purpose };
        // The service counts the limits first and only then asks the phone rules (registered or not).
        const ip = request.info.remoteAddress;
        if (!ip) throw appError(400, 'BAD_REQUEST', '无法识别请求来源');
        const result = await verification.send(phone, purpose, ip);
        return h.response({ phone, purpose, ...result }).code(202);
      },
    },
  };
}
