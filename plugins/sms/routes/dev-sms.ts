import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import type { MemorySmsDriver } from '../drivers/memory.js';

/**
 * Development only: what the memory driver "sent", newest first. Mounted only in development mode (config.devMode),
 * never in production nor with real services unless XZ_DEV=1: it shows every code to anyone.
 */
export function devSmsRoute(driver: MemorySmsDriver): ServerRoute {
  return {
    method: 'GET',
    path: '/api/v1/dev/sms',
    options: {
      tags: ['api', 'dev'],
      description: '开发环境：查看已发送的短信（生产环境不提供）',
      auth: false,
      app: { access: { public: true } },
      validate: { query: Joi.object({ phone: Joi.string().pattern(/^1[3-9]\d{9}$/) }) },
      handler: async (request) => {
        const { phone } = request.query as { phone?: string };
        const items = await driver.list(phone);
        return {
          items: items.map((m) => ({
            phone: m.phone,
            code: m.params.code ?? null,
            purpose: m.params.purpose ?? null,
            template: m.template,
            text: m.text,
            sentAt: m.sentAt,
          })),
        };
      },
    },
  };
}
