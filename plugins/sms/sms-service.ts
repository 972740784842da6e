// Text messages go out through the outbox: `send` writes a row in the caller's transaction; the
// `sms.send-message` job delivers it through the configured driver exactly once per outbox row.
import type { Knex } from 'knex';
import type { Db } from '../../core/db/knex.js';
import type { TaskContext, TaskDefinition } from '../../core/tasks/task-system.js';
import { enqueue } from '../../core/tasks/outbox.js';
import type { SmsDriver } from './drivers/driver.js';

export const SMS_TOPIC = 'sms.send-message';

const PURPOSES: Record<string, string> = {
  register: '单位注册',
  login: '登录',
  reset: '重置密码',
  'student-login': '学生登录',
};

/** Message templates; the signature is added by the provider in production. */
export const TEMPLATES: Record<string, (p: Record<string, string>) => string> = {
  'verification-code': (p) =>
    `【江苏高校就业网】您的验证码为${p.code}，用于${PURPOSES[p.purpose ?? ''] ?? '身份验证'}，5分钟内有效。如非本人操作，请忽略。`,
  notice: (p) => `【江苏高校就业网】${p.text}`,
};

export interface SmsRequest {
  phone: string;
  template: keyof typeof TEMPLATES;
  params: Record<string, string>;
}

export class SmsService {
  constructor(readonly driver: SmsDriver) {}

  /** Queues a message in the caller's transaction; returns the outbox id. */
  async send(trx: Knex | Knex.Transaction, request: SmsRequest): Promise<number> {
    if (!TEMPLATES[request.template]) throw new Error(`unknown sms template ${request.template}`);
    return enqueue(trx, SMS_TOPIC, request);
  }

  task(): TaskDefinition<SmsRequest> {
    return {
      topic: SMS_TOPIC,
      attempts: 6,
      backoffMs: 2000,
      process: (payload, ctx) => this.deliver(payload, ctx),
    };
  }

  /** Idempotent on the outbox id: a message already sent is not sent again. */
  private async deliver(request: SmsRequest, ctx: TaskContext): Promise<void> {
    const db: Db = ctx.db;
    await db('sms_deliveries')
      .insert({ outbox_id: ctx.outboxId, phone: request.phone, template: request.template })
      .onConflict('outbox_id')
      .ignore();
    const row = (await db('sms_deliveries').where({ outbox_id: ctx.outboxId }).first()) as {
      id: number;
      status: string;
    };
    if (row.status === 'sent') return;
    const render = TEMPLATES[request.template];
    if (!render) throw new Error(`unknown sms template ${request.template}`);
    const { providerMessageId } = await this.driver.send({ ...request, text: render(request.params) });
    await db('sms_deliveries')
      .where({ id: row.id })
      .update({ status: 'sent', sent_at: db.fn.now(), provider_message_id: providerMessageId });
  }
}
