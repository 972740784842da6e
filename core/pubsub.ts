// Fan-out between processes: Redis pub/sub when REDIS_URL is set (a dedicated subscriber connection), an in-process
// emitter otherwise. Used for live booth states (SSE) and for site settings changed by staff in another process.
// While Redis is away, publishing and subscribing fail within REDIS_COMMAND_TIMEOUT_MS (callers decide whether that
// is fatal); an unsubscribe that cannot reach Redis is dropped (the local listener is gone either way).
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { within } from './http/unavailable.js';
import { REDIS_COMMAND_TIMEOUT_MS, type RedisClient } from './redis.js';

export type Listener = (message: unknown) => void;

export interface PubSub {
  publish(channel: string, message: unknown): Promise<void>;
  /** Returns a function that stops the subscription. */
  subscribe(channel: string, listener: Listener): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export class LocalPubSub implements PubSub {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  async publish(channel: string, message: unknown) {
    this.emitter.emit(channel, structuredClone(message));
  }
  async subscribe(channel: string, listener: Listener) {
    this.emitter.on(channel, listener);
    return async () => {
      this.emitter.off(channel, listener);
    };
  }
  async close() {
    this.emitter.removeAllListeners();
  }
}

export class RedisPubSub implements PubSub {
  private subscriber: RedisClient | null = null;
  private readonly local = new EventEmitter().setMaxListeners(0);
  private readonly channels = new Map<string, number>();

  constructor(
    private readonly redis: RedisClient,
    private readonly log: Logger,
    private readonly prefix = 'xz:',
  ) {}

  private async sub(): Promise<RedisClient> {
    if (!this.subscriber) {
      this.subscriber = this.redis.duplicate();
      this.subscriber.on('error', (err: Error) =>
        this.log.warn({ err: err.message }, 'redis subscriber error'),
      );
      await this.subscriber.connect();
    }
    return this.subscriber;
  }

  async publish(channel: string, message: unknown) {
    await this.redis.publish(this.prefix + channel, JSON.stringify(message));
  }

  async subscribe(channel: string, listener: Listener) {
    const count = this.channels.get(channel) ?? 0;
    this.local.on(channel, listener);
    this.channels.set(channel, count + 1);
    if (count === 0) {
      const sub = await this.sub();
      const subscribed = sub.subscribe(this.prefix + channel, (raw: string) => {
        try {
          this.local.emit(channel, JSON.parse(raw));
        } catch (err) {
          this.log.warn({ err, channel }, 'bad pub/sub message');
        }
      });
      try {
        await within(subscribed, REDIS_COMMAND_TIMEOUT_MS, 'redis SUBSCRIBE');
      } catch (err) {
        this.local.off(channel, listener);
        this.channels.set(channel, count);
        throw err;
      }
    }
    return async () => {
      this.local.off(channel, listener);
      const left = (this.channels.get(channel) ?? 1) - 1;
      this.channels.set(channel, left);
      if (left === 0 && this.subscriber?.isReady)
        await within(
          this.subscriber.unsubscribe(this.prefix + channel),
          REDIS_COMMAND_TIMEOUT_MS,
          'redis UNSUBSCRIBE',
        ).catch((err: Error) => this.log.warn({ err: err.message, channel }, 'redis unsubscribe failed'));
    };
  }

  async close() {
    this.local.removeAllListeners();
    if (this.subscriber?.isReady) await this.subscriber.quit();
    else if (this.subscriber?.isOpen) this.subscriber.destroy();
    this.subscriber = null;
  }
}
