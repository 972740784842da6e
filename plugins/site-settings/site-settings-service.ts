// School staff configure their own site: theme and its settings, employer tags, the review policy (and options)
// per subject type among installed policy plugins, and widget origins. Values are checked against the installed
// themes and plugins exactly as manifests are at boot (field errors, never a broken site), stored as overrides in
// site_settings (surviving restarts), audited, applied at once in this process and announced to the others.
import { fn } from 'objection';
import type { StaffCredentials } from '../../core/auth/principals.js';
import { service, type App } from '../../core/app.js';
import { appError, validationError } from '../../core/http/errors.js';
import { applySiteConfig, reloadSite } from '../../core/tenancy/boot.js';
import type { SiteOverrides } from '../../core/tenancy/manifest.js';
import { applyOverrides, type Site } from '../../core/tenancy/sites.js';
import { checkSiteConfig } from '../../core/tenancy/validate.js';
import { SiteSettings } from './models/site-settings.js';
import { SiteSettingsAudit } from './models/site-settings-audit.js';
import { problemText, settingsDiff, type Labels, type Problem, type Snapshot } from './settings-text.js';
import type { SubjectType } from '../../core/tenancy/manifest.js';
import type Joi from 'joi';

export const SITES_CHANGED = 'sites.changed';
const KEYS = ['theme', 'employerTags', 'reviewPolicies', 'widgetOrigins'] as const;

const MESSAGES = {
  versionConflict: (current: number, sent: number) =>
    `本站设置已被他人修改（当前为第 ${current} 版，提交的是第 ${sent} 版），请重新读取后再修改`,
};

/** JSON with object keys sorted, so that equal settings compare equal whatever order their keys came in. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

export class SiteSettingsService {
  constructor(private readonly app: App) {}

  exists(slug: string): boolean {
    return this.app.sites.get(slug) !== undefined;
  }

  private site(slug: string): Site {
    return this.app.sites.require(slug);
  }

  /** Names of fields and values as staff see them, for the theme `themeName` (the site's own by default). */
  labels(themeName?: string): Labels {
    const app = this.app;
    return {
      themeSettings: (themeName && app.themes.get(themeName)?.manifest.settings) || {},
      typeLabel: (type: SubjectType) => service(app, 'reviews').typeLabel(type),
      themeLabel: (name: string) => app.themes.get(name)?.label ?? name,
      policyLabel: (plugin: string) => app.tenantPlugins.definition(plugin)?.label ?? plugin,
    };
  }

  /** joi's details of a request to change the settings of `slug`, as sentences that name their field. */
  describeJoi(
    slug: string,
    details: Joi.ValidationErrorItem[],
    zh: { path: string; message: string }[],
    themeName?: string,
  ) {
    const labels = this.labels(themeName ?? this.site(slug).theme.name);
    const seen = new Set<string>();
    const out: { path: string; message: string }[] = [];
    for (const d of details) {
      const path = d.path.map(String).join('.');
      if (seen.has(path)) continue;
      seen.add(path);
      const problem: Problem = {
        path,
        type: d.type,
        context: d.context as Record<string, unknown> | undefined,
        zh: zh.find((z) => z.path === path)?.message ?? '格式不正确',
      };
      out.push({ path, message: problemText(problem, labels) });
    }
    return out;
  }

  private settingsOf(site: Site) {
    return {
      theme: { name: site.theme.name, settings: site.theme.settings },
      employerTags: site.employerTags,
      reviewPolicies: site.reviewPolicies,
      widgetOrigins: site.widgetOrigins,
    };
  }

  async view(slug: string) {
    const site = this.site(slug);
    const row = await SiteSettings.query(this.app.db).findById(site.id);
    return {
      site: site.slug,
      version: row?.version ?? 0,
      updatedAt: row ? new Date(row.updatedAt).toISOString() : null,
      overridden: Object.keys(row?.overrides ?? {}),
      ...this.settingsOf(site),
      available: {
        themes: this.app.themes
          .list()
          .map((t) => ({ name: t.name, label: t.label, settings: t.manifest.settings })),
        reviewPolicies: this.app.tenantPlugins
          .definitions()
          .filter((d) => d.provides.includes('reviewPolicy'))
          .map((d) => ({ name: d.name, label: d.label })),
      },
    };
  }

  /**
   * Checks and stores new values for any of theme, employerTags, reviewPolicies, widgetOrigins. `expectedVersion`,
   * when given, must be the stored version (else 409 VERSION_CONFLICT). A change that leaves the effective settings as
   * they are writes nothing: no override, no version, no audit.
   */
  async update(staff: StaffCredentials, slug: string, input: SiteOverrides, expectedVersion?: number) {
    const site = this.site(slug);
    const manifest = this.app.manifests.get(slug)!;
    const before = this.settingsOf(site);
    const applied = await this.app.db.transaction(async (trx) => {
      const row = await SiteSettings.query(trx).findById(site.id).forUpdate();
      const current = row?.version ?? 0;
      if (expectedVersion !== undefined && expectedVersion !== current)
        throw appError(409, 'VERSION_CONFLICT', MESSAGES.versionConflict(current, expectedVersion));
      const overrides: SiteOverrides = { ...(row?.overrides ?? {}) };
      for (const key of KEYS)
        if (input[key] !== undefined) (overrides as Record<string, unknown>)[key] = input[key];
      if (input.reviewPolicies)
        overrides.reviewPolicies = { ...(row?.overrides.reviewPolicies ?? {}), ...input.reviewPolicies };
      const checked = checkSiteConfig(
        applyOverrides(manifest, overrides, this.app.themes),
        this.app.themes,
        this.app.tenantPlugins,
      );
      if (!checked.ok) {
        const labels = this.labels(input.theme?.name ?? site.theme.name);
        throw validationError(
          checked.problems.map((p) => ({
            path: p.field,
            message: problemText({ path: p.field, type: p.type, context: p.context, zh: p.zh }, labels),
          })),
        );
      }
      const after = {
        theme: { name: checked.value.theme.name, settings: checked.value.theme.settings },
        employerTags: checked.value.employerTags,
        reviewPolicies: checked.value.reviewPolicies,
        widgetOrigins: checked.value.widgetOrigins,
      };
      const changed = KEYS.filter((k) => stableJson(before[k]) !== stableJson(after[k]));
      if (changed.length === 0) return null;
      const version = current + 1;
      // Only what changed becomes an override: sending a whole GET back with one value changed overrides that value.
      const stored: SiteOverrides = { ...(row?.overrides ?? {}) };
      for (const key of changed) (stored as Record<string, unknown>)[key] = overrides[key];
      await SiteSettings.query(trx)
        .insert({ siteId: site.id, overrides: stored, version, updatedBy: staff.id, updatedAt: fn.now() })
        .onConflict('site_id')
        .merge(['overrides', 'version', 'updated_by', 'updated_at']);
      await SiteSettingsAudit.query(trx).insert({
        siteId: site.id,
        staffId: staff.id,
        version,
        before,
        after,
        changed: [...changed],
      });
      return checked.value;
    });
    if (!applied) return this.view(slug);
    applySiteConfig(this.app.sites, this.app.tenantPlugins, site.id, applied);
    await this.app.pubsub
      .publish(SITES_CHANGED, { slug })
      .catch((err: Error) => this.app.log.warn({ err }, 'could not announce site change'));
    return this.view(slug);
  }

  async audit(slug: string, page: number, pageSize: number) {
    const site = this.site(slug);
    const { results, total } = await SiteSettingsAudit.query(this.app.db)
      .where('site_id', site.id)
      .orderBy('id', 'desc')
      .withGraphFetched('staff')
      .page(page - 1, pageSize);
    return {
      items: results.map((a) => ({
        id: Number(a.id),
        version: a.version,
        changed: a.changed,
        before: a.before,
        after: a.after,
        diff: settingsDiff(
          a.before as Snapshot,
          a.after as Snapshot,
          this.labels((a.after as Snapshot).theme?.name ?? site.theme.name),
        ),
        by: a.staff?.username ?? null,
        at: new Date(a.createdAt).toISOString(),
      })),
      total: Number(total),
      page,
      pageSize,
    };
  }

  /** Follows changes made by other processes. */
  async follow(): Promise<void> {
    await this.app.pubsub.subscribe(SITES_CHANGED, (message) => {
      const slug = (message as { slug?: string }).slug;
      if (!slug) return;
      void reloadSite(
        this.app.db,
        this.app.sites,
        this.app.tenantPlugins,
        this.app.themes,
        this.app.manifests,
        slug,
        this.app.log,
      ).catch((err: Error) => this.app.log.error({ err, slug }, 'could not reload site settings'));
    });
  }
}
