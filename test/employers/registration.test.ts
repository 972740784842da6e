import { expect } from 'chai';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import {
  bearer,
  nextName,
  nextPhone,
  nextUscc,
  registerEmployer,
  smsCode,
  withWrongCheckChar,
} from '../helpers/employers.js';

async function register(payload: Record<string, unknown>) {
  return inject({ method: 'POST', url: '/api/v1/employers', payload });
}

function base(phone: string, code: string, over: Record<string, unknown> = {}) {
  return {
    name: nextName(),
    uscc: nextUscc(),
    contactName: '李四',
    contactPhone: phone,
    smsCode: code,
    password: 'abc12345',
    enableESign: true,
    ...over,
  };
}

describe('POST /api/v1/employers', () => {
  it('registers an employer whose contact phone becomes the admin account', async () => {
    const { app } = await getDeployment();
    const phone = nextPhone();
    const code = await smsCode(phone, 'register');
    const uscc = '9144030071526726XG';
    const body = base(phone, code, { uscc: ` ${uscc.toLowerCase()} `, name: '腾讯科技（深圳）有限公司' });
    const res = await register(body);
    expect(res.statusCode).to.equal(201);
    const out = json<{ employer: Record<string, unknown>; account: Record<string, unknown>; token: string }>(
      res,
    );
    expect(out.employer).to.deep.include({ name: '腾讯科技（深圳）有限公司', uscc, status: 'unverified' });
    expect(out.account).to.deep.include({ phone, isAdmin: true });

    const employer = await app.db('employers').where({ uscc }).first();
    expect(employer).to.include({
      name: '腾讯科技（深圳）有限公司',
      uscc_check_passed: true,
      e_sign_enabled: true,
      contact_phone: phone,
    });
    const account = await app.db('employer_accounts').where({ phone }).first();
    expect(account).to.include({ employer_id: employer.id, is_admin: true });
    expect(account.password_hash)
      .to.match(/^scrypt\$/)
      .and.not.include('abc12345');
    const roles = await app.db('employer_roles').where({ employer_id: employer.id });
    expect(roles).to.have.length(1);
    expect(roles[0]).to.include({ name: '单位管理员', builtin: true });
    expect(roles[0].permissions).to.have.members([
      'profile',
      'sites',
      'accounts',
      'jobs',
      'announcements',
      'fairs',
      'presentations',
      'applications',
      'signing',
    ]);

    const me = await inject({ url: '/api/v1/employer', headers: bearer(out.token) });
    expect(me.statusCode).to.equal(200);
    expect(json(me)).to.deep.include({ status: 'unverified', certification: null });
    expect(
      json<{ eSign: { authorizationLetter: { name: string } } }>(me).eSign.authorizationLetter.name,
    ).to.equal('单位注册和网上签约授权委托书');
  });

  it('refuses a USCC with a wrong check character on the uscc field, and stores nothing', async () => {
    const { app } = await getDeployment();
    const phone = nextPhone();
    const code = await smsCode(phone, 'register');
    const body = base(phone, code, { uscc: withWrongCheckChar(nextUscc()) });
    const res = await register(body);
    expect(res.statusCode).to.equal(400);
    expect(json(res)).to.deep.include({
      code: 'VALIDATION',
      details: [{ path: 'uscc', message: '统一社会信用代码校验位不正确，请核对后重新输入' }],
    });
    expect(await app.db('employers').where({ name: body.name }).first()).to.equal(undefined);
    expect(await app.db('employer_accounts').where({ phone }).first()).to.equal(undefined);
    // the code was not used up: the user can correct the USCC and register
    expect((await register({ ...body, uscc: nextUscc() })).statusCode).to.equal(201);
  });

  it('refuses a USCC of the wrong shape (I, O, S, V, Z or letters in positions 3–8)', async () => {
    for (const uscc of ['91320100MA1OOOOO0X', '91AB0100MA1XXXXX0X', '9132010012345']) {
      const res = await register(base(nextPhone(), '123456', { uscc }));
      expect(res.statusCode, uscc).to.equal(400);
      expect(json<{ details: { path: string }[] }>(res).details[0]!.path).to.equal('uscc');
    }
  });

  it('accepts a failing check character when a manual check is requested, flagged for province staff', async () => {
    const { app } = await getDeployment();
    const uscc = withWrongCheckChar(nextUscc());
    const reg = await registerEmployer({ uscc, usccManualReview: true });
    const row = await app.db('employers').where({ id: reg.employerId }).first();
    expect(row).to.include({ uscc, uscc_check_passed: false, uscc_override_reason: null });
  });

  it('refuses a name, USCC or phone already registered, with the guide’s messages', async () => {
    const first = await registerEmployer();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: first.name }, 'EMPLOYER_NAME_TAKEN', '该单位名称已注册，不能重复注册'],
      [{ uscc: first.uscc }, 'USCC_TAKEN', '该统一社会信用代码已注册，不能重复注册'],
    ];
    for (const [over, code, message] of cases) {
      const phone = nextPhone();
      const res = await register(base(phone, await smsCode(phone, 'register'), over));
      expect(res.statusCode).to.equal(409);
      expect(json(res)).to.deep.include({ code, message });
    }
    const res = await register(base(first.phone, '123456'));
    expect(res.statusCode).to.equal(409);
    expect(json(res).code).to.equal('PHONE_TAKEN');
  });

  it('enforces the password policy on the password field', async () => {
    for (const password of ['abc123', 'abcdefgh', '12345678']) {
      const res = await register(base(nextPhone(), '123456', { password }));
      expect(res.statusCode, password).to.equal(400);
      expect(json<{ details: { path: string; message: string }[] }>(res).details[0]).to.include({
        path: 'password',
      });
    }
  });

  it('refuses a wrong SMS code with 400 SMS_CODE_INVALID', async () => {
    const phone = nextPhone();
    const code = await smsCode(phone, 'register');
    const wrong = code === '000000' ? '111111' : '000000';
    const res = await register(base(phone, wrong));
    expect(res.statusCode).to.equal(400);
    expect(json(res)).to.deep.include({
      code: 'SMS_CODE_INVALID',
      message: '验证码错误或已过期，请重新获取',
    });
  });

  it('leaves exactly one employer when the same company registers concurrently', async () => {
    const { app } = await getDeployment();
    const name = nextName();
    const uscc = nextUscc();
    const attempts = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const phone = nextPhone();
        return { phone, code: await smsCode(phone, 'register') };
      }),
    );
    const results = await Promise.all(
      attempts.map(({ phone, code }) => register(base(phone, code, { name, uscc }))),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).to.have.length(1);
    expect(statuses.filter((s) => s === 409)).to.have.length(7);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(json(r).code).to.be.oneOf(['EMPLOYER_NAME_TAKEN', 'USCC_TAKEN']);
    expect(await app.db('employers').where({ uscc })).to.have.length(1);
    expect(
      await app.db('employer_accounts').whereIn(
        'phone',
        attempts.map((a) => a.phone),
      ),
    ).to.have.length(1);
  });

  it('leaves exactly one employer when the pre-check is raced past (the database decides)', async () => {
    const { app } = await getDeployment();
    const employers = app.services.employers!;
    const name = nextName();
    const uscc = nextUscc();
    const phones = [nextPhone(), nextPhone(), nextPhone(), nextPhone()];
    for (const p of phones)
      await app.kv.set(
        `sms:code:register:${p}`,
        JSON.stringify({
          hash: (await import('node:crypto'))
            .createHash('sha256')
            .update(`register:${p}:123456`)
            .digest('hex'),
          tries: 0,
        }),
        300,
      );
    const original = employers.assertAvailable.bind(employers);
    employers.assertAvailable = async () => undefined;
    try {
      const results = await Promise.allSettled(
        phones.map((p) =>
          employers.register({
            name,
            uscc,
            contactName: '王五',
            contactPhone: p,
            smsCode: '123456',
            password: 'abc12345',
            enableESign: false,
          }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
      for (const r of results.filter((x) => x.status === 'rejected')) {
        expect(((r as PromiseRejectedResult).reason as { data: { code: string } }).data.code).to.be.oneOf([
          'EMPLOYER_NAME_TAKEN',
          'USCC_TAKEN',
        ]);
      }
    } finally {
      employers.assertAvailable = original;
    }
    expect(await app.db('employers').where({ uscc })).to.have.length(1);
  });
});

describe('POST /api/v1/sms-codes', () => {
  it('sends a 6-digit code through the outbox, kept for 5 minutes', async () => {
    const { app } = await getDeployment();
    const phone = nextPhone();
    const res = await inject({
      method: 'POST',
      url: '/api/v1/sms-codes',
      payload: { phone: `+86${phone}`, purpose: 'register' },
    });
    expect(res.statusCode).to.equal(202);
    expect(json(res)).to.deep.include({ phone, purpose: 'register', expiresIn: 300 });
    expect(await app.kv.ttl(`sms:code:register:${phone}`)).to.be.within(290, 300);
    const stored = await app.kv.get(`sms:code:register:${phone}`);
    expect(stored).to.not.match(/"\d{6}"/);
    expect(
      await app.db('outbox').where({ topic: 'sms.send-message' }).whereRaw(`payload->>'phone' = ?`, [phone]),
    ).to.have.length(1);
  });

  it('allows one code a minute per phone (429 RATE_LIMITED)', async () => {
    const phone = nextPhone();
    expect(
      (await inject({ method: 'POST', url: '/api/v1/sms-codes', payload: { phone, purpose: 'register' } }))
        .statusCode,
    ).to.equal(202);
    const again = await inject({
      method: 'POST',
      url: '/api/v1/sms-codes',
      payload: { phone, purpose: 'register' },
    });
    expect(again.statusCode).to.equal(429);
    expect(json(again).code).to.equal('RATE_LIMITED');
    expect(json(again).message).to.match(/秒后再试/);
  });

  it('allows ten codes a day per phone', async () => {
    const { app } = await getDeployment();
    const phone = nextPhone();
    for (let i = 0; i < 10; i += 1) {
      expect(
        (await inject({ method: 'POST', url: '/api/v1/sms-codes', payload: { phone, purpose: 'register' } }))
          .statusCode,
        `code ${i + 1}`,
      ).to.equal(202);
      await app.kv.del(`sms:rl:min:${phone}`);
    }
    const eleventh = await inject({
      method: 'POST',
      url: '/api/v1/sms-codes',
      payload: { phone, purpose: 'register' },
    });
    expect(eleventh.statusCode).to.equal(429);
    expect(json(eleventh).message).to.include('今日');
  });

  it('allows at least 100 codes an hour from one IP, then limits it', async () => {
    const { app } = await getDeployment();
    const ip = '10.20.30.40';
    await app.kv.set(`sms:rl:ip:${ip}`, '99', 3600);
    const ok = await inject({
      method: 'POST',
      url: '/api/v1/sms-codes',
      payload: { phone: nextPhone(), purpose: 'register' },
      remoteAddress: ip,
    });
    expect(ok.statusCode).to.equal(202);
    await app.kv.set(`sms:rl:ip:${ip}`, '200', 3600);
    const limited = await inject({
      method: 'POST',
      url: '/api/v1/sms-codes',
      payload: { phone: nextPhone(), purpose: 'register' },
      remoteAddress: ip,
    });
    expect(limited.statusCode).to.equal(429);
  });

  it('burns a code after five wrong tries', async () => {
    const { app } = await getDeployment();
    const phone = nextPhone();
    const code = await smsCode(phone, 'register');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) expect((await register(base(phone, wrong))).statusCode).to.equal(400);
    expect(await app.kv.get(`sms:code:register:${phone}`)).to.equal(null);
    const res = await register(base(phone, code));
    expect(res.statusCode).to.equal(400);
    expect(json(res).code).to.equal('SMS_CODE_INVALID');
  });

  it('uses a code once', async () => {
    const reg = await registerEmployer();
    const code = await smsCode(reg.phone, 'reset');
    const first = await inject({
      method: 'POST',
      url: '/api/v1/auth/reset-password',
      payload: { phone: reg.phone, code, password: 'newpass123' },
    });
    expect(first.statusCode).to.equal(200);
    const again = await inject({
      method: 'POST',
      url: '/api/v1/auth/reset-password',
      payload: { phone: reg.phone, code, password: 'other1234' },
    });
    expect(again.statusCode).to.equal(400);
    expect(json(again).code).to.equal('SMS_CODE_INVALID');
  });

  it('refuses a registration code for a registered phone and a login code for an unknown one', async () => {
    const reg = await registerEmployer();
    const taken = await inject({
      method: 'POST',
      url: '/api/v1/sms-codes',
      payload: { phone: reg.phone, purpose: 'register' },
    });
    expect(taken.statusCode).to.equal(409);
    expect(json(taken).code).to.equal('PHONE_TAKEN');
    const unknown = await inject({
      method: 'POST',
      url: '/api/v1/sms-codes',
      payload: { phone: nextPhone(), purpose: 'login' },
    });
    expect(unknown.statusCode).to.equal(422);
    expect(json(unknown).code).to.equal('PHONE_NOT_REGISTERED');
  });

  it('refuses a malformed phone with 400 VALIDATION on the phone field', async () => {
    const res = await inject({
      method: 'POST',
      url: '/api/v1/sms-codes',
      payload: { phone: '12345678901', purpose: 'register' },
    });
    expect(res.statusCode).to.equal(400);
    expect(json(res)).to.deep.include({
      code: 'VALIDATION',
      details: [{ path: 'phone', message: '手机号格式不正确' }],
    });
  });
});
