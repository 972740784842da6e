// The layer both kinds of posting (jobs, announcements) are built on: per-site publications with their reviews
// (Publications), the per-site listing cache, posting formats, and the page pieces both use (site choices, publication
// rows, 推送分站). It has no pages of its own; jobs and announcements call it.
import type { App } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { ListingCache } from './listing-cache.js';
import { addFeaturePages } from '../../core/pages/index.js';

declare module '../../core/app.js' {
  interface Services {
    listingCache: ListingCache;
  }
}

export const postingsPlugin: FeaturePlugin = {
  name: 'xz-postings',
  version: '1.0.0',
  async register(_server, { app }: { app: App }) {
    const cache = new ListingCache(app.kv, app.pubsub, app.log);
    await cache.follow();
    app.services.listingCache = cache;
    // The page pieces both posting kinds share (site choices, publication rows, 推送分站) are built into the jobs and
    // announcements pages; their partials and styles are registered here.
    addFeaturePages(_server, app, 'postings', []);
  },
};
