import { expect } from 'chai';
import { getDeployment, inject, json } from '../helpers/deployment.js';

// A kind of this test's own: subjects live in a map, so each test arranges the state its certificate shows.
const KIND = 'test-pass';
const subjects = new Map<number, { holder: string; status: 'valid' | 'cancelled' } | null>();
let nextSubject = Date.now();

async function arrange(subject: { holder: string; status: 'valid' | 'cancelled' } | null, slug = 'nju') {
  const { app } = await getDeployment();
  const id = nextSubject++;
  subjects.set(id, subject);
  const issued = await app.services.certificates!.issue(KIND, id, app.sites.get(slug)!.id);
  return { id, ...issued };
}

describe('certificates', () => {
  before(async () => {
    const { app } = await getDeployment();
    app.services.certificates!.registerKind(KIND, {
      name: '测试凭证',
      resolve: async (id) => {
        const s = subjects.get(id);
        return s ? { holder: s.holder, status: s.status } : null;
      },
      present: (f) => ({
        valid: f.status === 'valid',
        status: f.status === 'valid' ? '已通过' : '已取消',
        rows: [{ label: '持有单位', value: f.holder }],
      }),
    });
  });

  describe('issue', () => {
    it('gives one subject one unguessable code for good, however often and concurrently it is asked', async () => {
      const { app } = await getDeployment();
      const first = await arrange({ holder: '江苏示例科技有限公司', status: 'valid' });
      const again = await Promise.all(
        Array.from({ length: 10 }, () =>
          app.services.certificates!.issue(KIND, first.id, app.sites.get('nju')!.id),
        ),
      );
      expect(first.code).to.match(/^[A-Za-z0-9_-]{22}$/);
      for (const a of again) expect(a).to.deep.equal({ code: first.code, verifyUrl: first.verifyUrl });
      expect(first.verifyUrl).to.equal(
        app.sites.urlOf(app.sites.get('nju')!, `/api/v1/public/certificates/${first.code}`),
      );
      const rows = await app.db('certificates').where({ kind: KIND, subject_id: first.id });
      expect(rows).to.have.length(1);
      expect(rows[0].site_id).to.equal(app.sites.get('nju')!.id);
      const other = await arrange({ holder: '另一单位', status: 'valid' });
      expect(other.code).to.not.equal(first.code);
    });

    it('refuses a kind nobody registered', async () => {
      const { app } = await getDeployment();
      let error: unknown;
      try {
        await app.services.certificates!.issue('nobody', 1, app.sites.get('nju')!.id);
      } catch (e) {
        error = e;
      }
      expect(String(error)).to.include('not registered');
    });
  });

  describe('GET /api/v1/public/certificates/{code}', () => {
    it('answers the kind and the fields its resolver gives now', async () => {
      const { code, id } = await arrange({ holder: '江苏示例科技有限公司', status: 'valid' });
      const res = await inject(`/api/v1/public/certificates/${code}`);
      expect(res.statusCode).to.equal(200);
      expect(json(res)).to.deep.equal({ kind: KIND, holder: '江苏示例科技有限公司', status: 'valid' });
      subjects.set(id, { holder: '江苏示例科技有限公司', status: 'cancelled' });
      expect(json(await inject(`/api/v1/public/certificates/${code}`))).to.deep.include({
        status: 'cancelled',
      });
    });

    it('answers 404 CERTIFICATE_NOT_FOUND in Chinese for unknown, malformed and vanished codes', async () => {
      const vanished = await arrange(null);
      for (const code of [
        'AAAAAAAAAAAAAAAAAAAAAA',
        'short',
        'a'.repeat(200),
        'has.dots.in.it.000000000',
        vanished.code,
      ]) {
        const res = await inject(`/api/v1/public/certificates/${encodeURIComponent(code)}`);
        expect(res.statusCode, code).to.equal(404);
        expect(json(res), code).to.deep.include({
          code: 'CERTIFICATE_NOT_FOUND',
          message: '凭证不存在或编号有误，请核对后重试',
        });
      }
    });

    it('sends a phone browser that opened the QR code on to the readable page', async () => {
      const { code } = await arrange({ holder: '江苏示例科技有限公司', status: 'valid' });
      const res = await inject({
        url: `/api/v1/public/certificates/${code}`,
        headers: { host: 'nju.localhost', accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
      });
      expect(res.statusCode).to.equal(302);
      expect(res.headers.location).to.equal(`/certificates/${code}`);
    });
  });

  describe('GET /certificates/{code}', () => {
    it('shows a valid certificate on any site, in that site’s page', async () => {
      const { code } = await arrange({ holder: '江苏示例科技有限公司', status: 'valid' });
      const res = await inject({
        url: `/certificates/${code}`,
        headers: { host: 'seu.localhost', accept: 'text/html' },
      });
      expect(res.statusCode).to.equal(200);
      expect(res.payload).to.include('测试凭证核验');
      expect(res.payload).to.include('有效 · 已通过');
      expect(res.payload).to.include('江苏示例科技有限公司');
      expect(res.payload).to.include('东南大学');
      expect(res.payload).to.not.include('无效');
    });

    it('says plainly when the subject was cancelled', async () => {
      const { code } = await arrange({ holder: '江苏示例科技有限公司', status: 'cancelled' });
      const res = await inject({
        url: `/certificates/${code}`,
        headers: { host: 'nju.localhost', accept: 'text/html' },
      });
      expect(res.statusCode).to.equal(200);
      expect(res.payload).to.include('无效 · 已取消');
      expect(res.payload).to.not.include('有效 · 已通过');
    });

    it('shows the theme’s 404 for unknown and malformed codes', async () => {
      for (const code of ['AAAAAAAAAAAAAAAAAAAAAA', 'x']) {
        const res = await inject({
          url: `/certificates/${code}`,
          headers: { host: 'nju.localhost', accept: 'text/html' },
        });
        expect(res.statusCode, code).to.equal(404);
        expect(res.payload, code).to.include('凭证不存在或编号有误');
      }
    });
  });
});
