// The site's employer tags (单位标记): which tags an employer may choose when applying to join the site.
import Joi from 'joi';
import type { TenantPluginDefinition } from '../../core/plugin-host.js';

export interface EmployerTagsOptions {
  maxPerEmployer: number;
}

export const employerTags: TenantPluginDefinition<EmployerTagsOptions> = {
  name: 'employer-tags',
  version: '1.0.0',
  label: '单位标记',
  provides: ['employerTags'],
  optionsSchema: Joi.object({ maxPerEmployer: Joi.number().integer().min(1).max(10).default(1) }),
  contribute: (site, options) => ({
    employerTags: () => ({ tags: site.employerTags, maxPerEmployer: options.maxPerEmployer }),
  }),
};
