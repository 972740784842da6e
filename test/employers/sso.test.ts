import { expect } from 'chai';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import { bearer, registerEmployer } from '../helpers/employers.js';

async function demoToken(phone = '13900000002'): Promise<string> {
  return json<{ token: string }>(
    await inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone, password: 'xiaozhao-demo' },
    }),
  ).token;
}

describe('POST /api/v1/employer/sites/{slug}/sso (一键登录)', () => {
  it('refuses a site the employer has not joined with 403 SITE_NOT_JOINED', async () => {
    const reg = await registerEmployer();
    for (const slug of ['nju', 'main']) {
      const res = await inject({
        method: 'POST',
        url: `/api/v1/employer/sites/${slug}/sso`,
        headers: bearer(reg.token),
      });
      expect(res.statusCode, slug).to.equal(403);
      expect(json(res).code).to.equal('SITE_NOT_JOINED');
    }
    const demo = await demoToken();
    const notJoined = await inject({
      method: 'POST',
      url: '/api/v1/employer/sites/hhu/sso',
      headers: bearer(demo),
    });
    expect(notJoined.statusCode).to.equal(403);
    expect(
      (
        await inject({
          method: 'POST',
          url: '/api/v1/employer/sites/no-such-site/sso',
          headers: bearer(demo),
        })
      ).statusCode,
    ).to.equal(404);
  });

  it('returns a one-time link on the school’s own host that signs the employer into that site', async () => {
    const res = await inject({
      method: 'POST',
      url: '/api/v1/employer/sites/seu/sso',
      headers: bearer(await demoToken()),
    });
    expect(res.statusCode).to.equal(200);
    const { url, expiresIn } = json<{ url: string; expiresIn: number }>(res);
    expect(expiresIn).to.be.at.most(60);
    const link = new URL(url);
    expect(link.hostname).to.equal('seu.localhost');
    expect(link.pathname).to.equal('/employer/sso');

    const follow = await inject({
      url: `${link.pathname}${link.search}`,
      headers: { host: link.host, accept: 'text/html' },
    });
    expect(follow.statusCode).to.equal(302);
    expect(follow.headers.location).to.equal('/employer');
    const cookie = String(follow.headers['set-cookie']);
    expect(cookie)
      .to.match(/xz_employer=[^;]+/)
      .and.include('HttpOnly')
      .and.include('SameSite=Lax');
    expect(cookie).to.not.match(/Domain=/i);
    const token = /xz_employer=([^;]+)/.exec(cookie)![1]!;
    const home = await inject({
      url: '/employer',
      headers: { host: link.host, cookie: `xz_employer=${token}`, accept: 'text/html' },
    });
    expect(home.statusCode).to.equal(200);
    expect(home.payload).to.include('苏州湖畔智能制造有限公司');
    expect(home.payload).to.include('data-site="seu"');
  });

  it('works once only', async () => {
    const { url } = json<{ url: string }>(
      await inject({
        method: 'POST',
        url: '/api/v1/employer/sites/nju/sso',
        headers: bearer(await demoToken()),
      }),
    );
    const link = new URL(url);
    const first = await inject({
      url: `${link.pathname}${link.search}`,
      headers: { host: link.host, accept: 'text/html' },
    });
    expect(first.statusCode).to.equal(302);
    const second = await inject({
      url: `${link.pathname}${link.search}`,
      headers: { host: link.host, accept: 'text/html' },
    });
    expect(second.statusCode).to.equal(400);
    expect(second.payload).to.include('登录链接已失效');
    expect(second.headers['set-cookie'] ?? '').to.not.match(/xz_employer=[^;]+/);
  });

  it('is refused on another school’s host', async () => {
    const { url } = json<{ url: string }>(
      await inject({
        method: 'POST',
        url: '/api/v1/employer/sites/nju/sso',
        headers: bearer(await demoToken()),
      }),
    );
    const link = new URL(url);
    const res = await inject({
      url: `${link.pathname}${link.search}`,
      headers: { host: 'suda.localhost', accept: 'text/html' },
    });
    expect(res.statusCode).to.equal(400);
  });

  it('expires after 60 seconds', async () => {
    const { app } = await getDeployment();
    const { url } = json<{ url: string }>(
      await inject({
        method: 'POST',
        url: '/api/v1/employer/sites/nju/sso',
        headers: bearer(await demoToken()),
      }),
    );
    const ticket = new URL(url).searchParams.get('ticket')!;
    const ttl = await app.kv.ttl(`sso:${ticket}`);
    expect(ttl).to.be.within(1, 60);
    const data = (await app.kv.get(`sso:${ticket}`))!;
    await app.kv.set(`sso:${ticket}`, data, 1);
    await new Promise((r) => setTimeout(r, 1100));
    const res = await inject({
      url: `/employer/sso?ticket=${ticket}`,
      headers: { host: 'nju.localhost', accept: 'text/html' },
    });
    expect(res.statusCode).to.equal(400);
  });

  it('stops working when the account logs out before following the link', async () => {
    const token = await demoToken('13900000003');
    const { url } = json<{ url: string }>(
      await inject({ method: 'POST', url: '/api/v1/employer/sites/nju/sso', headers: bearer(token) }),
    );
    await inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(token) });
    const link = new URL(url);
    expect(
      (
        await inject({
          url: `${link.pathname}${link.search}`,
          headers: { host: link.host, accept: 'text/html' },
        })
      ).statusCode,
    ).to.equal(400);
  });
});
