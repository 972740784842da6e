// Per-site cache of public listings. Entries are keyed by the site's listing version; a change (review decision,
// edit, expiry, deletion) bumps the version, so the next request misses and reads the database again.
// Two levels: the shared store (Redis, or memory when embedded) and a small in-process map in front of it. A bump
// updates this process at once and tells the others through pub/sub; a version read from the shared store is
// trusted for at most VERSION_TTL_MS, which bounds staleness across processes should a pub/sub message be lost.
// When the shared store is away, listings are built from the database and not cached (never kept by the response
// cache either), so they stay available; a bump that cannot reach the store after a commit is logged, forgets this
// process's version (it reads the database meanwhile) and is retried in the background until it lands — it never
// fails or delays the request whose change has committed.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { KeyValueStore } from '../../core/kv.js';
import type { PubSub } from '../../core/pubsub.js';

const CHANNEL = 'listings.bumped';
const VERSION_TTL_MS = 5000;
const ENTRY_TTL_SECONDS = 600;
const LOCAL_MAX = 5000;
const BUMP_RETRY_MS = 1000;

interface Entry {
  text: string;
  bytes: Buffer;
  /** A strong validator of the bytes, for If-None-Match. */
  etag: string;
}

/** A listing as UTF-8 bytes, and whether it is still the current one (answered from memory, never waits). */
export interface CachedBytes {
  bytes: Buffer;
  etag: string;
  fresh: () => boolean;
}

interface Bump {
  kind: string;
  site: string;
  version: string;
}

export class ListingCache {
  private readonly versions = new Map<string, { version: string; readAt: number }>();
  private readonly local = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();
  /** `kind:site` of bumps that could not reach the shared store yet. */
  private readonly unbumped = new Set<string>();
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly kv: KeyValueStore,
    private readonly pubsub: PubSub,
    private readonly log?: Logger,
  ) {}

  async follow(): Promise<void> {
    await this.pubsub.subscribe(CHANNEL, (message) => {
      const m = message as Bump;
      const key = `${m.kind}:${m.site}`;
      // Versions only grow (INCR): a message overtaken by a newer bump, here or from another process, is ignored.
      const known = this.versions.get(key);
      if (known && Number(known.version) > Number(m.version)) return;
      this.versions.set(key, { version: m.version, readAt: Date.now() });
    });
  }

  private async version(kind: string, site: string): Promise<string> {
    const key = `${kind}:${site}`;
    const known = this.versions.get(key);
    if (known && Date.now() - known.readAt < VERSION_TTL_MS) return known.version;
    const version = (await this.kv.get(`cache:ver:${key}`)) ?? '0';
    this.versions.set(key, { version, readAt: Date.now() });
    return version;
  }

  /** The cached JSON text for a query, or the loader's value serialised and stored. */
  async fetch(kind: string, site: string, query: string, loader: () => Promise<unknown>): Promise<string> {
    const version = await this.version(kind, site).catch(() => null);
    if (version === null) return JSON.stringify(await loader());
    return (await this.entry(kind, site, version, query, loader)).text;
  }

  /**
   * The same as UTF-8 bytes, encoded once per entry: the JSON API sends these as they are (encoding the text on
   * every response was a quarter of the listing hot path). `fresh()` stays true while this process knows the
   * site's version is unchanged (see isCurrent): the response cache in front of hapi serves the bytes again until
   * then.
   */
  async fetchBytes(
    kind: string,
    site: string,
    query: string,
    loader: () => Promise<unknown>,
  ): Promise<CachedBytes> {
    const version = await this.version(kind, site).catch(() => null);
    if (version === null) {
      const bytes = Buffer.from(JSON.stringify(await loader()), 'utf8');
      return { bytes, etag: etagOf(bytes), fresh: () => false };
    }
    const { bytes, etag } = await this.entry(kind, site, version, query, loader);
    return { bytes, etag, fresh: () => this.isCurrent(kind, site, version) };
  }

  /**
   * Whether `version` is still the site's listing version, from memory only: false once it has been bumped (here or,
   * through pub/sub, in another process) or when it was last confirmed more than VERSION_TTL_MS ago — the same
   * staleness bound as the lookups above.
   */
  isCurrent(kind: string, site: string, version: string): boolean {
    const known = this.versions.get(`${kind}:${site}`);
    return known !== undefined && known.version === version && Date.now() - known.readAt < VERSION_TTL_MS;
  }

  /**
   * The entry of a query under a version: from this process, else the shared store, else the loader. Concurrent misses
   * of one key share a single load: right after a change bumps a busy site's version, the requests that arrive
   * before the first load finishes wait for it instead of each running the same query.
   */
  private entry(
    kind: string,
    site: string,
    version: string,
    query: string,
    loader: () => Promise<unknown>,
  ): Promise<Entry> {
    const key = `cache:${kind}:${site}:${version}:${query}`;
    const near = this.local.get(key);
    if (near !== undefined) return Promise.resolve(near);
    let pending = this.loading.get(key);
    if (pending === undefined) {
      pending = this.load(key, loader).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  /** Loads through the shared store; when the store fails, from the loader, kept nowhere (no stale reuse). */
  private async load(key: string, loader: () => Promise<unknown>): Promise<Entry> {
    let shared = true;
    let text = await this.kv.get(key).catch(() => {
      shared = false;
      return null;
    });
    if (text === null) {
      text = JSON.stringify(await loader());
      if (shared) await this.kv.set(key, text, ENTRY_TTL_SECONDS).catch(() => (shared = false));
    }
    const bytes = Buffer.from(text, 'utf8');
    const entry = { text, bytes, etag: etagOf(bytes) };
    if (!shared) return entry;
    if (this.local.size >= LOCAL_MAX) this.local.clear();
    this.local.set(key, entry);
    return entry;
  }

  /**
   * Invalidates the listings of these sites (call after the change has committed). Never throws: a site whose bump
   * cannot reach the shared store is forgotten here and bumped again in the background.
   */
  async bump(kind: string, sites: Iterable<string>): Promise<void> {
    let failed: Error | null = null;
    for (const site of new Set(sites)) {
      // After one failure the store is away: the other sites wait for the retry instead of each timing out.
      if (!failed) {
        try {
          await this.bumpOne(kind, site);
          continue;
        } catch (err) {
          failed = err as Error;
          this.log?.warn({ err: failed.message, kind, site }, 'listing cache bump failed; will retry');
        }
      }
      this.versions.delete(`${kind}:${site}`);
      this.unbumped.add(`${kind}:${site}`);
    }
    if (failed) this.scheduleRetry();
  }

  private async bumpOne(kind: string, site: string): Promise<void> {
    const version = String(await this.kv.increment(`cache:ver:${kind}:${site}`, 30 * 86_400));
    this.versions.set(`${kind}:${site}`, { version, readAt: Date.now() });
    this.unbumped.delete(`${kind}:${site}`);
    await this.pubsub.publish(CHANNEL, { kind, site, version } satisfies Bump);
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.retryBumps();
    }, BUMP_RETRY_MS);
    this.retryTimer.unref();
  }

  private async retryBumps(): Promise<void> {
    for (const key of [...this.unbumped]) {
      const [kind, site] = key.split(':') as [string, string];
      try {
        await this.bumpOne(kind, site);
        this.log?.info({ kind, site }, 'listing cache bump retried');
      } catch {
        this.versions.delete(key);
        this.scheduleRetry();
        return;
      }
    }
  }

  /** Bumps still waiting for the shared store (kind:site). */
  get pendingBumps(): string[] {
    return [...this.unbumped];
  }
}

function etagOf(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('base64url');
}
