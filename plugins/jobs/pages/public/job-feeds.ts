// The site's job feeds for feed readers and aggregators: the latest 50 visible jobs as JSON Feed 1.1 and as Atom.
import type { PublicJobList } from './types.js';
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import { atomFeed, FEED_SIZE, jsonFeed, type FeedContext } from './feeds.js';

/** Browsers and readers may keep a feed briefly; never shared caches (the first response may set a cookie). */
const CACHE = 'private, max-age=300';

export function jobFeedPages(app: App): ServerRoute[] {
  const latest = async (context: FeedContext) =>
    (
      JSON.parse(
        await service(app, 'jobs').publicList(context.site, { page: 1, pageSize: FEED_SIZE }),
      ) as PublicJobList
    ).items;
  const contextOf = (site: FeedContext['site']): FeedContext => ({
    site,
    sites: app.sites,
    now: app.clock.now(),
  });
  return [
    {
      method: 'GET',
      path: '/jobs/feed.json',
      options: {
        app: { page: { audience: 'public' } },
        validate: { query: Joi.object().unknown(true) },
        handler: async (request, h) => {
          const context = contextOf(request.app.xz.site);
          return h
            .response(JSON.stringify(jsonFeed(context, await latest(context))))
            .type('application/feed+json; charset=utf-8')
            .header('Cache-Control', CACHE);
        },
      },
    },
    {
      method: 'GET',
      path: '/jobs/feed.atom',
      options: {
        app: { page: { audience: 'public' } },
        validate: { query: Joi.object().unknown(true) },
        handler: async (request, h) => {
          const context = contextOf(request.app.xz.site);
          return h
            .response(atomFeed(context, await latest(context)))
            .type('application/atom+xml; charset=utf-8')
            .header('Cache-Control', CACHE);
        },
      },
    },
  ];
}
