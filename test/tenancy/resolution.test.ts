import { expect } from 'chai';
import { getDeployment, inject } from '../helpers/deployment.js';

const html = { accept: 'text/html' };

function attr(payload: string, name: string): string | undefined {
  return new RegExp(`<body[^>]*\\s${name}="([^"]*)"`).exec(payload)?.[1];
}

describe('site resolution', () => {
  it('resolves a school by its host', async () => {
    const res = await inject({ url: '/', headers: { ...html, host: 'nju.localhost:3000' } });
    expect(res.statusCode).to.equal(200);
    expect(attr(res.payload, 'data-site')).to.equal('nju');
    expect(res.payload).to.include('<title>南京大学</title>');
  });

  it('resolves a school by the /s/<slug>/ prefix and prefixes its links', async () => {
    const res = await inject({ url: '/s/seu/', headers: { ...html, host: 'localhost:3000' } });
    expect(res.statusCode).to.equal(200);
    expect(attr(res.payload, 'data-site')).to.equal('seu');
    expect(res.payload).to.include('东南大学');
    expect(res.payload).to.include('href="/s/seu/jobs"');
  });

  it('resolves the prefix without a trailing slash too', async () => {
    const res = await inject({ url: '/s/suda', headers: html });
    expect(res.statusCode).to.equal(200);
    expect(attr(res.payload, 'data-site')).to.equal('suda');
  });

  it('serves the main site for its own host and for unknown hosts', async () => {
    for (const host of ['localhost:3000', 'www.localhost', 'unknown.example.com']) {
      const res = await inject({ url: '/', headers: { ...html, host } });
      expect(res.statusCode, host).to.equal(200);
      expect(attr(res.payload, 'data-site'), host).to.equal('main');
    }
  });

  it('lists every school on the main home page, linked by prefix on a single domain', async () => {
    const { app } = await getDeployment();
    const res = await inject({ url: '/s/main/', headers: html });
    expect(res.statusCode).to.equal(200);
    for (const school of app.sites.schools())
      expect(res.payload, school.slug).to.include(`href="/s/${school.slug}/"`);
  });

  it('renders three sites with three different themes, each with its own name and palette', async () => {
    const { app } = await getDeployment();
    const picks = ['classic', 'campus', 'portal'].map((theme) =>
      app.sites.schools().find((s) => s.theme.name === theme)!,
    );
    const seen = new Set<string>();
    for (const site of picks) {
      const res = await inject({ url: '/', headers: { ...html, host: `${site.slug}.localhost` } });
      expect(res.statusCode).to.equal(200);
      expect(attr(res.payload, 'data-theme')).to.equal(site.theme.name);
      expect(res.payload).to.include(site.name);
      expect(res.payload).to.include(`--xz-color-primary:${site.theme.settings.primaryColor}`);
      expect(res.payload).to.include(`/themes/${site.theme.name}/`);
      seen.add(site.theme.name);
    }
    expect(seen.size).to.equal(3);
  });

  it('answers an unknown path with the site theme’s 404 page', async () => {
    const { app } = await getDeployment();
    const site = app.sites.schools().find((s) => s.theme.name === 'campus')!;
    const res = await inject({ url: '/no-such-page', headers: { ...html, host: `${site.slug}.localhost` } });
    expect(res.statusCode).to.equal(404);
    expect(res.headers['content-type']).to.include('text/html');
    expect(attr(res.payload, 'data-theme')).to.equal('campus');
    expect(attr(res.payload, 'data-site')).to.equal(site.slug);
    expect(res.payload).to.include('页面不存在');
  });

  it('answers an unknown /s/<slug>/ prefix with a 404 naming the site', async () => {
    const res = await inject({ url: '/s/no-such-school/', headers: html });
    expect(res.statusCode).to.equal(404);
    expect(attr(res.payload, 'data-site')).to.equal('main');
    expect(res.payload).to.include('no-such-school');
  });

  it('answers unknown API paths with JSON, not a page', async () => {
    const res = await inject({ url: '/api/v1/nothing-here', headers: { host: 'nju.localhost' } });
    expect(res.statusCode).to.equal(404);
    expect(JSON.parse(res.payload)).to.deep.include({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('serves theme assets under a versioned path', async () => {
    const { app } = await getDeployment();
    const theme = app.themes.require('portal');
    const res = await inject(`/themes/portal/${theme.version}/assets/theme.css`);
    expect(res.statusCode).to.equal(200);
    expect(res.headers['content-type']).to.include('text/css');
    expect(res.payload).to.include('--xz-color-primary');
    expect((await inject(`/themes/portal/${theme.version}/assets/../theme.json`)).statusCode).to.be.oneOf([
      400, 403, 404,
    ]);
  });

  it('uses one route table for every site', async () => {
    const { server, app } = await getDeployment();
    expect(app.sites.size).to.equal(176);
    // no route is registered per site: no vhost, and no path names a site
    expect(server.table().filter((r) => (r as unknown as { vhost?: unknown }).vhost)).to.have.length(0);
    const slugs = new Set(app.sites.all().map((s) => s.slug));
    const perSite = server.table().filter((r) => r.path.split('/').some((segment) => slugs.has(segment)));
    expect(perSite.map((r) => r.path)).to.deep.equal([]);
  });
});
