// PostgreSQL stopped under a running server: every request that needs it is answered 503 UNAVAILABLE (a themed page
// for browsers), signed-in visitors keep their session cookie, and service resumes when PostgreSQL is back, without
// restarting the server. Runs against a temporary cluster of its own (never the shared one).
import type { ServerInjectOptions } from '@hapi/hapi';
import { expect } from 'chai';
import { bootDeployment } from '../../core/cli/deployment.js';
import type { Deployment } from '../../core/server.js';
import { nextName, nextPhone, nextUscc, waitFor } from '../helpers/employers.js';
import { testConfig } from '../helpers/env.js';
import { PostgresCluster, freePort } from './services.js';

describe('PostgreSQL away', function () {
  this.timeout(60_000);
  let cluster: PostgresCluster;
  let deployment: Deployment;
  let token: string;
  let phone: string;

  const inject = (options: ServerInjectOptions | string) => deployment.server.inject(options);
  const asEmployer = { authorization: '' };
  const page = () =>
    inject({ url: '/employer', headers: { accept: 'text/html', cookie: `xz_employer=${token}` } });
  const profile = () => inject({ url: '/api/v1/employer', headers: asEmployer });
  const listing = (q: string) => inject(`/api/v1/public/sites/main/jobs?q=${encodeURIComponent(q)}`);
  const login = (phone: string, password: string) =>
    inject({ method: 'POST', url: '/api/v1/auth/login', payload: { phone, password } });
  const smsCode = (phone: string) =>
    inject({ method: 'POST', url: '/api/v1/sms-codes', payload: { phone, purpose: 'register' } });

  /** The Set-Cookie headers of a response that would drop the employer session. */
  const dropsSession = (headers: Record<string, unknown>) =>
    ([] as string[])
      .concat((headers['set-cookie'] as string[] | string | undefined) ?? [])
      .filter((c) => c.startsWith('xz_employer='));

  before(async function () {
    this.timeout(120_000);
    cluster = new PostgresCluster(await freePort());
    await cluster.init();
    await cluster.start();
    // No REDIS_URL: tasks run in this process against the temporary cluster and touch nothing shared.
    deployment = await bootDeployment(testConfig({ DATABASE_URL: cluster.url, REDIS_URL: '' }));
    await deployment.server.initialize();
    deployment.app.tasks.startRelay();

    phone = nextPhone();
    expect((await smsCode(phone)).statusCode).to.equal(202);
    const code = await waitFor('the registration code', async () => {
      const res = await inject(`/api/v1/dev/sms?phone=${phone}`);
      return (JSON.parse(res.payload) as { items: { code: string }[] }).items[0]?.code;
    });
    const res = await inject({
      method: 'POST',
      url: '/api/v1/employers',
      payload: {
        name: nextName(),
        uscc: nextUscc(),
        contactName: '张三',
        contactPhone: phone,
        smsCode: code,
        password: 'secret123',
        enableESign: false,
      },
    });
    expect(res.statusCode, res.payload).to.equal(201);
    token = (JSON.parse(res.payload) as { token: string }).token;
    asEmployer.authorization = `Bearer ${token}`;
  });

  after(async function () {
    this.timeout(30_000);
    try {
      cluster?.stop();
    } finally {
      await deployment?.stop().catch(() => undefined);
      cluster?.remove();
    }
  });

  it('answers 503 UNAVAILABLE, keeps sessions, and recovers without a restart', async () => {
    expect((await profile()).statusCode).to.equal(200);
    expect((await page()).statusCode).to.equal(200);
    expect((await login(phone, 'secret123')).statusCode).to.equal(200);

    cluster.stop();

    const api = await profile();
    expect(api.statusCode, api.payload).to.equal(503);
    expect(JSON.parse(api.payload)).to.deep.equal({
      statusCode: 503,
      error: 'Service Unavailable',
      message: '服务暂时不可用，请稍后再试',
      code: 'UNAVAILABLE',
    });
    expect(api.headers['retry-after']).to.equal('5');

    const html = await page();
    expect(html.statusCode).to.equal(503);
    expect(String(html.headers['content-type'])).to.match(/^text\/html/);
    expect(html.payload).to.include('服务暂时不可用，请稍后再试');
    expect(html.headers.location).to.equal(undefined);
    expect(dropsSession(html.headers)).to.deep.equal([]);

    const list = await listing(`无缓存${Date.now()}`);
    expect(list.statusCode, list.payload).to.equal(503);
    expect(JSON.parse(list.payload).code).to.equal('UNAVAILABLE');

    const signIn = await login(phone, 'secret123');
    expect(signIn.statusCode, signIn.payload).to.equal(503);
    expect(JSON.parse(signIn.payload).code).to.equal('UNAVAILABLE');

    const sms = await smsCode(nextPhone());
    expect(sms.statusCode, sms.payload).to.equal(503);

    expect((await inject('/healthz')).statusCode).to.equal(503);

    await cluster.start();

    // The pool drops the connections that died with the server and opens new ones: no restart.
    const back = await waitFor('the API to answer again', async () => {
      const res = await profile();
      return res.statusCode === 200 ? res : undefined;
    });
    expect(JSON.parse(back.payload)).to.have.property('name');
    const again = await page();
    expect(again.statusCode).to.equal(200);
    expect(dropsSession(again.headers)).to.deep.equal([]);
    expect((await listing(`无缓存${Date.now()}`)).statusCode).to.equal(200);
    expect((await login(phone, 'secret123')).statusCode).to.equal(200);
    expect((await inject('/healthz')).statusCode).to.equal(200);
  });
});
