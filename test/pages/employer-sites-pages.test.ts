import { expect } from 'chai';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import {
  bearer,
  COMPLETE_PROFILE,
  nextPhone,
  PDF,
  registerEmployer,
  submitProfile,
  waitFor,
  type Registered,
} from '../helpers/employers.js';
import { csrfField, get, Jar, setCookies, submit } from '../helpers/pages.js';

// Sites these tests apply to: cumt (manual membership policy, one tag). Decisions are taken by cumt.admin.

/** A session cookie for an employer account, as the login page would set it. */
async function employerJar(accountId: number): Promise<Jar> {
  const { app } = await getDeployment();
  const row = (await app.services.accounts!.byId(accountId))!;
  const jar = new Jar();
  jar.cookies.set('xz_employer', app.principals.sign(app.services.accounts!.payload(row)));
  return jar;
}

async function demoJar(phone: string): Promise<Jar> {
  const { app } = await getDeployment();
  return employerJar((await app.services.accounts!.byPhone(phone))!.id);
}

async function staffJar(username: string): Promise<Jar> {
  const { app } = await getDeployment();
  const { payload } = await app.services.staff!.login(username, 'xiaozhao-demo', '127.0.0.1');
  const jar = new Jar();
  jar.cookies.set('xz_staff', app.principals.sign(payload));
  return jar;
}

/** A fresh employer whose profile is complete and submitted (certification pending on main). */
async function submitted(): Promise<Registered> {
  const reg = await registerEmployer();
  expect((await submitProfile(reg.token)).statusCode).to.equal(200);
  return reg;
}

/** Names of the schools in the table of a sites page. */
function schools(html: string): string[] {
  return [...html.matchAll(/<th scope="row"[^>]*>([^<]+)<\/th>/g)].map((m) => m[1]!);
}

/** Attribute values as a browser reads them (Handlebars escapes `=` and `&`). */
const unescape = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');

function unreadBadge(html: string): number {
  const m = /<span class="xz-menu__badge">(\d+)<span class="xz-visually-hidden">条未读<\/span><\/span>/.exec(
    html,
  );
  return m ? Number(m[1]) : 0;
}

describe('employer pages: 登录学校分站 and 站内消息', () => {
  describe('GET /employer/sites', () => {
    it('lists nju, seu and suda under 已入驻 for a demo employer, each with 打开网站 and 一键登录', async () => {
      const { app } = await getDeployment();
      const jar = await demoJar('13900000005');
      const res = await get('/s/nju/employer/sites', jar);
      expect(res.statusCode).to.equal(200);
      expect(res.payload).to.include('<title>登录学校分站 - 南京大学</title>');
      expect(schools(res.payload)).to.have.members(['南京大学', '东南大学', '苏州大学']);
      for (const slug of ['nju', 'seu', 'suda']) {
        expect(res.payload).to.include(`action="/s/nju/employer/sites/${slug}/sso"`);
        expect(res.payload).to.include(
          `href="${app.sites.get(slug)!.url}" target="_blank" rel="noopener">打开网站`,
        );
      }
      expect(res.payload).to.include('一键登录');
      expect(unescape(res.payload)).to.match(
        /<a class="xz-tab" href="[^"]*tab=joined" aria-current="page">已入驻/,
      );
      expect(res.payload).to.match(
        /<a class="xz-menu__item" href="\/s\/nju\/employer\/sites" aria-current="page">登录学校分站<\/a>/,
      );
      expect(res.payload).to.not.include('aria-disabled="true">登录学校分站');
    });

    it('lists the other schools under 未入驻 with their status, searchable by name and filtered by city and level', async () => {
      const { app } = await getDeployment();
      const jar = await demoJar('13900000005');
      const all = await get('/s/nju/employer/sites?tab=unjoined', jar);
      expect(all.statusCode).to.equal(200);
      expect(all.payload).to.include('<span class="xz-badge xz-badge--muted">未申请</span>');
      expect(unescape(all.payload)).to.include('href="/s/nju/employer/sites?tab=unjoined&page=2"');
      expect(schools(all.payload)).to.not.include('南京大学');
      const found = await get(
        `/s/nju/employer/sites?tab=unjoined&q=${encodeURIComponent('南京')}&city=${encodeURIComponent('南京市')}&level=${encodeURIComponent('本科')}`,
        jar,
      );
      const names = schools(found.payload);
      expect(names.length).to.be.greaterThan(0);
      for (const name of names) {
        const site = app.sites.schools().find((s) => s.name === name)!;
        expect(name).to.include('南京');
        expect(site).to.include({ city: '南京市', level: '本科' });
      }
      expect(found.payload).to.match(/<option value="南京市" selected>/);
      const pending = await get('/s/nju/employer/sites?tab=unjoined&q=hhu', await demoJar('13900000020'));
      expect(pending.payload).to.include('<span class="xz-badge xz-badge--warning">待审核</span>');
      expect(pending.payload).to.include('等待学校审核');
    });

    it('redirects to the login page without a session and refuses a role without `sites`', async () => {
      const bare = await inject({ url: '/s/nju/employer/sites', headers: { accept: 'text/html' } });
      expect(bare.statusCode).to.equal(302);
      expect(bare.headers.location).to.match(/^\/s\/nju\/employer\/login\?next=/);
      const { app } = await getDeployment();
      const reg = await registerEmployer();
      const role = await app.services.accounts!.createRole(reg.employerId, {
        name: '仅资料',
        permissions: ['profile'],
      });
      const sub = await app.services.accounts!.createSubAccount(reg.employerId, {
        phone: nextPhone(),
        name: '资料员',
        roleIds: [role.id],
      });
      const forbidden = await get('/s/nju/employer/sites', await employerJar(sub.id));
      expect(forbidden.statusCode).to.equal(403);
    });
  });

  describe('GET/POST /employer/sites/{slug}/apply', () => {
    it('applies to a site with a manual policy and shows 待审核 under 未入驻', async () => {
      const { app } = await getDeployment();
      const reg = await submitted();
      const jar = await employerJar(reg.accountId);
      const form = await get('/s/nju/employer/sites/cumt/apply', jar);
      expect(form.statusCode).to.equal(200);
      expect(form.payload).to.include('申请入驻：中国矿业大学');
      expect(form.payload).to.include('name="tagIds" value="partner"');
      expect(form.payload).to.include('最多选择 1 个');
      expect(form.payload).to.include('人工审核');
      const res = await submit(
        '/s/nju/employer/sites/cumt/apply',
        '/s/nju/employer/sites/cumt/apply',
        { tagIds: 'partner' },
        jar,
      );
      expect(res.statusCode, res.payload).to.equal(303);
      expect(res.headers.location).to.equal('/s/nju/employer/sites?tab=unjoined&site=cumt&done=applied');
      const page = await get(res.headers.location as string, jar);
      expect(page.payload).to.include('中国矿业大学：已提交，等待学校审核。');
      const row = /<th scope="row"[^>]*>中国矿业大学<\/th>[\s\S]*?<\/tr>/.exec(
        (await get(`/s/nju/employer/sites?tab=unjoined&q=${encodeURIComponent('中国矿业大学')}`, jar))
          .payload,
      )![0];
      expect(row).to.include('<span class="xz-badge xz-badge--warning">待审核</span>');
      const membership = await app.services.memberships!.get(reg.employerId, app.sites.get('cumt')!);
      expect(membership).to.include({ status: 'pending' });
      expect(membership!.requested_tag_ids).to.deep.equal(['partner']);
      expect(membership!.tag_ids, 'a requested tag is not a confirmed one').to.deep.equal([]);
      const again = await submit(
        '/s/nju/employer/sites/cumt/apply',
        '/s/nju/employer/sites/cumt/apply',
        {},
        jar,
      );
      expect(again.statusCode).to.equal(409);
      expect(again.payload).to.include('已提交入驻申请，请勿重复申请');
    });

    it('offers only the site’s own tags, and a forged tag gets UNKNOWN_TAG', async () => {
      const { app } = await getDeployment();
      const reg = await submitted();
      const jar = await employerJar(reg.accountId);
      const form = await get('/s/nju/employer/sites/cumt/apply', jar);
      const offered = [...form.payload.matchAll(/name="tagIds" value="([^"]+)"/g)].map((m) => m[1]);
      expect(offered).to.deep.equal(app.sites.get('cumt')!.employerTags.map((t) => t.id));
      expect(offered).to.not.include('alumni');
      const res = await submit(
        '/s/nju/employer/sites/cumt/apply',
        '/s/nju/employer/sites/cumt/apply',
        { tagIds: 'alumni' },
        jar,
      );
      expect(res.statusCode).to.equal(400);
      expect(/<p class="xz-error" id="xz-f-tagIds-error">([^<]*)<\/p>/.exec(res.payload)![1]).to.equal(
        '所选单位标记不是该学校设置的标记',
      );
      expect(await app.services.memberships!.get(reg.employerId, app.sites.get('cumt')!)).to.equal(undefined);
    });

    it('hides the tag block for a site without tags', async () => {
      const { app } = await getDeployment();
      const bare = app.sites.schools().find((s) => s.employerTags.length === 0)!;
      expect(bare, 'a school without employer tags').to.not.equal(undefined);
      const reg = await submitted();
      const form = await get(`/s/nju/employer/sites/${bare.slug}/apply`, await employerJar(reg.accountId));
      expect(form.statusCode).to.equal(200);
      expect(form.payload).to.not.include('name="tagIds"');
      expect(form.payload).to.include('申请入校招聘');
    });

    it('asks for the profile first (PROFILE_INCOMPLETE) with a link to 单位信息', async () => {
      const reg = await registerEmployer();
      const jar = await employerJar(reg.accountId);
      const list = await get('/s/nju/employer/sites?tab=unjoined', jar);
      expect(list.payload).to.include('完善单位信息</a>并提交认证');
      const res = await submit(
        '/s/nju/employer/sites/cumt/apply',
        '/s/nju/employer/sites/cumt/apply',
        {},
        jar,
      );
      expect(res.statusCode).to.equal(422);
      expect(res.payload).to.include('请先完善单位信息并提交认证，再申请入驻学校分站');
      expect(res.payload).to.include('href="/s/nju/employer/profile"');
      expect((await get('/s/nju/employer/sites/main/apply', jar)).statusCode).to.equal(404);
    });

    it('lets a rejected employer apply again with the same form, showing the comment', async () => {
      const { app } = await getDeployment();
      const reg = await submitted();
      const jar = await employerJar(reg.accountId);
      await submit('/s/nju/employer/sites/cumt/apply', '/s/nju/employer/sites/cumt/apply', {}, jar);
      const site = app.sites.get('cumt')!;
      const membership = await app.services.memberships!.get(reg.employerId, site);
      const review = await app.services.reviews!.find(site.id, 'membership', membership!.id);
      const staff = await app.services.staff!.login('cumt.admin', 'xiaozhao-demo', '127.0.0.1');
      const credentials = (await app.services.staff!.resolve(staff.payload))!;
      await app.services.reviews!.decide(credentials, Number(review!.id), 'reject', '请补充校招计划');
      const list = await get(
        `/s/nju/employer/sites?tab=unjoined&q=${encodeURIComponent('中国矿业大学')}`,
        jar,
      );
      expect(list.payload).to.include('<span class="xz-badge xz-badge--danger">未通过</span>');
      expect(list.payload).to.include('请补充校招计划');
      expect(list.payload).to.include('重新申请');
      const form = await get('/s/nju/employer/sites/cumt/apply', jar);
      expect(form.payload).to.include('请补充校招计划');
      const res = await submit(
        '/s/nju/employer/sites/cumt/apply',
        '/s/nju/employer/sites/cumt/apply',
        {},
        jar,
      );
      expect(res.statusCode).to.equal(303);
      expect((await app.services.memberships!.get(reg.employerId, site))!.status).to.equal('pending');
    });
  });

  describe('POST /employer/sites/{slug}/sso', () => {
    it('answers 303 with the one-time link on the school’s own host', async () => {
      const jar = await demoJar('13900000005');
      const res = await submit('/s/nju/employer/sites', '/s/nju/employer/sites/seu/sso', {}, jar);
      expect(res.statusCode).to.equal(303);
      const link = new URL(res.headers.location as string);
      expect(link.hostname).to.equal('seu.localhost');
      expect(link.pathname).to.equal('/employer/sso');
      expect(link.searchParams.get('ticket')).to.match(/^[\w-]{40,}$/);
      const follow = await inject({
        url: `${link.pathname}${link.search}`,
        headers: { host: link.host, accept: 'text/html' },
      });
      expect(follow.statusCode).to.equal(302);
      expect(setCookies(follow).some((c) => c.startsWith('xz_employer='))).to.equal(true);
      const refused = await submit('/s/nju/employer/sites', '/s/nju/employer/sites/hhu/sso', {}, jar);
      expect(refused.statusCode).to.equal(403);
      expect(refused.payload).to.include('尚未入驻该站点');
    });
  });

  describe('GET /employer/messages', () => {
    it('lists a decision message after a staff decision, and marking it read updates the badge', async () => {
      const { app } = await getDeployment();
      const reg = await submitted();
      const jar = await employerJar(reg.accountId);
      await submit('/s/nju/employer/sites/cumt/apply', '/s/nju/employer/sites/cumt/apply', {}, jar);
      const empty = await get('/s/nju/employer/messages', jar);
      expect(empty.statusCode).to.equal(200);
      expect(unreadBadge(empty.payload)).to.equal(0);
      const site = app.sites.get('cumt')!;
      const membership = await app.services.memberships!.get(reg.employerId, site);
      const review = await app.services.reviews!.find(site.id, 'membership', membership!.id);
      const url = `/s/cumt/admin/reviews/${review!.id}`;
      const decided = await submit(
        url,
        `${url}/decision`,
        { decision: 'approve', comment: '欢迎来校招聘' },
        await staffJar('cumt.admin'),
      );
      expect(decided.statusCode).to.equal(303);

      const page = await waitFor('the decision message', async () => {
        const res = await get('/s/nju/employer/messages', jar);
        return res.payload.includes('中国矿业大学：入驻申请已通过审核') ? res : null;
      });
      expect(page.payload).to.include('<title>站内消息 - 南京大学</title>');
      expect(page.payload).to.include('欢迎来校招聘');
      // The message leads to what it is about, on the site it is read on.
      expect(page.payload).to.include('<a href="/s/nju/employer/sites" data-message-link>查看入驻申请');
      expect(page.payload).to.include('<li class="xz-message xz-message--unread">');
      expect(unreadBadge(page.payload)).to.equal(1);
      const id = /action="\/s\/nju\/employer\/messages\/(\d+)\/read"/.exec(page.payload)![1];
      const read = await submit('/s/nju/employer/messages', `/s/nju/employer/messages/${id}/read`, {}, jar);
      expect(read.statusCode).to.equal(303);
      expect(read.headers.location).to.equal('/s/nju/employer/messages?done=read');
      const after = await get('/s/nju/employer/messages?done=read', jar);
      expect(after.payload).to.include('消息已标为已读。');
      expect(unreadBadge(after.payload)).to.equal(0);
      expect(after.payload).to.not.include('xz-message--unread');
      const joined = await get('/s/nju/employer/sites', jar);
      expect(schools(joined.payload)).to.include('中国矿业大学');
    });

    it('marks every message read at once', async () => {
      const { app } = await getDeployment();
      const account = (await app.services.accounts!.byPhone('13900000007'))!;
      const jar = await employerJar(account.id);
      const before = await get('/s/nju/employer/messages?filter=unread', jar);
      expect(unreadBadge(before.payload)).to.equal(
        await app.services.messages!.unreadCount(account.employer_id),
      );
      const res = await submit('/s/nju/employer/messages', '/s/nju/employer/messages/read-all', {}, jar);
      expect(res.statusCode).to.equal(303);
      expect(await app.services.messages!.unreadCount(account.employer_id)).to.equal(0);
      const page = await get(res.headers.location as string, jar);
      expect(page.payload).to.include('全部消息已标为已读。');
      expect(unreadBadge(page.payload)).to.equal(0);
    });
  });

  describe('the first submission of a complete profile', () => {
    it('opens 登录学校分站 (未入驻) with a flash, as the user guide says', async () => {
      const reg = await registerEmployer();
      const jar = await employerJar(reg.accountId);
      const form = await get('/s/nju/employer/profile', jar);
      const boundary = '----xzsites';
      const parts: Buffer[] = [];
      const fields: Record<string, string> = { xz_csrf: csrfField(form.payload), ...COMPLETE_PROFILE };
      for (const [k, v] of Object.entries(fields))
        parts.push(
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
        );
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="letter"; filename="letter.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        PDF,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      );
      const res = jar.take(
        await inject({
          method: 'POST',
          url: '/s/nju/employer/profile',
          payload: Buffer.concat(parts),
          headers: {
            cookie: jar.header(),
            accept: 'text/html',
            'content-type': `multipart/form-data; boundary=${boundary}`,
          },
        }),
      );
      expect(res.statusCode, res.payload).to.equal(303);
      expect(res.headers.location).to.equal('/s/nju/employer/sites?tab=unjoined&done=certification-applied');
      const page = await get(res.headers.location as string, jar);
      expect(page.payload).to.include('已提交认证申请');
      expect(page.payload).to.include('可以申请入驻学校分站');
      expect(unescape(page.payload)).to.match(
        /<a class="xz-tab" href="[^"]*tab=unjoined" aria-current="page">未入驻/,
      );
      expect(json(await inject({ url: '/api/v1/employer', headers: bearer(reg.token) })).status).to.equal(
        'pending',
      );
    });
  });
});
