// Development driver: keeps delivered messages in a mailbox that GET /api/v1/dev/sms reads. The mailbox is a
// Redis list when REDIS_URL is set (so a separate worker's deliveries are visible to the web process), an
// in-process array otherwise. Never enabled in production (config refuses SMS_DRIVER=memory there).
import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../../../core/redis.js';
import type { SmsDriver, SmsMessage } from './driver.js';

export interface StoredSms extends SmsMessage {
  sentAt: string;
}

const KEY = 'xz:dev:sms';
const KEEP = 500;

export class MemorySmsDriver implements SmsDriver {
  readonly name = 'memory';
  private readonly local: StoredSms[] = [];

  constructor(private readonly redis: RedisClient | null) {}

  async send(message: SmsMessage): Promise<{ providerMessageId: string }> {
    const stored: StoredSms = { ...message, sentAt: new Date().toISOString() };
    if (this.redis) {
      await this.redis
        .multi()
        .lPush(KEY, JSON.stringify(stored))
        .lTrim(KEY, 0, KEEP - 1)
        .exec();
    } else {
      this.local.unshift(stored);
      this.local.length = Math.min(this.local.length, KEEP);
    }
    return { providerMessageId: `memory-${randomUUID()}` };
  }

  /** Newest first. */
  async list(phone?: string): Promise<StoredSms[]> {
    const all = this.redis
      ? (await this.redis.lRange(KEY, 0, KEEP - 1)).map((s) => JSON.parse(s) as StoredSms)
      : this.local;
    return phone ? all.filter((m) => m.phone === phone) : all;
  }
}
