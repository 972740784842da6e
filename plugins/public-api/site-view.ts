import Joi from 'joi';
import { ink } from '../../core/theming/contrast.js';
import type { Site } from '../../core/tenancy/sites.js';

export function publicSite(site: Site) {
  return {
    slug: site.slug,
    name: site.name,
    shortName: site.shortName,
    city: site.city,
    level: site.level,
    url: site.url,
    theme: { name: site.theme.name, settings: site.theme.settings, inks: inks(site.theme.settings) },
    employerTags: site.employerTags.map((t) => ({ id: t.id, name: t.name })),
  };
}

/** The palette colours darkened where needed for legible text, for widgets to use as pages do (contrast.ts). */
function inks(settings: Record<string, unknown>) {
  const out: Record<string, string> = {};
  for (const key of ['primaryColor', 'secondaryColor', 'accentColor'])
    if (typeof settings[key] === 'string') out[key] = ink(settings[key]);
  return out;
}

export function siteSummary(site: Site) {
  return { slug: site.slug, name: site.name, city: site.city, level: site.level, url: site.url };
}

export const siteSummarySchema = Joi.object({
  slug: Joi.string().required(),
  name: Joi.string().required(),
  city: Joi.string().required(),
  level: Joi.string().required(),
  url: Joi.string().required(),
}).label('SiteSummary');

export const publicSiteSchema = siteSummarySchema
  .keys({
    shortName: Joi.string().required(),
    theme: Joi.object({
      name: Joi.string().required(),
      settings: Joi.object().unknown(true).required(),
      inks: Joi.object({
        primaryColor: Joi.string(),
        secondaryColor: Joi.string(),
        accentColor: Joi.string(),
      }).label('SiteThemeInks'),
    }).label('SiteTheme'),
    employerTags: Joi.array()
      .items(Joi.object({ id: Joi.string().required(), name: Joi.string().required() }).label('EmployerTag'))
      .required(),
  })
  .label('Site');

export const slugParam = Joi.string()
  .pattern(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  .max(40)
  .required();
