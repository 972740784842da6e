// Puts the site on request.app.site: a /s/<slug>/… prefix wins (single-domain deployments, local use), then
// the Host header; anything else is the main site. The prefix is stripped so one route table serves all.
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import type { Site, SiteRegistry } from './sites.js';

export interface RequestSiteState {
  site: Site;
  /** '' when reached by host, '/s/<slug>' when reached by prefix: pages prefix their links with it. */
  basePath: string;
  /** A /s/<slug>/ prefix named a site that does not exist. */
  unknownSite?: string;
}

declare module '@hapi/hapi' {
  interface RequestApplicationState {
    xz: RequestSiteState;
  }
}

const PREFIX = /^\/s\/([a-z0-9-]+)(\/.*)?$/;

export function resolveSite(
  sites: SiteRegistry,
  hostname: string,
  path: string,
): RequestSiteState & { path: string } {
  const m = PREFIX.exec(path);
  if (m) {
    const site = sites.get(m[1]!);
    if (site) return { site, basePath: `/s/${site.slug}`, path: m[2] ?? '/' };
    return { site: sites.main(), basePath: '', path, unknownSite: m[1] };
  }
  return { site: sites.byHost(hostname) ?? sites.main(), basePath: '', path };
}

export function registerResolver(server: Server, sites: SiteRegistry): void {
  server.ext('onRequest', (request: Request, h: ResponseToolkit) => {
    const { path, ...state } = resolveSite(sites, request.info.hostname ?? '', request.path);
    request.app.xz = state;
    if (path !== request.path) request.setUrl(`${path}${request.url.search}`);
    return h.continue;
  });
}

export function siteOf(request: Request): Site {
  return request.app.xz.site;
}

/**
 * A link to `path` on another site, reached the way this request reached its own: by /s/<slug>/ prefix (single
 * domain, local use) a prefixed path; by host an absolute URL on the other site's own host.
 */
export function siteHref(request: Request, sites: SiteRegistry, target: Site, path: string): string {
  const byHost = !request.app.xz.basePath && !!sites.byHost(request.info.hostname ?? '');
  if (byHost) return sites.urlOf(target, path);
  return `${target.isMain ? '' : `/s/${target.slug}`}${path}`;
}
