// Approves at once when the conditions hold; otherwise the submission waits for staff (never auto-rejects).
import Joi from 'joi';
import type { PolicyDecision, ReviewSubject, TenantPluginDefinition } from '../../core/plugin-host.js';
import { SUBJECT_TYPES, type SubjectType } from '../../core/tenancy/manifest.js';

export interface AutoApproveOptions {
  /** Subject types this site lets the plugin approve; others always wait for staff. */
  subjectTypes: SubjectType[];
}

export interface AutoApprovePolicyOptions {
  /** Only employers whose membership of `main` (the provincial certification) is approved. */
  requireCertifiedOnMain: boolean;
  /** Only employers carrying at least one of these site tags. */
  requireTags: string[];
}

export function decideAutoApprove(
  subject: ReviewSubject,
  plugin: AutoApproveOptions,
  policy: AutoApprovePolicyOptions,
): PolicyDecision {
  if (!plugin.subjectTypes.includes(subject.type))
    return { outcome: 'hold', reason: '该类事项需学校人工审核' };
  if (policy.requireCertifiedOnMain && !subject.employer.certifiedOnMain) {
    return { outcome: 'hold', reason: '单位尚未通过省级认证，等待人工审核' };
  }
  if (policy.requireTags.length > 0 && !policy.requireTags.some((t) => subject.employer.tagIds.includes(t))) {
    return { outcome: 'hold', reason: '单位不在自动通过名单中，等待人工审核' };
  }
  return { outcome: 'approve', reason: '符合自动审核条件' };
}

export const reviewPolicyAutoApprove: TenantPluginDefinition<AutoApproveOptions> = {
  name: 'review-policy-auto-approve',
  version: '1.0.0',
  label: '条件自动通过',
  provides: ['reviewPolicy'],
  optionsSchema: Joi.object({
    subjectTypes: Joi.array()
      .items(Joi.string().valid(...SUBJECT_TYPES))
      .unique()
      .default([...SUBJECT_TYPES]),
  }),
  policyOptionsSchema: Joi.object({
    requireCertifiedOnMain: Joi.boolean().default(true),
    requireTags: Joi.array().items(Joi.string()).unique().default([]),
  }),
  contribute: (_site, options) => ({
    reviewPolicy: (_type, policyOptions) => ({
      plugin: 'review-policy-auto-approve',
      decide: (subject) =>
        decideAutoApprove(subject, options, policyOptions as unknown as AutoApprovePolicyOptions),
    }),
  }),
};
