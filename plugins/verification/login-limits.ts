// Login throttles that hold under parallel requests. Every attempt is counted with an atomic increment BEFORE the
// password (or SMS code) is checked, and the count decides; reading a lock and checking the slow hash afterwards
// would let a burst of parallel requests all through.
//  - Per account (an employer's phone or a staff username, known or not, so the answer does not reveal which exist):
//    5 attempts per 15 minutes counted from the first; a successful login clears the count. Later attempts get
//    429 RATE_LIMITED without a password check. The accounts' `failed_logins`/`locked_until` columns still record
//    checked failures and keep the lock when the counter store is emptied; the counter is what holds under load.
//  - Per IP: 30 failed logins per 15-minute window that opens with the IP's first attempt, over employer and staff
//    passwords, SMS login and password reset. Kept as attempts and successes of the same window, both atomic: an
//    attempt in flight holds its place, a success gives back its own place only, so no concurrency gets more than 30
//    failures checked.
//    The IP is `request.info.remoteAddress`: no proxy is trusted, so behind a load balancer every client shares the
//    balancer's address until forwarding headers are configured.
// Never put anything but counters here: no decision may read a value and act on it later.
import { appError } from '../../core/http/errors.js';
import type { KeyValueStore } from '../../core/kv.js';

export const LOGIN_LIMITS = {
  perAccount: 5,
  accountWindowSeconds: 900,
  perIp: 30,
  ipWindowSeconds: 900,
} as const;

const IP_LIMITED = '当前网络登录失败次数过多，请 15 分钟后再试';

/** An attempt that passed the limits: report a success so it does not count as a failure. */
export interface LoginAttempt {
  succeeded(): Promise<void>;
}

function rateLimited(message: string, retryAfter: number) {
  const err = appError(429, 'RATE_LIMITED', message);
  err.output.headers['Retry-After'] = String(Math.max(1, retryAfter));
  return err;
}

export class LoginLimits {
  constructor(private readonly kv: KeyValueStore) {}

  /** The IP's current window (opened by its first attempt) and its two counters. */
  private async ipWindow(ip: string) {
    const { ipWindowSeconds } = LOGIN_LIMITS;
    const openKey = `login:ip:${ip}:opened`;
    const now = Date.now();
    await this.kv.setIfAbsent(openKey, String(now), ipWindowSeconds);
    const opened = Number(await this.kv.get(openKey)) || now;
    const base = `login:ip:${ip}:${opened}`;
    return {
      attempts: `${base}:n`,
      successes: `${base}:ok`,
      retryAfter: Math.ceil((opened + ipWindowSeconds * 1000 - now) / 1000),
    };
  }

  /**
   * Counts one attempt from `ip` (and for `account`, when given) before anything is checked; throws 429
   * RATE_LIMITED with `account.message` when the account's count passes 5, or when the IP has 30 failures.
   */
  async begin(ip: string, account?: { key: string; message: string }): Promise<LoginAttempt> {
    const { ipWindowSeconds, perIp, perAccount, accountWindowSeconds } = LOGIN_LIMITS;
    const keys = await this.ipWindow(ip);
    const attempts = await this.kv.increment(keys.attempts, ipWindowSeconds * 2);
    const successes = Number(await this.kv.get(keys.successes)) || 0;
    if (attempts - successes > perIp) throw rateLimited(IP_LIMITED, keys.retryAfter);
    const accountKey = account && `login:acct:${account.key}`;
    if (account && accountKey) {
      const count = await this.kv.increment(accountKey, accountWindowSeconds);
      if (count > perAccount) throw rateLimited(account.message, await this.kv.ttl(accountKey));
    }
    return {
      succeeded: async () => {
        await this.kv.increment(keys.successes, ipWindowSeconds * 2);
        if (accountKey) await this.kv.del(accountKey);
      },
    };
  }

  /** Clears an account's count (a password reset or an SMS login unlocks it). */
  async clear(accountKey: string): Promise<void> {
    await this.kv.del(`login:acct:${accountKey}`);
  }
}
