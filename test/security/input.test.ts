// Hostile input that used to end in a 500 or an empty answer: NUL and other control characters in any field, a
// non-ASCII `next` after signing in, and requests node's parser refuses (headers or URL over 16 KB, garbage).
import { connect } from 'node:net';
import { expect } from 'chai';
import type { Request } from '@hapi/hapi';
import { getDeployment, inject, json, listeningBase } from '../helpers/deployment.js';
import { bearer, multipart, PDF, registerEmployer } from '../helpers/employers.js';
import { get, Jar, submit } from '../helpers/pages.js';
import { fromDatabaseError, toErrorPayload } from '../../core/http/errors.js';
import { controlCharacterPaths } from '../../core/http/schemas.js';
import { safeNext } from '../../core/pages/session.js';
import { clientErrorAnswer } from '../../core/http/client-errors.js';

const CONTROL = { code: 'VALIDATION', statusCode: 400 };

describe('control characters in any field', () => {
  it('answers a NUL in a query string with 400 VALIDATION naming the field', async () => {
    const res = await inject('/api/v1/public/sites/nju/jobs?q=%00');
    expect(res.statusCode).to.equal(400);
    expect(json(res)).to.deep.include({
      ...CONTROL,
      details: [{ path: 'q', message: '包含不允许的控制字符' }],
    });
  });

  it('answers a NUL in a JSON body (staff login) with 400, before any password is checked', async () => {
    const res = await inject({
      method: 'POST',
      url: '/api/v1/auth/staff-login',
      payload: { username: '\u0000', password: 'whatever' },
    });
    expect(res.statusCode).to.equal(400);
    expect(json(res)).to.deep.include({
      ...CONTROL,
      details: [{ path: 'username', message: '包含不允许的控制字符' }],
    });
  });

  it('refuses every C0 control character but tab, line feed and carriage return, nested or in keys', () => {
    for (let c = 0; c < 0x20; c += 1) {
      const ch = String.fromCharCode(c);
      const refused = controlCharacterPaths({ a: [{ b: `x${ch}y` }] }).length > 0;
      expect(refused, `U+${c.toString(16).padStart(4, '0')}`).to.equal(![9, 10, 13].includes(c));
    }
    expect(controlCharacterPaths({ a: [{ b: 'x\u0001' }], ['k\u0000']: 1 })).to.deep.equal([
      'a.0.b',
      'k\u0000',
    ]);
    expect(controlCharacterPaths({ file: { payload: Buffer.from([0, 1, 2]) } })).to.deep.equal([]);
    expect(controlCharacterPaths('\u0007')).to.deep.equal(['(body)']);
  });

  it('lets tabs and line breaks through', async () => {
    expect((await inject('/api/v1/public/sites/nju/jobs?q=a%09b%0Ac')).statusCode).to.equal(200);
  });

  it('covers multipart text fields (an upload’s purpose and file name), storing nothing', async () => {
    const { app } = await getDeployment();
    const reg = await registerEmployer();
    for (const [fields, name] of [
      [{ purpose: 'attach\u0001ment' }, 'a.pdf'],
      [{ purpose: 'attachment' }, 'a\u0000.pdf'],
    ] as const) {
      const body = multipart(fields, { name, data: PDF });
      const res = await inject({
        method: 'POST',
        url: '/api/v1/files',
        payload: body.payload,
        headers: { ...body.headers, ...bearer(reg.token) },
      });
      expect(res.statusCode).to.equal(400);
      expect(json(res)).to.deep.include(CONTROL);
    }
    expect(await app.db('files').where({ employer_id: reg.employerId })).to.have.length(0);
  });

  it('covers page forms too', async () => {
    const res = await submit('/employer/login', '/employer/login', {
      phone: '1390000\u00000001',
      password: 'x',
    });
    expect(res.statusCode).to.equal(400);
    expect(res.payload).to.include('包含不允许的控制字符');
  });

  it('maps PostgreSQL’s refusal of a NUL (22021, 22P05) to 400 VALIDATION should one get past the guard', () => {
    for (const code of ['22021', '22P05']) {
      const mapped = fromDatabaseError(Object.assign(new Error('invalid byte sequence'), { code }));
      expect(mapped, code).to.not.equal(null);
      expect(toErrorPayload(mapped!)).to.deep.include({ statusCode: 400, code: 'VALIDATION' });
    }
  });
});

describe('a non-ASCII next', () => {
  const fakeRequest = { app: { xz: { basePath: '' } } } as unknown as Request;

  it('is percent-encoded, keeping escapes already there; whitespace and lone surrogates are refused', () => {
    expect(safeNext(fakeRequest, 'employer', '/employer/中?x=%20')).to.equal('/employer/%E4%B8%AD?x=%20');
    expect(safeNext(fakeRequest, 'employer', '/employer/%E4%B8%AD')).to.equal('/employer/%E4%B8%AD');
    expect(safeNext(fakeRequest, 'employer', '/employer/\u3000')).to.equal(null);
    expect(safeNext(fakeRequest, 'employer', '/employer/\ud800')).to.equal(null);
    expect(safeNext(fakeRequest, 'employer', '/employer/a\u0000')).to.equal(null);
    expect(safeNext(fakeRequest, 'employer', '//evil.example/employer')).to.equal(null);
  });

  it('redirects a signed-in employer to the encoded path instead of failing with ERR_INVALID_CHAR', async () => {
    const { app } = await getDeployment();
    const reg = await registerEmployer();
    const jar = new Jar();
    const account = (await app.services.accounts!.byId(reg.accountId))!;
    jar.cookies.set('xz_employer', app.principals.sign(app.services.accounts!.payload(account)));
    const res = await get('/employer/login?next=/employer/%E4%B8%AD', jar);
    expect(res.statusCode).to.equal(302);
    expect(res.headers.location).to.equal('/employer/%E4%B8%AD');
  });

  it('signs in and goes on to the encoded path', async () => {
    const res = await submit('/employer/login?next=/employer/%E4%B8%AD', '/employer/login', {
      mode: 'password',
      phone: '13900000001',
      password: 'xiaozhao-demo',
      next: '/employer/中',
    });
    expect(res.statusCode, res.payload.slice(0, 500)).to.be.oneOf([302, 303]);
    expect(res.headers.location).to.equal('/employer/%E4%B8%AD');
  });
});

/** Sends raw bytes to the listening server and returns its whole answer. */
async function raw(bytes: string): Promise<{ status: number; headers: string; body: string }> {
  const base = new URL(await listeningBase());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(base.port), '127.0.0.1', () => socket.end(bytes));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1]), headers: head, body });
    });
  });
}

describe('requests the HTTP parser refuses', () => {
  it('answers headers over 16 KB with 431 in the error shape', async () => {
    const res = await raw(
      `GET /api/v1/public/sites HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`,
    );
    expect(res.status).to.equal(431);
    expect(res.headers).to.match(/content-type: application\/json/i);
    expect(JSON.parse(res.body)).to.deep.include({ statusCode: 431, code: 'HEADERS_TOO_LARGE' });
    expect(JSON.parse(res.body).message).to.match(/[\u4e00-\u9fff]/);
  });

  it('answers a URL over 16 KB with 414 in the error shape', async () => {
    const res = await raw(
      `GET /api/v1/public/sites?q=${'a'.repeat(17 * 1024)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
    );
    expect(res.status).to.equal(414);
    expect(JSON.parse(res.body)).to.deep.include({ statusCode: 414, code: 'URI_TOO_LONG' });
  });

  it('answers garbage and a NUL in a header with 400 BAD_REQUEST in the error shape', async () => {
    const garbage = await raw('HELLO\r\n\r\n');
    expect(garbage.status).to.equal(400);
    expect(JSON.parse(garbage.body)).to.deep.include({ statusCode: 400, code: 'BAD_REQUEST' });
    const nul = await raw('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\u0000b\r\n\r\n');
    expect(nul.status).to.equal(400);
    expect(JSON.parse(nul.body)).to.deep.include({ statusCode: 400, code: 'BAD_REQUEST' });
  });

  it('leaves errors that are not parse errors (a reset connection) to hapi', () => {
    expect(clientErrorAnswer(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).to.equal(null);
  });

  it('still serves an ordinary request on the same listener', async () => {
    const res = await raw(
      'GET /api/v1/public/sites/nju HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
    );
    expect(res.status).to.equal(200);
  });
});
