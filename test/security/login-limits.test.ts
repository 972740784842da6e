// Login limits under attack: bursts of parallel guesses for one account (through server.inject and over real HTTP),
// password spraying from one IP across many accounts, and the same lockout answer for employers and staff.
// Each test uses its own phones, usernames and client IPs, so no counter is shared with another test.
import { expect } from 'chai';
import type { ServerInjectResponse } from '@hapi/hapi';
import { hashPassword } from '../../core/auth/password.js';
import { getDeployment, inject, json, listeningBase } from '../helpers/deployment.js';
import { nextPhone, registerEmployer, smsCode, waitFor } from '../helpers/employers.js';
import { Jar, setCookies, submit } from '../helpers/pages.js';

let ipCounter = 0;
/** A client address no other test uses (10.<pid>.x.y). */
function nextIp(): string {
  ipCounter += 1;
  return `10.${(process.pid % 200) + 20}.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

const employerLogin = (phone: string, password: string, remoteAddress = nextIp()) =>
  inject({ method: 'POST', url: '/api/v1/auth/login', payload: { phone, password }, remoteAddress });

const staffLogin = (username: string, password: string, remoteAddress = nextIp()) =>
  inject({
    method: 'POST',
    url: '/api/v1/auth/staff-login',
    payload: { username, password },
    remoteAddress,
  });

const EMPLOYER_LOCKED = '密码错误次数过多，账号已临时锁定，请 15 分钟后再试或使用验证码登录';
const STAFF_LOCKED = '登录失败次数过多，账号已临时锁定，请 15 分钟后再试';
const IP_LIMITED = '当前网络登录失败次数过多，请 15 分钟后再试';

function tally(answers: ServerInjectResponse[]) {
  const codes = answers.map((r) => `${r.statusCode} ${json<{ code?: string }>(r).code ?? 'token'}`);
  const counts: Record<string, number> = {};
  for (const c of codes) counts[c] = (counts[c] ?? 0) + 1;
  return counts;
}

async function newStaff(site: string, username: string, password: string) {
  const { app } = await getDeployment();
  await app.db('staff_accounts').insert({
    site_id: app.sites.get(site)!.id,
    username,
    name: '限流测试',
    password_hash: await hashPassword(password),
  });
}

describe('POST /api/v1/auth/login under parallel guesses', () => {
  it('checks at most five of 200 parallel wrong passwords for one phone, from 200 addresses', async () => {
    const { app } = await getDeployment();
    const reg = await registerEmployer();
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => employerLogin(reg.phone, 'wrong-pass1')),
    );
    const counts = tally(answers);
    expect(Object.keys(counts)).to.have.members(['401 INVALID_CREDENTIALS', '429 RATE_LIMITED']);
    expect(answers.filter((r) => r.statusCode !== 429).length).to.be.at.most(5);
    for (const r of answers.filter((x) => x.statusCode === 429))
      expect(json(r).message).to.equal(EMPLOYER_LOCKED);
    const row = await app.db('employer_accounts').where({ phone: reg.phone }).first();
    expect(row.failed_logins).to.equal(5);
    expect(new Date(row.locked_until).getTime()).to.be.greaterThan(Date.now() + 14 * 60_000);
    expect(Number(await app.kv.get(`login:acct:employer:${reg.phone}`))).to.equal(200);
  });

  it('refuses the right password once five attempts are counted, while they are still being checked', async () => {
    const { app } = await getDeployment();
    const reg = await registerEmployer();
    const burst = Promise.all(Array.from({ length: 99 }, () => employerLogin(reg.phone, 'wrong-pass1')));
    await waitFor(
      'the 99 attempts to be counted',
      async () => Number(await app.kv.get(`login:acct:employer:${reg.phone}`)) >= 99,
    );
    const right = await employerLogin(reg.phone, reg.password);
    expect(right.statusCode).to.equal(429);
    expect(json(right)).to.deep.include({ code: 'RATE_LIMITED', message: EMPLOYER_LOCKED });
    expect(json(right)).to.not.have.property('token');
    expect(right.headers['retry-after']).to.match(/^\d+$/);
    const answers = await burst;
    expect(answers.filter((r) => r.statusCode !== 429).length).to.be.at.most(5);
    expect(answers.every((r) => !('token' in json(r)))).to.equal(true);
  });

  it('counts an unknown phone like a known one (the answer does not tell them apart)', async () => {
    const phone = nextPhone();
    const answers = await Promise.all(Array.from({ length: 20 }, () => employerLogin(phone, 'wrong-pass1')));
    expect(tally(answers)).to.deep.equal({ '401 INVALID_CREDENTIALS': 5, '429 RATE_LIMITED': 15 });
  });

  it('lets an SMS login unlock the account and clear the count', async () => {
    const { app } = await getDeployment();
    const reg = await registerEmployer();
    await Promise.all(Array.from({ length: 10 }, () => employerLogin(reg.phone, 'wrong-pass1')));
    expect((await employerLogin(reg.phone, reg.password)).statusCode).to.equal(429);
    const code = await smsCode(reg.phone, 'login');
    const sms = await inject({
      method: 'POST',
      url: '/api/v1/auth/sms-login',
      payload: { phone: reg.phone, code },
      remoteAddress: nextIp(),
    });
    expect(sms.statusCode).to.equal(200);
    expect(await app.kv.get(`login:acct:employer:${reg.phone}`)).to.equal(null);
    expect((await employerLogin(reg.phone, reg.password)).statusCode).to.equal(200);
    const row = await app.db('employer_accounts').where({ phone: reg.phone }).first();
    expect(row).to.deep.include({ failed_logins: 0, locked_until: null });
  });

  it('holds over real HTTP: 100 parallel requests from one client check at most five', async () => {
    const { app } = await getDeployment();
    const reg = await registerEmployer();
    const base = await listeningBase();
    // Real HTTP comes from 127.0.0.1, as server.inject does: that address gets a fresh window before and after.
    await app.kv.del('login:ip:127.0.0.1:opened');
    try {
      const answers = await Promise.all(
        Array.from({ length: 100 }, () =>
          fetch(`${base}/api/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ phone: reg.phone, password: 'wrong-pass1' }),
          }).then(async (r) => ({ status: r.status, body: (await r.json()) as { code: string } })),
        ),
      );
      expect(answers.filter((a) => a.status !== 429).length).to.be.at.most(5);
      expect(answers.filter((a) => a.status === 429).every((a) => a.body.code === 'RATE_LIMITED')).to.equal(
        true,
      );
      const row = await app.db('employer_accounts').where({ phone: reg.phone }).first();
      expect(row.failed_logins).to.equal(5);
      const right = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone: reg.phone, password: reg.password }),
      });
      expect(right.status).to.equal(429);
    } finally {
      await app.kv.del('login:ip:127.0.0.1:opened');
    }
  });
});

describe('POST /api/v1/auth/staff-login under parallel guesses', () => {
  it('checks at most five of 100 parallel wrong passwords and answers the lock as employers do', async () => {
    const { app } = await getDeployment();
    await newStaff('njnu', 'njnu.burst', 'right-password-1');
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => staffLogin('njnu.burst', 'wrong-password')),
    );
    expect(answers.filter((r) => r.statusCode !== 429).length).to.be.at.most(5);
    expect(Object.keys(tally(answers))).to.have.members(['401 INVALID_CREDENTIALS', '429 RATE_LIMITED']);
    const row = await app.db('staff_accounts').where({ username: 'njnu.burst' }).first();
    expect(row.failed_logins).to.equal(5);
    const right = await staffLogin('NJNU.burst', 'right-password-1');
    expect(right.statusCode).to.equal(429);
    expect(json(right)).to.deep.equal({
      statusCode: 429,
      error: 'Too Many Requests',
      code: 'RATE_LIMITED',
      message: STAFF_LOCKED,
    });
  });
});

describe('per-IP limit on failed logins (password spraying)', () => {
  it('checks 30 failures from one IP across 40 phones, then answers 429', async () => {
    const ip = nextIp();
    const phones = Array.from({ length: 40 }, () => nextPhone());
    const answers = await Promise.all(phones.map((p) => employerLogin(p, 'wrong-pass1', ip)));
    expect(tally(answers)).to.deep.equal({ '401 INVALID_CREDENTIALS': 30, '429 RATE_LIMITED': 10 });
    for (const r of answers.filter((x) => x.statusCode === 429)) {
      expect(json(r).message).to.equal(IP_LIMITED);
      expect(Number(r.headers['retry-after'])).to.be.within(1, 900);
    }
  });

  it('shares the budget between employer, staff and SMS logins, and limits only that IP', async () => {
    const ip = nextIp();
    const phones = Array.from({ length: 30 }, () => nextPhone());
    await Promise.all(phones.map((p) => employerLogin(p, 'wrong-pass1', ip)));
    const staff = await staffLogin('nju.admin', 'xiaozhao-demo', ip);
    expect(staff.statusCode).to.equal(429);
    expect(json(staff).message).to.equal(IP_LIMITED);
    const sms = await inject({
      method: 'POST',
      url: '/api/v1/auth/sms-login',
      payload: { phone: nextPhone(), code: '123456' },
      remoteAddress: ip,
    });
    expect(sms.statusCode).to.equal(429);
    const reset = await inject({
      method: 'POST',
      url: '/api/v1/auth/reset-password',
      payload: { phone: nextPhone(), code: '123456', password: 'abc12345' },
      remoteAddress: ip,
    });
    expect(reset.statusCode).to.equal(429);
    expect((await staffLogin('nju.admin', 'xiaozhao-demo', nextIp())).statusCode).to.equal(200);
  });

  it('counts failures, not successful logins: a shared office may sign in as often as it likes', async () => {
    const ip = nextIp();
    const reg = await registerEmployer();
    for (let i = 0; i < 10; i += 1)
      expect((await employerLogin(reg.phone, reg.password, ip)).statusCode).to.equal(200);
    const answers = await Promise.all(
      Array.from({ length: 35 }, () => employerLogin(nextPhone(), 'wrong-pass1', ip)),
    );
    expect(tally(answers)).to.deep.equal({ '401 INVALID_CREDENTIALS': 30, '429 RATE_LIMITED': 5 });
  });

  it('limits wrong SMS codes for many phones from one IP', async () => {
    const ip = nextIp();
    const answers = await Promise.all(
      Array.from({ length: 35 }, () =>
        inject({
          method: 'POST',
          url: '/api/v1/auth/sms-login',
          payload: { phone: nextPhone(), code: '123456' },
          remoteAddress: ip,
        }),
      ),
    );
    expect(tally(answers)).to.deep.equal({ '400 SMS_CODE_INVALID': 30, '429 RATE_LIMITED': 5 });
  });
});

describe('login pages under the lock', () => {
  it('/employer/login shows the lock in Chinese, without a session', async () => {
    const reg = await registerEmployer();
    await Promise.all(Array.from({ length: 6 }, () => employerLogin(reg.phone, 'wrong-pass1')));
    const jar = new Jar();
    const res = await submit(
      '/employer/login',
      '/employer/login',
      { mode: 'password', phone: reg.phone, password: reg.password },
      jar,
    );
    expect(res.statusCode).to.equal(429);
    expect(res.headers['content-type']).to.match(/^text\/html/);
    expect(res.payload).to.include(EMPLOYER_LOCKED);
    expect(setCookies(res).some((c) => c.startsWith('xz_employer='))).to.equal(false);
  });

  it('/admin/login shows the same lock in Chinese, without a session', async () => {
    await newStaff('yzu', 'yzu.pageburst', 'right-password-1');
    await Promise.all(Array.from({ length: 6 }, () => staffLogin('yzu.pageburst', 'wrong')));
    const res = await submit('/s/yzu/admin/login', '/s/yzu/admin/login', {
      username: 'yzu.pageburst',
      password: 'right-password-1',
    });
    expect(res.statusCode).to.equal(429);
    expect(res.payload).to.include(STAFF_LOCKED);
    expect(setCookies(res).some((c) => c.startsWith('xz_staff='))).to.equal(false);
  });
});
