import { createClient } from 'redis';
import type { Logger } from 'pino';

function makeClient(url: string) {
  return createClient({
    url,
    socket: {
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 3000),
      connectTimeout: 3000,
    },
  });
}

export type RedisClient = ReturnType<typeof makeClient>;

/** Connects a node-redis client that reconnects with backoff and logs (never throws) on connection errors. */
export async function connectRedis(url: string, log: Logger): Promise<RedisClient> {
  const client = makeClient(url);
  let last = 0;
  client.on('error', (err: Error) => {
    if (Date.now() - last > 10_000) log.warn({ err: err.message }, 'redis connection error');
    last = Date.now();
  });
  await client.connect();
  return client;
}
