import { expect } from 'chai';
import { bootDeployment } from '../../core/cli/deployment.js';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { bearer, waitFor } from '../helpers/employers.js';
import { testConfig } from '../helpers/env.js';

const put = async (slug: string, payload: unknown, as = `${slug}.admin`) =>
  inject({
    method: 'PUT',
    url: `/api/v1/admin/sites/${slug}/settings`,
    headers: bearer(await staffToken(as)),
    payload: payload as object,
  });

describe('GET/PUT /api/v1/admin/sites/{slug}/settings', () => {
  it('shows the effective settings and what can be chosen', async () => {
    const res = await inject({
      url: '/api/v1/admin/sites/nju/settings',
      headers: bearer(await staffToken('nju.admin')),
    });
    expect(res.statusCode).to.equal(200);
    const body = json<{
      theme: { name: string };
      available: { themes: { name: string }[]; reviewPolicies: { name: string }[] };
    }>(res);
    expect(body.theme.name).to.equal('classic');
    expect(body.available.themes.map((t) => t.name)).to.have.members(['classic', 'campus', 'portal']);
    expect(body.available.reviewPolicies.map((p) => p.name)).to.include.members([
      'review-policy-manual',
      'review-policy-auto-approve',
      'review-policy-content-screen',
    ]);
  });

  it('refuses unknown themes, settings, policies and origins with field errors, leaving the site untouched', async () => {
    const { app } = await getDeployment();
    const before = JSON.stringify(app.sites.get('hhu'));
    const cases: [unknown, string][] = [
      [{ theme: { name: 'nope', settings: {} } }, 'theme.name'],
      [{ theme: { name: 'campus', settings: { primaryColor: 'red' } } }, 'theme.settings.primaryColor'],
      [{ theme: { name: 'campus', settings: { columns: '3' } } }, 'theme.settings.columns'],
      [
        { reviewPolicies: { job: { plugin: 'review-policy-nope', options: {} } } },
        'reviewPolicies.job.plugin',
      ],
      [
        {
          reviewPolicies: {
            job: { plugin: 'review-policy-auto-approve', options: { requireTags: ['vip'] } },
          },
        },
        'reviewPolicies.job.options.requireTags',
      ],
      [{ widgetOrigins: ['https://www.hhu.edu.cn/path'] }, 'widgetOrigins.0'],
    ];
    for (const [payload, path] of cases) {
      const res = await put('hhu', payload);
      expect(res.statusCode, path).to.equal(400);
      const body = json<{ code: string; details: { path: string; message: string }[] }>(res);
      expect(body.code).to.equal('VALIDATION');
      expect(
        body.details.map((d) => d.path),
        JSON.stringify(body.details),
      ).to.include(path);
      for (const d of body.details) expect(d.message).to.match(/[\u4e00-\u9fff]/);
    }
    expect(JSON.stringify(app.sites.get('hhu'))).to.equal(before);
    expect(await app.db('site_settings').where({ site_id: app.sites.get('hhu')!.id })).to.have.length(0);
  });

  it('changes the theme on the next page load of that site and no other, audited, and kept across a restart', async () => {
    const { app } = await getDeployment();
    const site = app.sites.get('njust')!;
    const other = app.sites.get('cumt')!;
    const otherBefore = (await inject({ url: '/', headers: { host: 'cumt.localhost', accept: 'text/html' } }))
      .payload;
    const target = site.theme.name === 'portal' ? 'campus' : 'portal';
    const res = await put('njust', { theme: { name: target, settings: { primaryColor: '#225588' } } });
    expect(res.statusCode).to.equal(200);
    expect(json<{ theme: { name: string }; version: number }>(res)).to.deep.include({ version: 1 });

    const page = await inject({ url: '/', headers: { host: 'njust.localhost', accept: 'text/html' } });
    expect(page.payload)
      .to.include(`data-theme="${target}"`)
      .and.include('--xz-color-primary:#225588')
      .and.include('南京理工大学');
    expect(
      (await inject({ url: '/', headers: { host: 'cumt.localhost', accept: 'text/html' } })).payload,
    ).to.equal(otherBefore);
    expect(app.sites.get('cumt')!.theme).to.deep.equal(other.theme);
    const api = json<{ theme: { name: string; settings: { primaryColor: string } } }>(
      await inject('/api/v1/public/sites/njust'),
    );
    expect(api.theme).to.deep.include({ name: target });
    expect(api.theme.settings.primaryColor).to.equal('#225588');

    const audit = json<{ items: { changed: string[]; by: string; version: number }[] }>(
      await inject({
        url: '/api/v1/admin/sites/njust/settings/audit',
        headers: bearer(await staffToken('njust.admin')),
      }),
    );
    expect(audit.items[0]).to.deep.include({ changed: ['theme'], by: 'njust.admin', version: 1 });

    const restarted = await bootDeployment(testConfig(), { migrate: false });
    try {
      expect(restarted.app.sites.get('njust')!.theme.name).to.equal(target);
    } finally {
      await restarted.stop();
    }
  });

  it('switches a review policy without a restart', async () => {
    const { app } = await getDeployment();
    const site = app.sites.get('jsnu')!;
    const res = await put('jsnu', {
      reviewPolicies: {
        fair_booking: { plugin: 'review-policy-auto-approve', options: { requireCertifiedOnMain: true } },
      },
    });
    expect(res.statusCode).to.equal(200);
    const updated = app.sites.get('jsnu')!;
    expect(updated.reviewPolicies.fair_booking.plugin).to.equal('review-policy-auto-approve');
    expect(updated.reviewPolicies.membership).to.deep.equal(site.reviewPolicies.membership);
    const policy = app.tenantPlugins.reviewPolicy(
      'jsnu',
      'fair_booking',
      updated.reviewPolicies.fair_booking,
    );
    const decision = await policy.decide({
      type: 'fair_booking',
      site: 'jsnu',
      employer: { id: 1, name: 'x', certifiedOnMain: true, tagIds: [] },
    });
    expect(decision.outcome).to.equal('approve');
  });

  it('changes the employer tags and the widget origins (CORS) at once', async () => {
    const { app } = await getDeployment();
    const yzu = app.sites.get('yzu')!;
    // keep the tags a policy of the site requires, add one
    const required = Object.values(yzu.reviewPolicies).flatMap(
      (p) => (p.options.requireTags as string[] | undefined) ?? [],
    );
    const kept = yzu.employerTags.filter((t) => required.includes(t.id));
    const res = await put('yzu', {
      employerTags: [...kept, { id: 'local', name: '扬州本地企业' }],
      widgetOrigins: ['https://job.yzu.edu.cn'],
    });
    expect(res.statusCode).to.equal(200);
    const site = json<{ employerTags: { id: string }[] }>(await inject('/api/v1/public/sites/yzu'));
    expect(site.employerTags.map((t) => t.id)).to.deep.equal([...kept.map((t) => t.id), 'local']);
    const cors = await inject({
      url: '/api/v1/employer/fair-bookings?site=yzu',
      headers: { origin: 'https://job.yzu.edu.cn' },
    });
    expect(cors.statusCode).to.equal(401);
    expect(cors.headers['access-control-allow-origin']).to.equal('https://job.yzu.edu.cn');
    const old = await inject({
      url: '/api/v1/employer/fair-bookings?site=yzu',
      headers: { origin: 'https://www.yzu.edu.cn' },
    });
    expect(old.statusCode).to.equal(403);
    expect(json(old).code).to.equal('ORIGIN_NOT_ALLOWED');
  });

  it('reaches other processes through Redis pub/sub', async () => {
    const other = await bootDeployment(testConfig(), { migrate: false });
    try {
      const res = await put('ujs', {
        theme: { name: 'campus', settings: { primaryColor: '#118844', sidebarPosition: 'right' } },
      });
      expect(res.statusCode).to.equal(200);
      await waitFor(
        'the other process to apply the change',
        async () => other.app.sites.get('ujs')!.theme.settings.primaryColor === '#118844',
      );
      const page = await other.server.inject({
        url: '/',
        headers: { host: 'ujs.localhost', accept: 'text/html' },
      });
      expect(page.payload).to.include('data-theme="campus"').and.include('--xz-color-primary:#118844');
    } finally {
      await other.stop();
    }
  });
});

describe('staff of one site never reach another site’s data', () => {
  it('gets 403 FORBIDDEN on every staff route scoped to another site', async () => {
    const { server } = await getDeployment();
    const routes = server
      .table()
      .filter((r) => (r.settings.app as { access?: { staffSiteParam?: string } }).access?.staffSiteParam);
    expect(routes.length).to.be.greaterThan(3);
    const token = await staffToken('seu.admin');
    for (const r of routes) {
      const url = r.path.replace('{slug}', 'nju').replace(/\{\w+\}/g, '1');
      const res = await inject({
        method: r.method.toUpperCase(),
        url,
        headers: bearer(token),
        payload: r.method === 'get' ? undefined : { ids: [1], theme: { name: 'classic' } },
      });
      expect(res.statusCode, `${r.method} ${r.path}`).to.equal(403);
      expect(json(res).code).to.equal('FORBIDDEN');
    }
  });

  it('cannot decide or read a review of another site by its id', async () => {
    const { app } = await getDeployment();
    const review = await app
      .db('reviews')
      .where({ site_id: app.sites.get('nju')!.id })
      .first();
    const token = await staffToken('seu.admin');
    expect(
      (await inject({ url: `/api/v1/admin/reviews/${review.id}`, headers: bearer(token) })).statusCode,
    ).to.equal(403);
    expect(
      (
        await inject({
          method: 'POST',
          url: `/api/v1/admin/reviews/${review.id}/decision`,
          headers: bearer(token),
          payload: { decision: 'approve' },
        })
      ).statusCode,
    ).to.equal(403);
    const batch = json<{ approved: number[]; skipped: { code: string }[] }>(
      await inject({
        method: 'POST',
        url: '/api/v1/admin/sites/seu/reviews/batch-approve',
        headers: bearer(token),
        payload: { ids: [review.id] },
      }),
    );
    expect(batch.approved).to.deep.equal([]);
    expect(batch.skipped[0]!.code).to.equal('FORBIDDEN');
  });
});
