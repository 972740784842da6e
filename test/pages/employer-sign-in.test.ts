import { expect } from 'chai';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import { bearer, nextName, nextPhone, nextUscc, registerEmployer, waitFor } from '../helpers/employers.js';
import { get, Jar, submit } from '../helpers/pages.js';

/** The newest code of `purpose` the dev SMS outbox holds for `phone`, once delivered. */
async function outboxCode(phone: string, purpose: string): Promise<string> {
  return waitFor(`${purpose} code for ${phone}`, async () => {
    const items = json<{ items: { code: string; purpose: string }[] }>(
      await inject(`/api/v1/dev/sms?phone=${phone}`),
    ).items;
    return items.find((i) => i.purpose === purpose)?.code;
  });
}

function fieldError(html: string, id: string): string | undefined {
  return new RegExp(`<p class="xz-error" id="${id}-error">([^<]*)</p>`).exec(html)?.[1];
}

function inputValue(html: string, id: string): string | undefined {
  return new RegExp(`<input[^>]* id="${id}"[^>]* value="([^"]*)"`).exec(html)?.[1];
}

async function passwordLogin(phone: string, password: string): Promise<number> {
  const res = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { phone, password } });
  return res.statusCode;
}

describe('employer sign-in pages', () => {
  describe('GET /employer/login', () => {
    it('links 忘记密码 to the password reset page of the same site', async () => {
      const res = await get('/s/nju/employer/login', new Jar());
      expect(res.statusCode).to.equal(200);
      expect(res.payload).to.match(/<a href="\/s\/nju\/employer\/password-reset">忘记密码？<\/a>/);
    });
  });

  describe('/employer/password-reset', () => {
    it('resets the password with an SMS code: the old password and earlier sessions stop working', async () => {
      const { app } = await getDeployment();
      const employer = await registerEmployer();
      const jar = new Jar();
      const form = await get('/s/nju/employer/password-reset', jar);
      expect(form.statusCode).to.equal(200);
      expect(form.payload).to.include('data-purpose="reset"');
      expect(form.payload).to.include('/assets/verification/1/sms-code.js');

      const typed = { phone: employer.phone, password: 'newpass456', passwordConfirm: 'newpass456' };
      const sent = await submit(
        '/s/nju/employer/password-reset',
        '/s/nju/employer/password-reset/code',
        typed,
        jar,
      );
      expect(sent.statusCode).to.equal(200);
      expect(sent.payload).to.include('验证码已发送');
      expect(inputValue(sent.payload, 'xz-f-phone')).to.equal(employer.phone);
      expect(inputValue(sent.payload, 'xz-f-password')).to.equal('newpass456');
      expect(inputValue(sent.payload, 'xz-f-passwordConfirm')).to.equal('newpass456');

      const code = await outboxCode(employer.phone, 'reset');
      const res = await submit(
        '/s/nju/employer/password-reset',
        '/s/nju/employer/password-reset',
        { ...typed, code },
        jar,
      );
      expect(res.statusCode, res.payload).to.equal(303);
      expect(res.headers.location).to.equal('/s/nju/employer/login?done=password-reset');
      const login = await get(res.headers.location as string, jar);
      expect(login.payload).to.include('密码已重置，请使用新密码登录。');

      expect(await passwordLogin(employer.phone, employer.password)).to.equal(401);
      expect(await passwordLogin(employer.phone, 'newpass456')).to.equal(200);
      const old = await inject({ url: '/api/v1/employer/account', headers: bearer(employer.token) });
      expect(old.statusCode).to.equal(401);
      const row = await app.db('employer_accounts').where({ phone: employer.phone }).first();
      expect(row.id).to.equal(employer.accountId);
    });

    it('shows every field error at once and keeps the phone', async () => {
      const res = await submit('/s/nju/employer/password-reset', '/s/nju/employer/password-reset', {
        phone: '1380000',
        code: '',
        password: 'short',
        passwordConfirm: 'other',
      });
      expect(res.statusCode).to.equal(400);
      expect(fieldError(res.payload, 'xz-f-phone')).to.equal('手机号格式不正确');
      expect(fieldError(res.payload, 'xz-f-code')).to.equal('请填写短信验证码');
      expect(fieldError(res.payload, 'xz-f-password')).to.equal('密码至少 8 位');
      expect(fieldError(res.payload, 'xz-f-passwordConfirm')).to.equal('两次输入的新密码不一致');
      expect(inputValue(res.payload, 'xz-f-phone')).to.equal('1380000');
    });

    it('refuses a wrong code on the code field and leaves the password as it was', async () => {
      const employer = await registerEmployer();
      const res = await submit('/s/nju/employer/password-reset', '/s/nju/employer/password-reset', {
        phone: employer.phone,
        code: '000000',
        password: 'newpass456',
        passwordConfirm: 'newpass456',
      });
      expect(res.statusCode).to.equal(400);
      expect(fieldError(res.payload, 'xz-f-code')).to.match(/验证码/);
      expect(await passwordLogin(employer.phone, employer.password)).to.equal(200);
    });

    it('says a phone that has no account cannot get a code, keeping what was typed', async () => {
      const phone = nextPhone();
      const res = await submit('/s/nju/employer/password-reset', '/s/nju/employer/password-reset/code', {
        phone,
        password: 'newpass456',
        passwordConfirm: 'newpass456',
      });
      expect(res.statusCode).to.equal(422);
      expect(fieldError(res.payload, 'xz-f-phone')).to.equal('该手机号尚未注册');
      expect(inputValue(res.payload, 'xz-f-phone')).to.equal(phone);
      expect(inputValue(res.payload, 'xz-f-password')).to.equal('newpass456');
    });
  });

  describe('获取验证码 without JavaScript', () => {
    it('renders the registration form again with every typed value, passwords included', async () => {
      const name = nextName();
      const uscc = nextUscc();
      const phone = nextPhone();
      const res = await submit('/s/nju/employer/register', '/s/nju/employer/register/code', {
        name,
        uscc,
        contactName: '钱经理',
        contactPhone: phone,
        password: 'secret123',
        passwordConfirm: 'secret123',
        email: 'hr@example.com',
        enableESign: 'true',
        usccManualReview: 'true',
      });
      expect(res.statusCode).to.equal(200);
      expect(res.payload).to.include('验证码已发送');
      expect(inputValue(res.payload, 'xz-f-name')).to.equal(name);
      expect(inputValue(res.payload, 'xz-f-uscc')).to.equal(uscc);
      expect(inputValue(res.payload, 'xz-f-contactName')).to.equal('钱经理');
      expect(inputValue(res.payload, 'xz-f-contactPhone')).to.equal(phone);
      expect(inputValue(res.payload, 'xz-f-password')).to.equal('secret123');
      expect(inputValue(res.payload, 'xz-f-passwordConfirm')).to.equal('secret123');
      expect(inputValue(res.payload, 'xz-f-email')).to.equal('hr@example.com');
      expect(res.payload).to.match(/id="xz-f-enableESign-yes" name="enableESign" value="true" checked/);
      expect(res.payload).to.match(/id="xz-f-usccManualReview" name="usccManualReview" value="true" checked/);
    });

    it('sends a GET of every fallback URL (a reload) back to its form instead of a 404', async () => {
      const cases: [string, string][] = [
        ['/s/nju/employer/register/code', '/s/nju/employer/register'],
        ['/s/nju/employer/login/code', '/s/nju/employer/login?tab=sms'],
        ['/s/nju/employer/password-reset/code', '/s/nju/employer/password-reset'],
        ['/employer/register/code', '/employer/register'],
      ];
      for (const [url, form] of cases) {
        const res = await get(url, new Jar());
        expect(res.statusCode, url).to.equal(303);
        expect(res.headers.location, url).to.equal(form);
        const page = await get(form, new Jar());
        expect(page.statusCode, form).to.equal(200);
      }
    });

    it('serves the script that sends codes in place', async () => {
      const res = await inject('/assets/verification/1/sms-code.js');
      expect(res.statusCode).to.equal(200);
      expect(String(res.headers['content-type'])).to.match(/javascript/);
      expect(res.payload).to.include("getAttribute('data-api')");
    });
  });
});
