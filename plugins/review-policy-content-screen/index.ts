// Screens postings for requirements the Ministry of Education forbids in campus recruitment (restricting to
// 985/211 universities, gender, 户籍, marital or childbearing status, ethnicity …): a match is rejected with the
// reason, or held for staff; clean postings are approved or held, as the site chooses. Word list per site.
import Joi from 'joi';
import type { PolicyDecision, ReviewSubject, TenantPluginDefinition } from '../../core/plugin-host.js';

export const DEFAULT_WORDS = [
  '985',
  '211',
  '双一流',
  '仅限男性',
  '限男性',
  '男性优先',
  '仅限女性',
  '限女性',
  '女性优先',
  '限男生',
  '限女生',
  '本地户籍',
  '本地户口',
  '户籍限制',
  '限户籍',
  '已婚已育',
  '限未婚',
  '未婚未育',
  '限汉族',
];

export interface ContentScreenOptions {
  words: string[];
  /** What to do with a posting that contains a listed word. */
  onMatch: 'reject' | 'hold';
  /** What to do with a clean posting. */
  whenClean: 'approve' | 'hold';
  /** With whenClean=approve: only employers certified on main are approved at once. */
  requireCertifiedOnMain: boolean;
}

function matcher(word: string): RegExp {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Numbers such as 985/211 must stand alone: "9850元" or "2110室" are not matches.
  return /^\d+$/.test(word) ? new RegExp(`(?<!\\d)${escaped}(?!\\d)`, 'i') : new RegExp(escaped, 'i');
}

export function screen(subject: ReviewSubject, options: ContentScreenOptions): PolicyDecision {
  const text = subject.text ?? '';
  const found = options.words.filter((w) => matcher(w).test(text));
  if (found.length > 0) {
    const reason = `含有教育部规定不得发布的限制性或歧视性要求：${found.join('、')}`;
    return options.onMatch === 'reject' ? { outcome: 'reject', reason } : { outcome: 'hold', reason };
  }
  if (
    options.whenClean === 'approve' &&
    (!options.requireCertifiedOnMain || subject.employer.certifiedOnMain)
  ) {
    return { outcome: 'approve', reason: '内容审查通过' };
  }
  return { outcome: 'hold', reason: '内容审查未发现问题，等待学校审核' };
}

export const reviewPolicyContentScreen: TenantPluginDefinition<Record<string, never>> = {
  name: 'review-policy-content-screen',
  version: '1.0.0',
  label: '内容审查（教育部招聘信息规定）',
  provides: ['reviewPolicy'],
  optionsSchema: Joi.object({}),
  policyOptionsSchema: Joi.object({
    words: Joi.array()
      .items(Joi.string().trim().min(1).max(20))
      .max(200)
      .unique()
      .default(() => [...DEFAULT_WORDS]),
    onMatch: Joi.string().valid('reject', 'hold').default('reject'),
    whenClean: Joi.string().valid('approve', 'hold').default('hold'),
    requireCertifiedOnMain: Joi.boolean().default(true),
  }),
  contribute: () => ({
    reviewPolicy: (_type, policyOptions) => ({
      plugin: 'review-policy-content-screen',
      decide: (subject) => screen(subject, policyOptions as unknown as ContentScreenOptions),
    }),
  }),
};
