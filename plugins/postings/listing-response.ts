// The route side of the listing cache: how a cached public listing is sent (services never see the request).
import type { Request, ResponseToolkit } from '@hapi/hapi';
import { cacheResponse } from '../../core/http/response-cache.js';
import type { CachedBytes } from './listing-cache.js';

/**
 * A public listing as the JSON API sends it: the cached bytes, cacheable by browsers and proxies for 30 s, with an
 * ETag so that a client revalidating an unchanged list gets 304 without the body, and answered again by the response
 * cache in front of hapi while the listing is unchanged.
 */
export function listingResponse(request: Request, h: ResponseToolkit, listing: CachedBytes) {
  cacheResponse(request, listing.fresh);
  return h
    .response(listing.bytes)
    .type('application/json; charset=utf-8')
    .etag(listing.etag)
    .header('Cache-Control', 'public, max-age=30');
}
