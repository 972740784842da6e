import { expect } from 'chai';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { bearer } from '../helpers/employers.js';

interface SettingsJson {
  site: string;
  version: number;
  updatedAt: string | null;
  overridden: string[];
  widgetOrigins: string[];
  employerTags: { id: string; name: string }[];
  available: unknown;
}

const url = (slug: string) => `/api/v1/admin/sites/${slug}/settings`;
const read = async (slug: string) =>
  json<SettingsJson>(await inject({ url: url(slug), headers: bearer(await staffToken(`${slug}.admin`)) }));
const put = async (slug: string, payload: object) =>
  inject({ method: 'PUT', url: url(slug), headers: bearer(await staffToken(`${slug}.admin`)), payload });

async function rowsOf(slug: string) {
  const { app } = await getDeployment();
  const siteId = app.sites.get(slug)!.id;
  return {
    settings: await app.db('site_settings').where({ site_id: siteId }),
    audit: await app.db('site_settings_audit').where({ site_id: siteId }),
  };
}

describe('PUT /api/v1/admin/sites/{slug}/settings takes back what GET gave', () => {
  it('accepts the GET output unchanged, ignores its read-only fields and writes nothing', async () => {
    const before = await read('njupt');
    expect(before).to.include.keys('site', 'version', 'updatedAt', 'overridden', 'available');
    const rowsBefore = await rowsOf('njupt');
    const res = await put('njupt', before);
    expect(res.statusCode, res.payload).to.equal(200);
    expect(json<SettingsJson>(res).version).to.equal(before.version);
    expect(await rowsOf('njupt')).to.deep.equal(rowsBefore);
  });

  it('stores a change made to the GET output, one version up, audited; the read-only fields stay read-only', async () => {
    const got = await read('njtech');
    const origin = 'https://career.roundtrip-test.cn';
    const res = await put('njtech', {
      ...got,
      site: 'nju',
      overridden: ['theme'],
      available: { themes: [] },
      updatedAt: '2000-01-01T00:00:00.000Z',
      widgetOrigins: [...got.widgetOrigins, origin],
    });
    expect(res.statusCode, res.payload).to.equal(200);
    const after = json<SettingsJson>(res);
    expect(after).to.include({ site: 'njtech', version: got.version + 1 });
    expect(after.widgetOrigins).to.include(origin);
    expect(after.overridden).to.deep.equal(['widgetOrigins']);
    const { settings, audit } = await rowsOf('njtech');
    expect(settings).to.have.length(1);
    expect(settings[0].version).to.equal(got.version + 1);
    expect(audit.map((a: { changed: string[] }) => a.changed)).to.deep.include(['widgetOrigins']);
    const { app } = await getDeployment();
    expect(app.sites.get('nju')!.widgetOrigins).to.not.include(origin);
  });

  it('refuses a stale version with 409 VERSION_CONFLICT in Chinese, leaving the settings as they were', async () => {
    const got = await read('cwxu');
    const first = await put('cwxu', {
      ...got,
      widgetOrigins: [...got.widgetOrigins, 'https://a.cwxu-test.cn'],
    });
    expect(first.statusCode, first.payload).to.equal(200);
    const rowsBefore = await rowsOf('cwxu');
    const stale = await put('cwxu', {
      ...got,
      widgetOrigins: [...got.widgetOrigins, 'https://b.cwxu-test.cn'],
    });
    expect(stale.statusCode).to.equal(409);
    const body = json<{ code: string; message: string }>(stale);
    expect(body.code).to.equal('VERSION_CONFLICT');
    expect(body.message).to.match(/已被他人修改/);
    expect(await rowsOf('cwxu')).to.deep.equal(rowsBefore);
    const { app } = await getDeployment();
    expect(app.sites.get('cwxu')!.widgetOrigins).to.include('https://a.cwxu-test.cn');
    expect(app.sites.get('cwxu')!.widgetOrigins).to.not.include('https://b.cwxu-test.cn');
  });

  it('still takes a partial PUT without a version', async () => {
    const got = await read('ntu');
    const res = await put('ntu', { widgetOrigins: got.widgetOrigins });
    expect(res.statusCode, res.payload).to.equal(200);
    expect(json<SettingsJson>(res).version).to.equal(got.version);
  });
});
