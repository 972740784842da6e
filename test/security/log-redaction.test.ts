import type { ServerInjectOptions, ServerInjectResponse } from '@hapi/hapi';
import { expect } from 'chai';
import { Writable } from 'node:stream';
import pino from 'pino';
import { bootDeployment } from '../../core/cli/deployment.js';
import type { Deployment } from '../../core/server.js';
import { getDeployment, json } from '../helpers/deployment.js';
import { bearer, registerEmployer, smsCode, type Registered } from '../helpers/employers.js';
import { testConfig } from '../helpers/env.js';
import { csrfField, Jar } from '../helpers/pages.js';

interface LogLine {
  msg?: string;
  req?: { method: string; url: string; headers: Record<string, string>; query?: Record<string, string> };
  res?: { statusCode: number; headers: Record<string, unknown> };
}

describe('request logs', () => {
  let deployment: Deployment;
  let output = '';
  let employer: Registered;

  before(async function () {
    this.timeout(60_000);
    const shared = await getDeployment();
    employer = await registerEmployer();
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        output += chunk.toString();
        done();
      },
    });
    // A second deployment on the same database whose logger writes here, at info, with request logging on.
    deployment = await bootDeployment(testConfig({ LOG_LEVEL: 'info', LOG_REQUESTS: '1' }), {
      db: shared.app.db,
      migrate: false,
      log: pino({ level: 'info' }, stream),
    });
    await deployment.server.initialize();
  });

  after(async () => {
    await deployment?.stop();
  });

  const inject = (options: ServerInjectOptions) => deployment.server.inject(options);
  const lines = () =>
    output
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LogLine);
  const cookieValues = (res: ServerInjectResponse) =>
    [res.headers['set-cookie'] ?? []].flat().map((c) => c.split(';')[0]!.split('=').slice(1).join('='));

  it('never holds a bearer token, cookie, password, SMS code or login ticket, and shows [Redacted] instead', async () => {
    const secrets: string[] = [employer.token, employer.password];

    // JSON API: staff and employer password logins, then signed-in reads with the bearer token.
    const staffLogin = await inject({
      method: 'POST',
      url: '/api/v1/auth/staff-login',
      payload: { username: 'nju.admin', password: 'xiaozhao-demo' },
    });
    expect(staffLogin.statusCode).to.equal(200);
    const staffToken = json<{ token: string }>(staffLogin).token;
    secrets.push(staffToken, 'xiaozhao-demo');
    expect(
      (await inject({ method: 'GET', url: '/api/v1/admin/me', headers: bearer(staffToken) })).statusCode,
    ).to.equal(200);
    const login = await inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone: employer.phone, password: employer.password },
    });
    expect(login.statusCode).to.equal(200);
    const employerToken = json<{ token: string }>(login).token;
    secrets.push(employerToken);
    expect(
      (await inject({ method: 'GET', url: '/api/v1/employer', headers: bearer(employerToken) })).statusCode,
    ).to.equal(200);

    // Pages: the employer signs in with an SMS code through the form, then opens the employer centre.
    const jar = new Jar();
    const form = jar.take(
      await inject({ method: 'GET', url: '/employer/login', headers: { accept: 'text/html' } }),
    );
    expect(form.statusCode).to.equal(200);
    secrets.push(...cookieValues(form));
    const code = await smsCode(employer.phone, 'login');
    const signIn = jar.take(
      await inject({
        method: 'POST',
        url: '/employer/login',
        payload: new URLSearchParams({
          xz_csrf: csrfField(form.payload),
          mode: 'sms',
          phone: employer.phone,
          code,
        }).toString(),
        headers: {
          cookie: jar.header(),
          accept: 'text/html',
          'content-type': 'application/x-www-form-urlencoded',
        },
      }),
    );
    expect(signIn.statusCode).to.equal(303);
    const sessionCookie = jar.cookies.get('xz_employer');
    expect(sessionCookie).to.be.a('string');
    secrets.push(...cookieValues(signIn), `"${code}"`);
    const home = await inject({
      method: 'GET',
      url: '/employer',
      headers: { cookie: jar.header(), accept: 'text/html' },
    });
    expect(home.statusCode).to.equal(200);

    // A one-time login ticket travels in the query string.
    const ticket = 'ticket-that-must-not-be-logged-0123456789';
    secrets.push(ticket);
    await inject({ method: 'GET', url: `/employer/sso?ticket=${ticket}`, headers: { accept: 'text/html' } });

    // The requests were logged (else this test proves nothing) …
    const logged = lines().filter((l) => l.req);
    const urls = logged.map((l) => `${l.req!.method} ${l.req!.url}`);
    expect(urls).to.include.members([
      'post /api/v1/auth/staff-login',
      'get /api/v1/admin/me',
      'post /api/v1/auth/login',
      'get /api/v1/employer',
      'post /employer/login',
      'get /employer',
      'get /employer/sso',
    ]);
    // … with the credentials replaced …
    const line = (method: string, url: string) =>
      logged.find((l) => l.req!.method === method && l.req!.url === url)!;
    expect(line('get', '/api/v1/admin/me').req!.headers.authorization).to.equal('[Redacted]');
    expect(line('get', '/employer').req!.headers.cookie).to.equal('[Redacted]');
    expect(line('post', '/employer/login').res!.headers['set-cookie']).to.equal('[Redacted]');
    expect(line('get', '/employer/sso').req!.query!.ticket).to.equal('[Redacted]');
    // … and no secret anywhere in the output.
    for (const secret of secrets.filter(Boolean)) expect(output).not.to.include(secret);
  });
});
