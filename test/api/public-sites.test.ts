import { expect } from 'chai';
import { contrast } from '../../core/theming/contrast.js';
import { getDeployment, inject, json } from '../helpers/deployment.js';

describe('GET /api/v1/public/sites/{slug}', () => {
  it('returns the site with its theme settings and employer tags', async () => {
    const res = await inject('/api/v1/public/sites/nju');
    expect(res.statusCode).to.equal(200);
    const body = json<{
      slug: string;
      theme: { name: string; settings: Record<string, string> };
      employerTags: unknown[];
    }>(res);
    expect(body).to.deep.include({ slug: 'nju', name: '南京大学', city: '南京市', level: '本科' });
    expect(body.theme.name).to.equal('classic');
    expect(body.theme.settings.primaryColor).to.match(/^#[0-9a-f]{6}$/);
    expect(body.employerTags).to.be.an('array');
  });

  it('gives the widgets legible inks of the palette: unchanged where dark enough, darkened where not', async () => {
    const { app } = await getDeployment();
    const light = app.sites
      .schools()
      .find((s) => contrast(String(s.theme.settings.accentColor), '#ffffff') < 4.5)!;
    const body = json<{ theme: { settings: Record<string, string>; inks: Record<string, string> } }>(
      await inject(`/api/v1/public/sites/${light.slug}`),
    );
    for (const key of ['primaryColor', 'secondaryColor', 'accentColor']) {
      expect(contrast(body.theme.inks[key]!, '#ffffff'), key).to.be.at.least(5.5);
      if (contrast(body.theme.settings[key]!, '#ffffff') >= 5.5)
        expect(body.theme.inks[key], key).to.equal(body.theme.settings[key]);
    }
    expect(body.theme.inks.accentColor).to.not.equal(body.theme.settings.accentColor);
  });

  it('answers an unknown slug with 404 NOT_FOUND in Chinese', async () => {
    const res = await inject('/api/v1/public/sites/nope');
    expect(res.statusCode).to.equal(404);
    expect(json(res)).to.deep.equal({
      statusCode: 404,
      error: 'Not Found',
      message: '站点不存在',
      code: 'NOT_FOUND',
    });
  });

  it('refuses a malformed slug with 400 VALIDATION', async () => {
    const res = await inject('/api/v1/public/sites/NJU!');
    expect(res.statusCode).to.equal(400);
    expect(json(res).code).to.equal('VALIDATION');
  });
});

describe('GET /api/v1/public/sites', () => {
  it('filters by city and level and pages the result', async () => {
    const res = await inject(
      `/api/v1/public/sites?city=${encodeURIComponent('苏州市')}&level=${encodeURIComponent('本科')}&pageSize=100`,
    );
    expect(res.statusCode).to.equal(200);
    const body = json<{
      items: { city: string; level: string; slug: string }[];
      total: number;
      pageSize: number;
    }>(res);
    expect(body.total).to.equal(body.items.length).and.to.be.greaterThan(3);
    for (const item of body.items) expect(item).to.include({ city: '苏州市', level: '本科' });
    expect(body.items.map((i) => i.slug)).to.include('suda');
  });

  it('searches by name', async () => {
    const res = await inject(`/api/v1/public/sites?q=${encodeURIComponent('东南')}`);
    const items = json<{ items: { slug: string; name: string }[] }>(res).items;
    expect(items.map((i) => i.slug)).to.include('seu');
    for (const item of items) expect(item.name).to.include('东南');
  });

  it('counts every site and pages at most 100', async () => {
    const page2 = json<{ items: unknown[]; total: number; page: number }>(
      await inject('/api/v1/public/sites?page=2&pageSize=100'),
    );
    expect(page2.total).to.equal(176);
    expect(page2.items).to.have.length(76);
    expect((await inject('/api/v1/public/sites?pageSize=101')).statusCode).to.equal(400);
  });
});

describe('GET /healthz', () => {
  it('reports the database and Redis', async () => {
    const res = await inject('/healthz');
    expect(res.statusCode).to.equal(200);
    expect(json(res)).to.deep.include({ status: 'ok', sites: 176, jobs: 'bull' });
    expect(json<{ database: Record<string, unknown> }>(res).database).to.include({
      driver: 'postgresql',
      ok: true,
    });
    expect(json<{ redis: Record<string, unknown> }>(res).redis).to.include({ mode: 'redis', ok: true });
  });
});

describe('GET /swagger.json', () => {
  it('documents the public routes from their schemas', async () => {
    const res = await inject('/swagger.json');
    expect(res.statusCode).to.equal(200);
    const doc = json<{ paths: Record<string, unknown> }>(res);
    expect(Object.keys(doc.paths)).to.include.members([
      '/public/sites/{slug}',
      '/public/sites',
      '/auth/staff-login',
    ]);
  });
});

describe('GET /documentation', () => {
  it('serves the OpenAPI UI', async () => {
    const res = await inject('/documentation');
    expect(res.statusCode).to.equal(200);
    expect(res.payload).to.include('swagger');
  });
});
