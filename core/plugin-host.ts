// The plugin host: the catalogue of installed tenant plugins and the extension points they fill per site.
// A tenant plugin is a hapi plugin (multiple: true) registered once for each site that enables it; its
// registration fills this site's extension points. When staff change a site's settings at runtime the same
// contribute() runs again for that site, so boot and live reconfiguration share one code path.
// The catalogue closes after boot: installing a plugin means listing it in plugins/index.ts.
import type { Plugin, Server } from '@hapi/hapi';
import Joi from 'joi';
import type { EmployerTag, SubjectType } from './tenancy/manifest.js';

export interface ReviewSubject {
  type: SubjectType;
  site: string;
  employer: { id: number | string; name: string; certifiedOnMain: boolean; tagIds: string[] };
  /** Free text of the subject (title, description …) for content screens. */
  text?: string;
}

export type PolicyDecision =
  | { outcome: 'approve'; reason?: string }
  | { outcome: 'reject'; reason: string }
  | { outcome: 'hold'; reason?: string };

export interface ReviewPolicy {
  plugin: string;
  decide(subject: ReviewSubject): PolicyDecision | Promise<PolicyDecision>;
}

export interface EmployerTagSet {
  tags: EmployerTag[];
  maxPerEmployer: number;
}

/** What a tenant plugin may contribute to one site. */
export interface Contributions {
  reviewPolicy?: (subjectType: SubjectType, policyOptions: Record<string, unknown>) => ReviewPolicy;
  employerTags?: () => EmployerTagSet;
}
export type ExtensionPoint = keyof Contributions;

export interface TenantSiteView {
  slug: string;
  name: string;
  employerTags: EmployerTag[];
}

export interface TenantPluginDefinition<Options = Record<string, unknown>> {
  name: string;
  version: string;
  /** Chinese label shown in the site settings page. */
  label: string;
  provides: ExtensionPoint[];
  /** Options given under the manifest's `plugins[]` entry. */
  optionsSchema: Joi.ObjectSchema;
  /** Options given per subject type under `reviewPolicies.<type>.options` (review policies only). */
  policyOptionsSchema?: Joi.ObjectSchema;
  contribute(site: TenantSiteView, options: Options): Contributions;
}

interface Registered {
  options: Record<string, unknown>;
  contributions: Contributions;
}

export class PluginHost {
  private readonly catalogue = new Map<string, TenantPluginDefinition>();
  private readonly perSite = new Map<string, Map<string, Registered>>();
  private closed = false;

  install(def: TenantPluginDefinition<never>): void {
    if (this.closed) throw new Error(`xiaozhao: plugin catalogue is closed; cannot install ${def.name}`);
    if (this.catalogue.has(def.name)) throw new Error(`xiaozhao: tenant plugin ${def.name} installed twice`);
    if (def.provides.includes('reviewPolicy') && !def.policyOptionsSchema) {
      throw new Error(
        `xiaozhao: tenant plugin ${def.name} provides reviewPolicy but has no policyOptionsSchema`,
      );
    }
    this.catalogue.set(def.name, def as unknown as TenantPluginDefinition);
  }

  close(): void {
    this.closed = true;
  }

  definition(name: string): TenantPluginDefinition | undefined {
    return this.catalogue.get(name);
  }

  definitions(): TenantPluginDefinition[] {
    return [...this.catalogue.values()];
  }

  /** Validated options for a plugin; throws a joi ValidationError. */
  validateOptions(name: string, options: unknown): Record<string, unknown> {
    const def = this.catalogue.get(name);
    if (!def) throw new Error(`unknown tenant plugin ${name}`);
    return Joi.attempt(options ?? {}, def.optionsSchema) as Record<string, unknown>;
  }

  /** Fills a site's extension points from one plugin (boot and live reconfiguration). */
  apply(site: TenantSiteView, name: string, options: Record<string, unknown>): void {
    const def = this.catalogue.get(name);
    if (!def) throw new Error(`xiaozhao: unknown tenant plugin ${name}`);
    let plugins = this.perSite.get(site.slug);
    if (!plugins) this.perSite.set(site.slug, (plugins = new Map()));
    plugins.set(name, { options, contributions: def.contribute(site, options) });
  }

  /** Forgets what a site's plugins contributed, before its configuration is applied again. */
  resetSite(slug: string): void {
    this.perSite.delete(slug);
  }

  enabled(slug: string, name: string): boolean {
    return this.perSite.get(slug)?.has(name) ?? false;
  }

  contribution<P extends ExtensionPoint>(
    slug: string,
    plugin: string,
    point: P,
  ): Contributions[P] | undefined {
    return this.perSite.get(slug)?.get(plugin)?.contributions[point];
  }

  /** The first contribution to a point among the site's enabled plugins. */
  firstContribution<P extends ExtensionPoint>(slug: string, point: P): Contributions[P] | undefined {
    for (const reg of this.perSite.get(slug)?.values() ?? [])
      if (reg.contributions[point]) return reg.contributions[point];
    return undefined;
  }

  /** The review policy a site applies to a subject type (its manifest or staff settings name the plugin). */
  reviewPolicy(
    slug: string,
    type: SubjectType,
    ref: { plugin: string; options: Record<string, unknown> },
  ): ReviewPolicy {
    const factory = this.contribution(slug, ref.plugin, 'reviewPolicy');
    if (!factory)
      throw new Error(`xiaozhao: site ${slug} has no enabled review policy ${ref.plugin} for ${type}`);
    return factory(type, ref.options);
  }

  /** The hapi plugin that registers `def` for one site. */
  hapiPlugin(name: string): Plugin<{ site: TenantSiteView; options: Record<string, unknown> }> {
    const def = this.catalogue.get(name);
    if (!def) throw new Error(`xiaozhao: unknown tenant plugin ${name}`);
    return {
      name: `xz-tenant-${def.name}`,
      version: def.version,
      multiple: true,
      register: async (_server: Server, { site, options }) => {
        this.apply(site, def.name, options);
      },
    };
  }
}
