// SMS codes under attack: parallel wrong codes must burn the code after five (the right one then fails), and
// POST /api/v1/sms-codes must not tell whether phones are registered faster than its limits allow.
// Each test uses its own phones and client IPs.
import { expect } from 'chai';
import type { ServerInjectResponse } from '@hapi/hapi';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import { nextPhone, registerEmployer, smsCode } from '../helpers/employers.js';

let ipCounter = 0;
/** A client address no other test uses (10.<pid>.200+x.y, apart from login-limits' addresses). */
function nextIp(): string {
  ipCounter += 1;
  return `10.${(process.pid % 200) + 20}.${200 + Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

const INVALID = '验证码错误或已过期，请重新获取';
const BURNED = '验证码错误次数过多，已失效，请重新获取';

function wrongCodes(right: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i += 1) {
    const c = String(i).padStart(6, '0');
    if (c !== right) out.push(c);
  }
  return out;
}

const messages = (answers: ServerInjectResponse[]) =>
  answers.map((r) => json<{ message: string }>(r).message);

describe('SMS codes under parallel guesses', () => {
  for (const n of [12, 50]) {
    it(`burns a reset code after ${n} parallel wrong tries: the right code then fails and nothing changes`, async () => {
      const { app } = await getDeployment();
      const reg = await registerEmployer();
      const code = await smsCode(reg.phone, 'reset');
      const before = await app.db('employer_accounts').where({ phone: reg.phone }).first();
      const answers = await Promise.all(
        wrongCodes(code, n).map((wrong) =>
          inject({
            method: 'POST',
            url: '/api/v1/auth/reset-password',
            payload: { phone: reg.phone, code: wrong, password: 'newpass123' },
            remoteAddress: nextIp(),
          }),
        ),
      );
      expect(answers.every((r) => r.statusCode === 400 && json(r).code === 'SMS_CODE_INVALID')).to.equal(
        true,
      );
      // Five wrong codes are compared: four say "wrong", the fifth and all beyond say the code is burned.
      expect(messages(answers).filter((m) => m === INVALID)).to.have.length(4);
      expect(messages(answers).filter((m) => m === BURNED)).to.have.length(n - 4);
      expect(await app.kv.get(`sms:code:reset:${reg.phone}`)).to.equal(null);

      const right = await inject({
        method: 'POST',
        url: '/api/v1/auth/reset-password',
        payload: { phone: reg.phone, code, password: 'newpass123' },
        remoteAddress: nextIp(),
      });
      expect(right.statusCode).to.equal(400);
      expect(json(right).code).to.equal('SMS_CODE_INVALID');
      const after = await app.db('employer_accounts').where({ phone: reg.phone }).first();
      expect(after.password_hash).to.equal(before.password_hash);
      expect(after.token_version).to.equal(before.token_version);
    });
  }

  it('burns a login code after 15 parallel wrong tries on /api/v1/auth/sms-login', async () => {
    const reg = await registerEmployer();
    const code = await smsCode(reg.phone, 'login');
    const answers = await Promise.all(
      wrongCodes(code, 15).map((wrong) =>
        inject({
          method: 'POST',
          url: '/api/v1/auth/sms-login',
          payload: { phone: reg.phone, code: wrong },
          remoteAddress: nextIp(),
        }),
      ),
    );
    expect(messages(answers).filter((m) => m === INVALID)).to.have.length(4);
    const right = await inject({
      method: 'POST',
      url: '/api/v1/auth/sms-login',
      payload: { phone: reg.phone, code },
      remoteAddress: nextIp(),
    });
    expect(right.statusCode).to.equal(400);
    expect(json(right)).to.not.have.property('token');
  });

  it('accepts the right code after four wrong ones, once, and a new code starts a new count', async () => {
    const reg = await registerEmployer();
    const first = await smsCode(reg.phone, 'login');
    const login = (code: string) =>
      inject({
        method: 'POST',
        url: '/api/v1/auth/sms-login',
        payload: { phone: reg.phone, code },
        remoteAddress: nextIp(),
      });
    await Promise.all(wrongCodes(first, 4).map(login));
    const ok = await login(first);
    expect(ok.statusCode).to.equal(200);
    expect((await login(first)).statusCode).to.equal(400);

    const second = await smsCode(reg.phone, 'login');
    await Promise.all(wrongCodes(second, 4).map(login));
    expect((await login(second)).statusCode).to.equal(200);
  });
});

describe('POST /api/v1/sms-codes does not reveal registered phones beyond its limits', () => {
  const send = (phone: string, purpose: string, remoteAddress: string) =>
    inject({ method: 'POST', url: '/api/v1/sms-codes', payload: { phone, purpose }, remoteAddress });

  it('tells one IP whether phones are registered 20 times an hour, then answers 429 without looking', async () => {
    const { app } = await getDeployment();
    const ip = nextIp();
    const phones = Array.from({ length: 30 }, () => nextPhone());
    const answers = await Promise.all(phones.map((p) => send(p, 'login', ip)));
    const codes = answers.map((r) => `${r.statusCode} ${json(r).code as string}`);
    expect(codes.filter((c) => c === '422 PHONE_NOT_REGISTERED')).to.have.length(20);
    expect(codes.filter((c) => c === '429 RATE_LIMITED')).to.have.length(10);
    for (const r of answers.filter((x) => x.statusCode === 429))
      expect(json(r).message).to.equal('当前网络查询手机号过于频繁，请稍后再试');

    // A registered phone is not told apart either: 429, not 409 PHONE_TAKEN, and no code is sent.
    const reg = await registerEmployer();
    const taken = await send(reg.phone, 'register', ip);
    expect(taken.statusCode).to.equal(429);
    expect(await app.db('outbox').whereRaw(`payload->>'phone' = any(?)`, [phones])).to.have.length(0);
    // Another address is still answered.
    const elsewhere = await send(reg.phone, 'register', nextIp());
    expect(elsewhere.statusCode).to.equal(409);
    expect(json(elsewhere).code).to.equal('PHONE_TAKEN');
  });

  it('counts the hourly limit of the IP before looking the phone up', async () => {
    const { app } = await getDeployment();
    const reg = await registerEmployer();
    const ip = nextIp();
    await app.kv.set(`sms:rl:ip:${ip}`, '200', 3600);
    const res = await send(reg.phone, 'register', ip);
    expect(res.statusCode).to.equal(429);
    expect(json(res).message).to.equal('当前网络获取验证码过于频繁，请稍后再试');
  });

  it('lets the same phone ask again at once for the right purpose after a refusal', async () => {
    const reg = await registerEmployer();
    const ip = nextIp();
    expect((await send(reg.phone, 'register', ip)).statusCode).to.equal(409);
    expect((await send(reg.phone, 'reset', ip)).statusCode).to.equal(202);
  });

  it('applies the same limits to the code buttons of the pages', async () => {
    const ip = nextIp();
    await Promise.all(Array.from({ length: 20 }, () => send(nextPhone(), 'login', ip)));
    const page = await inject({ url: '/employer/login?tab=sms', headers: { accept: 'text/html' } });
    const csrf = /name="xz_csrf" value="([^"]*)"/.exec(page.payload)![1]!;
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    const res = await inject({
      method: 'POST',
      url: '/employer/login/code',
      payload: new URLSearchParams({ xz_csrf: csrf, phone: nextPhone() }).toString(),
      headers: { cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: ip,
    });
    expect(res.statusCode).to.equal(429);
    expect(res.payload).to.include('当前网络查询手机号过于频繁，请稍后再试');
    expect(res.payload).to.not.include('该手机号尚未注册');
  });
});
