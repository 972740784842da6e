import { expect } from 'chai';
import type { ReviewSubject } from '../../core/plugin-host.js';
import { DEFAULT_WORDS, screen } from '../../plugins/review-policy-content-screen/index.js';
import { getDeployment } from '../helpers/deployment.js';

const subject = (text: string, certifiedOnMain = true): ReviewSubject => ({
  type: 'job',
  site: 'x',
  employer: { id: 1, name: '单位', certifiedOnMain, tagIds: [] },
  text,
});

const options = {
  words: DEFAULT_WORDS,
  onMatch: 'reject' as const,
  whenClean: 'approve' as const,
  requireCertifiedOnMain: true,
};

describe('review-policy-content-screen', () => {
  it('rejects postings restricted to 985/211 universities, by gender or by 户籍, naming what it found', () => {
    for (const [text, word] of [
      ['软件工程师：要求985、211院校毕业', '985'],
      ['销售代表，仅限男性', '仅限男性'],
      ['行政助理 限本地户籍优先', '本地户籍'],
      ['211工程院校硕士', '211'],
    ] as const) {
      const d = screen(subject(text), options);
      expect(d.outcome, text).to.equal('reject');
      expect((d as { reason: string }).reason)
        .to.include(word)
        .and.include('教育部');
    }
  });

  it('does not mistake numbers that merely contain 985 or 211 for the restriction', () => {
    for (const text of ['月薪 9850 元', '办公地点：2110 室', '岗位编号 19851'])
      expect(screen(subject(text), options).outcome, text).to.equal('approve');
  });

  it('holds instead of rejecting when the site chooses, and holds clean postings of uncertified employers', () => {
    expect(screen(subject('限女性'), { ...options, onMatch: 'hold' }).outcome).to.equal('hold');
    expect(screen(subject('欢迎应届毕业生', false), options).outcome).to.equal('hold');
    expect(screen(subject('欢迎应届毕业生'), { ...options, whenClean: 'hold' }).outcome).to.equal('hold');
  });

  it('uses the word list of each site', async () => {
    const { app } = await getDeployment();
    const site = app.sites
      .schools()
      .find((s) => s.reviewPolicies.job.plugin === 'review-policy-content-screen')!;
    const ref = {
      plugin: 'review-policy-content-screen',
      options: { ...site.reviewPolicies.job.options, words: ['限35岁以下'], rules: [] },
    };
    const policy = app.tenantPlugins.reviewPolicy(site.slug, 'job', ref);
    expect((await policy.decide(subject('年龄限35岁以下'))).outcome).to.not.equal('approve');
    expect((await policy.decide(subject('要求985院校'))).outcome).to.equal(
      site.reviewPolicies.job.options.whenClean === 'approve' ? 'approve' : 'hold',
    );
  });

  it('screens jobs on main before its staff see them', async () => {
    const { app } = await getDeployment();
    const main = app.sites.main();
    expect(main.reviewPolicies.job.plugin).to.equal('review-policy-content-screen');
    const policy = app.tenantPlugins.reviewPolicy('main', 'job', main.reviewPolicies.job);
    expect((await policy.decide(subject('仅限男性'))).outcome).to.equal('reject');
    expect((await policy.decide(subject('欢迎应届毕业生'))).outcome).to.equal('hold');
  });
});
