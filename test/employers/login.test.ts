import { expect } from 'chai';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import { bearer, nextPhone, registerEmployer, smsCode } from '../helpers/employers.js';

const login = (phone: string, password: string) =>
  inject({ method: 'POST', url: '/api/v1/auth/login', payload: { phone, password } });

async function createSubAccount(token: string, phone = nextPhone()) {
  const res = await inject({
    method: 'POST',
    url: '/api/v1/employer/accounts',
    headers: bearer(token),
    payload: { phone, name: '子账号' },
  });
  expect(res.statusCode).to.equal(201);
  return { phone, id: json<{ id: number }>(res).id };
}

describe('POST /api/v1/auth/login', () => {
  it('signs the admin in with the password and answers with the account and employer', async () => {
    const reg = await registerEmployer();
    const res = await login(reg.phone, reg.password);
    expect(res.statusCode).to.equal(200);
    const body = json<{ token: string; account: Record<string, unknown>; employer: Record<string, unknown> }>(
      res,
    );
    expect(body.account).to.deep.include({
      id: reg.accountId,
      phone: reg.phone,
      isAdmin: true,
      mustSetPassword: false,
    });
    expect(body.employer).to.deep.include({ id: reg.employerId, name: reg.name, status: 'unverified' });
    expect(
      (await inject({ url: '/api/v1/employer/account', headers: bearer(body.token) })).statusCode,
    ).to.equal(200);
  });

  it('demo employers sign in with the demo password', async () => {
    const res = await login('13900000007', 'xiaozhao-demo');
    expect(res.statusCode).to.equal(200);
    expect(json<{ employer: { status: string } }>(res).employer.status).to.equal('verified');
  });

  it('refuses a wrong password and an unknown phone alike (401 INVALID_CREDENTIALS)', async () => {
    const reg = await registerEmployer();
    for (const [phone, password] of [
      [reg.phone, 'wrong-password1'],
      [nextPhone(), reg.password],
    ] as const) {
      const res = await login(phone, password);
      expect(res.statusCode).to.equal(401);
      expect(json(res)).to.deep.include({ code: 'INVALID_CREDENTIALS', message: '手机号或密码错误' });
    }
  });

  it('locks the account for 15 minutes after five wrong passwords; an SMS login unlocks it', async () => {
    const { app } = await getDeployment();
    const reg = await registerEmployer();
    for (let i = 0; i < 4; i += 1) expect((await login(reg.phone, 'wrong-pass1')).statusCode).to.equal(401);
    const fifth = await login(reg.phone, 'wrong-pass1');
    expect(fifth.statusCode).to.equal(429);
    expect(json(fifth).code).to.equal('RATE_LIMITED');
    const locked = await login(reg.phone, reg.password);
    expect(locked.statusCode).to.equal(429);
    const row = await app.db('employer_accounts').where({ id: reg.accountId }).first();
    expect(new Date(row.locked_until).getTime()).to.be.greaterThan(Date.now() + 14 * 60_000);
    const code = await smsCode(reg.phone, 'login');
    expect(
      (await inject({ method: 'POST', url: '/api/v1/auth/sms-login', payload: { phone: reg.phone, code } }))
        .statusCode,
    ).to.equal(200);
    expect((await login(reg.phone, reg.password)).statusCode).to.equal(200);
  });

  it('requires a sub-account’s first login to use an SMS code, then lets it set a password', async () => {
    const admin = await registerEmployer();
    const sub = await createSubAccount(admin.token);
    const first = await login(sub.phone, 'anything1');
    expect(first.statusCode).to.equal(403);
    expect(json(first)).to.deep.include({
      code: 'SMS_LOGIN_REQUIRED',
      message: '该账号首次登录请使用手机验证码登录',
    });

    const code = await smsCode(sub.phone, 'login');
    const smsLogin = await inject({
      method: 'POST',
      url: '/api/v1/auth/sms-login',
      payload: { phone: sub.phone, code },
    });
    expect(smsLogin.statusCode).to.equal(200);
    const body = json<{ token: string; account: { mustSetPassword: boolean; isAdmin: boolean } }>(smsLogin);
    expect(body.account).to.include({ mustSetPassword: true, isAdmin: false });

    const set = await inject({
      method: 'PUT',
      url: '/api/v1/employer/account/password',
      headers: bearer(body.token),
      payload: { newPassword: 'mypass123' },
    });
    expect(set.statusCode).to.equal(200);
    expect((await login(sub.phone, 'mypass123')).statusCode).to.equal(200);
  });

  it('refuses a disabled account with 423 ACCOUNT_DISABLED', async () => {
    const admin = await registerEmployer();
    const sub = await createSubAccount(admin.token);
    const code = await smsCode(sub.phone, 'login');
    await inject({ method: 'POST', url: '/api/v1/auth/sms-login', payload: { phone: sub.phone, code } });
    await inject({
      method: 'PATCH',
      url: `/api/v1/employer/accounts/${sub.id}`,
      headers: bearer(admin.token),
      payload: { disabled: true },
    });
    const again = await smsCode(sub.phone, 'login');
    const res = await inject({
      method: 'POST',
      url: '/api/v1/auth/sms-login',
      payload: { phone: sub.phone, code: again },
    });
    expect(res.statusCode).to.equal(423);
    expect(json(res)).to.deep.include({
      code: 'ACCOUNT_DISABLED',
      message: '账号已停用，请联系本单位管理员',
    });
    const pw = await login(sub.phone, 'whatever1');
    expect(pw.statusCode).to.equal(423);
    expect(json(pw).code).to.equal('ACCOUNT_DISABLED');
  });
});

describe('token revocation', () => {
  it('logout makes earlier tokens stop working', async () => {
    const reg = await registerEmployer();
    const second = json<{ token: string }>(await login(reg.phone, reg.password)).token;
    expect(
      (await inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(reg.token) })).statusCode,
    ).to.equal(204);
    for (const token of [reg.token, second]) {
      const res = await inject({ url: '/api/v1/employer', headers: bearer(token) });
      expect(res.statusCode).to.equal(401);
    }
    expect((await login(reg.phone, reg.password)).statusCode).to.equal(200);
  });

  it('a password change revokes older tokens and returns a working one', async () => {
    const reg = await registerEmployer();
    const wrong = await inject({
      method: 'PUT',
      url: '/api/v1/employer/account/password',
      headers: bearer(reg.token),
      payload: { currentPassword: 'nope12345', newPassword: 'fresh12345' },
    });
    expect(wrong.statusCode).to.equal(400);
    expect(json<{ details: { path: string }[] }>(wrong).details[0]!.path).to.equal('currentPassword');
    const res = await inject({
      method: 'PUT',
      url: '/api/v1/employer/account/password',
      headers: bearer(reg.token),
      payload: { currentPassword: reg.password, newPassword: 'fresh12345' },
    });
    expect(res.statusCode).to.equal(200);
    const fresh = json<{ token: string }>(res).token;
    expect((await inject({ url: '/api/v1/employer', headers: bearer(reg.token) })).statusCode).to.equal(401);
    expect((await inject({ url: '/api/v1/employer', headers: bearer(fresh) })).statusCode).to.equal(200);
    expect((await login(reg.phone, reg.password)).statusCode).to.equal(401);
  });

  it('disabling an account revokes its tokens at once', async () => {
    const admin = await registerEmployer();
    const sub = await createSubAccount(admin.token);
    const code = await smsCode(sub.phone, 'login');
    const subToken = json<{ token: string }>(
      await inject({ method: 'POST', url: '/api/v1/auth/sms-login', payload: { phone: sub.phone, code } }),
    ).token;
    expect(
      (await inject({ url: '/api/v1/employer/account', headers: bearer(subToken) })).statusCode,
    ).to.equal(200);
    await inject({
      method: 'PATCH',
      url: `/api/v1/employer/accounts/${sub.id}`,
      headers: bearer(admin.token),
      payload: { disabled: true },
    });
    expect(
      (await inject({ url: '/api/v1/employer/account', headers: bearer(subToken) })).statusCode,
    ).to.equal(401);
  });

  it('refuses a token signed with another secret, and a staff token on employer routes', async () => {
    const forged = (await import('@hapi/jwt')).default.token.generate(
      { kind: 'employer', sub: '1', tv: 1, aud: 'xiaozhao', iss: 'xiaozhao' },
      { key: 'another-secret-another-secret-xx', algorithm: 'HS256' },
    );
    expect((await inject({ url: '/api/v1/employer', headers: bearer(forged) })).statusCode).to.equal(401);
    const staff = json<{ token: string }>(
      await inject({
        method: 'POST',
        url: '/api/v1/auth/staff-login',
        payload: { username: 'nju.admin', password: 'xiaozhao-demo' },
      }),
    ).token;
    expect((await inject({ url: '/api/v1/employer', headers: bearer(staff) })).statusCode).to.equal(401);
  });
});
