import type { ServerRoute } from '@hapi/hapi';
import type { App } from '../../../core/app.js';
import { isEmbedded } from '../../../core/db/knex.js';

async function timed<T>(fn: () => Promise<T>): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const start = performance.now();
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout after 2000 ms')), 2000)),
    ]);
    return { ok: true, latencyMs: Math.round((performance.now() - start) * 10) / 10 };
  } catch (err) {
    return { ok: false, latencyMs: Math.round(performance.now() - start), error: (err as Error).message };
  }
}

export function healthzRoute(app: App): ServerRoute {
  return {
    method: 'GET',
    path: '/healthz',
    options: {
      auth: false,
      app: { access: { public: true } },
      handler: async (_request, h) => {
        const database = {
          driver: isEmbedded(app.db) ? 'pglite' : 'postgresql',
          ...(await timed(() => app.db.raw('select 1'))),
        };
        const redis = app.redis
          ? { mode: 'redis', ...(await timed(() => app.redis!.ping())) }
          : { mode: 'embedded', ok: true, latencyMs: 0 };
        const ok = database.ok && redis.ok;
        return h
          .response({
            status: ok ? 'ok' : 'degraded',
            sites: app.sites.size,
            jobs: app.tasks.mode,
            database,
            redis,
          })
          .code(ok ? 200 : 503);
      },
    },
  };
}
