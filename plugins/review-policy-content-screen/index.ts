// Screens postings for requirements the Ministry of Education forbids in campus recruitment (restricting to
// 985/211 universities, gender, 户籍, marital or childbearing status, ethnicity …): a match is rejected with the
// reason, or held for staff; clean postings are approved or held, as the site chooses. A phrase table covers gender,
// age, ethnicity, origin (户籍/籍贯/本地人), school tier and marital/childbearing restrictions, never counting a negated
// phrase (男女不限、不限户籍); each site may switch kinds off (`rules`) and add its own words (`words`).
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

/** The kinds of restriction the built-in phrase table covers; a site may switch kinds off (`rules`). */
export const SCREEN_CATEGORIES = ['gender', 'age', 'ethnicity', 'region', 'school', 'marital'] as const;
export type ScreenCategory = (typeof SCREEN_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<ScreenCategory, string> = {
  gender: '性别',
  age: '年龄',
  ethnicity: '民族',
  region: '户籍地域',
  school: '院校层次',
  marital: '婚育',
};

export interface ContentScreenOptions {
  /** Extra words of the site, matched literally (besides the phrase table). */
  words: string[];
  /** Kinds of restriction the phrase table screens for (default: all). */
  rules?: ScreenCategory[];
  /** What to do with a posting that contains a listed word. */
  onMatch: 'reject' | 'hold';
  /** What to do with a clean posting. */
  whenClean: 'approve' | 'hold';
  /** With whenClean=approve: only employers certified on main are approved at once. */
  requireCertifiedOnMain: boolean;
}

interface ScreenRule {
  category: ScreenCategory;
  pattern: RegExp;
  /** A match is kept only when this holds (e.g. ages other than the legal 16/18). */
  accept?: (m: RegExpExecArray) => boolean;
  /** Words just before a match that make it an offer, not a restriction (可解决南京户口). */
  benignBefore?: RegExp;
}

// 限 as a restriction, not inside 有限公司, 期限, 年限, 上限 …
const LIMIT = '(?:仅限|只限|只招|仅招|只要|(?<![有无不期时权额上下年界局极])限)';
const REQUIRE = `(?:${LIMIT}|要求|须为|需为|必须为?|须是|需是)`;
const CLAUSE = '[^，。；;,.!?！？\\n]';
/** Words before 本地户口 and the like that make it an offer (可解决南京户口), not a requirement. */
const OFFERED = /(?:解决|办理|协助|提供|落户|迁入|可迁)$/;
const LEGAL_AGE = (m: RegExpExecArray) => !['16', '18'].includes(m[1] ?? '');

/**
 * The phrase table: what restricts a posting by gender, age, ethnicity, origin, school tier or marital status. Each
 * pattern is matched over the whole text; negations (不限、无、不要求 … before, 不限、均可 … after) never count.
 */
export const SCREEN_RULES: ScreenRule[] = [
  // gender
  { category: 'gender', pattern: new RegExp(`${REQUIRE}\\s*[男女](?:性|生|士)?(?![女男装款鞋表包])`, 'g') },
  { category: 'gender', pattern: new RegExp(`${LIMIT}${CLAUSE}{1,15}?[男女](?:性|生)`, 'g') },
  { category: 'gender', pattern: /[男女](?:性|生|士)?(?:优先|为佳|者优先)/g },
  { category: 'gender', pattern: /性别(?:要求|限制)?\s*[:：]?\s*[男女](?![女男])/g },
  // age
  {
    category: 'age',
    pattern: /(?<!\d)(\d{2})\s*周?岁\s*(?:以下|以内|以上|及以下|及以上|之前|之内|左右)/g,
    accept: LEGAL_AGE,
  },
  {
    category: 'age',
    pattern:
      /年龄\s*(?:要求|限制)?\s*(?:在|为|须|需|应)?\s*(?:不超过|不大于|不高于|低于|小于|不满|不得超过|未满|上限)/g,
  },
  {
    category: 'age',
    pattern: /(?:不超过|不大于|不高于|低于|小于|未满|不满|不得超过)\s*(\d{2})\s*周?岁/g,
    accept: LEGAL_AGE,
  },
  {
    category: 'age',
    pattern: /(?<!\d)\d{2}\s*(?:周?岁)?\s*[-~～至到]\s*(\d{2})\s*周?岁/g,
    accept: LEGAL_AGE,
  },
  // ethnicity
  { category: 'ethnicity', pattern: /汉族|少数民族(?!地区|自治)/g },
  {
    category: 'ethnicity',
    pattern: new RegExp(`${REQUIRE}${CLAUSE}{0,6}?(?:民族|[^\\s，。、]族(?![谱群]))`, 'g'),
  },
  { category: 'ethnicity', pattern: /民族\s*[:：]\s*[^\s，。、不]{1,4}族?/g },
  // region (户籍、籍贯、本地人、生源)
  {
    category: 'region',
    pattern: /(?:本地|本市|本省|本区|当地|省内|市内)(?:户籍|户口|人|生源|籍)/g,
    benignBefore: OFFERED,
  },
  { category: 'region', pattern: new RegExp(`${REQUIRE}${CLAUSE}{0,8}?(?:户籍|户口|籍贯|生源|本地人)`, 'g') },
  {
    category: 'region',
    pattern: /(?:户籍|户口|籍贯|生源|本地人)(?:[^，。；;,.\s]{0,4})?(?:优先|为佳|限制)/g,
  },
  { category: 'region', pattern: /[\u4e00-\u9fa5]{2,3}籍贯|籍贯\s*[:：]/g },
  // school tier
  { category: 'school', pattern: /(?<!\d)(?:985|211)(?!\d)/g },
  {
    category: 'school',
    pattern: /双一流|(?<!知)名校|第一学历|重点(?:大学|院校|高校|本科)|(?<![A-Za-z0-9])C9(?!\d)/g,
  },
  { category: 'school', pattern: /[一二]本(?:院校|高校|及以上|以上|大学|毕业)|QS\s*(?:前|top)\s*\d+/gi },
  // marital and childbearing
  {
    category: 'marital',
    pattern: /已婚|未婚|已育|未育|婚育|生育(?:情况|状况|计划)|(?<![离])单身(?!公寓|宿舍)/g,
  },
];

const NEGATED_BEFORE = /(?:不|无|非|没有|不论|不分|不拘)(?:限|要求|限制|作要求)?\s*$/;
const NEGATED_AFTER = /^\s*(?:情况|状况|方面)?\s*[:：]?\s*(?:不限|均可|皆可|无要求|无限制|不作要求|不做要求)/;

interface Hit {
  label: string;
  text: string;
}

function literal(word: string): RegExp {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Numbers such as 985/211 must stand alone: "9850元" or "2110室" are not matches.
  return /^\d+$/.test(word) ? new RegExp(`(?<!\\d)${escaped}(?!\\d)`, 'gi') : new RegExp(escaped, 'gi');
}

function negated(text: string, m: RegExpExecArray, benignBefore?: RegExp): boolean {
  const before = text.slice(Math.max(0, m.index - 6), m.index);
  const after = text.slice(m.index + m[0].length, m.index + m[0].length + 8);
  return NEGATED_BEFORE.test(before) || NEGATED_AFTER.test(after) || !!benignBefore?.test(before);
}

/** What in `text` restricts or discriminates, by the phrase table (`rules`) and the site's own `words`. */
export function findRestrictions(
  text: string,
  options: Pick<ContentScreenOptions, 'words' | 'rules'>,
): Hit[] {
  const normal = text.normalize('NFKC');
  const hits: Hit[] = [];
  // One hit per kind and phrase; a site word already inside a hit of the table adds nothing.
  const add = (label: string, found: string) => {
    if (!hits.some((h) => (h.label === label || label === '敏感词') && h.text.includes(found)))
      hits.push({ label, text: found });
  };
  const categories = options.rules ?? SCREEN_CATEGORIES;
  for (const rule of SCREEN_RULES) {
    if (!categories.includes(rule.category)) continue;
    for (const m of normal.matchAll(new RegExp(rule.pattern.source, rule.pattern.flags))) {
      if ((rule.accept && !rule.accept(m)) || negated(normal, m, rule.benignBefore)) continue;
      add(CATEGORY_LABELS[rule.category], m[0].trim());
    }
  }
  for (const word of options.words)
    for (const m of normal.matchAll(literal(word.normalize('NFKC'))))
      if (!negated(normal, m, OFFERED)) add('敏感词', m[0]);
  return hits;
}

export function screen(subject: ReviewSubject, options: ContentScreenOptions): PolicyDecision {
  const hits = findRestrictions(subject.text ?? '', options);
  if (hits.length > 0) {
    const reason = `含有教育部规定不得发布的限制性或歧视性要求：${hits.map((h) => `“${h.text}”（${h.label}）`).join('、')}`;
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
    rules: Joi.array()
      .items(Joi.string().valid(...SCREEN_CATEGORIES))
      .unique()
      .default(() => [...SCREEN_CATEGORIES]),
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
