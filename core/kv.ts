// Short-lived keys (verification codes, rate-limit counters, one-time tickets): Redis when REDIS_URL is set,
// an in-process map otherwise (embedded profile, one process). Values are strings; TTLs in seconds.
import type { RedisClient } from './redis.js';

export interface KeyValueStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Sets only when absent; true when it was set. */
  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  /** Reads and deletes in one step: a second caller gets null (single-use tickets). */
  take(key: string): Promise<string | null>;
  del(key: string): Promise<void>;
  /** Increments a counter, starting its TTL with the first increment; returns the new count. */
  increment(key: string, ttlSeconds: number): Promise<number>;
  /** Remaining time to live in seconds, or -1 when absent. */
  ttl(key: string): Promise<number>;
}

export class RedisStore implements KeyValueStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix = 'xz:',
  ) {}
  async get(key: string) {
    return this.redis.get(this.prefix + key);
  }
  async set(key: string, value: string, ttlSeconds: number) {
    await this.redis.set(this.prefix + key, value, { expiration: { type: 'EX', value: ttlSeconds } });
  }
  async setIfAbsent(key: string, value: string, ttlSeconds: number) {
    const r = await this.redis.set(this.prefix + key, value, {
      expiration: { type: 'EX', value: ttlSeconds },
      condition: 'NX',
    });
    return r === 'OK';
  }
  async take(key: string) {
    return this.redis.getDel(this.prefix + key);
  }
  async del(key: string) {
    await this.redis.del(this.prefix + key);
  }
  async increment(key: string, ttlSeconds: number) {
    const k = this.prefix + key;
    const [count] = (await this.redis.multi().incr(k).expire(k, ttlSeconds, 'NX').exec()) as unknown as [
      number,
    ];
    return Number(count);
  }
  async ttl(key: string) {
    const t = await this.redis.ttl(this.prefix + key);
    return t < 0 ? -1 : t;
  }
}

export class MemoryStore implements KeyValueStore {
  private readonly map = new Map<string, { value: string; expires: number }>();

  private live(key: string) {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (e.expires <= Date.now()) {
      this.map.delete(key);
      return undefined;
    }
    return e;
  }
  private sweep() {
    if (this.map.size < 10_000) return;
    const now = Date.now();
    for (const [k, e] of this.map) if (e.expires <= now) this.map.delete(k);
  }
  async get(key: string) {
    return this.live(key)?.value ?? null;
  }
  async set(key: string, value: string, ttlSeconds: number) {
    this.sweep();
    this.map.set(key, { value, expires: Date.now() + ttlSeconds * 1000 });
  }
  async setIfAbsent(key: string, value: string, ttlSeconds: number) {
    if (this.live(key)) return false;
    await this.set(key, value, ttlSeconds);
    return true;
  }
  async take(key: string) {
    const e = this.live(key);
    this.map.delete(key);
    return e?.value ?? null;
  }
  async del(key: string) {
    this.map.delete(key);
  }
  async increment(key: string, ttlSeconds: number) {
    const e = this.live(key);
    if (!e) {
      await this.set(key, '1', ttlSeconds);
      return 1;
    }
    e.value = String(Number(e.value) + 1);
    return Number(e.value);
  }
  async ttl(key: string) {
    const e = this.live(key);
    return e ? Math.ceil((e.expires - Date.now()) / 1000) : -1;
  }
}
