// Idempotency-Key on creating POSTs: a client that did not get an answer (a timeout, a dropped connection, a 503) sends
// the same request again with the same key and gets the first answer — same status, same body — instead of creating a
// second row. A route opts in with `options.app.idempotent = true` and `validate.headers: idempotencyHeaders` (which
// also documents the header in the OpenAPI document).
//
// The key lives in PostgreSQL (migrations/…_create-idempotency-keys.ts), never in Redis: a retry is most likely when
// Redis or the network was the trouble. Scope: the caller (account, or anonymous) + method + path + key. The first
// request claims the key (INSERT … ON CONFLICT DO NOTHING) before its handler runs; a concurrent one with the same key
// waits for that answer (up to WAIT_MS, then 409 IDEMPOTENCY_IN_PROGRESS); the same key with a different body is 422
// IDEMPOTENCY_KEY_REUSED. Final answers (2xx, and 4xx that a retry would repeat) are stored; anything a retry may
// change (5xx, 408, 423, 429) releases the key. A claim whose answer never came (the process died, or PostgreSQL went
// away before the answer could be stored) is taken over after ABANDON_SECONDS. Answers are kept KEEP_HOURS.
//
// Stored bodies can hold secrets (registration answers with a token): they are sealed with AES-256-GCM under a key
// derived from the request's own body and Idempotency-Key, which are never stored, so a copy of the table reveals
// nothing; only the same request can open its answer.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Request, ResponseObject, ResponseToolkit, Server } from '@hapi/hapi';
import Boom from '@hapi/boom';
import Joi from 'joi';
import type { Logger } from 'pino';
import type { Db } from '../db/knex.js';
import { appError, validationError } from './errors.js';

/** How long an answer is kept for retries. */
export const KEEP_HOURS = 24;
/** A claim older than this without an answer is taken over by the next request with the key. */
export const ABANDON_SECONDS = 30;
/** How long a request waits for a concurrent one with the same key before 409 IDEMPOTENCY_IN_PROGRESS. */
export const WAIT_MS = 10_000;

const KEY_PATTERN = /^[\x20-\x7e]{1,100}$/;

/** joi for route `validate.headers` of an idempotent route: documents the header, refuses malformed keys. */
export const idempotencyHeaders = Joi.object({
  'idempotency-key': Joi.string()
    .max(100)
    .pattern(KEY_PATTERN)
    .description(
      '幂等键（1–100 个可打印 ASCII 字符）：重试同一请求时带上相同的值，将返回首次请求的结果而不会重复创建；保留 24 小时',
    ),
}).unknown(true);

const inProgress = () => appError(409, 'IDEMPOTENCY_IN_PROGRESS', '相同幂等键的请求正在处理中，请稍后重试');
const reused = () =>
  appError(
    422,
    'IDEMPOTENCY_KEY_REUSED',
    '该幂等键（Idempotency-Key）已用于内容不同的请求，请使用新的幂等键',
  );

/** Statuses a retry could change: the key is released instead of keeping the answer. */
const RETRYABLE = new Set([408, 423, 429]);

interface Claim {
  id: number;
  /** Seals the answer; derived from what is not stored. */
  sealKey: Buffer;
}

interface Row {
  id: number;
  request_hash: string;
  status: 'pending' | 'done';
  response_status: number | null;
  response_type: string | null;
  response_body: string | null;
  expired: boolean;
  abandoned: boolean;
}

export function isIdempotent(request: Request): boolean {
  return (request.route.settings.app as { idempotent?: boolean } | undefined)?.idempotent === true;
}

function principalOf(request: Request): string {
  const c = request.auth.credentials as { kind?: string; id?: number } | null | undefined;
  return request.auth.isAuthenticated && c?.kind && c.id !== undefined ? `${c.kind}:${c.id}` : 'anonymous';
}

function sha256(...parts: string[]): Buffer {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p).update('\0');
  return hash.digest();
}

function seal(text: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function unseal(sealed: string, key: Buffer): string {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

export class IdempotencyKeys {
  private readonly claims = new WeakMap<Request, Claim>();
  /** Emits a claim's id once it is answered in this process: waiters here need not poll. */
  private readonly answered = new EventEmitter().setMaxListeners(0);

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  install(server: Server): void {
    server.ext('onPreHandler', (request, h) => this.before(request, h));
    server.ext('onPreResponse', (request, h) => this.after(request, h));
  }

  /** Deletes answers older than KEEP_HOURS; returns how many. */
  async sweep(): Promise<number> {
    return this.db('idempotency_keys')
      .where('created_at', '<', this.db.raw(`now() - interval '${KEEP_HOURS} hours'`))
      .delete();
  }

  private async before(request: Request, h: ResponseToolkit) {
    const key = request.headers['idempotency-key'] as string | undefined;
    if (!isIdempotent(request) || key === undefined) return h.continue;
    if (!KEY_PATTERN.test(key))
      throw validationError([{ path: 'idempotency-key', message: '须为 1–100 个可打印 ASCII 字符' }]);
    const principal = principalOf(request);
    const route = `${request.method.toUpperCase()} ${request.path}`;
    const body = `${request.url.search}\0${JSON.stringify(request.payload ?? null)}`;
    const requestHash = sha256('request', body).toString('hex');
    const sealKey = sha256('seal', principal, route, key, body);
    const scope = { principal, route, key };
    const deadline = Date.now() + WAIT_MS;
    for (let wait = 25; ; wait = Math.min(wait * 2, 200)) {
      const inserted = (await this.db('idempotency_keys')
        .insert({ ...scope, request_hash: requestHash })
        .onConflict(['principal', 'route', 'key'])
        .ignore()
        .returning('id')) as { id: number }[];
      if (inserted[0]) return this.claimed(request, h, { id: Number(inserted[0].id), sealKey });
      const row = (await this.db('idempotency_keys')
        .where(scope)
        .first(
          'id',
          'request_hash',
          'status',
          'response_status',
          'response_type',
          'response_body',
          this.db.raw(`created_at < now() - interval '${KEEP_HOURS} hours' AS expired`),
          this.db.raw(`created_at < now() - interval '${ABANDON_SECONDS} seconds' AS abandoned`),
        )) as Row | undefined;
      if (!row) continue;
      if (row.expired) {
        await this.db('idempotency_keys').where({ id: row.id }).delete();
        continue;
      }
      if (row.request_hash !== requestHash) throw reused();
      if (row.status === 'done') return this.replay(h, row, sealKey);
      if (row.abandoned) {
        const taken = await this.db('idempotency_keys')
          .where({ id: row.id, status: 'pending' })
          .where('created_at', '<', this.db.raw(`now() - interval '${ABANDON_SECONDS} seconds'`))
          .update({ created_at: this.db.fn.now() });
        if (taken === 1) return this.claimed(request, h, { id: row.id, sealKey });
        continue;
      }
      if (Date.now() + wait > deadline) throw inProgress();
      await this.answeredOrSleep(row.id, wait);
    }
  }

  private claimed(request: Request, h: ResponseToolkit, claim: Claim) {
    this.claims.set(request, claim);
    return h.continue;
  }

  private async answeredOrSleep(id: number, ms: number): Promise<void> {
    let wake: () => void = () => undefined;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => {
        wake = resolve;
        this.answered.once(String(id), wake);
      }),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
      }),
    ]);
    clearTimeout(timer);
    this.answered.off(String(id), wake);
  }

  private replay(h: ResponseToolkit, row: Row, sealKey: Buffer) {
    const type = row.response_type ?? 'application/json; charset=utf-8';
    let text: string;
    try {
      text = unseal(row.response_body ?? '', sealKey);
    } catch {
      // Only the same request derives the same key: anything else is a different request.
      throw reused();
    }
    const source: unknown = type.startsWith('application/json') ? JSON.parse(text) : text;
    return h
      .response(source as object)
      .code(row.response_status!)
      .type(type)
      .header('Idempotent-Replayed', 'true')
      .takeover();
  }

  private async after(request: Request, h: ResponseToolkit) {
    const claim = this.claims.get(request);
    if (!claim) return h.continue;
    this.claims.delete(request);
    const response = request.response as ResponseObject | Boom.Boom;
    const status = Boom.isBoom(response) ? response.output.statusCode : response.statusCode;
    try {
      if (status >= 500 || RETRYABLE.has(status)) {
        await this.db('idempotency_keys').where({ id: claim.id, status: 'pending' }).delete();
      } else {
        const source = Boom.isBoom(response) ? response.output.payload : response.source;
        const type = Boom.isBoom(response)
          ? 'application/json; charset=utf-8'
          : String(response.headers['content-type'] ?? 'application/json; charset=utf-8');
        const text = typeof source === 'string' ? source : JSON.stringify(source ?? null);
        await this.db('idempotency_keys')
          .where({ id: claim.id })
          .update({
            status: 'done',
            response_status: status,
            response_type: type,
            response_body: seal(text, claim.sealKey),
            completed_at: this.db.fn.now(),
          });
      }
    } catch (err) {
      // The answer still goes out; the claim is taken over after ABANDON_SECONDS.
      this.log.warn({ err: (err as Error).message, id: claim.id }, 'idempotency key not recorded');
    } finally {
      this.answered.emit(String(claim.id));
    }
    return h.continue;
  }
}

/** Installs the idempotency extensions and the daily sweep of old answers. */
export function registerIdempotency(
  server: Server,
  deps: {
    db: Db;
    log: Logger;
    every: (name: string, intervalMs: number, task: () => Promise<unknown>) => void;
  },
): IdempotencyKeys {
  const keys = new IdempotencyKeys(deps.db, deps.log);
  keys.install(server);
  deps.every('idempotency-keys.sweep', 60 * 60 * 1000, () => keys.sweep());
  return keys;
}
