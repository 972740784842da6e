import { expect } from 'chai';
import type { ServerInjectResponse } from '@hapi/hapi';
import { usccCheckChar, USCC_MESSAGES } from '../../core/identifiers.js';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import { csrfField, get, Jar, setCookies, submit } from '../helpers/pages.js';

// Phones 13766001xxx belong to this file.
let phoneCounter = 0;
const nextPhone = () => `13766001${String((phoneCounter += 1)).padStart(3, '0')}`;
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
let nameCounter = 0;
const nextName = () => `页面测试${process.pid % 1000}号${(nameCounter += 1)}科技有限公司`;

function validUscc(): string {
  let org = '';
  for (let i = 0; i < 9; i += 1) org += CHARS[Math.floor(Math.random() * CHARS.length)];
  const first17 = `91320100${org}`;
  return first17 + usccCheckChar(first17);
}

function wrongCheckChar(uscc: string): string {
  const right = uscc[17]!;
  return uscc.slice(0, 17) + (right === '0' ? '1' : '0');
}

function cookieValue(res: ServerInjectResponse, name: string): string | undefined {
  const line = setCookies(res).find((c) => c.startsWith(`${name}=`));
  return line ? line.slice(name.length + 1).split(';')[0] : undefined;
}

async function smsCode(phone: string, purpose: 'register' | 'login'): Promise<string> {
  const until = Date.now() + 8000;
  for (;;) {
    const items = json<{ items: { code: string; purpose: string }[] }>(
      await inject(`/api/v1/dev/sms?phone=${phone}`),
    ).items;
    const hit = items.find((i) => i.purpose === purpose);
    if (hit) return hit.code;
    if (Date.now() > until) throw new Error(`no ${purpose} code for ${phone}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A new employer registered through the API, with its admin account. */
async function freshEmployer() {
  const phone = nextPhone();
  const name = nextName();
  const password = 'secret123';
  const sent = await inject({
    method: 'POST',
    url: '/api/v1/sms-codes',
    payload: { phone, purpose: 'register' },
  });
  expect(sent.statusCode).to.equal(202);
  const res = await inject({
    method: 'POST',
    url: '/api/v1/employers',
    payload: {
      name,
      uscc: validUscc(),
      contactName: '王经理',
      contactPhone: phone,
      smsCode: await smsCode(phone, 'register'),
      password,
      enableESign: false,
    },
  });
  expect(res.statusCode, res.payload).to.equal(201);
  const body = json<{ employer: { id: number }; account: { id: number } }>(res);
  return { employerId: body.employer.id, accountId: body.account.id, phone, name, password };
}

async function signedInJar(phone: string, password: string, site = 'nju'): Promise<Jar> {
  const jar = new Jar();
  const res = await submit(
    `/s/${site}/employer/login`,
    `/s/${site}/employer/login`,
    { mode: 'password', phone, password },
    jar,
  );
  expect(res.statusCode, res.payload).to.equal(303);
  expect(jar.cookies.has('xz_employer')).to.equal(true);
  return jar;
}

/** A session cookie for an account, as the login page would set it. */
async function jarFor(accountId: number): Promise<Jar> {
  const { app } = await getDeployment();
  const row = (await app.services.accounts!.byId(accountId))!;
  const jar = new Jar();
  jar.cookies.set('xz_employer', app.principals.sign(app.services.accounts!.payload(row)));
  return jar;
}

describe('employer pages', () => {
  describe('GET /employer/login', () => {
    it('renders in the theme of each site', async () => {
      const { app } = await getDeployment();
      const schools = app.sites.schools();
      const first = schools.find((s) => s.slug === 'nju') ?? schools[0]!;
      const second = schools.find((s) => s.theme.name !== first.theme.name)!;
      for (const site of [first, second]) {
        const res = await inject(`/s/${site.slug}/employer/login`);
        expect(res.statusCode).to.equal(200);
        expect(res.payload).to.include(`data-theme="${site.theme.name}"`);
        expect(res.payload).to.include(`data-site="${site.slug}"`);
        expect(res.payload).to.include('单位登录');
        expect(res.payload).to.include(`action="/s/${site.slug}/employer/login"`);
        expect(res.payload).to.include(`href="/s/${site.slug}/employer/register"`);
      }
      expect(first.theme.name).to.not.equal(second.theme.name);
    });

    it('shows the SMS tab as a plain link and its form with 获取验证码', async () => {
      const res = await inject('/s/nju/employer/login?tab=sms');
      expect(res.statusCode).to.equal(200);
      const html = res.payload.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
      expect(html).to.match(
        /<a class="xz-tab" href="\/s\/nju\/employer\/login\?tab=sms" aria-current="page">/,
      );
      expect(res.payload).to.include('formaction="/s/nju/employer/login/code"');
    });
  });

  describe('CSRF', () => {
    it('refuses a form post without the token with 403', async () => {
      const bare = await inject({
        method: 'POST',
        url: '/s/nju/employer/login',
        payload: 'mode=password&phone=13900000001&password=xiaozhao-demo',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(bare.statusCode).to.equal(403);
      const jar = new Jar();
      await get('/s/nju/employer/login', jar);
      const cookieOnly = await inject({
        method: 'POST',
        url: '/s/nju/employer/login',
        payload: 'mode=password&phone=13900000001&password=xiaozhao-demo',
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(cookieOnly.statusCode).to.equal(403);
      expect(setCookies(cookieOnly).some((c) => c.startsWith('xz_employer='))).to.equal(false);
    });
  });

  describe('POST /employer/register', () => {
    it('shows the check-character error on the USCC field and keeps the company name', async () => {
      const name = nextName();
      const res = await submit('/s/nju/employer/register', '/s/nju/employer/register', {
        name,
        uscc: wrongCheckChar(validUscc()),
        contactName: '李四',
        contactPhone: nextPhone(),
        smsCode: '123456',
        password: 'secret123',
        passwordConfirm: 'secret123',
        enableESign: 'false',
      });
      expect(res.statusCode).to.equal(400);
      expect(res.payload).to.include('data-theme="classic"');
      expect(res.payload).to.match(
        /<input class="xz-input" id="xz-f-name" name="name" type="text" value="([^"]*)"/,
      );
      expect(/id="xz-f-name" name="name" type="text" value="([^"]*)"/.exec(res.payload)![1]).to.equal(name);
      const uscc = /<input[^>]*id="xz-f-uscc"[^>]*>/.exec(res.payload)![0];
      expect(uscc).to.include('aria-invalid="true"');
      expect(uscc).to.include('aria-describedby="xz-f-uscc-help xz-f-uscc-error"');
      expect(/<p class="xz-error" id="xz-f-uscc-error">([^<]*)<\/p>/.exec(res.payload)![1]).to.include(
        USCC_MESSAGES.check_char,
      );
      expect(res.payload).to.not.include('value="secret123"');
    });

    it('sends the code from the same form, then registers and signs in on the site', async () => {
      const { app } = await getDeployment();
      const phone = nextPhone();
      const name = nextName();
      const uscc = validUscc();
      const jar = new Jar();
      const fields = {
        name,
        uscc,
        contactName: '赵经理',
        contactPhone: phone,
        password: 'secret123',
        passwordConfirm: 'secret123',
        email: '',
        enableESign: 'true',
      };
      const sent = await submit('/s/seu/employer/register', '/s/seu/employer/register/code', fields, jar);
      expect(sent.statusCode).to.equal(200);
      expect(sent.payload).to.include('验证码已发送');
      expect(sent.payload).to.include(`value="${name}"`);
      expect(sent.payload).to.include('value="secret123"');
      const res = await submit(
        '/s/seu/employer/register',
        '/s/seu/employer/register',
        {
          ...fields,
          smsCode: await smsCode(phone, 'register'),
        },
        jar,
      );
      expect(res.statusCode, res.payload).to.equal(303);
      expect(res.headers.location).to.equal('/s/seu/employer/profile?done=registered');
      const row = await app.db('employers').where({ uscc }).first();
      expect(row).to.include({ name, e_sign_enabled: true, contact_phone: phone });
      const profile = await get('/s/seu/employer/profile?done=registered', jar);
      expect(profile.statusCode).to.equal(200);
      expect(profile.payload).to.include(name);
      expect(profile.payload).to.include('单位注册和网上签约授权委托书');
    });

    it('says which phone is taken when asking for a code', async () => {
      const res = await submit('/s/nju/employer/register', '/s/nju/employer/register/code', {
        name: nextName(),
        contactPhone: '13900000001',
      });
      expect(res.statusCode).to.equal(409);
      expect(/<p class="xz-error" id="xz-f-contactPhone-error">([^<]*)<\/p>/.exec(res.payload)![1]).to.equal(
        '该手机号已注册',
      );
    });
  });

  describe('POST /employer/login', () => {
    it('signs the demo admin in with an httpOnly, SameSite=Lax cookie and shows the employer', async () => {
      const { app } = await getDeployment();
      const account = (await app.services.accounts!.byPhone('13900000001'))!;
      const employer = await app.services.employers!.summary(account.employer_id);
      const jar = new Jar();
      const res = await submit(
        '/s/nju/employer/login',
        '/s/nju/employer/login',
        {
          mode: 'password',
          phone: '13900000001',
          password: 'xiaozhao-demo',
        },
        jar,
      );
      expect(res.statusCode).to.equal(303);
      expect(res.headers.location).to.equal('/s/nju/employer');
      const cookie = setCookies(res).find((c) => c.startsWith('xz_employer='))!;
      expect(cookie).to.match(/; HttpOnly/);
      expect(cookie).to.match(/; SameSite=Lax/);
      expect(cookie).to.match(/; Path=\//);
      const home = await get('/s/nju/employer', jar);
      expect(home.statusCode).to.equal(200);
      expect(home.payload).to.include(employer.name);
      expect(home.payload).to.include('<nav class="xz-menu" id="xz-centre-menu" aria-label="单位中心">');
      expect(home.payload).to.include('已认证');
      // Modules not installed have no menu entry at all (no 即将开放 placeholders).
      expect(home.payload).to.not.include('即将开放');
      expect(home.payload).to.include('>站内消息<').and.include('>招聘会<');
    });

    it('goes back to a local `next` and ignores any other', async () => {
      const local = await submit('/s/nju/employer/login', '/s/nju/employer/login', {
        mode: 'password',
        phone: '13900000001',
        password: 'xiaozhao-demo',
        next: '/s/nju/employer/accounts',
      });
      expect(local.headers.location).to.equal('/s/nju/employer/accounts');
      for (const next of [
        '//evil.example/employer',
        'https://evil.example/s/nju/employer',
        '/s/seu/employer',
      ]) {
        const res = await submit('/s/nju/employer/login', '/s/nju/employer/login', {
          mode: 'password',
          phone: '13900000001',
          password: 'xiaozhao-demo',
          next,
        });
        expect(res.headers.location, next).to.equal('/s/nju/employer');
      }
    });

    it('shows the employer’s job and fair booking counts on the centre home', async () => {
      const jar = new Jar();
      await submit(
        '/s/nju/employer/login',
        '/s/nju/employer/login',
        { mode: 'password', phone: '13900000002', password: 'xiaozhao-demo' },
        jar,
      );
      const login = await inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { phone: '13900000002', password: 'xiaozhao-demo' },
      });
      const token = json<{ token: string }>(login).token;
      const api = async (tab: string) =>
        json<{ total: number }>(
          await inject({
            url: `/api/v1/employer/jobs?tab=${tab}`,
            headers: { authorization: `Bearer ${token}` },
          }),
        ).total;
      const home = await get('/s/nju/employer', jar);
      expect(home.statusCode).to.equal(200);
      expect(home.payload).to.match(
        new RegExp(
          `发布中 <strong class="xz-number">${await api('active')}</strong> 个，已失效 ${await api('expired')} 个`,
        ),
      );
      expect(home.payload).to.include('招聘会：预定');
    });

    it('shows a wrong password on the form, without a session', async () => {
      const res = await submit('/s/nju/employer/login', '/s/nju/employer/login', {
        mode: 'password',
        phone: nextPhone(),
        password: 'not-the-password',
      });
      expect(res.statusCode).to.equal(401);
      expect(res.payload).to.include('手机号或密码错误');
      expect(setCookies(res).some((c) => c.startsWith('xz_employer='))).to.equal(false);
    });

    it('sends a sub-account that never signed in to the SMS tab, then to set its password', async () => {
      const { app } = await getDeployment();
      const employer = await freshEmployer();
      const phone = nextPhone();
      await app.services.accounts!.createSubAccount(employer.employerId, { phone, name: '新同事' });
      const refused = await submit('/s/nju/employer/login', '/s/nju/employer/login', {
        mode: 'password',
        phone,
        password: 'whatever1',
      });
      expect(refused.statusCode).to.equal(403);
      expect(refused.payload).to.include('该账号首次登录请使用手机验证码登录');
      expect(refused.payload).to.include('<input type="hidden" name="mode" value="sms">');
      expect(refused.payload).to.include(`value="${phone}"`);

      const jar = new Jar();
      const sent = await submit(
        '/s/nju/employer/login?tab=sms',
        '/s/nju/employer/login/code',
        { phone },
        jar,
      );
      expect(sent.statusCode).to.equal(200);
      const res = await submit(
        '/s/nju/employer/login?tab=sms',
        '/s/nju/employer/login',
        {
          mode: 'sms',
          phone,
          code: await smsCode(phone, 'login'),
        },
        jar,
      );
      expect(res.statusCode).to.equal(303);
      expect(res.headers.location).to.equal('/s/nju/employer/password');
      const setPassword = await submit(
        '/s/nju/employer/password',
        '/s/nju/employer/password',
        {
          newPassword: 'newpass123',
          newPasswordConfirm: 'newpass123',
        },
        jar,
      );
      expect(setPassword.statusCode, setPassword.payload).to.equal(303);
      expect(setPassword.headers.location).to.equal('/s/nju/employer?done=password');
      const home = await get('/s/nju/employer?done=password', jar);
      expect(home.statusCode).to.equal(200);
      expect(home.payload).to.include('密码已设置');
    });
  });

  describe('GET /employer', () => {
    it('redirects to the login page of the same site when signed out', async () => {
      const res = await inject('/s/nju/employer');
      expect(res.statusCode).to.equal(302);
      expect(res.headers.location).to.equal(
        `/s/nju/employer/login?next=${encodeURIComponent('/s/nju/employer')}`,
      );
      const byHost = await inject({ url: '/employer/roles', headers: { host: 'seu.localhost' } });
      expect(byHost.statusCode).to.equal(302);
      expect(byHost.headers.location).to.equal(
        `/employer/login?next=${encodeURIComponent('/employer/roles')}`,
      );
    });

    it('lists the missing profile fields of a new employer', async () => {
      const employer = await freshEmployer();
      const res = await get('/s/nju/employer', await jarFor(employer.accountId));
      expect(res.statusCode).to.equal(200);
      expect(res.payload).to.include('未认证');
      expect(res.payload).to.include('<li class="xz-tag">授权委托书</li>');
      expect(res.payload).to.include('href="/s/nju/employer/profile"');
    });
  });

  describe('permissions', () => {
    it('gives an account whose role lacks `accounts` a 403 page and hides the menu entry', async () => {
      const { app } = await getDeployment();
      const accounts = app.services.accounts!;
      const employer = await freshEmployer();
      const role = await accounts.createRole(employer.employerId, {
        name: '信息维护',
        permissions: ['profile'],
      });
      const sub = await accounts.createSubAccount(employer.employerId, {
        phone: nextPhone(),
        name: '信息员',
        roleIds: [role.id],
      });
      const jar = await jarFor(sub.id);
      const res = await get('/s/nju/employer/accounts', jar, { accept: 'text/html' });
      expect(res.statusCode).to.equal(403);
      expect(res.payload).to.include('data-theme="classic"');
      expect(res.payload).to.include('您的账号没有此功能的权限');
      const home = await get('/s/nju/employer', jar);
      expect(home.statusCode).to.equal(200);
      expect(home.payload).to.include('href="/s/nju/employer/profile"');
      expect(home.payload).to.not.include('href="/s/nju/employer/accounts"');
      expect(home.payload).to.not.include('aria-disabled="true">招聘会');
    });
  });

  describe('/employer/accounts', () => {
    it('lists the demo employer’s accounts', async () => {
      const jar = await signedInJar('13900000001', 'xiaozhao-demo');
      const res = await get('/s/nju/employer/accounts', jar);
      expect(res.statusCode).to.equal(200);
      expect(res.payload).to.include('13900000001');
      expect(res.payload).to.include('13910000001');
      expect(res.payload).to.include('招聘专员（演示）');
      expect(res.payload).to.include('当前账号');
    });

    it('opens a sub-account through the form', async () => {
      const { app } = await getDeployment();
      const employer = await freshEmployer();
      const role = await app.services.accounts!.createRole(employer.employerId, {
        name: '招聘专员',
        permissions: ['jobs', 'announcements'],
      });
      const jar = await signedInJar(employer.phone, employer.password);
      const phone = nextPhone();
      const res = await submit(
        '/s/nju/employer/accounts',
        '/s/nju/employer/accounts',
        {
          phone,
          name: '孙专员',
          email: 'sun@example.com',
          roleIds: [String(role.id)],
        },
        jar,
      );
      expect(res.statusCode, res.payload).to.equal(303);
      expect(res.headers.location).to.equal('/s/nju/employer/accounts?done=created');
      const row = await app.db('employer_accounts').where({ phone }).first();
      expect(row).to.include({
        employer_id: employer.employerId,
        name: '孙专员',
        email: 'sun@example.com',
        is_admin: false,
      });
      expect(row.password_hash).to.equal(null);
      const links = await app.db('employer_account_roles').where({ account_id: row.id }).pluck('role_id');
      expect(links).to.deep.equal([role.id]);
      const list = await get('/s/nju/employer/accounts?done=created', jar);
      expect(list.payload).to.include('子账号已开设');
      expect(list.payload).to.include(phone);

      const again = await submit(
        '/s/nju/employer/accounts',
        '/s/nju/employer/accounts',
        { phone, name: '重复' },
        jar,
      );
      expect(again.statusCode).to.equal(409);
      expect(/<p class="xz-error" id="xz-f-new-phone-error">([^<]*)<\/p>/.exec(again.payload)![1]).to.equal(
        '该手机号已注册',
      );

      const disabled = await submit(
        '/s/nju/employer/accounts',
        `/s/nju/employer/accounts/${row.id}`,
        { action: 'disable' },
        jar,
      );
      expect(disabled.headers.location).to.equal('/s/nju/employer/accounts?done=disabled');
      expect((await app.db('employer_accounts').where({ id: row.id }).first()).disabled_at).to.not.equal(
        null,
      );
    });

    it('refuses to take the last admin’s role away, with the service’s message', async () => {
      const employer = await freshEmployer();
      const jar = await signedInJar(employer.phone, employer.password);
      const res = await submit(
        '/s/nju/employer/accounts',
        `/s/nju/employer/accounts/${employer.accountId}`,
        { action: 'roles' },
        jar,
      );
      expect(res.statusCode).to.equal(409);
      expect(res.payload).to.include('至少需要保留一个启用的单位管理员账号');
    });
  });

  describe('/employer/roles', () => {
    it('creates a role, shows the built-in one locked, and deletes an unused role', async () => {
      const { app } = await getDeployment();
      const employer = await freshEmployer();
      const jar = await signedInJar(employer.phone, employer.password);
      const page = await get('/s/nju/employer/roles', jar);
      expect(page.statusCode).to.equal(200);
      expect(page.payload).to.include('单位管理员');
      expect(page.payload).to.include('已锁定，不可修改');
      const created = await submit(
        '/s/nju/employer/roles',
        '/s/nju/employer/roles',
        {
          name: '宣讲专员',
          permissions: ['presentations', 'fairs'],
        },
        jar,
      );
      expect(created.headers.location).to.equal('/s/nju/employer/roles?done=role-created');
      const role = await app
        .db('employer_roles')
        .where({ employer_id: employer.employerId, name: '宣讲专员' })
        .first();
      expect([...role.permissions].sort()).to.deep.equal(['fairs', 'presentations']);
      const taken = await submit('/s/nju/employer/roles', '/s/nju/employer/roles', { name: '宣讲专员' }, jar);
      expect(taken.statusCode).to.equal(409);
      expect(taken.payload).to.include('角色名称已存在');
      const deleted = await submit(
        '/s/nju/employer/roles',
        `/s/nju/employer/roles/${role.id}/delete`,
        {},
        jar,
      );
      expect(deleted.headers.location).to.equal('/s/nju/employer/roles?done=role-deleted');
      expect(await app.db('employer_roles').where({ id: role.id }).first()).to.equal(undefined);
    });
  });

  describe('/employer/profile', () => {
    function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer }) {
      const boundary = `----xz${Math.random().toString(16).slice(2)}`;
      const parts: Buffer[] = [];
      for (const [k, v] of Object.entries(fields))
        parts.push(
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
        );
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="letter"; filename="${file?.name ?? ''}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        file?.data ?? Buffer.alloc(0),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      );
      return { payload: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
    }
    const PROFILE = {
      nature: '民营企业',
      industry: '信息技术',
      scale: '150-500人',
      regionCode: '320100',
      address: '南京市玄武区示范路 1 号',
      website: '',
      intro: '一家专注于软件研发的科技企业，长期招聘高校毕业生。',
      contactName: '王经理',
      contactEmail: '',
    };
    const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

    async function post(jar: Jar, fields: Record<string, string>, file?: { name: string; data: Buffer }) {
      const form = await get('/s/nju/employer/profile', jar);
      const body = multipart({ xz_csrf: csrfField(form.payload), ...fields }, file);
      return jar.take(
        await inject({
          method: 'POST',
          url: '/s/nju/employer/profile',
          payload: body.payload,
          headers: { cookie: jar.header(), 'content-type': body.type },
        }),
      );
    }

    it('refuses a file that is not PDF, JPG or PNG next to the file field', async () => {
      const employer = await freshEmployer();
      const jar = await jarFor(employer.accountId);
      const res = await post(jar, PROFILE, {
        name: 'letter.txt',
        data: Buffer.from('just text, not a letter'),
      });
      expect(res.statusCode).to.equal(415);
      expect(/<p class="xz-error" id="xz-f-letter-error">([^<]*)<\/p>/.exec(res.payload)![1]).to.equal(
        '只支持 PDF、JPG、PNG 格式的文件',
      );
      expect(res.payload).to.include('value="南京市玄武区示范路 1 号"');
    });

    it('answers a file over the size limit with the form and the message next to the file field', async () => {
      const employer = await freshEmployer();
      const jar = await jarFor(employer.accountId);
      const big = Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024, 0x20)]);
      const res = await post(jar, PROFILE, { name: 'big.pdf', data: big });
      expect(res.statusCode).to.equal(413);
      expect(/<p class="xz-error" id="xz-f-letter-error">([^<]*)<\/p>/.exec(res.payload)![1]).to.equal(
        '文件不能超过 10 MB',
      );
      expect(csrfField(res.payload)).to.equal(jar.cookies.get('xz_csrf'));
    });

    it('saves a draft, then applies for certification once the letter is uploaded', async () => {
      const { app } = await getDeployment();
      const employer = await freshEmployer();
      const jar = await jarFor(employer.accountId);
      const draft = await post(jar, { ...PROFILE, intro: '' });
      expect(draft.statusCode, draft.payload).to.equal(303);
      expect(draft.headers.location).to.equal('/s/nju/employer/profile?done=saved');
      const bad = await post(jar, { ...PROFILE, regionCode: '3201' });
      expect(bad.statusCode).to.equal(400);
      expect(bad.payload).to.include('请填写6位行政区划代码');
      const applied = await post(jar, PROFILE, { name: '授权委托书.pdf', data: PDF });
      expect(applied.statusCode, applied.payload).to.equal(303);
      // the first submission opens 登录学校分站, as the guide says
      expect(applied.headers.location).to.equal(
        '/s/nju/employer/sites?tab=unjoined&done=certification-applied',
      );
      const page = await get('/s/nju/employer/profile?done=applied', jar);
      expect(page.payload).to.include('已提交认证申请，等待省级主站审核');
      expect(page.payload).to.include('认证审核中');
      expect(page.payload).to.include('授权委托书.pdf');
      const main = app.sites.main();
      const membership = await app
        .db('memberships')
        .where({ employer_id: employer.employerId, site_id: main.id })
        .first();
      expect(membership.status).to.equal('pending');
    });

    it('prints the applicable letter with the employer’s name and USCC', async () => {
      const { app } = await getDeployment();
      const employer = await freshEmployer();
      const row = await app.services.employers!.summary(employer.employerId);
      const jar = await jarFor(employer.accountId);
      const res = await get('/s/nju/employer/letters/registration', jar);
      expect(res.statusCode).to.equal(200);
      expect(res.payload).to.include(
        '<h1 class="xz-letter__title" id="xz-letter-title">单位注册授权委托书</h1>',
      );
      expect(res.payload).to.include(row.name);
      expect(res.payload).to.include(row.uscc);
      expect((await get('/s/nju/employer/letters/other', jar)).statusCode).to.equal(400);
      // Signed out, the page access check sends the visitor to sign in first.
      expect((await inject('/s/nju/employer/letters/other')).statusCode).to.equal(302);
    });
  });

  describe('one-click login and logout', () => {
    it('redeems a ticket once on the site it names, then logs out everywhere', async () => {
      const { app } = await getDeployment();
      const account = (await app.services.accounts!.byPhone('13900000003'))!;
      const credentials = (await app.services.accounts!.resolve(app.services.accounts!.payload(account)))!;
      const { url } = await app.services.sso!.issue(credentials, 'nju');
      const path = new URL(url).pathname + new URL(url).search;
      const jar = new Jar();
      const res = await get(path, jar, { host: 'nju.localhost' });
      expect(res.statusCode).to.equal(302);
      expect(res.headers.location).to.equal('/employer');
      expect(jar.cookies.has('xz_employer')).to.equal(true);
      const home = await get('/employer', jar, { host: 'nju.localhost' });
      expect(home.statusCode).to.equal(200);
      expect(home.payload).to.include((await app.services.employers!.summary(account.employer_id)).name);

      const reused = await inject({ url: path, headers: { host: 'nju.localhost', accept: 'text/html' } });
      expect(reused.statusCode).to.equal(400);
      expect(reused.payload).to.include('登录链接已失效或已使用');
      expect(reused.payload).to.include('data-theme="classic"');

      const token = jar.cookies.get('xz_employer')!;
      const out = await submit('/employer', '/employer/logout', {}, jar);
      expect(out.statusCode).to.equal(303);
      expect(out.headers.location).to.equal('/employer/login?done=logout');
      expect(cookieValue(out, 'xz_employer')).to.equal('');
      const stale = await inject({ url: '/s/nju/employer', headers: { cookie: `xz_employer=${token}` } });
      expect(stale.statusCode).to.equal(302);
    });
  });
});
