// SMS verification codes: six digits, kept 5 minutes, single use, burned after 5 wrong tries. Limits: one code a
// minute and ten a day per phone, and 200 an hour per IP (generous enough for a career centre's shared network).
// Codes are stored hashed; the message goes out through the outbox in the same step as the code is stored.
// Under parallel requests: every try is counted with an atomic increment before the code is compared, so at most 5
// wrong codes are ever compared, however many arrive at once; and the limits are counted before the phone rules
// say whether a phone is registered, and at most 20 such refusals an hour go to one IP, so numbers cannot be
// enumerated faster than that.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { shanghaiDate } from '../../core/clock.js';
import type { Db } from '../../core/db/knex.js';
import { appError } from '../../core/http/errors.js';
import type { KeyValueStore } from '../../core/kv.js';
import type { SmsService } from '../sms/sms-service.js';

export const PURPOSES = ['register', 'login', 'reset', 'student-login'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const LIMITS = {
  ttlSeconds: 300,
  maxTries: 5,
  perMinute: 1,
  perDay: 10,
  perIpHour: 200,
  refusedLookupsPerIpHour: 20,
};

export interface PhoneRules {
  /** Refuses before sending: e.g. register with a phone already taken, login with an unknown phone. */
  precheck(phone: string, purpose: Purpose): Promise<void>;
}

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

function hourWindow(): number {
  return Math.floor(Date.now() / 3_600_000);
}

export class VerificationService {
  constructor(
    private readonly db: Db,
    private readonly kv: KeyValueStore,
    private readonly sms: SmsService,
    private readonly rules: () => PhoneRules | undefined = () => undefined,
  ) {}

  /**
   * Sends a new code; refuses with 429 RATE_LIMITED past the limits. The limits are counted before the phone rules
   * run, so whether a phone is registered is told only to requests within them.
   */
  async send(phone: string, purpose: Purpose, ip: string): Promise<{ expiresIn: number; resendIn: number }> {
    const refusedKey = `sms:rl:refused:${ip}:${hourWindow()}`;
    const lookupsLimited = appError(429, 'RATE_LIMITED', '当前网络查询手机号过于频繁，请稍后再试');
    if ((Number(await this.kv.get(refusedKey)) || 0) >= LIMITS.refusedLookupsPerIpHour) throw lookupsLimited;
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
    try {
      await this.rules()?.precheck(phone, purpose);
    } catch (err) {
      // Each refusal takes a numbered place first: only the first 20 an hour are told, however many run at once.
      if ((await this.kv.increment(refusedKey, 3600)) > LIMITS.refusedLookupsPerIpHour) throw lookupsLimited;
      await this.kv.del(minuteKey);
      throw err;
    }

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

  /**
   * Every try takes a number from an atomic counter of this code before the code is compared; past 5 wrong tries
   * the code is burned, whatever arrives in parallel. A right try that does not use the code up (`peek`) gives its
   * number back through a second counter, so only wrong tries count.
   */
  private async check(phone: string, purpose: Purpose, code: string, useUp: boolean): Promise<void> {
    const key = `sms:code:${purpose}:${phone}`;
    const raw = await this.kv.get(key);
    const invalid = appError(400, 'SMS_CODE_INVALID', '验证码错误或已过期，请重新获取');
    const burned = appError(400, 'SMS_CODE_INVALID', '验证码错误次数过多，已失效，请重新获取');
    if (!raw) throw invalid;
    const stored = JSON.parse(raw) as StoredCode;
    // Counters belong to this code (a new code starts afresh) and outlive it: they start after it was stored.
    const triesKey = `sms:tries:${purpose}:${phone}:${stored.hash.slice(0, 16)}`;
    const tries = await this.kv.increment(`${triesKey}:n`, LIMITS.ttlSeconds);
    const rightPeeks = Number(await this.kv.get(`${triesKey}:ok`)) || 0;
    const wrongSoFar = tries - rightPeeks;
    if (wrongSoFar > LIMITS.maxTries) throw burned;
    const given = Buffer.from(hashCode(phone, purpose, code.trim()), 'hex');
    if (!timingSafeEqual(given, Buffer.from(stored.hash, 'hex'))) {
      if (wrongSoFar >= LIMITS.maxTries) {
        await this.kv.del(key);
        throw burned;
      }
      throw invalid;
    }
    if (!useUp) {
      await this.kv.increment(`${triesKey}:ok`, LIMITS.ttlSeconds);
      return;
    }
    const taken = await this.kv.take(key);
    if (taken === null || (JSON.parse(taken) as StoredCode).hash !== stored.hash) throw invalid;
  }
}
