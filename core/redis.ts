// The Redis client of the web and worker processes. Redis may go away at any time; a request must then fail within
// about a second (503 UNAVAILABLE, see core/http/unavailable.ts) instead of waiting for it to come back:
// - commands are refused at once while the client is disconnected (`disableOfflineQueue`), and time out after
//   REDIS_COMMAND_TIMEOUT_MS when Redis stops answering on an open connection;
// - MULTI/pipelines, which node-redis queues even when offline and without a timeout, get the same two rules here;
// - the client reconnects in the background forever (at most REDIS_RECONNECT_MAX_MS apart), so service resumes
//   without a restart once Redis is back.
// These are constants, not configuration: they bound how long a request may wait, and no deployment wants more.
import { createClient } from 'redis';
import type { Logger } from 'pino';
import { within } from './http/unavailable.js';

/** How long one Redis command (or MULTI) may take before the request gives up. */
export const REDIS_COMMAND_TIMEOUT_MS = 1000;
/** How long one connection attempt may take. */
export const REDIS_CONNECT_TIMEOUT_MS = 1000;
/** Longest pause between reconnection attempts. */
export const REDIS_RECONNECT_MAX_MS = 1000;

function makeClient(url: string) {
  return createClient({
    url,
    disableOfflineQueue: true,
    commandOptions: { timeout: REDIS_COMMAND_TIMEOUT_MS },
    socket: {
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, REDIS_RECONNECT_MAX_MS),
      connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    },
  });
}

export type RedisClient = ReturnType<typeof makeClient>;

class RedisOfflineError extends Error {
  constructor() {
    super('The client is offline');
    this.name = 'ClientOfflineError';
  }
}

/** MULTI and pipelines fail at once when disconnected and within the command timeout otherwise. */
function failFastBatches(client: RedisClient): void {
  const multi = client._executeMulti.bind(client);
  const pipeline = client._executePipeline.bind(client);
  client._executeMulti = (...args: Parameters<typeof multi>) =>
    client.isReady
      ? within(multi(...args), REDIS_COMMAND_TIMEOUT_MS, 'redis MULTI')
      : Promise.reject(new RedisOfflineError());
  client._executePipeline = (...args: Parameters<typeof pipeline>) =>
    client.isReady
      ? within(pipeline(...args), REDIS_COMMAND_TIMEOUT_MS, 'redis pipeline')
      : Promise.reject(new RedisOfflineError());
}

/** Connects a node-redis client that reconnects with backoff and logs (never throws) on connection errors. */
export async function connectRedis(url: string, log: Logger): Promise<RedisClient> {
  const client = makeClient(url);
  failFastBatches(client);
  let last = 0;
  client.on('error', (err: Error) => {
    if (Date.now() - last > 10_000) log.warn({ err: err.message }, 'redis connection error');
    last = Date.now();
  });
  await client.connect();
  return client;
}
