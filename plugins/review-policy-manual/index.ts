// Every submission waits for the site's staff.
import Joi from 'joi';
import type { TenantPluginDefinition } from '../../core/plugin-host.js';

export const reviewPolicyManual: TenantPluginDefinition<Record<string, never>> = {
  name: 'review-policy-manual',
  version: '1.0.0',
  label: '人工审核',
  provides: ['reviewPolicy'],
  optionsSchema: Joi.object({}),
  policyOptionsSchema: Joi.object({}),
  contribute: () => ({
    reviewPolicy: () => ({
      plugin: 'review-policy-manual',
      decide: () => ({ outcome: 'hold', reason: '等待学校审核' }),
    }),
  }),
};
