// Site registry: every tenant manifest, validated at boot, synced to the `sites` table, with staff overrides
// from `site_settings` applied on top. Resolution by Host reads the in-memory host index; no per-request queries.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Config } from '../config.js';
import type { Db } from '../db/knex.js';
import { appError } from '../http/errors.js';
import type { PluginHost } from '../plugin-host.js';
import type { ThemeRegistry } from '../theming/themes.js';
import { ManifestError, type SiteManifest, type SiteOverrides } from './manifest.js';
import { checkSiteConfig } from './validate.js';

export interface Site extends Omit<SiteManifest, 'theme'> {
  id: number;
  isMain: boolean;
  /** Canonical origin and path of the site's home, e.g. http://nju.localhost:3000/ */
  url: string;
  theme: { name: string; version: string; settings: Record<string, unknown> };
}

export interface LoadedManifest {
  file: string;
  manifest: SiteManifest;
}

/** Reads and checks every tenants/*.json; throws ManifestError naming the file and field of the first problem. */
export function loadManifests(dir: string, themes: ThemeRegistry, host: PluginHost): LoadedManifest[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const loaded: LoadedManifest[] = [];
  const seen = {
    slug: new Map<string, string>(),
    code: new Map<string, string>(),
    host: new Map<string, string>(),
  };
  for (const name of files) {
    const file = join(dir, name);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ManifestError(file, '(file)', `not valid JSON: ${(err as Error).message}`);
    }
    const result = checkSiteConfig(raw, themes, host);
    if (!result.ok) throw new ManifestError(file, result.problems[0]!.field, result.problems[0]!.message);
    const m = result.value;
    if (m.slug !== basename(name, '.json'))
      throw new ManifestError(file, 'slug', `must equal the file name (${basename(name, '.json')})`);
    const unique = (kind: keyof typeof seen, value: string | null, field: string) => {
      if (value === null) return;
      const other = seen[kind].get(value);
      if (other) throw new ManifestError(file, field, `"${value}" is already used by ${other}`);
      seen[kind].set(value, name);
    };
    unique('slug', m.slug, 'slug');
    unique('code', m.code, 'code');
    m.hosts.forEach((h, i) => unique('host', h, `hosts.${i}`));
    loaded.push({ file, manifest: m });
  }
  if (!loaded.some((l) => l.manifest.slug === 'main'))
    throw new ManifestError(join(dir, 'main.json'), '(file)', 'the main site manifest is required');
  return loaded;
}

/**
 * Applies staff overrides to a manifest; the result still has to pass checkSiteConfig. When the override
 * switches theme, the manifest's settings that the new theme also declares (palette, logo text …) carry over.
 */
export function applyOverrides(
  manifest: SiteManifest,
  overrides: SiteOverrides,
  themes: ThemeRegistry,
): SiteManifest {
  const merged = structuredClone(manifest);
  if (overrides.theme) {
    const declared = themes.get(overrides.theme.name)?.manifest.settings ?? {};
    const carried = Object.fromEntries(
      Object.entries(manifest.theme.settings).filter(([key]) => key in declared),
    );
    merged.theme = { name: overrides.theme.name, settings: { ...carried, ...overrides.theme.settings } };
  }
  if (overrides.employerTags) merged.employerTags = overrides.employerTags;
  if (overrides.reviewPolicies) {
    merged.reviewPolicies = { ...merged.reviewPolicies, ...overrides.reviewPolicies };
    const names = new Set(merged.plugins.map((p) => p.name));
    for (const ref of Object.values(overrides.reviewPolicies)) {
      if (ref && !names.has(ref.plugin)) {
        merged.plugins.push({ name: ref.plugin, options: {} });
        names.add(ref.plugin);
      }
    }
  }
  if (overrides.widgetOrigins) merged.widgetOrigins = overrides.widgetOrigins;
  if (merged.employerTags.length > 0 && !merged.plugins.some((p) => p.name === 'employer-tags')) {
    merged.plugins.push({ name: 'employer-tags', options: {} });
  }
  return merged;
}

export class SiteRegistry {
  private readonly bySlug = new Map<string, Site>();
  private readonly slugById = new Map<number, string>();
  private hostIndex = new Map<string, string>();
  private ordered: Site[] = [];

  constructor(
    private readonly config: Pick<Config, 'baseDomain' | 'publicScheme' | 'publicPort' | 'port'>,
    private readonly themes: ThemeRegistry,
  ) {}

  /** Builds the effective site from its (checked) configuration and indexes its hosts. */
  set(id: number, m: SiteManifest): Site {
    const theme = this.themes.require(m.theme.name);
    const hosts = m.hosts.map((h) => h.replace('{baseDomain}', this.config.baseDomain).toLowerCase());
    const site: Site = {
      ...m,
      id,
      hosts,
      isMain: m.slug === 'main',
      url: `${this.origin(hosts[0]!)}/`,
      theme: { name: theme.name, version: theme.version, settings: m.theme.settings },
    };
    this.bySlug.set(site.slug, site);
    this.slugById.set(id, site.slug);
    this.reindex();
    return site;
  }

  private origin(host: string): string {
    const port = this.config.publicPort ?? this.config.port;
    const defaultPort = this.config.publicScheme === 'https' ? 443 : 80;
    return `${this.config.publicScheme}://${host}${port === defaultPort ? '' : `:${port}`}`;
  }

  /** The absolute URL of a path on a site's own host. */
  urlOf(site: Site, path: string): string {
    return `${this.origin(site.hosts[0]!)}${path.startsWith('/') ? path : `/${path}`}`;
  }

  private reindex(): void {
    const index = new Map<string, string>();
    for (const site of this.bySlug.values()) for (const h of site.hosts) index.set(h, site.slug);
    this.hostIndex = index;
    this.ordered = [...this.bySlug.values()].sort((a, b) =>
      a.isMain === b.isMain ? (a.code ?? '').localeCompare(b.code ?? '') : a.isMain ? -1 : 1,
    );
  }

  get(slug: string): Site | undefined {
    return this.bySlug.get(slug);
  }

  /** The site a request named, or 404 NOT_FOUND. */
  require(slug: string): Site {
    const site = this.bySlug.get(slug);
    if (!site) throw appError(404, 'NOT_FOUND', '站点不存在');
    return site;
  }

  byId(id: number): Site | undefined {
    const slug = this.slugById.get(id);
    return slug ? this.bySlug.get(slug) : undefined;
  }

  main(): Site {
    const main = this.bySlug.get('main');
    if (!main) throw new Error('xiaozhao: main site not loaded');
    return main;
  }

  byHost(hostname: string): Site | undefined {
    const slug = this.hostIndex.get(hostname.toLowerCase());
    return slug ? this.bySlug.get(slug) : undefined;
  }

  /** Main first, then schools in MoE code order. */
  all(): Site[] {
    return this.ordered;
  }

  schools(): Site[] {
    return this.ordered.filter((s) => !s.isMain);
  }

  get size(): number {
    return this.bySlug.size;
  }
}

interface SiteRow {
  id: number;
  slug: string;
  overrides: SiteOverrides | null;
}

/**
 * Upserts every manifest into `sites` (keyed on the MoE code, `main` on its slug) in one statement and
 * returns each site's id with its stored staff overrides.
 */
export async function syncSites(db: Db, manifests: LoadedManifest[]): Promise<Map<string, SiteRow>> {
  const rows = manifests.map(({ manifest: m }) => ({
    key: m.code ?? m.slug,
    slug: m.slug,
    code: m.code,
    name: m.name,
    city: m.city,
    level: m.level,
    manifest: JSON.stringify(m),
  }));
  await db.transaction(async (trx) => {
    // Slugs may move between codes when a school is renamed: free them first so the unique index holds.
    await trx('sites')
      .whereNotIn(
        'key',
        rows.map((r) => r.key),
      )
      .whereIn(
        'slug',
        rows.map((r) => r.slug),
      )
      .update({ slug: trx.raw(`'retired-' || id`) });
    await trx('sites')
      .insert(rows)
      .onConflict('key')
      .merge(['slug', 'code', 'name', 'city', 'level', 'manifest', 'updated_at']);
  });
  const stored = await db('sites as s')
    .leftJoin('site_settings as ss', 'ss.site_id', 's.id')
    .whereIn(
      's.key',
      rows.map((r) => r.key),
    )
    .select('s.id', 's.slug', 'ss.overrides');
  return new Map(stored.map((r: SiteRow) => [r.slug, r]));
}
