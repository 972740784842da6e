// The tenant manifest: one data file per site, validated at boot against one joi schema, the installed
// themes (settings) and the installed tenant plugins (policy options). An invalid manifest stops start-up
// with the file and the field named; it never reaches a request.
import Joi from 'joi';

export const SUBJECT_TYPES = [
  'membership',
  'job',
  'announcement',
  'fair_booking',
  'presentation',
  'signing_authorization',
] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export const SITE_LEVELS = ['主站', '本科', '专科'] as const;

export const AFTER_APPROVAL_MODES = ['locked', 'grace', 'revise'] as const;

/**
 * What an employer may do with a posting (job, announcement) this site has approved: `locked` (default) — no edits;
 * `grace` — edits within `graceMinutes` of the approval keep the copy online (a content screen still rejects what
 * it must); `revise` — an edit sends the copy back to this site's review.
 */
export interface AfterApproval {
  mode: (typeof AFTER_APPROVAL_MODES)[number];
  graceMinutes: number;
}

export interface PolicyRef {
  plugin: string;
  options: Record<string, unknown>;
  /** Edits after approval (postings only); absent means locked. */
  afterApproval?: AfterApproval;
}

export interface EmployerTag {
  id: string;
  name: string;
}

export interface SiteManifest {
  slug: string;
  code: string | null;
  name: string;
  shortName: string;
  city: string;
  level: (typeof SITE_LEVELS)[number];
  department: string;
  remark: string;
  /** Host names; `{baseDomain}` is replaced by BASE_DOMAIN. */
  hosts: string[];
  theme: { name: string; settings: Record<string, unknown> };
  employerTags: EmployerTag[];
  reviewPolicies: Record<SubjectType, PolicyRef>;
  plugins: { name: string; options: Record<string, unknown> }[];
  widgetOrigins: string[];
}

/** The part of a manifest that school staff may change; stored in site_settings, applied over the file. */
export type SiteOverrides = Partial<
  Pick<SiteManifest, 'theme' | 'employerTags' | 'reviewPolicies' | 'widgetOrigins'>
>;

const slug = Joi.string()
  .pattern(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  .max(40);
const tagId = Joi.string()
  .pattern(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  .max(40);
const origin = Joi.string()
  .uri({ scheme: ['http', 'https'] })
  .pattern(/^https?:\/\/[^/?#]+$/)
  .message('"{{#label}}" must be an origin like https://www.example.edu.cn (no path)');

export const policyRefSchema = Joi.object({
  plugin: Joi.string().required(),
  options: Joi.object().unknown(true).default({}),
  afterApproval: Joi.object({
    mode: Joi.string()
      .valid(...AFTER_APPROVAL_MODES)
      .required(),
    graceMinutes: Joi.number().integer().min(1).max(1440).default(30),
  }),
});

export const employerTagsSchema = Joi.array()
  .items(Joi.object({ id: tagId.required(), name: Joi.string().trim().min(1).max(20).required() }))
  .max(30)
  .unique('id')
  .unique('name');

export const widgetOriginsSchema = Joi.array().items(origin).max(20).unique();

export const manifestSchema = Joi.object<SiteManifest>({
  slug: slug.required(),
  code: Joi.string()
    .pattern(/^\d{10}$/)
    .allow(null)
    .required(),
  name: Joi.string().trim().min(2).max(60).required(),
  shortName: Joi.string().trim().min(1).max(30).required(),
  city: Joi.string().trim().min(2).max(20).required(),
  level: Joi.string()
    .valid(...SITE_LEVELS)
    .required(),
  department: Joi.string().allow('').max(40).default(''),
  remark: Joi.string().allow('').max(60).default(''),
  hosts: Joi.array()
    .items(Joi.string().pattern(/^(\{baseDomain\}|[a-z0-9-]+(\.[a-z0-9-]+)*(\.\{baseDomain\})?)$/))
    .min(1)
    .unique()
    .required(),
  theme: Joi.object({
    name: Joi.string().required(),
    settings: Joi.object().unknown(true).default({}),
  }).required(),
  employerTags: employerTagsSchema.default([]),
  reviewPolicies: Joi.object(
    Object.fromEntries(SUBJECT_TYPES.map((t) => [t, policyRefSchema.required()])),
  ).required(),
  plugins: Joi.array()
    .items(Joi.object({ name: Joi.string().required(), options: Joi.object().unknown(true).default({}) }))
    .unique('name')
    .default([]),
  widgetOrigins: widgetOriginsSchema.default([]),
})
  .custom((m: SiteManifest, helpers) => {
    if ((m.slug === 'main') !== (m.level === '主站'))
      return helpers.message({ custom: '"level" must be 主站 exactly for slug main' });
    if ((m.code === null) !== (m.slug === 'main'))
      return helpers.message({ custom: '"code" must be null exactly for slug main' });
    return m;
  })
  .prefs({ abortEarly: true });

export class ManifestError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`xiaozhao: invalid tenant manifest ${file}: field "${field}": ${detail}`);
  }
}
