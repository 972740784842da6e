// Boot of the tenants: load and check manifests, sync them to `sites`, apply stored staff overrides, build the
// registry and register each site's tenant plugins. A stored override that no longer passes the checks (a theme
// was uninstalled, say) is logged and ignored for that site: the site falls back to its manifest, never breaks.
import type { Server } from '@hapi/hapi';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Db } from '../db/knex.js';
import type { PluginHost, TenantSiteView } from '../plugin-host.js';
import type { ThemeRegistry } from '../theming/themes.js';
import type { SiteManifest, SiteOverrides } from './manifest.js';
import { applyOverrides, loadManifests, SiteRegistry, syncSites, type Site } from './sites.js';
import { checkSiteConfig } from './validate.js';

export interface TenancyOptions {
  config: Config;
  db: Db;
  log: Logger;
  themes: ThemeRegistry;
  host: PluginHost;
  tenantsDir: string;
}

export function siteView(site: Pick<Site, 'slug' | 'name' | 'employerTags'>): TenantSiteView {
  return { slug: site.slug, name: site.name, employerTags: site.employerTags };
}

/** The effective configuration of a site: manifest with its overrides when they pass the checks. */
export function effectiveConfig(
  manifest: SiteManifest,
  overrides: SiteOverrides | null,
  themes: ThemeRegistry,
  host: PluginHost,
  log?: Logger,
): SiteManifest {
  if (!overrides || Object.keys(overrides).length === 0) return manifest;
  const result = checkSiteConfig(applyOverrides(manifest, overrides, themes), themes, host);
  if (result.ok) return result.value;
  log?.warn(
    { site: manifest.slug, problems: result.problems },
    'stored site settings ignored: they no longer pass the checks',
  );
  return manifest;
}

export async function bootTenancy(
  server: Server,
  o: TenancyOptions,
): Promise<{ sites: SiteRegistry; manifests: Map<string, SiteManifest> }> {
  const loaded = loadManifests(o.tenantsDir, o.themes, o.host);
  const rows = await syncSites(o.db, loaded);
  const sites = new SiteRegistry(o.config, o.themes);
  const manifests = new Map<string, SiteManifest>();
  for (const { manifest } of loaded) {
    const row = rows.get(manifest.slug)!;
    manifests.set(manifest.slug, manifest);
    const site = sites.set(row.id, effectiveConfig(manifest, row.overrides, o.themes, o.host, o.log));
    for (const p of site.plugins) {
      await server.register({
        plugin: o.host.hapiPlugin(p.name),
        options: { site: siteView(site), options: p.options },
      });
    }
  }
  o.host.close();
  return { sites, manifests };
}

/**
 * Applies a site's (checked) configuration at runtime: the registry entry and its tenant plugins' contributions.
 * The same contribute() as at boot runs again, so a changed policy or tag set takes effect on the next request.
 */
export function applySiteConfig(
  sites: SiteRegistry,
  host: PluginHost,
  id: number,
  config: SiteManifest,
): Site {
  const site = sites.set(id, config);
  host.resetSite(site.slug);
  for (const p of site.plugins) host.apply(siteView(site), p.name, p.options);
  return site;
}

/** Re-reads a site's stored overrides and applies them (after another process changed them). */
export async function reloadSite(
  db: Db,
  sites: SiteRegistry,
  host: PluginHost,
  themes: ThemeRegistry,
  manifests: Map<string, SiteManifest>,
  slug: string,
  log?: Logger,
): Promise<Site | undefined> {
  const manifest = manifests.get(slug);
  const current = sites.get(slug);
  if (!manifest || !current) return undefined;
  const row = (await db('site_settings').where({ site_id: current.id }).first('overrides')) as
    { overrides: SiteOverrides } | undefined;
  return applySiteConfig(
    sites,
    host,
    current.id,
    effectiveConfig(manifest, row?.overrides ?? null, themes, host, log),
  );
}
