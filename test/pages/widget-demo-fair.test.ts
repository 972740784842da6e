import { expect } from 'chai';
import { getDeployment, inject } from '../helpers/deployment.js';

describe('GET /widgets/demo: the booking snippet', () => {
  it('names a real upcoming fair of the site in <xz-fair-booking fair="…">, and the fair’s page exists', async () => {
    const { app } = await getDeployment();
    for (const slug of ['nju', 'seu']) {
      const site = app.sites.get(slug)!;
      const res = await inject({ url: `/widgets/demo?site=${slug}` });
      expect(res.statusCode).to.equal(200);
      const text = res.payload
        .replace(/&quot;/g, '"')
        .replace(/&#x3D;/g, '=')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>');
      const snippet = /<xz-fair-booking site="([a-z0-9-]+)" fair="(\d+)">/.exec(text);
      expect(snippet, `a fair in the ${slug} snippet`).to.not.equal(null);
      expect(snippet![1]).to.equal(slug);
      const id = Number(snippet![2]);
      expect(id).to.not.equal(12);
      const row = await app.db('fairs').where({ id }).first();
      expect(row, 'the fair exists').to.not.equal(undefined);
      expect(Number(row.site_id)).to.equal(site.id);
      expect(new Date(row.ends_at).getTime()).to.be.greaterThan(Date.now());
      expect(text).to.include(`<a href="${site.url}fairs/${id}">查看招聘会展位图`);
      const page = await inject({ url: `/s/${slug}/fairs/${id}`, headers: { accept: 'text/html' } });
      expect(page.statusCode).to.equal(200);
    }
  });

  it('leaves fair out of the snippet for a site without upcoming fairs', async () => {
    const { app } = await getDeployment();
    const held = new Set((await app.db('fairs').distinct('site_id').pluck('site_id')).map(Number));
    const site = app.sites.all().find((s) => !s.isMain && !held.has(s.id))!;
    const res = await inject({ url: `/widgets/demo?site=${site.slug}` });
    expect(res.statusCode).to.equal(200);
    const text = res.payload
      .replace(/&quot;/g, '"')
      .replace(/&#x3D;/g, '=')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');
    expect(text).to.include(`<xz-fair-booking site="${site.slug}">`);
    expect(text).to.include('本站目前没有即将举办的招聘会');
  });
});
