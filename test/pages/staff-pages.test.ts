import { expect } from 'chai';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import {
  bearer,
  nextUscc,
  registerEmployer,
  submitProfile,
  withWrongCheckChar,
  type Registered,
} from '../helpers/employers.js';
import { get, Jar, setCookies, submit } from '../helpers/pages.js';

// Sites these tests change: ujs (decisions), jiangnan (theme), nuist and czu (refused settings). hhu is only read.

/** A staff session cookie, as the login page would set it. */
async function staffJar(username: string): Promise<Jar> {
  const { app } = await getDeployment();
  const { payload } = await app.services.staff!.login(username, 'xiaozhao-demo', '127.0.0.1');
  const jar = new Jar();
  jar.cookies.set('xz_staff', app.principals.sign(payload));
  return jar;
}

/** The text of the error paragraph of a field. */
function fieldError(html: string, id: string): string | undefined {
  return new RegExp(`<p class="xz-error" id="${id}-error">([^<]*)</p>`).exec(html)?.[1];
}

/** The fields a browser would submit with the form of this id (checked boxes only, selected options). */
function formOf(html: string, id: string): Record<string, string | string[]> {
  const form = new RegExp(`<form[^>]*id="${id}"[\\s\\S]*?</form>`).exec(html)![0];
  const decode = (v: string) =>
    v
      .replace(/&#x3D;/g, '=')
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&#x60;/g, '`')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const fields: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const had = fields[name];
    fields[name] = had === undefined ? value : [had, value].flat();
  };
  for (const [tag] of form.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    if (!name || name === 'xz_csrf') continue;
    if (/type="(checkbox|radio)"/.test(tag) && !/ checked/.test(tag)) continue;
    add(name, decode(/value="([^"]*)"/.exec(tag)?.[1] ?? 'on'));
  }
  for (const m of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
    add(m[1]!, decode(m[2]!));
  for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const chosen = /<option value="([^"]*)" selected>/.exec(m[2]!) ?? /<option value="([^"]*)"/.exec(m[2]!);
    add(m[1]!, decode(chosen?.[1] ?? ''));
  }
  return fields;
}

/** A new employer with a submitted profile and a pending application to `slug`. */
async function applicant(slug: string): Promise<Registered & { reviewId: number }> {
  const { app } = await getDeployment();
  const reg = await registerEmployer();
  expect((await submitProfile(reg.token)).statusCode).to.equal(200);
  const res = await inject({
    method: 'POST',
    url: `/api/v1/employer/sites/${slug}/membership`,
    headers: bearer(reg.token),
    payload: {},
  });
  expect(res.statusCode, res.payload).to.equal(201);
  expect(json(res).status).to.equal('pending');
  const site = app.sites.get(slug)!;
  const membership = await app.services.memberships!.get(reg.employerId, site);
  const review = await app.services.reviews!.find(site.id, 'membership', membership!.id);
  return { ...reg, reviewId: Number(review!.id) };
}

describe('staff console pages', () => {
  describe('GET/POST /admin/login', () => {
    it('signs a school admin in on its own site with an httpOnly cookie scoped to the site and opens the queue', async () => {
      const jar = new Jar();
      const page = await get('/s/hhu/admin/login', jar);
      expect(page.statusCode).to.equal(200);
      expect(page.payload).to.include('管理员登录');
      expect(page.payload).to.include('data-theme="classic"');
      expect(page.payload).to.include('action="/s/hhu/admin/login"');
      const res = await submit(
        '/s/hhu/admin/login',
        '/s/hhu/admin/login',
        { username: 'HHU.admin', password: 'xiaozhao-demo' },
        jar,
      );
      expect(res.statusCode, res.payload).to.equal(303);
      expect(res.headers.location).to.equal('/s/hhu/admin/reviews');
      const cookie = setCookies(res).find((c) => c.startsWith('xz_staff='))!;
      expect(cookie).to.match(/; HttpOnly/);
      expect(cookie).to.match(/; SameSite=Lax/);
      expect(cookie).to.match(/; Path=\/s\/hhu/);
      const queue = await get('/s/hhu/admin/reviews', jar);
      expect(queue.statusCode).to.equal(200);
      expect(queue.payload).to.include('<title>审核队列 - 河海大学</title>');
      expect(queue.payload).to.include('<nav class="xz-menu" aria-label="管理控制台">');
      expect(queue.payload).to.include('hhu.admin');
      expect(queue.payload).to.include('河海大学');
      expect(queue.payload).to.include('action="/s/hhu/admin/logout"');
      const again = await get('/s/hhu/admin/login', jar);
      expect(again.statusCode).to.equal(302);
      expect(again.headers.location).to.equal('/s/hhu/admin/reviews');
    });

    it('refuses a wrong password in Chinese without a session, and keeps the username', async () => {
      const res = await submit('/s/hhu/admin/login', '/s/hhu/admin/login', {
        username: 'hhu.admin',
        password: 'not-the-password',
      });
      expect(res.statusCode).to.equal(401);
      expect(res.payload).to.include('用户名或密码错误');
      expect(res.payload).to.include('value="hhu.admin"');
      expect(setCookies(res).some((c) => c.startsWith('xz_staff='))).to.equal(false);
      const empty = await submit('/s/hhu/admin/login', '/s/hhu/admin/login', { username: '', password: '' });
      expect(empty.statusCode).to.equal(400);
      expect(fieldError(empty.payload, 'xz-f-staff-username')).to.equal('请填写用户名');
      expect(fieldError(empty.payload, 'xz-f-staff-password')).to.equal('请填写密码');
    });

    it('refuses the account of another site on this site’s login page', async () => {
      const res = await submit('/s/nju/admin/login', '/s/nju/admin/login', {
        username: 'seu.admin',
        password: 'xiaozhao-demo',
      });
      expect(res.statusCode).to.equal(403);
      expect(res.payload).to.include('该账号不是本站的管理员账号');
      expect(setCookies(res).some((c) => c.startsWith('xz_staff='))).to.equal(false);
    });

    it('says the account is locked after five wrong passwords', async () => {
      const { app } = await getDeployment();
      await app.services.staff!.ensure({
        siteId: app.sites.get('ujs')!.id,
        username: 'ujs.pagelock',
        name: '锁定测试',
        password: 'right-password-1',
      });
      const jar = new Jar();
      for (let i = 0; i < 5; i += 1) {
        const res = await submit(
          '/s/ujs/admin/login',
          '/s/ujs/admin/login',
          { username: 'ujs.pagelock', password: 'wrong' },
          jar,
        );
        expect(res.statusCode).to.equal(i < 4 ? 401 : 429);
      }
      const locked = await submit(
        '/s/ujs/admin/login',
        '/s/ujs/admin/login',
        { username: 'ujs.pagelock', password: 'right-password-1' },
        jar,
      );
      expect(locked.statusCode).to.equal(429);
      expect(locked.payload).to.include('登录失败次数过多，账号已临时锁定，请 15 分钟后再试');
      expect(setCookies(locked).some((c) => c.startsWith('xz_staff='))).to.equal(false);
    });

    it('sends a visitor without a session to the login page and back, and 退出 ends the session', async () => {
      const bare = await inject({
        url: '/s/hhu/admin/reviews?status=approved',
        headers: { accept: 'text/html' },
      });
      expect(bare.statusCode).to.equal(302);
      expect(bare.headers.location).to.equal(
        `/s/hhu/admin/login?next=${encodeURIComponent('/s/hhu/admin/reviews?status=approved')}`,
      );
      const jar = new Jar();
      const res = await submit(
        '/s/hhu/admin/login',
        '/s/hhu/admin/login',
        { username: 'hhu.admin', password: 'xiaozhao-demo', next: '/s/hhu/admin/settings' },
        jar,
      );
      expect(res.headers.location).to.equal('/s/hhu/admin/settings');
      const out = await submit('/s/hhu/admin/reviews', '/s/hhu/admin/logout', {}, jar);
      expect(out.statusCode).to.equal(303);
      expect(out.headers.location).to.equal('/s/hhu/admin/login?done=logout');
      expect(jar.cookies.has('xz_staff')).to.equal(false);
      expect((await get('/s/hhu/admin/reviews', jar)).statusCode).to.equal(302);
    });
  });

  describe('GET /admin/reviews', () => {
    it('lists hhu’s pending membership applications oldest first, with type, time, status and a link', async () => {
      const { app } = await getDeployment();
      const site = app.sites.get('hhu')!;
      const res = await get('/s/hhu/admin/reviews', await staffJar('hhu.admin'));
      expect(res.statusCode).to.equal(200);
      const shown = [...res.payload.matchAll(/<tr[^>]*data-review="(\d+)"/g)].map((m) => Number(m[1]));
      const rows = await app.db('reviews').where({ site_id: site.id, status: 'pending' });
      expect(rows.length).to.be.greaterThan(0);
      const expected = rows
        .sort(
          (a, b) => new Date(a.submitted_at).getTime() - new Date(b.submitted_at).getTime() || a.id - b.id,
        )
        .slice(0, 20)
        .map((r) => Number(r.id));
      expect(shown).to.deep.equal(expected);
      // the demo seed leaves applications of 5 employers at hhu
      const demo = [
        '南京钟山建筑设计研究院有限公司',
        '苏州园林规划设计有限公司',
        '南京玄武人工智能研究院有限公司',
      ];
      expect(demo.some((name) => res.payload.includes(`「${name}」申请入驻`))).to.equal(true);
      expect(res.payload).to.include('入驻申请');
      expect(res.payload).to.include('<span class="xz-badge xz-badge--warning">待审核</span>');
      expect(res.payload).to.include(`href="/s/hhu/admin/reviews/${expected[0]}"`);
      expect(res.payload).to.include(`name="ids" value="${expected[0]}"`);
      expect(res.payload).to.include('action="/s/hhu/admin/reviews/batch-approve"');
      expect(res.payload).to.include('批量通过');
    });

    it('filters by type and status', async () => {
      const jar = await staffJar('hhu.admin');
      const jobs = await get('/s/hhu/admin/reviews?status=pending&type=job', jar);
      expect(jobs.statusCode).to.equal(200);
      expect(jobs.payload).to.not.include('申请入驻</a>');
      expect(jobs.payload).to.match(/<option value="job" selected>招聘职位<\/option>/);
      const bad = await get('/s/hhu/admin/reviews?status=nope', jar);
      expect(bad.statusCode).to.equal(400);
    });
  });

  describe('GET/POST /admin/reviews/{id}', () => {
    it('shows the subject, the employer’s profile with the letter and the full history', async () => {
      const who = await applicant('ujs');
      const res = await get(`/s/ujs/admin/reviews/${who.reviewId}`, await staffJar('ujs.admin'));
      expect(res.statusCode).to.equal(200);
      expect(res.payload).to.include(`「${who.name}」申请入驻`);
      expect(res.payload).to.include(who.uscc);
      expect(res.payload).to.include('南京市玄武区示范路 1 号');
      expect(res.payload).to.include('信息技术');
      expect(res.payload).to.not.include('校验未通过');
      // a school reads an applicant's letter only once it has approved the membership (the province: always)
      expect(res.payload).to.not.match(/href="\/s\/ujs\/admin\/files\//);
      expect(res.payload).to.include('入驻本校后可查看');
      expect(res.payload).to.include('<h2 class="xz-card__title" id="xz-history-title">审核记录</h2>');
      expect(res.payload).to.match(/<span class="xz-badge xz-badge--muted">提交<\/span>/);
      expect(res.payload).to.include(`张三（单位账号 ${who.phone}）`);
      expect(res.payload).to.include('value="approve">通过</button>');
      expect(res.payload).to.include('value="reject">驳回</button>');
      expect(res.payload).to.not.include('人工核验统一社会信用代码');
    });

    it('keeps the review pending and shows the error when rejecting without a comment', async () => {
      const { app } = await getDeployment();
      const who = await applicant('ujs');
      const url = `/s/ujs/admin/reviews/${who.reviewId}`;
      const res = await submit(
        url,
        `${url}/decision`,
        { decision: 'reject', comment: '  ' },
        await staffJar('ujs.admin'),
      );
      expect(res.statusCode).to.equal(400);
      expect(fieldError(res.payload, 'xz-f-review-comment')).to.equal('驳回时必须填写审核意见');
      expect(res.payload).to.include('aria-invalid="true"');
      const row = await app.db('reviews').where({ id: who.reviewId }).first();
      expect(row.status).to.equal('pending');
    });

    it('approves through the form: the review, the membership and the history change', async () => {
      const { app } = await getDeployment();
      const who = await applicant('ujs');
      const url = `/s/ujs/admin/reviews/${who.reviewId}`;
      const jar = await staffJar('ujs.admin');
      const res = await submit(
        url,
        `${url}/decision`,
        { decision: 'approve', comment: '材料齐全，同意入驻' },
        jar,
      );
      expect(res.statusCode, res.payload).to.equal(303);
      expect(res.headers.location).to.equal(`${url}?done=approved`);
      const row = await app.db('reviews').where({ id: who.reviewId }).first();
      expect(row).to.include({ status: 'approved', comment: '材料齐全，同意入驻', decided_by_kind: 'staff' });
      const membership = await app.services.memberships!.get(who.employerId, app.sites.get('ujs')!);
      expect(membership!.status).to.equal('approved');
      const page = await get(`${url}?done=approved`, jar);
      expect(page.payload).to.include('已审核通过。');
      expect(page.payload).to.include('<span class="xz-badge xz-badge--success">通过</span>');
      expect(page.payload).to.include('ujs.admin（管理员）');
      expect(page.payload).to.include('材料齐全，同意入驻');
      expect(page.payload).to.not.include('value="approve">通过</button>');
      const twice = await submit(url, `${url}/decision`, { decision: 'reject', comment: '再审' }, jar);
      expect(twice.statusCode).to.equal(409);
      expect(twice.payload).to.include('该事项已审核，不能重复审核');
    });

    it('batch-approves the selected rows and lists what was skipped and why', async () => {
      const { app } = await getDeployment();
      const [a, b, decided] = [await applicant('ujs'), await applicant('ujs'), await applicant('ujs')];
      const jar = await staffJar('ujs.admin');
      await submit(
        `/s/ujs/admin/reviews/${decided.reviewId}`,
        `/s/ujs/admin/reviews/${decided.reviewId}/decision`,
        { decision: 'reject', comment: '资料不全' },
        jar,
      );
      const res = await submit(
        '/s/ujs/admin/reviews',
        '/s/ujs/admin/reviews/batch-approve',
        {
          ids: [String(a.reviewId), String(b.reviewId), String(decided.reviewId)],
          status: 'pending',
          type: '',
        },
        jar,
      );
      expect(res.statusCode, res.payload).to.equal(303);
      expect(res.headers.location).to.match(/^\/s\/ujs\/admin\/reviews\?status=pending&batch=[\w-]+$/);
      for (const r of [a, b])
        expect((await app.db('reviews').where({ id: r.reviewId }).first()).status).to.equal('approved');
      expect((await app.db('reviews').where({ id: decided.reviewId }).first()).status).to.equal('rejected');
      const page = await get(res.headers.location as string, jar);
      expect(page.payload).to.include('批量通过完成：已通过 2 项，跳过 1 项。');
      expect(page.payload).to.include(
        `#${decided.reviewId} 「${decided.name}」申请入驻：该事项已审核，不能重复审核`,
      );
      expect(page.payload).to.not.include(`data-review="${a.reviewId}"`);
      // the outcome belongs to the staff member who asked for it
      await app.services.staff!.ensure({
        siteId: app.sites.get('ujs')!.id,
        username: 'ujs.second',
        name: '第二位管理员',
        password: 'xiaozhao-demo',
      });
      const other = await get(res.headers.location as string, await staffJar('ujs.second'));
      expect(other.statusCode).to.equal(200);
      expect(other.payload).to.not.include('批量通过完成');
      const none = await submit('/s/ujs/admin/reviews', '/s/ujs/admin/reviews/batch-approve', {}, jar);
      expect(none.statusCode).to.equal(400);
      expect(none.payload).to.include('请先勾选要批量通过的事项');
    });
  });

  describe('POST /admin/employers/{id}/uscc-override', () => {
    it('lets province staff record a manual check of a failing USCC, then certify the employer', async () => {
      const { app } = await getDeployment();
      const reg = await registerEmployer({ uscc: withWrongCheckChar(nextUscc()), usccManualReview: true });
      expect((await submitProfile(reg.token)).statusCode).to.equal(200);
      const main = app.sites.main();
      const membership = await app.services.memberships!.get(reg.employerId, main);
      const review = await app.services.reviews!.find(main.id, 'membership', membership!.id);
      const url = `/admin/reviews/${review!.id}`;
      const jar = await staffJar('main.admin');
      const page = await get(url, jar);
      expect(page.statusCode).to.equal(200);
      expect(page.payload).to.include('单位认证');
      expect(page.payload).to.include('<span class="xz-badge xz-badge--danger">校验未通过</span>');
      expect(page.payload).to.include(`action="/admin/employers/${reg.employerId}/uscc-override"`);
      const refused = await submit(url, `${url}/decision`, { decision: 'approve', comment: '' }, jar);
      expect(refused.statusCode).to.equal(409);
      expect(refused.payload).to.include('请先填写人工核验意见再审核通过');
      const empty = await submit(
        url,
        `/admin/employers/${reg.employerId}/uscc-override`,
        { reason: '', review: String(review!.id) },
        jar,
      );
      expect(empty.statusCode).to.equal(400);
      expect(fieldError(empty.payload, 'xz-f-override-reason')).to.equal('请填写核验意见');
      const done = await submit(
        url,
        `/admin/employers/${reg.employerId}/uscc-override`,
        { reason: '已核对营业执照原件，代码真实有效', review: String(review!.id) },
        jar,
      );
      expect(done.statusCode).to.equal(303);
      expect(done.headers.location).to.equal(`${url}?done=overridden`);
      const after = await get(`${url}?done=overridden`, jar);
      expect(after.payload).to.include('<span class="xz-badge xz-badge--success">已人工核验</span>');
      expect(after.payload).to.include('<span class="xz-badge xz-badge--muted">人工核验</span>');
      expect(after.payload).to.include('已核对营业执照原件，代码真实有效');
      expect(after.payload).to.not.include('uscc-override"');
      const approved = await submit(url, `${url}/decision`, { decision: 'approve', comment: '' }, jar);
      expect(approved.statusCode).to.equal(303);
      expect((await app.services.employers!.profile(reg.employerId)).status).to.equal('verified');
      const school = await submit(
        '/s/hhu/admin/reviews',
        `/s/hhu/admin/employers/${reg.employerId}/uscc-override`,
        { reason: '学校不能核验' },
        await staffJar('hhu.admin'),
      );
      expect(school.statusCode).to.equal(403);
    });
  });

  describe('cross-site access', () => {
    it('answers seu.admin with 403 on nju’s console and on an nju review, never showing nju data', async () => {
      const { app } = await getDeployment();
      const nju = app.sites.get('nju')!;
      const njuReviews = await app.db('reviews').where({ site_id: nju.id }).orderBy('id').limit(50);
      expect(njuReviews.length).to.be.greaterThan(0);
      const target = njuReviews[0]!;
      const jar = await staffJar('seu.admin');
      for (const url of [
        '/s/nju/admin/reviews',
        '/s/nju/admin',
        `/s/nju/admin/reviews/${target.id}`,
        '/s/nju/admin/settings',
        '/s/nju/admin/settings/audit',
        `/s/seu/admin/reviews/${target.id}`,
      ]) {
        const res = await get(url, jar);
        expect(res.statusCode, url).to.equal(403);
        expect(res.payload, url).to.include('data-theme=');
        for (const r of njuReviews) expect(res.payload, url).to.not.include(r.summary);
      }
      const decide = await submit(
        '/s/seu/admin/reviews',
        `/s/seu/admin/reviews/${target.id}/decision`,
        { decision: 'reject', comment: '越权' },
        jar,
      );
      expect(decide.statusCode).to.equal(403);
      expect((await app.db('reviews').where({ id: target.id }).first()).status).to.equal(target.status);
    });
  });

  describe('GET /admin/files/{id}', () => {
    it('streams a letter to staff of a site the employer joined, and refuses other files', async () => {
      const { app } = await getDeployment();
      const who = await applicant('ujs');
      const ujsAdmin = await staffJar('ujs.admin');
      const pending = await get(
        `/s/ujs/admin/files/${(await app.services.employers!.profile(who.employerId)).authorizationLetterFileId!}`,
        ujsAdmin,
      );
      expect(pending.statusCode, 'an applicant not yet approved').to.equal(404);
      await submit(
        `/s/ujs/admin/reviews/${who.reviewId}`,
        `/s/ujs/admin/reviews/${who.reviewId}/decision`,
        { decision: 'approve' },
        ujsAdmin,
      );
      const stranger = await registerEmployer();
      await submitProfile(stranger.token);
      const letterOf = async (employerId: number) =>
        (await app.services.employers!.profile(employerId)).authorizationLetterFileId!;
      const jar = await staffJar('ujs.admin');
      const ok = await get(`/s/ujs/admin/files/${await letterOf(who.employerId)}`, jar);
      expect(ok.statusCode).to.equal(200);
      expect(ok.headers['content-type']).to.equal('application/pdf');
      expect(ok.headers['content-disposition']).to.match(/^attachment; filename\*=UTF-8''/);
      expect(ok.rawPayload.subarray(0, 5).toString()).to.equal('%PDF-');
      const refused = await get(`/s/ujs/admin/files/${await letterOf(stranger.employerId)}`, jar);
      expect(refused.statusCode).to.equal(404);
      expect(refused.payload).to.include('data-theme=');
      const province = await get(
        `/admin/files/${await letterOf(stranger.employerId)}`,
        await staffJar('main.admin'),
      );
      expect(province.statusCode).to.equal(200);
    });
  });

  describe('GET/POST /admin/settings', () => {
    it('shows a bad colour next to its field and changes nothing', async () => {
      const { app } = await getDeployment();
      const site = app.sites.get('nuist')!;
      const before = JSON.stringify(site.theme);
      const stored = await app.db('site_settings').where({ site_id: site.id });
      const jar = await staffJar('nuist.admin');
      const form = await get('/s/nuist/admin/settings', jar);
      expect(form.statusCode).to.equal(200);
      expect(form.payload).to.include('<title>站点设置 - 南京信息工程大学</title>');
      expect(form.payload).to.include(`--xz-color-primary:${String(site.theme.settings.primaryColor)}`);
      expect(form.payload).to.include('<input class="xz-color__picker" type="color"');
      expect(form.payload).to.include('name="settings.primaryColor"');
      expect(form.payload).to.include('name="nav.7.href"');
      const res = await submit(
        '/s/nuist/admin/settings',
        '/s/nuist/admin/settings',
        {
          section: 'theme',
          theme: site.theme.name,
          formTheme: site.theme.name,
          'settings.primaryColor': 'blue',
          'picker.primaryColor': String(site.theme.settings.primaryColor),
          'settings.logoText': '南信大',
        },
        jar,
      );
      expect(res.statusCode).to.equal(400);
      expect(fieldError(res.payload, 'xz-s-settings-primaryColor')).to.equal(
        '主色应为 # 加 6 位十六进制数，如 #1f5fa8',
      );
      expect(res.payload).to.match(
        /id="xz-s-settings-primaryColor" name="settings.primaryColor" value="blue"/,
      );
      expect(res.payload).to.include('href="#xz-s-settings-primaryColor"');
      expect(res.payload).to.include(`--xz-color-primary:${String(site.theme.settings.primaryColor)}`);
      expect(JSON.stringify(app.sites.get('nuist')!.theme)).to.equal(before);
      expect(await app.db('site_settings').where({ site_id: site.id })).to.deep.equal(stored);
    });

    it('maps errors of rows to the rows of the form (tags, origins)', async () => {
      const jar = await staffJar('czu.admin');
      const tags = await submit(
        '/s/czu/admin/settings',
        '/s/czu/admin/settings',
        {
          section: 'tags',
          'tags.0.id': 'partner',
          'tags.0.name': '战略合作单位',
          'tags.1.id': '',
          'tags.1.name': '',
          'tags.2.id': 'Bad Id',
          'tags.2.name': '坏标识',
        },
        jar,
      );
      expect(tags.statusCode).to.equal(400);
      expect(fieldError(tags.payload, 'xz-s-tags-2-id')).to.match(/[\u4e00-\u9fff]/);
      expect(tags.payload).to.include('value="Bad Id"');
      const origins = await submit(
        '/s/czu/admin/settings',
        '/s/czu/admin/settings',
        {
          section: 'origins',
          widgetOrigins: 'https://www.czu.cn\n\nhttps://www.czu.cn/path',
        },
        jar,
      );
      expect(origins.statusCode).to.equal(400);
      expect(fieldError(origins.payload, 'xz-s-widgetOrigins')).to.match(
        /^第 3 行的嵌入来源“https:\/\/www\.czu\.cn\/path”应只写协议和域名/,
      );
    });

    it('saves tags, review policies and widget origins, each section sending only its own part', async () => {
      const { app } = await getDeployment();
      const jar = await staffJar('ntu.admin');
      const page = '/s/ntu/admin/settings';
      const themeBefore = JSON.stringify(app.sites.get('ntu')!.theme);
      const tags = await submit(
        page,
        page,
        {
          section: 'tags',
          'tags.0.id': 'partner',
          'tags.0.name': '战略合作单位',
          'tags.1.id': '',
          'tags.1.name': '',
          'tags.2.id': 'alumni',
          'tags.2.name': '校友企业',
        },
        jar,
      );
      expect(tags.statusCode, tags.payload.slice(0, 3000)).to.equal(303);
      expect(app.sites.get('ntu')!.employerTags).to.deep.equal([
        { id: 'partner', name: '战略合作单位' },
        { id: 'alumni', name: '校友企业' },
      ]);
      const policies = async () => formOf((await get(page, jar)).payload, 'xz-s-section-policies');
      const switched = await submit(
        page,
        page,
        { ...(await policies()), 'policy.job.plugin': 'review-policy-auto-approve' },
        jar,
      );
      expect(switched.statusCode, switched.payload.slice(0, 3000)).to.equal(303);
      expect(app.sites.get('ntu')!.reviewPolicies.job).to.deep.equal({
        plugin: 'review-policy-auto-approve',
        options: { requireCertifiedOnMain: true, requireTags: [] },
      });
      const fields = await policies();
      expect(fields['policy.job.requireCertifiedOnMain']).to.equal('true');
      expect(fields['policy.announcement.onMatch']).to.equal('reject');
      delete fields['policy.announcement.requireCertifiedOnMain'];
      const options = await submit(
        page,
        page,
        {
          ...fields,
          'policy.announcement.words': '限男性\n985\n\n限男性',
          'policy.announcement.onMatch': 'hold',
          'policy.announcement.whenClean': 'approve',
          'policy.membership.plugin': 'review-policy-auto-approve',
        },
        jar,
      );
      expect(options.statusCode, options.payload.slice(0, 3000)).to.equal(303);
      const now = app.sites.get('ntu')!.reviewPolicies;
      expect(now.announcement.options).to.deep.equal({
        words: ['限男性', '985'],
        rules: ['gender', 'age', 'ethnicity', 'region', 'school', 'marital'],
        onMatch: 'hold',
        whenClean: 'approve',
        requireCertifiedOnMain: false,
      });
      expect(now.membership).to.deep.equal({
        plugin: 'review-policy-auto-approve',
        options: { requireCertifiedOnMain: true, requireTags: [] },
      });
      // 通过后修改 and the screened kinds are on the form: what the API set survives a save of the form.
      const fieldsNow = await policies();
      expect(fieldsNow['policy.job.afterApproval']).to.equal('locked');
      const edits = await submit(
        page,
        page,
        {
          ...fieldsNow,
          'policy.job.afterApproval': 'grace',
          'policy.job.graceMinutes': '45',
          'policy.announcement.rules': ['gender', 'age', 'school'],
        },
        jar,
      );
      expect(edits.statusCode, edits.payload.slice(0, 3000)).to.equal(303);
      expect(app.sites.get('ntu')!.reviewPolicies.job.afterApproval).to.deep.equal({
        mode: 'grace',
        graceMinutes: 45,
      });
      expect(app.sites.get('ntu')!.reviewPolicies.announcement.options.rules).to.deep.equal([
        'gender',
        'age',
        'school',
      ]);
      const resaved = await submit(page, page, await policies(), jar);
      expect(resaved.statusCode).to.equal(303);
      expect(app.sites.get('ntu')!.reviewPolicies.job.afterApproval).to.deep.equal({
        mode: 'grace',
        graceMinutes: 45,
      });
      expect(app.sites.get('ntu')!.reviewPolicies.announcement.options.rules).to.deep.equal([
        'gender',
        'age',
        'school',
      ]);
      const badGrace = await submit(
        page,
        page,
        { ...(await policies()), 'policy.job.graceMinutes': '5000', 'policy.job.requireTags': ['vip'] },
        jar,
      );
      expect(badGrace.statusCode).to.equal(400);
      expect(fieldError(badGrace.payload, 'xz-s-policy-job-graceMinutes')).to.match(/[\u4e00-\u9fff]/);
      expect(badGrace.payload).to.include('value="5000"');
      const locked = await submit(
        page,
        page,
        { ...(await policies()), 'policy.job.afterApproval': 'locked' },
        jar,
      );
      expect(locked.statusCode).to.equal(303);
      expect(app.sites.get('ntu')!.reviewPolicies.job.afterApproval).to.equal(undefined);
      const badTag = await submit(
        page,
        page,
        { ...(await policies()), 'policy.job.requireTags': ['alumni', 'vip'] },
        jar,
      );
      expect(badTag.statusCode).to.equal(400);
      expect(fieldError(badTag.payload, 'xz-s-policy-job-requireTags')).to.include('vip');
      expect(app.sites.get('ntu')!.reviewPolicies.job.options.requireTags).to.deep.equal([]);
      const origins = await submit(
        page,
        page,
        { section: 'origins', widgetOrigins: 'https://www.ntu.edu.cn/\r\nhttps://jy.ntu.edu.cn' },
        jar,
      );
      expect(origins.statusCode).to.equal(303);
      expect(app.sites.get('ntu')!.widgetOrigins).to.deep.equal([
        'https://www.ntu.edu.cn',
        'https://jy.ntu.edu.cn',
      ]);
      expect(JSON.stringify(app.sites.get('ntu')!.theme)).to.equal(themeBefore);
      const audit = await get('/s/ntu/admin/settings/audit', jar);
      const row = (label: string, old: string, now: string) =>
        `<th scope="row" data-label="项目">${label}</th><td data-label="修改前" class="xz-audit__old"><del>${old}</del></td><td data-label="修改后" class="xz-audit__new"><ins>${now}</ins></td>`;
      expect(audit.payload).to.include(row('单位标记 alumni', '（无）', '校友企业'));
      expect(audit.payload).to.include(
        row('招聘职位·审核策略', '内容审查（教育部招聘信息规定）', '条件自动通过'),
      );
      expect(audit.payload).to.include(row('嵌入来源', '（无）', 'https://jy.ntu.edu.cn'));
    });

    it('applies a theme change on the next page load of that site only, keeps the palette, and audits it', async () => {
      const { app } = await getDeployment();
      const site = app.sites.get('jiangnan')!;
      const other = app.sites.get('ujs')!;
      const home = async (slug: string) =>
        (await inject({ url: '/', headers: { host: `${slug}.localhost`, accept: 'text/html' } })).payload;
      const theme = (html: string) => /data-theme="([a-z]+)"/.exec(html)![1];
      const beforeTheme = theme(await home('jiangnan'));
      const otherBefore = await home('ujs');
      expect(beforeTheme).to.equal(site.theme.name);
      const target = beforeTheme === 'campus' ? 'portal' : 'campus';
      const palette = String(site.theme.settings.primaryColor);
      const jar = await staffJar('jiangnan.admin');
      const form = await get('/s/jiangnan/admin/settings', jar);
      const fields: Record<string, string | string[]> = {
        ...formOf(form.payload, 'xz-s-section-theme'),
        theme: target,
      };
      expect(fields.formTheme).to.equal(beforeTheme);
      const res = await submit('/s/jiangnan/admin/settings', '/s/jiangnan/admin/settings', fields, jar);
      expect(res.statusCode, res.payload.slice(0, 2000)).to.equal(303);
      expect(res.headers.location).to.equal('/s/jiangnan/admin/settings?done=saved');
      const saved = await get('/s/jiangnan/admin/settings?done=saved', jar);
      expect(saved.payload).to.include('已保存');
      expect(theme(saved.payload)).to.equal(target);
      const after = await home('jiangnan');
      expect(theme(after)).to.equal(target);
      expect(after).to.include(`--xz-color-primary:${palette}`);
      expect(app.sites.get('jiangnan')!.theme.settings.primaryColor).to.equal(palette);
      expect(await home('ujs')).to.equal(otherBefore);
      expect(app.sites.get('ujs')!.theme.name).to.equal(other.theme.name);

      const audit = await get('/s/jiangnan/admin/settings/audit', jar);
      expect(audit.statusCode).to.equal(200);
      // the newest entry, down to the end of its table of changes
      const row = /<tbody>([\s\S]*?)<\/table>/.exec(audit.payload)![1]!;
      expect(row).to.include('jiangnan.admin');
      expect(row).to.include('<li class="xz-tag">主题</li>');
      expect(row).to.include(
        `<tr data-field="theme.name"><th scope="row" data-label="项目">主题</th><td data-label="修改前" class="xz-audit__old"><del>${app.themes.get(beforeTheme)!.label}</del></td><td data-label="修改后" class="xz-audit__new"><ins>${app.themes.get(target)!.label}</ins></td></tr>`,
      );
    });
  });
});
