// School staff configure their own site: theme and its settings, employer tags, the review policy (and options)
// per subject type among installed policy plugins, and widget origins. Values are checked against the installed
// themes and plugins exactly as manifests are at boot (field errors, never a broken site), stored as overrides in
// site_settings (surviving restarts), audited, applied at once in this process and announced to the others.
import { fn } from 'objection';
import type { StaffCredentials } from '../../core/auth/principals.js';
import type { App } from '../../core/app.js';
import { validationError } from '../../core/http/errors.js';
import { applySiteConfig, reloadSite } from '../../core/tenancy/boot.js';
import type { SiteOverrides } from '../../core/tenancy/manifest.js';
import { applyOverrides, type Site } from '../../core/tenancy/sites.js';
import { checkSiteConfig } from '../../core/tenancy/validate.js';
import { SiteSettings } from './models/site-settings.js';
import { SiteSettingsAudit } from './models/site-settings-audit.js';

export const SITES_CHANGED = 'sites.changed';
const KEYS = ['theme', 'employerTags', 'reviewPolicies', 'widgetOrigins'] as const;

export class SiteSettingsService {
  constructor(private readonly app: App) {}

  private site(slug: string): Site {
    return this.app.sites.require(slug);
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

  /** Checks and stores new values for any of theme, employerTags, reviewPolicies, widgetOrigins. */
  async update(staff: StaffCredentials, slug: string, input: SiteOverrides) {
    const site = this.site(slug);
    const manifest = this.app.manifests.get(slug)!;
    const before = this.settingsOf(site);
    const applied = await this.app.db.transaction(async (trx) => {
      const row = await SiteSettings.query(trx).findById(site.id).forUpdate();
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
      if (!checked.ok) throw validationError(checked.problems.map((p) => ({ path: p.field, message: p.zh })));
      const version = (row?.version ?? 0) + 1;
      await SiteSettings.query(trx)
        .insert({ siteId: site.id, overrides, version, updatedBy: staff.id, updatedAt: fn.now() })
        .onConflict('site_id')
        .merge(['overrides', 'version', 'updated_by', 'updated_at']);
      const after = {
        theme: { name: checked.value.theme.name, settings: checked.value.theme.settings },
        employerTags: checked.value.employerTags,
        reviewPolicies: checked.value.reviewPolicies,
        widgetOrigins: checked.value.widgetOrigins,
      };
      const changed = KEYS.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
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
