// SMS verification codes: six digits, kept 5 minutes, single use, burned after 5 wrong tries. Limits: one code a
// minute and ten a day per phone, and 200 an hour per IP (generous enough for a career centre's shared network).
// Codes are stored hashed; the message goes out through the outbox in the same step as the code is stored.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { shanghaiDate } from '../../core/clock.js';
import type { Db } from '../../core/db/knex.js';
import { appError } from '../../core/http/errors.js';
import type { KeyValueStore } from '../../core/kv.js';
import type { SmsService } from '../sms/sms-service.js';

export const PURPOSES = ['register', 'login', 'reset'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const LIMITS = { ttlSeconds: 300, maxTries: 5, perMinute: 1, perDay: 10, perIpHour: 200 };

interface StoredCode {
  hash: string;
  tries: number;
}

function hashCode(phone: string, purpose: string, code: string): string {
  return createHash('sha256').update(`${purpose}:${phone}:${code}`).digest('hex');
}

function today(): string {
  return shanghaiDate(new Date());
}

export class VerificationService {
  constructor(
    private readonly db: Db,
    private readonly kv: KeyValueStore,
    private readonly sms: SmsService,
  ) {}

  /** Sends a new code; refuses with 429 RATE_LIMITED past the limits. */
  async send(phone: string, purpose: Purpose, ip: string): Promise<{ expiresIn: number; resendIn: number }> {
    const minuteKey = `sms:rl:min:${phone}`;
    if (!(await this.kv.setIfAbsent(minuteKey, '1', 60))) {
      const wait = await this.kv.ttl(minuteKey);
      throw appError(429, 'RATE_LIMITED', `验证码发送过于频繁，请 ${Math.max(wait, 1)} 秒后再试`);
    }
    const perDay = await this.kv.increment(`sms:rl:day:${today()}:${phone}`, 86_400);
    if (perDay > LIMITS.perDay)
      throw appError(429, 'RATE_LIMITED', '该手机号今日获取验证码次数已达上限，请明天再试');
    const perIp = await this.kv.increment(`sms:rl:ip:${ip}`, 3600);
    if (perIp > LIMITS.perIpHour)
      throw appError(429, 'RATE_LIMITED', '当前网络获取验证码过于频繁，请稍后再试');

    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const stored: StoredCode = { hash: hashCode(phone, purpose, code), tries: 0 };
    await this.db.transaction(async (trx) => {
      await this.sms.send(trx, { phone, template: 'verification-code', params: { code, purpose } });
      await this.kv.set(`sms:code:${purpose}:${phone}`, JSON.stringify(stored), LIMITS.ttlSeconds);
    });
    return { expiresIn: LIMITS.ttlSeconds, resendIn: 60 };
  }

  /**
   * Checks a code and uses it up. Wrong codes count; the fifth wrong try burns the code.
   * Throws 400 SMS_CODE_INVALID.
   */
  async consume(phone: string, purpose: Purpose, code: string): Promise<void> {
    await this.check(phone, purpose, code, true);
  }

  /** Checks a code without using it up (form steps before the final one); wrong tries still count. */
  async peek(phone: string, purpose: Purpose, code: string): Promise<void> {
    await this.check(phone, purpose, code, false);
  }

  private async check(phone: string, purpose: Purpose, code: string, useUp: boolean): Promise<void> {
    const key = `sms:code:${purpose}:${phone}`;
    const raw = await this.kv.get(key);
    const invalid = appError(400, 'SMS_CODE_INVALID', '验证码错误或已过期，请重新获取');
    if (!raw) throw invalid;
    const stored = JSON.parse(raw) as StoredCode;
    const given = Buffer.from(hashCode(phone, purpose, code.trim()), 'hex');
    if (!timingSafeEqual(given, Buffer.from(stored.hash, 'hex'))) {
      stored.tries += 1;
      const ttl = await this.kv.ttl(key);
      if (stored.tries >= LIMITS.maxTries || ttl <= 0) await this.kv.del(key);
      else await this.kv.set(key, JSON.stringify(stored), ttl);
      throw stored.tries >= LIMITS.maxTries
        ? appError(400, 'SMS_CODE_INVALID', '验证码错误次数过多，已失效，请重新获取')
        : invalid;
    }
    if (useUp && (await this.kv.take(key)) === null) throw invalid;
  }
}
