// The application context handed to every feature plugin: configuration, database, Redis, sites, themes,
// the tenant plugin host, background tasks and the services features expose to each other.
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Db } from './db/knex.js';
import type { Principals } from './auth/principals.js';
import type { Clock } from './clock.js';
import type { TaskSystem } from './tasks/task-system.js';
import type { KeyValueStore } from './kv.js';
import type { PubSub } from './pubsub.js';
import type { ResponseCache } from './http/response-cache.js';
import type { PageChrome } from './pages/ui.js';
import type { SiteManifest } from './tenancy/manifest.js';
import type { PluginHost } from './plugin-host.js';
import type { RedisClient } from './redis.js';
import type { SiteRegistry } from './tenancy/sites.js';
import type { ThemeRegistry } from './theming/themes.js';

/** Feature plugins add their service here by declaration merging: `declare module '…/core/app.js'`. */
export interface Services {}

export interface App {
  config: Config;
  clock: Clock;
  db: Db;
  redis: RedisClient | null;
  /** Short-lived keys: Redis, or in-process when embedded. */
  kv: KeyValueStore;
  /** Messages to every process: Redis pub/sub, or in-process when embedded. */
  pubsub: PubSub;
  /** The manifests as loaded from tenants/ (staff overrides are applied on top of these). */
  manifests: Map<string, SiteManifest>;
  log: Logger;
  sites: SiteRegistry;
  themes: ThemeRegistry;
  tenantPlugins: PluginHost;
  tasks: TaskSystem;
  principals: Principals;
  /** Repeated public GETs answered before hapi (routes opt in with cacheResponse). */
  responseCache: ResponseCache;
  /** What features contribute to the page chrome: menu entries, home cards, stylesheets. */
  pages: PageChrome;
  services: Partial<Services>;
  /** Demo data, contributed by each feature plugin in registration order (npm run seed:demo). */
  seeders: Seeder[];
}

export interface Seeder {
  name: string;
  /** Must be idempotent: running the seed twice leaves the same rows. */
  run(app: App): Promise<void>;
}

/** The service a plugin exposed; throws at boot if the plugin providing it was not registered first. */
export function service<K extends keyof Services>(app: App, name: K): Services[K] {
  const s = app.services[name];
  if (!s) throw new Error(`xiaozhao: service ${String(name)} is not registered (check plugin dependencies)`);
  return s as Services[K];
}
