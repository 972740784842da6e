// "The service is away" as one decision: a failure to reach PostgreSQL (pg, PGlite, knex's pool) or Redis (node-redis,
// bull's ioredis) is not a bug of the request but of the moment, and is answered 503 UNAVAILABLE with Retry-After —
// never 500, never 401 (a session whose account cannot be read is not an invalid session). The error mapping and the
// session strategies ask `isServiceUnavailable`; it must never claim an error that a retry cannot fix (a constraint
// violation, a syntax error, a bug).
import type Boom from '@hapi/boom';
import { appError } from './errors.js';

/** Seconds a client is told to wait before retrying (Retry-After). */
export const RETRY_AFTER_SECONDS = 5;

export const UNAVAILABLE_MESSAGE = '服务暂时不可用，请稍后再试';

/** Socket-level failures: the peer is down, refused, reset or unreachable. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTCONN',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs that say the server cannot serve now: class 08 (connection exception), 57P01–57P03 (admin or crash shutdown,
 * cannot connect now) and 53300 (too many connections).
 */
function isUnavailableSqlState(code: string): boolean {
  return /^08[0-9A-Z]{3}$/.test(code) || ['57P01', '57P02', '57P03', '53300'].includes(code);
}

/** Error class names of the clients that mean "not connected" or "no answer in time". */
const UNAVAILABLE_NAMES = new Set([
  'KnexTimeoutError',
  // node-redis
  'ClientClosedError',
  'ClientOfflineError',
  'ConnectionTimeoutError',
  'SocketClosedUnexpectedlyError',
  'SocketTimeoutError',
  'ReconnectStrategyError',
  'TimeoutError',
  // ioredis (bull)
  'MaxRetriesPerRequestError',
]);

const UNAVAILABLE_MESSAGES = [
  /Timeout acquiring a connection/i,
  /Connection terminated/i,
  /is not queryable/i,
  /terminating connection/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /Connection is closed/i,
  /The client is (closed|offline)/i,
  /Socket closed unexpectedly/i,
  /PGlite is closed/i,
  /Unable to acquire a connection/i,
  /^The queue is full$/,
];

/** The errors `err` wraps: objection's `nativeError`, `cause`, AggregateError's `errors`. */
function* chain(err: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (!err || typeof err !== 'object' || depth > 5) return;
  const e = err as Record<string, unknown>;
  yield e;
  yield* chain(e.nativeError, depth + 1);
  yield* chain(e.cause, depth + 1);
  yield* chain(e.originalError, depth + 1);
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* chain(inner, depth + 1);
}

/** Whether `err` (raw, wrapped by objection or boomified by hapi) says PostgreSQL or Redis cannot be reached now. */
export function isServiceUnavailable(err: unknown): boolean {
  for (const e of chain(err)) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (NETWORK_CODES.has(code) || isUnavailableSqlState(code)) return true;
    if (typeof e.name === 'string' && UNAVAILABLE_NAMES.has(e.name)) return true;
    const ctor = (e.constructor as { name?: string } | undefined)?.name;
    if (ctor && UNAVAILABLE_NAMES.has(ctor)) return true;
    const message = typeof e.message === 'string' ? e.message : '';
    if (UNAVAILABLE_MESSAGES.some((re) => re.test(message))) return true;
  }
  return false;
}

/** 503 UNAVAILABLE with Retry-After: what every request gets while PostgreSQL or Redis is away. */
export function unavailable(): Boom.Boom {
  const err = appError(503, 'UNAVAILABLE', UNAVAILABLE_MESSAGE);
  err.output.headers['Retry-After'] = String(RETRY_AFTER_SECONDS);
  return err;
}

/** A promise that rejects with a TimeoutError after `ms` unless `work` settles first (the timer never holds the loop). */
export function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new Error(`${what}: no answer within ${ms} ms`);
      err.name = 'TimeoutError';
      reject(err);
    }, ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
