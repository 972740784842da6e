import { expect } from 'chai';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { bearer } from '../helpers/employers.js';
import { createFair } from '../helpers/fairs.js';

// A page of a school's own website whose origin nobody registered yet, and nju's registered one (tenants/nju.json).
const STRANGER = 'https://news.example.edu.cn';
const NJU = 'https://www.nju.edu.cn';

describe('CORS of the embedded widgets (core/tenancy/cors.ts)', () => {
  describe('public reads answer any origin, without credentials', () => {
    it('gives the site card, job list, fair list and a fair’s booth map to an unregistered origin', async () => {
      const fair = await createFair('nju');
      for (const url of [
        '/api/v1/public/sites/nju',
        '/api/v1/public/sites/nju/jobs?pageSize=5',
        '/api/v1/public/sites/nju/fairs',
        `/api/v1/public/fairs/${fair.id}?site=nju`,
        `/api/v1/public/fairs/${fair.id}`,
      ]) {
        const res = await inject({ url, headers: { origin: STRANGER } });
        expect(res.statusCode, `${url} ${res.payload}`).to.equal(200);
        expect(res.headers['access-control-allow-origin'], url).to.equal('*');
        expect(res.headers['access-control-allow-credentials'], url).to.equal(undefined);
      }
      const map = json<{ venues: { booths: { code: string }[] }[] }>(
        await inject({ url: `/api/v1/public/fairs/${fair.id}`, headers: { origin: STRANGER } }),
      );
      expect(map.venues[0]!.booths.map((b) => b.code)).to.include('A01');
    });

    it('answers the preflight of a public read with * and only read methods', async () => {
      const res = await inject({
        method: 'OPTIONS',
        url: '/api/v1/public/sites/nju/jobs?pageSize=5',
        headers: {
          origin: STRANGER,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'accept',
        },
      });
      expect(res.statusCode).to.equal(204);
      expect(res.headers['access-control-allow-origin']).to.equal('*');
      expect(res.headers['access-control-allow-methods']).to.equal('GET, HEAD');
      expect(res.headers['access-control-allow-credentials']).to.equal(undefined);
    });

    it('serves the widget bundle to any origin, HEAD and preflight included', async () => {
      const get = await inject({ url: '/widgets/v1/xiaozhao.js', headers: { origin: STRANGER } });
      expect(get.headers['access-control-allow-origin']).to.equal('*');
      const head = await inject({
        method: 'HEAD',
        url: '/widgets/v1/xiaozhao.js',
        headers: { origin: STRANGER },
      });
      expect(head.headers['access-control-allow-origin']).to.equal('*');
      const preflight = await inject({
        method: 'OPTIONS',
        url: '/widgets/v1/xiaozhao.js',
        headers: { origin: STRANGER, 'access-control-request-method': 'GET' },
      });
      expect(preflight.statusCode).to.equal(204);
      expect(preflight.headers['access-control-allow-origin']).to.equal('*');
    });

    it('gives an error of a public read the same header, so the widget can read why', async () => {
      const res = await inject({ url: '/api/v1/public/sites/nope', headers: { origin: STRANGER } });
      expect(res.statusCode).to.equal(404);
      expect(res.headers['access-control-allow-origin']).to.equal('*');
    });
  });

  describe('signing in and booking stay limited to the site’s widget origins', () => {
    it('refuses an unregistered origin with 403 ORIGIN_NOT_ALLOWED naming the fix, readable by the widget', async () => {
      const { app } = await getDeployment();
      const nju = app.sites.get('nju')!;
      const res = await inject({
        method: 'POST',
        url: '/api/v1/auth/login?site=nju',
        headers: { origin: STRANGER },
        payload: { phone: '13900000019', password: 'xiaozhao-demo' },
      });
      expect(res.statusCode).to.equal(403);
      const body = json<{ code: string; message: string }>(res);
      expect(body.code).to.equal('ORIGIN_NOT_ALLOWED');
      expect(body.message)
        .to.include(STRANGER)
        .and.include('站点设置 → 嵌入来源')
        .and.include(nju.name)
        .and.include(`${nju.url}admin/settings`);
      expect(res.headers['access-control-allow-origin']).to.equal(STRANGER);
      expect(res.headers['access-control-allow-credentials']).to.equal(undefined);
      expect(res.headers).to.not.have.property('set-cookie');
    });

    it('refuses the employer API (bookings, jobs) read from an unregistered origin, and another site’s origin', async () => {
      for (const [origin, url] of [
        [STRANGER, '/api/v1/employer/fair-bookings?site=nju'],
        [STRANGER, '/api/v1/employer/jobs?tab=active&site=nju'],
        [NJU, '/api/v1/employer/fair-bookings?site=seu'],
        [NJU, '/api/v1/employer/fair-bookings?site=no-such-site'],
        [NJU, '/api/v1/employer/fair-bookings'],
      ] as const) {
        const res = await inject({ url, headers: { origin } });
        expect(res.statusCode, `${origin} ${url}`).to.equal(403);
        expect(json(res).code, url).to.equal('ORIGIN_NOT_ALLOWED');
      }
      const unknown = json<{ message: string }>(
        await inject({
          url: '/api/v1/employer/fair-bookings?site=no-such-site',
          headers: { origin: NJU },
        }),
      );
      expect(unknown.message).to.include('站点设置 → 嵌入来源').and.include('site 属性');
    });

    it('lets a registered origin sign in, with credentials allowed', async () => {
      const res = await inject({
        method: 'POST',
        url: '/api/v1/auth/login?site=nju',
        headers: { origin: NJU },
        payload: { phone: '13700000000', password: 'wrong-password' },
      });
      expect(res.statusCode).to.not.equal(403);
      expect(res.headers['access-control-allow-origin']).to.equal(NJU);
      expect(res.headers['access-control-allow-credentials']).to.equal('true');
    });

    it('answers preflights: credentials for a registered origin, none for a refused one', async () => {
      const ask = (origin: string) =>
        inject({
          method: 'OPTIONS',
          url: '/api/v1/auth/login?site=nju',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          },
        });
      const registered = await ask(NJU);
      expect(registered.statusCode).to.equal(204);
      expect(registered.headers['access-control-allow-origin']).to.equal(NJU);
      expect(registered.headers['access-control-allow-credentials']).to.equal('true');
      expect(String(registered.headers['access-control-allow-methods'])).to.include('POST');
      const refused = await ask(STRANGER);
      expect(refused.statusCode).to.equal(204);
      expect(refused.headers['access-control-allow-origin']).to.equal(STRANGER);
      expect(refused.headers['access-control-allow-credentials']).to.equal(undefined);
      // a public path asked for a write is not a public read
      const write = await inject({
        method: 'OPTIONS',
        url: '/api/v1/public/sites/nju',
        headers: { origin: STRANGER, 'access-control-request-method': 'POST' },
      });
      expect(write.headers['access-control-allow-origin']).to.equal(STRANGER);
      expect(write.headers['access-control-allow-credentials']).to.equal(undefined);
    });

    it('never refuses the platform’s own pages (their own host, or another site’s host)', async () => {
      for (const origin of ['http://nju.localhost', 'http://localhost:3000']) {
        const res = await inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { host: 'nju.localhost', origin },
          payload: { phone: '13700000000', password: 'wrong-password' },
        });
        expect(res.statusCode, origin).to.not.equal(403);
        expect(res.headers['access-control-allow-origin'], origin).to.equal(undefined);
      }
    });

    it('picks up an origin added in the settings at once', async () => {
      const { app } = await getDeployment();
      const origin = 'https://career.example-cors.cn';
      const site = app.sites.get('njfu')!;
      const before = await inject({
        url: '/api/v1/employer/fair-bookings?site=njfu',
        headers: { origin },
      });
      expect(before.statusCode).to.equal(403);
      const put = await inject({
        method: 'PUT',
        url: '/api/v1/admin/sites/njfu/settings',
        headers: bearer(await staffToken('njfu.admin')),
        payload: { widgetOrigins: [...site.widgetOrigins, origin] },
      });
      expect(put.statusCode, put.payload).to.equal(200);
      const after = await inject({ url: '/api/v1/employer/fair-bookings?site=njfu', headers: { origin } });
      expect(after.statusCode).to.equal(401);
      expect(after.headers['access-control-allow-origin']).to.equal(origin);
    });
  });
});
