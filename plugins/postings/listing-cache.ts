// Per-site cache of public listings. Entries are keyed by the site's listing version; a change (review decision,
// edit, expiry, deletion) bumps the version, so the next request misses and reads the database again.
// Two levels: the shared store (Redis, or memory when embedded) and a small in-process map in front of it. A bump
// updates this process at once and tells the others through pub/sub; a version read from the shared store is
// trusted for at most VERSION_TTL_MS, which bounds staleness across processes should a pub/sub message be lost.
import { createHash } from 'node:crypto';
import type { KeyValueStore } from '../../core/kv.js';
import type { PubSub } from '../../core/pubsub.js';

const CHANNEL = 'listings.bumped';
const VERSION_TTL_MS = 5000;
const ENTRY_TTL_SECONDS = 600;
const LOCAL_MAX = 5000;

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

  constructor(
    private readonly kv: KeyValueStore,
    private readonly pubsub: PubSub,
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
    return (await this.entry(kind, site, await this.version(kind, site), query, loader)).text;
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
    const version = await this.version(kind, site);
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

  private async load(key: string, loader: () => Promise<unknown>): Promise<Entry> {
    let text = await this.kv.get(key);
    if (text === null) {
      text = JSON.stringify(await loader());
      await this.kv.set(key, text, ENTRY_TTL_SECONDS);
    }
    if (this.local.size >= LOCAL_MAX) this.local.clear();
    const bytes = Buffer.from(text, 'utf8');
    const entry = { text, bytes, etag: createHash('sha1').update(bytes).digest('base64url') };
    this.local.set(key, entry);
    return entry;
  }

  /** Invalidates the listings of these sites (call after the change has committed). */
  async bump(kind: string, sites: Iterable<string>): Promise<void> {
    for (const site of new Set(sites)) {
      const version = String(await this.kv.increment(`cache:ver:${kind}:${site}`, 30 * 86_400));
      this.versions.set(`${kind}:${site}`, { version, readAt: Date.now() });
      await this.pubsub.publish(CHANNEL, { kind, site, version } satisfies Bump);
    }
  }
}
