// Shared by jobs and announcements: the per-site listing cache.
import type { App } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { ListingCache } from './listing-cache.js';

declare module '../../core/app.js' {
  interface Services {
    listingCache: ListingCache;
  }
}

export const postingsPlugin: FeaturePlugin = {
  name: 'xz-postings',
  version: '1.0.0',
  async register(_server, { app }: { app: App }) {
    const cache = new ListingCache(app.kv, app.pubsub);
    await cache.follow();
    app.services.listingCache = cache;
  },
};
