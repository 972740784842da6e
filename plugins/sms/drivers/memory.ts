// Development driver: delivers nowhere; its mailbox (GET /api/v1/dev/sms) is what it delivered, read back from
// PostgreSQL — the sms_deliveries row of each message it sent and the outbox row that holds the message's params.
// So the mailbox survives a Redis restart, and a separate worker's deliveries are visible to the web process.
// Only in development mode (config refuses SMS_DRIVER=memory in production and with real services unless XZ_DEV=1).
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../core/db/knex.js';
import type { SmsDriver, SmsMessage } from './driver.js';

export interface StoredSms extends SmsMessage {
  sentAt: string;
}

const PROVIDER_PREFIX = 'memory-';
const KEEP = 500;

export class MemorySmsDriver implements SmsDriver {
  readonly name = 'memory';

  /** `render` turns a stored template and params back into the text that was sent. */
  constructor(
    private readonly db: Db,
    private readonly render: (template: string, params: Record<string, string>) => string,
  ) {}

  async send(): Promise<{ providerMessageId: string }> {
    return { providerMessageId: `${PROVIDER_PREFIX}${randomUUID()}` };
  }

  /** Newest first, at most the last 500. */
  async list(phone?: string): Promise<StoredSms[]> {
    const rows = (await this.db('sms_deliveries as d')
      .join('outbox as o', 'o.id', 'd.outbox_id')
      .where('d.status', 'sent')
      .where('d.provider_message_id', 'like', `${PROVIDER_PREFIX}%`)
      .modify((q) => {
        if (phone) q.where('d.phone', phone);
      })
      .orderBy([
        { column: 'd.sent_at', order: 'desc' },
        { column: 'd.id', order: 'desc' },
      ])
      .limit(KEEP)
      .select('d.phone', 'd.template', 'd.sent_at', 'o.payload')) as {
      phone: string;
      template: string;
      sent_at: Date;
      payload: { params?: Record<string, string> };
    }[];
    return rows.map((r) => {
      const params = r.payload.params ?? {};
      return {
        phone: r.phone,
        template: r.template,
        params,
        text: this.render(r.template, params),
        sentAt: new Date(r.sent_at).toISOString(),
      };
    });
  }
}
