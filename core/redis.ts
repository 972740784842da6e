// The Redis client of the web and worker processes. Redis may go away at any time; a request must then fail within
// about a second (503 UNAVAILABLE, see core/http/unavailable.ts) instead of waiting for it to come back:
// - commands are refused at once while the client is disconnected (`disableOfflineQueue`);
// - a command (or MULTI, or pipeline) whose reply has not come within REDIS_COMMAND_TIMEOUT_MS is given up, for
//   a Redis that stops answering on an open connection. node-redis's own command timeout covers only the wait to be
//   written, and it queues MULTI even when offline, hence the wrappers below; a late reply is still matched to its
//   command (replies come in order), so nothing is mixed up when Redis answers again;
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
/** Commands waiting for a Redis that does not answer, past which new ones are refused at once. */
const REDIS_QUEUE_MAX = 10_000;

function makeClient(url: string) {
  return createClient({
    url,
    disableOfflineQueue: true,
    commandsQueueMaxLength: REDIS_QUEUE_MAX,
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

/** Every command, MULTI and pipeline fails at once when disconnected and within the command timeout otherwise. */
function failFast(client: RedisClient): void {
  // createClient returns Object.create(client): commands reach `sendCommand` through the real client, `_self`.
  const self = (client as unknown as { _self: RedisClient })._self;
  const send = self.sendCommand.bind(self);
  const multi = client._executeMulti.bind(client);
  const pipeline = client._executePipeline.bind(client);
  self.sendCommand = ((...args: Parameters<typeof send>) =>
    within(send(...args), REDIS_COMMAND_TIMEOUT_MS, 'redis command')) as typeof self.sendCommand;
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
  failFast(client);
  let last = 0;
  client.on('error', (err: Error) => {
    if (Date.now() - last > 10_000) log.warn({ err: err.message }, 'redis connection error');
    last = Date.now();
  });
  await client.connect();
  return client;
}
