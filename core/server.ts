// Composes one deployment: config → database → themes → tenant plugin catalogue → hapi with every site
// resolved per request → feature plugins. Used by `npm start`, the worker, the tests and the benchmarks.
import Hapi, { type Plugin, type Server } from '@hapi/hapi';
import Crumb from '@hapi/crumb';
import Inert from '@hapi/inert';
import HapiPino from 'hapi-pino';
import HapiSwagger from 'hapi-swagger';
import pino, { type Logger } from 'pino';
import type { App } from './app.js';
import { registerAccessControl, assertAllRoutesDeclareAccess } from './auth/access.js';
import { Principals } from './auth/principals.js';
import type { Config } from './config.js';
import { createDb, type Db } from './db/knex.js';
import { migrateLatest } from './db/migrate.js';
import { registerErrorMapping, validationFailAction } from './http/error-mapping.js';
import { registerIdempotency } from './http/idempotency.js';
import { registerInputGuards } from './http/client-errors.js';
import { ResponseCache } from './http/response-cache.js';
import { TaskSystem } from './tasks/task-system.js';
import { TENANTS_DIR, THEMES_DIR } from './paths.js';
import { PluginHost, type TenantPluginDefinition } from './plugin-host.js';
import { connectRedis } from './redis.js';
import { MemoryStore, RedisStore } from './kv.js';
import { Clock } from './clock.js';
import { LocalPubSub, RedisPubSub } from './pubsub.js';
import { bootTenancy } from './tenancy/boot.js';
import { registerCors } from './tenancy/cors.js';
import { registerResolver } from './tenancy/resolver.js';
import { registerViews } from './theming/render.js';
import { registerPageAccess } from './pages/access.js';
import { registerVisitor } from './pages/visitor.js';
import { CORE_PARTIALS, registerPartialsIn } from './pages/render.js';
import { PageChrome } from './pages/ui.js';
import { CSRF_KEY } from './theming/helpers/csrf-field.js';
import { ThemeRegistry } from './theming/themes.js';

export type FeaturePlugin = Plugin<{ app: App }>;

/** What request logs never show: bearer tokens, session and CSRF cookies both ways, one-time login tickets. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.query.ticket',
  'res.headers["set-cookie"]',
];

export interface ServerOptions {
  config: Config;
  features: FeaturePlugin[];
  tenantPlugins: TenantPluginDefinition<never>[];
  tenantsDir?: string;
  themesDir?: string;
  /** Run pending migrations before boot (default true). */
  migrate?: boolean;
  /** An existing database handle (tests share one). */
  db?: Db;
  log?: Logger;
}

export interface Deployment {
  server: Server;
  app: App;
  /** Listens and starts the outbox relay. */
  start(): Promise<void>;
  /** Stops listening, tasks, Redis and (when it opened it) the database. */
  stop(): Promise<void>;
}

export async function createServer(o: ServerOptions): Promise<Deployment> {
  const { config } = o;
  const log = o.log ?? pino({ level: config.logLevel, base: { app: 'xiaozhao' } });
  const ownsDb = !o.db;
  const db = o.db ?? createDb(config);
  if (o.migrate ?? true) await migrateLatest(db);
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, log) : null;

  const themes = new ThemeRegistry(o.themesDir ?? THEMES_DIR);
  const tenantPlugins = new PluginHost();
  for (const def of o.tenantPlugins) tenantPlugins.install(def);

  const server = Hapi.server({
    port: config.port,
    host: config.host,
    debug: false,
    router: { stripTrailingSlash: true },
    routes: {
      validate: { failAction: validationFailAction, options: { abortEarly: false } },
      response: { emptyStatusCode: 204 },
      security: { noSniff: true, referrer: 'strict-origin-when-cross-origin', xframe: 'sameorigin' },
    },
  });
  await server.register({
    plugin: HapiPino,
    options: {
      // hapi-pino ignores its own `redact` option when given an existing instance (it only uses it to create one),
      // so the redaction goes on a child of the logger: request and response lines never carry credentials.
      instance: log.child({}, { redact: { paths: REDACTED_LOG_PATHS, censor: '[Redacted]' } }),
      logRequestComplete: config.logRequests,
      // Public reads (listings, widgets) are the hot path: no per-request logger for them; errors still go to the
      // server log (see error-mapping). hapi-pino reads `ignorePaths` only without an `ignoreFunc`: /healthz is here.
      ignoreFunc: (_options: unknown, request: { method: string; path: string }) =>
        request.path === '/healthz' ||
        (request.method === 'get' &&
          (request.path.startsWith('/api/v1/public/') || request.path.startsWith('/widgets/'))),
    },
  });
  await server.register(Inert);
  await registerViews(server, themes);
  // CSRF protection for page forms: a token in a cookie and in every form; the JSON API (bearer tokens) skips it.
  await server.register({
    plugin: Crumb,
    options: {
      key: CSRF_KEY,
      skip: (request) => request.path.startsWith('/api/'),
      cookieOptions: {
        path: '/',
        isSecure: config.publicScheme === 'https',
        isHttpOnly: true,
        isSameSite: 'Lax',
      },
    },
  });
  const principals = new Principals(config.jwtSecret);
  await principals.register(server, { secureCookies: config.publicScheme === 'https' });

  const { sites, manifests } = await bootTenancy(server, {
    config,
    db,
    log,
    themes,
    host: tenantPlugins,
    tenantsDir: o.tenantsDir ?? TENANTS_DIR,
  });
  const tasks = new TaskSystem(db, log, { redisUrl: config.redisUrl, pollMs: config.outboxPollMs });
  const kv = redis ? new RedisStore(redis) : new MemoryStore();
  const pubsub = redis ? new RedisPubSub(redis, log) : new LocalPubSub();
  const app: App = {
    config,
    clock: new Clock(),
    db,
    redis,
    kv,
    pubsub,
    manifests,
    log,
    sites,
    themes,
    tenantPlugins,
    tasks,
    principals,
    responseCache: new ResponseCache(),
    pages: new PageChrome(),
    services: {},
    seeders: [],
  };

  registerResolver(server, sites);
  registerErrorMapping(server, { sites, themes });
  registerIdempotency(server, { db, log, every: (...a) => tasks.every(...a) });
  registerInputGuards(server);
  registerCors(server, sites);
  registerAccessControl(server);
  registerPageAccess(server);
  registerVisitor(server, app.pages);
  (server.app as { xz?: App }).xz = app;
  registerPartialsIn(themes, CORE_PARTIALS);
  app.responseCache.install(server);

  await server.register({
    plugin: HapiSwagger,
    options: {
      info: {
        title: '校招网络 xiaozhao API',
        version: '1',
        description: '江苏省高校毕业生就业网 1+N 校园招聘网络的公开接口',
      },
      documentationPath: '/documentation',
      jsonPath: '/swagger.json',
      basePath: '/api/v1',
      pathPrefixSize: 3,
      grouping: 'tags',
      securityDefinitions: { bearer: { type: 'apiKey', name: 'Authorization', in: 'header' } },
    },
  });
  for (const feature of o.features) await server.register({ plugin: feature, options: { app } });
  assertAllRoutesDeclareAccess(server);

  return {
    server,
    app,
    async start() {
      await server.start();
      tasks.startRelay();
    },
    async stop() {
      await server.stop({ timeout: 2000 });
      await tasks.stop();
      await pubsub.close();
      if (redis?.isOpen) await redis.quit();
      if (ownsDb) await db.destroy();
    },
  };
}
