import { expect } from 'chai';
import { hashPassword } from '../../core/auth/password.js';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import { csrfField, get, Jar, setCookies, submit } from '../helpers/pages.js';

describe('POST /api/v1/auth/staff-login', () => {
  it('signs in a demo staff account and the token works', async () => {
    const res = await inject({
      method: 'POST',
      url: '/api/v1/auth/staff-login',
      payload: { username: 'nju.admin', password: 'xiaozhao-demo' },
    });
    expect(res.statusCode).to.equal(200);
    const body = json<{ token: string; staff: Record<string, unknown> }>(res);
    expect(body.staff).to.deep.include({ username: 'nju.admin', site: 'nju', roles: ['admin'] });
    const me = await inject({ url: '/api/v1/admin/me', headers: { authorization: `Bearer ${body.token}` } });
    expect(me.statusCode).to.equal(200);
    expect(json(me)).to.deep.include({ username: 'nju.admin', site: 'nju' });
  });

  it('accepts the username in any case and with spaces around it', async () => {
    const res = await inject({
      method: 'POST',
      url: '/api/v1/auth/staff-login',
      payload: { username: '  Main.Admin ', password: 'xiaozhao-demo' },
    });
    expect(res.statusCode).to.equal(200);
    expect(json<{ staff: { site: string } }>(res).staff.site).to.equal('main');
  });

  it('refuses a wrong password with 401 INVALID_CREDENTIALS and a Chinese message', async () => {
    const res = await inject({
      method: 'POST',
      url: '/api/v1/auth/staff-login',
      payload: { username: 'seu.admin', password: 'wrong-password' },
    });
    expect(res.statusCode).to.equal(401);
    expect(json(res)).to.deep.equal({
      statusCode: 401,
      error: 'Unauthorized',
      message: '用户名或密码错误',
      code: 'INVALID_CREDENTIALS',
    });
  });

  it('gives an unknown username the same answer as a wrong password', async () => {
    const res = await inject({
      method: 'POST',
      url: '/api/v1/auth/staff-login',
      payload: { username: 'nobody.admin', password: 'xiaozhao-demo' },
    });
    expect(res.statusCode).to.equal(401);
    expect(json(res).code).to.equal('INVALID_CREDENTIALS');
  });

  it('rejects a missing password with 400 VALIDATION naming the field', async () => {
    const res = await inject({
      method: 'POST',
      url: '/api/v1/auth/staff-login',
      payload: { username: 'nju.admin' },
    });
    expect(res.statusCode).to.equal(400);
    expect(json(res)).to.deep.include({
      code: 'VALIDATION',
      details: [{ path: 'password', message: '必填' }],
    });
  });

  it('locks the account for 15 minutes after five wrong passwords', async () => {
    const { app } = await getDeployment();
    const site = app.sites.get('hhu')!;
    await app.db('staff_accounts').insert({
      site_id: site.id,
      username: 'hhu.locktest',
      name: '锁定测试',
      password_hash: await hashPassword('right-password-1'),
    });
    for (let i = 0; i < 5; i += 1) {
      const res = await inject({
        method: 'POST',
        url: '/api/v1/auth/staff-login',
        payload: { username: 'hhu.locktest', password: 'wrong' },
      });
      // The fifth wrong password is the one that locks: it already says so, as for employers.
      expect(res.statusCode, `try ${i + 1}`).to.equal(i < 4 ? 401 : 429);
    }
    const locked = await inject({
      method: 'POST',
      url: '/api/v1/auth/staff-login',
      payload: { username: 'hhu.locktest', password: 'right-password-1' },
    });
    expect(locked.statusCode).to.equal(429);
    expect(json(locked)).to.deep.include({
      code: 'RATE_LIMITED',
      message: '登录失败次数过多，账号已临时锁定，请 15 分钟后再试',
    });
    const row = await app.db('staff_accounts').where({ username: 'hhu.locktest' }).first();
    expect(row.failed_logins).to.equal(5);
    expect(new Date(row.locked_until).getTime()).to.be.greaterThan(Date.now() + 14 * 60_000);
  });

  it('stops accepting a token once the account is disabled', async () => {
    const { app } = await getDeployment();
    const site = app.sites.get('cpu')!;
    await app.db('staff_accounts').insert({
      site_id: site.id,
      username: 'cpu.disabletest',
      name: '停用测试',
      password_hash: await hashPassword('right-password-1'),
    });
    const login = await inject({
      method: 'POST',
      url: '/api/v1/auth/staff-login',
      payload: { username: 'cpu.disabletest', password: 'right-password-1' },
    });
    const token = json<{ token: string }>(login).token;
    expect(
      (await inject({ url: '/api/v1/admin/me', headers: { authorization: `Bearer ${token}` } })).statusCode,
    ).to.equal(200);
    await app.db('staff_accounts').where({ username: 'cpu.disabletest' }).update({ disabled_at: new Date() });
    const after = await inject({ url: '/api/v1/admin/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).to.equal(401);
    expect(json(after).code).to.be.oneOf(['UNAUTHORIZED', 'INVALID_TOKEN']);
  });

  it('logout revokes every earlier token of the account', async () => {
    const { app } = await getDeployment();
    const site = app.sites.get('nuaa')!;
    await app.db('staff_accounts').insert({
      site_id: site.id,
      username: 'nuaa.logouttest',
      name: '退出测试',
      password_hash: await hashPassword('right-password-1'),
    });
    const login = async () =>
      json<{ token: string }>(
        await inject({
          method: 'POST',
          url: '/api/v1/auth/staff-login',
          payload: { username: 'nuaa.logouttest', password: 'right-password-1' },
        }),
      ).token;
    const [first, second] = [await login(), await login()];
    expect(
      (
        await inject({
          method: 'POST',
          url: '/api/v1/auth/staff-logout',
          headers: { authorization: `Bearer ${first}` },
        })
      ).statusCode,
    ).to.equal(204);
    for (const token of [first, second])
      expect(
        (await inject({ url: '/api/v1/admin/me', headers: { authorization: `Bearer ${token}` } })).statusCode,
      ).to.equal(401);
  });

  it('refuses a staff route without a token, and with a token of another kind', async () => {
    const { app } = await getDeployment();
    expect((await inject('/api/v1/admin/me')).statusCode).to.equal(401);
    const studentToken = app.principals.sign({ kind: 'student', sub: '1', tv: 1 });
    expect(
      (await inject({ url: '/api/v1/admin/me', headers: { authorization: `Bearer ${studentToken}` } }))
        .statusCode,
    ).to.equal(401);
  });

  it('has a staff account for every site', async () => {
    const { app } = await getDeployment();
    const rows = await app
      .db('staff_accounts as a')
      .join('sites as s', 's.id', 'a.site_id')
      .whereRaw(`a.username = s.slug || '.admin'`)
      .count<{ count: number }[]>('* as count');
    expect(rows[0]!.count).to.equal(176);
  });
});

describe('POST /admin/login with an account of another site', () => {
  it('links nju.admin from the main host to the console on nju’s own host', async () => {
    const { app } = await getDeployment();
    const jar = new Jar();
    const host = { host: 'localhost' };
    const form = await get('/admin/login', jar, host);
    const body = new URLSearchParams({
      xz_csrf: csrfField(form.payload),
      username: 'nju.admin',
      password: 'xiaozhao-demo',
    });
    const res = await inject({
      method: 'POST',
      url: '/admin/login',
      payload: body.toString(),
      headers: {
        ...host,
        cookie: jar.header(),
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
    expect(res.statusCode).to.equal(403);
    expect(res.payload).to.include('请到所属站点的管理控制台登录');
    const href = app.sites.urlOf(app.sites.get('nju')!, '/admin/login');
    expect(href).to.match(/^https?:\/\/nju\./);
    expect(res.payload).to.include(`href="${href}">前往南京大学管理控制台登录</a>`);
    expect(setCookies(res).some((c) => c.startsWith('xz_staff='))).to.equal(false);
  });

  it('links by /s/<slug>/ prefix when the page was reached by prefix, and main without one', async () => {
    const toNju = await submit('/s/seu/admin/login', '/s/seu/admin/login', {
      username: 'nju.admin',
      password: 'xiaozhao-demo',
    });
    expect(toNju.statusCode).to.equal(403);
    expect(toNju.payload).to.include('href="/s/nju/admin/login">前往南京大学管理控制台登录</a>');
    const toMain = await submit('/s/seu/admin/login', '/s/seu/admin/login', {
      username: 'main.admin',
      password: 'xiaozhao-demo',
    });
    expect(toMain.statusCode).to.equal(403);
    expect(toMain.payload).to.match(/href="\/admin\/login">前往[^<]+管理控制台登录<\/a>/);
  });
});
