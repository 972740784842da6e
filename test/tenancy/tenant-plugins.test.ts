import { expect } from 'chai';
import { bootDeployment } from '../../core/cli/deployment.js';
import type { ReviewSubject } from '../../core/plugin-host.js';
import { runSeeders } from '../../core/seed.js';
import { getDeployment } from '../helpers/deployment.js';
import { testConfig } from '../helpers/env.js';

function subject(
  over: Partial<ReviewSubject['employer']> = {},
  type: ReviewSubject['type'] = 'job',
): ReviewSubject {
  return {
    type,
    site: 'x',
    employer: { id: 1, name: '测试单位', certifiedOnMain: true, tagIds: [], ...over },
  };
}

describe('tenant plugins', () => {
  it('registers each enabled plugin once per site that enables it', async () => {
    const { app, server } = await getDeployment();
    for (const site of app.sites.all()) {
      for (const p of site.plugins)
        expect(app.tenantPlugins.enabled(site.slug, p.name), `${site.slug} ${p.name}`).to.equal(true);
      expect(app.tenantPlugins.enabled(site.slug, 'employer-tags')).to.equal(site.employerTags.length > 0);
    }
    expect(Object.keys(server.registrations)).to.include.members([
      'xz-tenant-review-policy-manual',
      'xz-tenant-review-policy-auto-approve',
      'xz-tenant-employer-tags',
    ]);
  });

  it('gives the same submission different outcomes on sites with different policies', async () => {
    const { app } = await getDeployment();
    const manual = app.sites.all().find((s) => s.reviewPolicies.job.plugin === 'review-policy-manual')!;
    const auto = app.sites
      .all()
      .find(
        (s) =>
          s.reviewPolicies.job.plugin === 'review-policy-auto-approve' &&
          (s.reviewPolicies.job.options.requireTags as string[]).length === 0,
      )!;
    const decide = (slug: string, s: ReviewSubject) => {
      const site = app.sites.get(slug)!;
      return app.tenantPlugins.reviewPolicy(slug, s.type, site.reviewPolicies[s.type]).decide(s);
    };
    expect((await decide(manual.slug, subject())).outcome).to.equal('hold');
    expect((await decide(auto.slug, subject())).outcome).to.equal('approve');
    expect((await decide(auto.slug, subject({ certifiedOnMain: false }))).outcome).to.equal('hold');
  });

  it('auto-approves a partner-only policy for tagged employers alone', async () => {
    const { app } = await getDeployment();
    const site = app.sites
      .all()
      .find((s) => (s.reviewPolicies.job.options.requireTags as string[] | undefined)?.includes('partner'))!;
    const policy = app.tenantPlugins.reviewPolicy(site.slug, 'job', site.reviewPolicies.job);
    expect((await policy.decide(subject({ tagIds: ['partner'] }))).outcome).to.equal('approve');
    expect((await policy.decide(subject({ tagIds: [] }))).outcome).to.equal('hold');
  });

  it('leaves subject types the plugin is not allowed to approve to staff', async () => {
    const { app } = await getDeployment();
    const site = app.sites.all().find((s) => s.reviewPolicies.job.plugin === 'review-policy-auto-approve')!;
    app.tenantPlugins.apply(
      { slug: site.slug, name: site.name, employerTags: site.employerTags },
      'review-policy-auto-approve',
      { subjectTypes: ['membership'] },
    );
    try {
      const policy = app.tenantPlugins.reviewPolicy(site.slug, 'job', site.reviewPolicies.job);
      expect((await policy.decide(subject())).outcome).to.equal('hold');
    } finally {
      const p = site.plugins.find((x) => x.name === 'review-policy-auto-approve')!;
      app.tenantPlugins.apply(
        { slug: site.slug, name: site.name, employerTags: site.employerTags },
        p.name,
        p.options,
      );
    }
  });

  it('exposes the site’s tag set through employer-tags', async () => {
    const { app } = await getDeployment();
    const site = app.sites.all().find((s) => s.employerTags.length > 1)!;
    const tags = app.tenantPlugins.firstContribution(site.slug, 'employerTags')!();
    expect(tags.tags).to.deep.equal(site.employerTags);
    expect(tags.maxPerEmployer).to.be.at.least(1);
  });
});

describe('staff overrides of a manifest', () => {
  it('apply over the manifest at boot, and a stale override falls back to the manifest', async () => {
    const { app } = await getDeployment();
    const njau = app.sites.get('njau')!;
    const ycit = app.sites.get('ycit')!;
    await app.db('site_settings').insert([
      {
        site_id: njau.id,
        overrides: JSON.stringify({
          theme: { name: 'portal', settings: { primaryColor: '#123456', heroStyle: 'plain' } },
          widgetOrigins: ['https://jobs.njau.edu.cn'],
        }),
      },
      { site_id: ycit.id, overrides: JSON.stringify({ theme: { name: 'uninstalled-theme', settings: {} } }) },
    ]);
    const second = await bootDeployment(testConfig(), { migrate: false });
    try {
      const site = second.app.sites.get('njau')!;
      expect(site.theme.name).to.equal('portal');
      expect(site.theme.settings).to.include({
        primaryColor: '#123456',
        heroStyle: 'plain',
        logoText: '南京农业大学',
      });
      expect(site.widgetOrigins).to.deep.equal(['https://jobs.njau.edu.cn']);
      const page = await second.server.inject({
        url: '/',
        headers: { host: 'njau.localhost', accept: 'text/html' },
      });
      expect(page.payload).to.include('data-theme="portal"').and.include('--xz-color-primary:#123456');
      expect(second.app.sites.get('ycit')!.theme.name).to.equal(ycit.theme.name);
      expect(app.sites.get('njau')!.theme.name).to.equal(njau.theme.name);
    } finally {
      await second.stop();
      await app.db('site_settings').whereIn('site_id', [njau.id, ycit.id]).delete();
    }
  });
});

describe('npm run seed:demo', () => {
  it('is idempotent', async () => {
    const { app } = await getDeployment();
    const count = async () =>
      Number((await app.db('staff_accounts').count<{ count: number }[]>('* as count'))[0]!.count);
    const before = await count();
    await runSeeders(app);
    expect(await count()).to.equal(before);
  });
});
