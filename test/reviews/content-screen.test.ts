// The content screen's phrase table (MoE rules for campus recruitment): restrictions by gender, age, ethnicity,
// origin, school tier and marital status are found wherever they sit in a sentence; negated phrases and ordinary
// words that merely share characters are not.
import { expect } from 'chai';
import type { ReviewSubject } from '../../core/plugin-host.js';
import {
  DEFAULT_WORDS,
  findRestrictions,
  screen,
  SCREEN_CATEGORIES,
} from '../../plugins/review-policy-content-screen/index.js';

const subject = (text: string): ReviewSubject => ({
  type: 'job',
  site: 'x',
  employer: { id: 1, name: '单位', certifiedOnMain: true, tagIds: [] },
  text,
});

const options = {
  words: DEFAULT_WORDS,
  rules: [...SCREEN_CATEGORIES],
  onMatch: 'reject' as const,
  whenClean: 'approve' as const,
  requireCertifiedOnMain: true,
};

/** [text, the kind of restriction it must be found as] */
const HITS: [string, string][] = [
  ['仅限男性', '性别'],
  ['限男生', '性别'],
  ['男性优先', '性别'],
  ['女士优先', '性别'],
  ['限女性', '性别'],
  ['只招男', '性别'],
  ['男生优先考虑', '性别'],
  ['性别：男', '性别'],
  ['仅限985、211院校男性，有驾照', '性别'],
  ['限本科学历女生', '性别'],
  ['35岁以下', '年龄'],
  ['年龄不超过30周岁', '年龄'],
  ['年龄18-30岁', '年龄'],
  ['28周岁以内', '年龄'],
  ['不超过 35 岁', '年龄'],
  ['汉族', '民族'],
  ['限少数民族', '民族'],
  ['民族：汉', '民族'],
  ['限本地户籍', '户籍地域'],
  ['本地人优先', '户籍地域'],
  ['南京户口优先', '户籍地域'],
  ['要求江苏籍贯', '户籍地域'],
  ['江苏生源优先', '户籍地域'],
  ['本市户口', '户籍地域'],
  ['要求985院校毕业', '院校层次'],
  ['211工程院校硕士', '院校层次'],
  ['双一流高校毕业', '院校层次'],
  ['名校毕业', '院校层次'],
  ['第一学历须为全日制本科', '院校层次'],
  ['一本及以上院校', '院校层次'],
  ['QS前100院校', '院校层次'],
  ['９８５院校', '院校层次'],
  ['已婚已育', '婚育'],
  ['限未婚', '婚育'],
  ['婚育情况：已育', '婚育'],
];

/** Texts that share words with restrictions but restrict nothing. */
const NEAR_MISSES = [
  '男女不限',
  '性别不限',
  '不限性别',
  '不限户籍',
  '户籍不限',
  '不限本地户籍',
  '年龄不限',
  '婚育不限',
  '欢迎应届毕业生',
  '男装设计师',
  '女装买手',
  '男女比例均衡的团队',
  '可解决南京户口',
  '协助办理本地户口',
  '知名校友企业',
  '年满18周岁',
  '提供单身公寓',
  '南京某某科技有限公司女性健康事业部',
  '工作年限3年以上',
  '团队30人以下',
  '月薪 9850 元',
  '办公地点：2110 室',
  '岗位编号 19851',
  '本科及以上学历，专业不限',
  '民族团结进步示范单位',
];

describe('review-policy-content-screen: the phrase table', () => {
  for (const [text, label] of HITS)
    it(`finds “${text}” (${label})`, () => {
      const hits = findRestrictions(text, options);
      expect(
        hits.map((h) => h.label),
        text,
      ).to.include(label);
      const decision = screen(subject(`软件工程师。${text}。`), options);
      expect(decision.outcome).to.equal('reject');
      expect((decision as { reason: string }).reason).to.include(label);
    });

  for (const text of NEAR_MISSES)
    it(`does not flag “${text}”`, () => {
      expect(findRestrictions(text, options), text).to.deep.equal([]);
      expect(screen(subject(text), options).outcome).to.equal('approve');
    });

  it('names every restriction of “仅限985、211院校男性” — the school tier and the gender', () => {
    const reason = (screen(subject('仅限985、211院校男性，能适应出差'), options) as { reason: string })
      .reason;
    expect(reason).to.include('985').and.include('211').and.include('男性').and.include('性别');
  });

  it('lets a site switch kinds off and keep only its own words', () => {
    const own = { ...options, words: ['限35岁以下'], rules: [] };
    expect(screen(subject('要求985院校'), own).outcome).to.equal('approve');
    expect(screen(subject('年龄限35岁以下'), own).outcome).to.equal('reject');
    expect(screen(subject('仅限男性'), { ...own, rules: ['gender' as const] }).outcome).to.equal('reject');
  });
});
