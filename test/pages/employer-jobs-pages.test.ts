import { expect } from 'chai';
import { addDays } from '../../core/clock.js';
import { JOB_LOCKED_MESSAGE } from '../../plugins/jobs/job-service.js';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import {
  approvePending,
  memberOf,
  nextPhone,
  PDF,
  registerEmployer,
  submitProfile,
  type Registered,
} from '../helpers/employers.js';
import { csrfField, get, Jar, submit } from '../helpers/pages.js';

// 招聘信息 pages of the employer centre: 发布/管理招聘职位, 发布/管理招聘公告. Employers are arranged through the API
// (test/helpers/employers.ts); the pages are driven like a browser: sign in by the form, GET a form, post it with the
// CSRF token. School sites are chosen among those whose job review is manual, so copies stay 待审核 until staff act.

/** Handlebars escapes `=` in attributes; tests compare with what a browser would read. */
const decoded = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');

type Fields = Record<string, string | string[]>;

/** A multipart form as a browser sends it: text fields, then the file inputs (an empty part when none chosen). */
async function submitMultipart(
  pageUrl: string,
  action: string,
  fields: Fields,
  files: { field: string; name: string; data: Buffer }[],
  jar: Jar,
) {
  const page = await get(pageUrl, jar);
  const boundary = `----xz${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  const text = (k: string, v: string) =>
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  text('xz_csrf', csrfField(page.payload));
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) text(k, one);
  const chosen = files.length ? files : [{ field: 'attachments', name: '', data: Buffer.alloc(0) }];
  for (const f of chosen)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return jar.take(
    await inject({
      method: 'POST',
      url: action,
      payload: Buffer.concat(parts),
      headers: {
        cookie: jar.header(),
        accept: 'text/html',
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
    }),
  );
}

/** Signs in through the login form of nju, as the employer's admin would. */
async function signIn(reg: Pick<Registered, 'phone' | 'password'>): Promise<Jar> {
  const jar = new Jar();
  const res = await submit(
    '/s/nju/employer/login',
    '/s/nju/employer/login',
    { mode: 'password', phone: reg.phone, password: reg.password },
    jar,
  );
  expect(res.statusCode, res.payload).to.equal(303);
  return jar;
}

/** A session cookie for an account (sub-accounts without a password). */
async function jarFor(accountId: number): Promise<Jar> {
  const { app } = await getDeployment();
  const row = (await app.services.accounts!.byId(accountId))!;
  const jar = new Jar();
  jar.cookies.set('xz_employer', app.principals.sign(app.services.accounts!.payload(row)));
  return jar;
}

/** School sites whose job and announcement reviews are manual, never the ones in `not`. */
async function manualSchools(n: number): Promise<string[]> {
  const { app } = await getDeployment();
  const picked = app.sites
    .schools()
    .filter(
      (s) =>
        s.reviewPolicies.job.plugin === 'review-policy-manual' &&
        s.reviewPolicies.announcement.plugin === 'review-policy-manual',
    )
    .map((s) => s.slug);
  expect(picked.length).to.be.at.least(n + 1);
  return picked.slice(0, n + 1);
}

const JOB: Fields = {
  title: '嵌入式软件工程师',
  category: '技术研发',
  degree: '本科',
  headcount: '3',
  salaryMin: '8000',
  salaryMax: '15000',
  description: '负责嵌入式软件开发与调试，欢迎电子信息、计算机相关专业的应届毕业生。',
  majors: '电子信息工程\n计算机科学与技术，自动化',
  cities: ['320100', '320500'],
};

async function publicationSlugs(jobId: number): Promise<string[]> {
  const { app } = await getDeployment();
  const ids = (await app.db('job_publications').where({ job_id: jobId }).pluck('site_id')) as number[];
  return ids.map((id) => app.sites.byId(id)!.slug).sort();
}

/** Publishes a job through the form; returns its id. */
async function publish(jar: Jar, fields: Fields): Promise<number> {
  const res = await submit('/s/nju/employer/jobs/new', '/s/nju/employer/jobs/new', fields, jar);
  expect(res.statusCode, res.payload).to.equal(303);
  const m = /^\/s\/nju\/employer\/jobs\/(\d+)\?done=job-created$/.exec(String(res.headers.location));
  expect(m, String(res.headers.location)).to.not.equal(null);
  return Number(m![1]);
}

async function credentialsOf(reg: Registered) {
  const { app } = await getDeployment();
  const accounts = app.services.accounts!;
  return (await accounts.resolve(accounts.payload((await accounts.byId(reg.accountId))!)))!;
}

describe('employer pages: jobs and announcements', () => {
  let a: string;
  let b: string;
  let unjoined: string;
  let reg: Registered;
  let jar: Jar;

  before(async function () {
    this.timeout(60_000);
    [a, b, unjoined] = await manualSchools(2);
    reg = await memberOf([a!, b!]);
    jar = await signIn(reg);
  });

  describe('the menu', () => {
    it('opens the four 招聘信息 entries for an account holding jobs and announcements', async () => {
      const home = await get('/s/nju/employer', jar);
      expect(home.statusCode).to.equal(200);
      for (const href of ['/jobs/new', '/jobs', '/announcements/new', '/announcements'])
        expect(home.payload).to.include(`class="xz-menu__item" href="/s/nju/employer${href}"`);
      expect(home.payload).to.not.match(/aria-disabled="true">(发布|管理)招聘(职位|公告)/);
    });

    it('gives a role without `jobs` 403 on the job pages and shows it only the announcement entries', async () => {
      const { app } = await getDeployment();
      const accounts = app.services.accounts!;
      const role = await accounts.createRole(reg.employerId, {
        name: '公告专员',
        permissions: ['announcements'],
      });
      const sub = await accounts.createSubAccount(reg.employerId, {
        phone: nextPhone(),
        name: '公告员',
        roleIds: [role.id],
      });
      const subJar = await jarFor(sub.id);
      for (const url of ['/s/nju/employer/jobs/new', '/s/nju/employer/jobs']) {
        const res = await get(url, subJar);
        expect(res.statusCode, url).to.equal(403);
        expect(res.payload).to.include('您的账号没有此功能的权限');
      }
      const home = await get('/s/nju/employer', subJar);
      expect(home.payload).to.not.include('href="/s/nju/employer/jobs/new"');
      expect(home.payload).to.include('href="/s/nju/employer/announcements/new"');
      expect((await get('/s/nju/employer/announcements/new', subJar)).statusCode).to.equal(200);
    });
  });

  describe('发布招聘职位', () => {
    it('offers only the joined school sites, with the note about the main site, and a default expiry', async () => {
      const { app } = await getDeployment();
      const res = await get('/s/nju/employer/jobs/new', jar);
      expect(res.statusCode).to.equal(200);
      expect(res.payload).to.include('<h1 class="xz-title">发布招聘职位</h1>');
      const offered = [...res.payload.matchAll(/name="siteSlugs" value="([^"]+)"/g)].map((m) => m[1]).sort();
      expect(offered).to.deep.equal([a, b].sort());
      expect(offered).to.not.include('main');
      expect(res.payload).to.include('省级主站无需选择：认证通过后默认发布到主站（也需主站审核）');
      expect(decoded(res.payload)).to.include(`value="${addDays(app.clock.today(), 30)}"`);
      expect(res.payload).to.include('name="cities" value="320100"');
      expect(res.payload).to.include('>江苏</legend>');
      expect(res.payload).to.include('<summary>其他</summary>');
      expect(res.payload).to.include('type="date"');
    });

    it('publishes to main and the chosen site: one publication row each, then shows the review status', async () => {
      const { app } = await getDeployment();
      const id = await publish(jar, { ...JOB, siteSlugs: [a] });
      expect(await publicationSlugs(id)).to.deep.equal(['main', a].sort());
      const row = await app.db('jobs').where({ id }).first();
      expect(row).to.include({ employer_id: reg.employerId, title: '嵌入式软件工程师', headcount: 3 });
      expect(row.majors).to.deep.equal(['电子信息工程', '计算机科学与技术', '自动化']);
      expect(row.cities).to.deep.equal(['320100', '320500']);
      const page = await get(`/s/nju/employer/jobs/${id}?done=job-created`, jar);
      expect(page.statusCode).to.equal(200);
      expect(page.payload).to.include('职位已提交，等待各发布站点审核');
      expect(page.payload).to.include(app.sites.get(a)!.name);
      expect(page.payload).to.include(app.sites.main().name);
      expect(page.payload.match(/xz-badge--warning">待审核</g)).to.have.length(2);
      for (const head of ['站点', '状态', '审核意见', '审核时间'])
        expect(page.payload).to.include(`<th scope="col">${head}</th>`);
    });

    it('shows SITE_NOT_JOINED next to the sites for a forged slug, keeps the values and creates nothing', async () => {
      const { app } = await getDeployment();
      const before = await app.db('jobs').where({ employer_id: reg.employerId }).count('* as n');
      const res = await submit(
        '/s/nju/employer/jobs/new',
        '/s/nju/employer/jobs/new',
        { ...JOB, title: '伪造站点职位', siteSlugs: [a, unjoined] },
        jar,
      );
      expect(res.statusCode).to.equal(403);
      const error = /<p class="xz-error" id="xz-f-job-siteSlugs-error">([^<]*)<\/p>/.exec(res.payload);
      expect(error![1]).to.equal(`尚未入驻以下站点，不能发布：${app.sites.get(unjoined)!.name}`);
      expect(res.payload).to.include('value="伪造站点职位"');
      expect(res.payload).to.match(new RegExp(`name="siteSlugs" value="${a}" checked`));
      const after = await app.db('jobs').where({ employer_id: reg.employerId }).count('* as n');
      expect(after).to.deep.equal(before);
    });

    it('shows field errors next to their fields with aria attributes, and keeps what was typed', async () => {
      const res = await submit(
        '/s/nju/employer/jobs/new',
        '/s/nju/employer/jobs/new',
        { ...JOB, title: '', category: '', cities: [], headcount: 'abc' },
        jar,
      );
      expect(res.statusCode).to.equal(400);
      const errorOf = (name: string) =>
        new RegExp(`<p class="xz-error" id="xz-f-job-${name}-error">([^<]*)</p>`).exec(res.payload)?.[1];
      expect(errorOf('title')).to.equal('必填');
      expect(errorOf('category')).to.equal('请选择职位类别');
      expect(errorOf('cities')).to.equal('请至少选择一个工作地点');
      expect(errorOf('headcount')).to.equal('应为数字');
      expect(res.payload).to.match(
        /id="xz-f-job-title" name="title" type="text" value=""[^>]*aria-describedby="xz-f-job-title-error" aria-invalid="true"/,
      );
      expect(res.payload).to.include('提交的信息有误，请修改以下内容');
      expect(res.payload).to.include('<a href="#xz-f-job-cities">工作地点：请至少选择一个工作地点</a>');
      expect(res.payload).to.include(String(JOB.description));
      expect(res.payload).to.include('value="15000"');

      const salary = await submit(
        '/s/nju/employer/jobs/new',
        '/s/nju/employer/jobs/new',
        { ...JOB, salaryMin: '9000', salaryMax: '5000' },
        jar,
      );
      expect(salary.statusCode).to.equal(400);
      expect(/id="xz-f-job-salaryMax-error">([^<]*)</.exec(salary.payload)![1]).to.equal(
        '最高薪资不能低于最低薪资',
      );
    });

    it('shows an uncertified employer a notice with a link to 单位信息 instead of the form', async () => {
      const pending = await registerEmployer();
      await submitProfile(pending.token);
      const pendingJar = await signIn(pending);
      const res = await get('/s/nju/employer/jobs/new', pendingJar);
      expect(res.statusCode).to.equal(200);
      expect(res.payload).to.include('认证通过后才能发布招聘职位');
      expect(res.payload).to.include('认证审核中');
      expect(res.payload).to.include('href="/s/nju/employer/profile">单位信息</a>');
      expect(res.payload).to.not.include('name="title"');
      const forced = await submit(
        '/s/nju/employer/jobs/new',
        '/s/nju/employer/jobs/new',
        { ...JOB },
        pendingJar,
      );
      expect(forced.statusCode).to.equal(403);
      expect(forced.payload).to.include('单位尚未通过省级主站认证，认证通过后才能发布');
    });

    it('prefills a new posting from 设为模板, with its sites ticked and a new expiry date', async () => {
      const { app } = await getDeployment();
      const id = await publish(jar, { ...JOB, title: '模板来源职位', siteSlugs: [b] });
      const res = await get(`/s/nju/employer/jobs/new?template=${id}`, jar);
      expect(res.statusCode).to.equal(200);
      expect(res.payload).to.include('已复制职位“模板来源职位”的内容作为模板');
      expect(res.payload).to.include('value="模板来源职位"');
      expect(res.payload).to.include(String(JOB.description));
      expect(res.payload).to.match(new RegExp(`name="siteSlugs" value="${b}" checked`));
      expect(res.payload).to.not.match(new RegExp(`name="siteSlugs" value="${a}" checked`));
      expect(res.payload).to.match(/name="cities" value="320500" checked/);
      expect(res.payload).to.match(/<option value="技术研发" selected>/);
      expect(decoded(res.payload)).to.include(`value="${addDays(app.clock.today(), 30)}"`);
      expect(res.payload).to.include('电子信息工程\n计算机科学与技术\n自动化');
      const other = await registerEmployer();
      expect((await get(`/s/nju/employer/jobs/new?template=${id}`, await signIn(other))).statusCode).to.equal(
        404,
      );
    });
  });

  describe('管理招聘职位', () => {
    it('lists 发布中 and 已失效 in tabs with per-site counts and the row actions', async () => {
      const { app } = await getDeployment();
      const c = await credentialsOf(reg);
      const live = await publish(jar, { ...JOB, title: '发布中的职位', siteSlugs: [a, b] });
      const gone = await publish(jar, { ...JOB, title: '已失效的职位' });
      await app.services.jobs!.expire(c, gone);
      const onMain = await app
        .db('job_publications')
        .where({ job_id: live, site_id: app.sites.main().id })
        .first();
      await approvePending('main', (r) => r.subject_type === 'job' && r.subject_id === onMain.id);
      const active = await get('/s/nju/employer/jobs', jar);
      expect(active.statusCode).to.equal(200);
      const html = decoded(active.payload);
      expect(html).to.include('发布中的职位');
      expect(html).to.not.include('已失效的职位');
      expect(html).to.match(/<a class="xz-tab" href="\/s\/nju\/employer\/jobs" aria-current="page">发布中/);
      const row = new RegExp(`<tr data-job="${live}">([\\s\\S]*?)</tr>`).exec(html)![1]!;
      expect(row).to.include('data-status="pending">待审核 2</span>');
      expect(row).to.include('data-status="approved">已通过 1</span>');
      expect(row).to.include('data-status="rejected">未通过 0</span>');
      expect(row).to.include(`name="ids" value="${live}"`);
      expect(row).to.include(`href="/s/nju/employer/jobs/${live}">查看审核状态`);
      expect(row).to.include(`href="/s/nju/employer/jobs/${live}/edit"`);
      expect(row).to.include(`href="/s/nju/employer/jobs/${live}/expire">失效`);
      expect(row).to.include(`href="/s/nju/employer/jobs/new?template=${live}">设为模板`);
      expect(row).to.include('已有站点审核通过，不允许修改');
      expect(html).to.include('action="/s/nju/employer/jobs/push"');
      expect(html).to.include('推送分站</button>');

      const expired = decoded((await get('/s/nju/employer/jobs?tab=expired', jar)).payload);
      expect(expired).to.include('已失效的职位');
      expect(expired).to.not.include('发布中的职位');
      expect(expired).to.match(/href="\/s\/nju\/employer\/jobs\?tab=expired" aria-current="page">已失效/);
      expect(expired).to.not.include(`href="/s/nju/employer/jobs/${gone}/edit"`);

      const searched = decoded(
        (await get(`/s/nju/employer/jobs?q=${encodeURIComponent('发布中')}`, jar)).payload,
      );
      expect(searched).to.include('发布中的职位');
      expect(searched).to.not.include('嵌入式软件工程师<');
    });

    it('edits a posting no site approved, then refuses with the lock message once staff approve it', async () => {
      const { app } = await getDeployment();
      const id = await publish(jar, { ...JOB, title: '待修改职位', siteSlugs: [a] });
      const edited = await submit(
        `/s/nju/employer/jobs/${id}/edit`,
        `/s/nju/employer/jobs/${id}/edit`,
        { ...JOB, title: '已修改职位', headcount: '5' },
        jar,
      );
      expect(edited.statusCode, edited.payload).to.equal(303);
      expect(edited.headers.location).to.equal(`/s/nju/employer/jobs/${id}?done=job-updated`);
      expect(await app.db('jobs').where({ id }).first()).to.include({ title: '已修改职位', headcount: 5 });

      const job = await app
        .db('job_publications')
        .where({ job_id: id, site_id: app.sites.main().id })
        .first();
      await approvePending('main', (r) => r.subject_type === 'job' && r.subject_id === job.id);
      const page = await get(`/s/nju/employer/jobs/${id}/edit`, jar);
      expect(page.statusCode).to.equal(200);
      expect(page.payload).to.include(JOB_LOCKED_MESSAGE);
      expect(page.payload).to.include('<fieldset class="xz-form__body" disabled>');
      expect(page.payload).to.not.include('保存修改</button>');
      const refused = await submit(
        `/s/nju/employer/jobs/${id}`,
        `/s/nju/employer/jobs/${id}/edit`,
        { ...JOB, title: '再次修改' },
        jar,
      );
      expect(refused.statusCode).to.equal(409);
      expect(refused.payload).to.include(JOB_LOCKED_MESSAGE);
      expect((await app.db('jobs').where({ id }).first()).title).to.equal('已修改职位');
    });

    it('expires a posting through the 失效 form (default today) and refuses a past date', async () => {
      const { app } = await getDeployment();
      const today = app.clock.today();
      const id = await publish(jar, { ...JOB, title: '将失效职位' });
      const form = await get(`/s/nju/employer/jobs/${id}/expire`, jar);
      expect(form.statusCode).to.equal(200);
      expect(decoded(form.payload)).to.match(new RegExp(`name="on" type="date" value="${today}"`));
      expect(form.payload).to.include('该日及以后所有站点不再显示');
      const past = await submit(
        `/s/nju/employer/jobs/${id}/expire`,
        `/s/nju/employer/jobs/${id}/expire`,
        { on: addDays(today, -1) },
        jar,
      );
      expect(past.statusCode).to.equal(400);
      expect(/id="xz-f-expire-on-error">([^<]*)</.exec(past.payload)![1]).to.equal('失效日期不能早于今天');
      const later = await submit(
        `/s/nju/employer/jobs/${id}/expire`,
        `/s/nju/employer/jobs/${id}/expire`,
        { on: addDays(today, 3) },
        jar,
      );
      expect(later.headers.location).to.equal('/s/nju/employer/jobs?done=job-expiry-set');
      expect((await app.db('jobs').where({ id }).first()).expires_on).to.equal(addDays(today, 3));
      const res = await submit(
        `/s/nju/employer/jobs/${id}/expire`,
        `/s/nju/employer/jobs/${id}/expire`,
        { on: today },
        jar,
      );
      expect(res.statusCode).to.equal(303);
      expect(res.headers.location).to.equal('/s/nju/employer/jobs?tab=expired&done=job-expired');
      expect(await app.db('jobs').where({ id }).first()).to.include({ expires_on: today, state: 'expired' });
      const list = await get('/s/nju/employer/jobs?tab=expired&done=job-expired', jar);
      expect(list.payload).to.include('职位已失效，所有站点不再显示。');
      expect(list.payload).to.include('将失效职位');
    });

    it('pushes ticked postings to more joined sites through the 推送分站 page', async () => {
      const one = await publish(jar, { ...JOB, title: '推送职位一', siteSlugs: [a] });
      const two = await publish(jar, { ...JOB, title: '推送职位二' });
      const page = await get(`/s/nju/employer/jobs/push?ids=${one},${two}`, jar);
      expect(page.statusCode).to.equal(200);
      expect(page.payload).to.include('推送职位一');
      expect(page.payload).to.include('推送职位二');
      expect(page.payload).to.match(new RegExp(`name="siteSlugs" value="${a}"[^>]*>`));
      expect(page.payload).to.include('已发布 1/2 条');
      expect(page.payload).to.not.include('name="siteSlugs" value="main"');
      // the list's checkboxes send ids=1&ids=2
      const repeated = await get(`/s/nju/employer/jobs/push?ids=${one}&ids=${two}`, jar);
      expect(repeated.statusCode).to.equal(200);
      expect(repeated.payload).to.include(`name="ids" value="${two}"`);

      const none = await submit(
        `/s/nju/employer/jobs/push?ids=${one}`,
        '/s/nju/employer/jobs/push',
        { ids: [String(one)] },
        jar,
      );
      expect(none.statusCode).to.equal(400);
      expect(none.payload).to.include('请选择要推送的站点');
      const forged = await submit(
        `/s/nju/employer/jobs/push?ids=${one}`,
        '/s/nju/employer/jobs/push',
        { ids: [String(one)], siteSlugs: [unjoined] },
        jar,
      );
      expect(forged.statusCode).to.equal(403);
      expect(forged.payload).to.include('尚未入驻以下站点，不能发布');

      const res = await submit(
        `/s/nju/employer/jobs/push?ids=${one},${two}`,
        '/s/nju/employer/jobs/push',
        { ids: [String(one), String(two)], siteSlugs: [a, b] },
        jar,
      );
      expect(res.statusCode, res.payload).to.equal(303);
      expect(res.headers.location).to.equal('/s/nju/employer/jobs?created=3&done=pushed');
      expect(await publicationSlugs(one)).to.deep.equal(['main', a, b].sort());
      expect(await publicationSlugs(two)).to.deep.equal(['main', a, b].sort());
      const list = await get(String(res.headers.location), jar);
      expect(list.payload).to.include('已推送分站：新增 3 个站点发布，等待各站点审核。');
      const empty = await get('/s/nju/employer/jobs/push', jar);
      expect(empty.statusCode).to.equal(400);
      expect(empty.payload).to.include('请先在“管理招聘职位”的列表中勾选要推送的职位');
    });
  });

  describe('招聘公告', () => {
    it('saves one announcement after another: the form comes back empty with the flash (连续发布)', async () => {
      const { app } = await getDeployment();
      const page = await get('/s/nju/employer/announcements/new', jar);
      expect(page.statusCode).to.equal(200);
      expect(page.payload).to.include('enctype="multipart/form-data"');
      expect(page.payload).to.include('不能在线接收学生简历');
      expect(page.payload).to.include('省级主站无需选择：认证通过后默认发布到主站（也需主站审核）');
      const first = await submitMultipart(
        '/s/nju/employer/announcements/new',
        '/s/nju/employer/announcements/new',
        {
          title: '2026 届校园招聘公告',
          body: '本单位面向 2026 届毕业生开展校园招聘，欢迎各专业同学关注。',
          siteSlugs: [a],
        },
        [{ field: 'attachments', name: '招聘简章.pdf', data: PDF }],
        jar,
      );
      expect(first.statusCode, first.payload).to.equal(303);
      const m = /^\/s\/nju\/employer\/announcements\/new\?saved=(\d+)&done=announcement-saved$/.exec(
        String(first.headers.location),
      );
      expect(m, String(first.headers.location)).to.not.equal(null);
      const firstId = Number(m![1]);
      const row = await app.db('announcements').where({ id: firstId }).first();
      expect(row).to.include({ employer_id: reg.employerId, title: '2026 届校园招聘公告' });
      expect(row.attachments).to.have.length(1);
      const sites = (await app
        .db('announcement_publications')
        .where({ announcement_id: firstId })
        .pluck('site_id')) as number[];
      expect(sites.map((s) => app.sites.byId(s)!.slug).sort()).to.deep.equal(['main', a].sort());

      const again = await get(String(first.headers.location), jar);
      expect(again.statusCode).to.equal(200);
      expect(again.payload).to.include('公告已保存，可继续发布下一条');
      expect(again.payload).to.match(/id="xz-f-ann-title" name="title" type="text" value=""/);
      expect(again.payload).to.match(/name="body" rows="12"[^>]*><\/textarea>/);
      expect(again.payload).to.not.match(/name="siteSlugs" value="[^"]+" checked/);
      expect(again.payload).to.include(`href="/s/nju/employer/announcements/${firstId}"`);

      const second = await submitMultipart(
        String(first.headers.location),
        '/s/nju/employer/announcements/new',
        { title: '宣讲会安排公告', body: '本单位将于下月举办校园宣讲会，具体时间地点另行通知。' },
        [],
        jar,
      );
      expect(second.statusCode, second.payload).to.equal(303);
      const titles = await app.db('announcements').where({ employer_id: reg.employerId }).pluck('title');
      expect(titles).to.include.members(['2026 届校园招聘公告', '宣讲会安排公告']);

      const bad = await submitMultipart(
        '/s/nju/employer/announcements/new',
        '/s/nju/employer/announcements/new',
        { title: '短', body: '太短' },
        [{ field: 'attachments', name: 'a.pdf', data: PDF }],
        jar,
      );
      expect(bad.statusCode).to.equal(400);
      expect(bad.payload).to.include('value="短"');
      expect(/id="xz-f-ann-attachments-error">([^<]*)</.exec(bad.payload)![1]).to.equal(
        '表单未保存，请重新选择要上传的文件',
      );

      // a form that fails after its files were stored leaves no upload behind
      const attachments = () =>
        app.db('files').where({ employer_id: reg.employerId, purpose: 'attachment' }).pluck('id');
      const kept = await attachments();
      const forged = await submitMultipart(
        '/s/nju/employer/announcements/new',
        '/s/nju/employer/announcements/new',
        {
          title: '伪造站点的公告',
          body: '这条公告选了尚未入驻的站点，不应保存任何内容。',
          siteSlugs: [unjoined],
        },
        [{ field: 'attachments', name: 'c.pdf', data: PDF }],
        jar,
      );
      expect(forged.statusCode).to.equal(403);
      expect(forged.payload).to.include('表单未保存，请重新选择要上传的文件');
      const mixed = await submitMultipart(
        '/s/nju/employer/announcements/new',
        '/s/nju/employer/announcements/new',
        {
          title: '附件格式错误的公告',
          body: '第二个附件不是 PDF 或图片，整条公告都不应保存。',
          siteSlugs: [a],
        },
        [
          { field: 'attachments', name: 'd.pdf', data: PDF },
          { field: 'attachments', name: 'e.txt', data: Buffer.from('not a pdf') },
        ],
        jar,
      );
      expect(mixed.statusCode).to.equal(415);
      expect(await attachments()).to.have.members(kept);

      const detail = await get(`/s/nju/employer/announcements/${firstId}`, jar);
      expect(detail.payload).to.include('招聘简章.pdf');
      const file = row.attachments[0] as string;
      const download = await get(`/s/nju/employer/announcements/${firstId}/attachments/${file}`, jar);
      expect(download.statusCode).to.equal(200);
      expect(download.headers['content-type']).to.equal('application/pdf');
    });

    it('lists announcements with counts and deletes one from every site after a confirmation', async () => {
      const { app } = await getDeployment();
      const c = await credentialsOf(reg);
      const created = await app.services.announcements!.create(
        c,
        { title: '待删除的招聘公告', body: '这条公告将被删除，删除后所有站点都不再显示。', attachments: [] },
        [a],
      );
      const pub = await app
        .db('announcement_publications')
        .where({ announcement_id: created.id, site_id: app.sites.main().id })
        .first();
      await approvePending('main', (r) => r.subject_type === 'announcement' && r.subject_id === pub.id);
      const listed = async () =>
        json<{ items: { id: number }[] }>(
          await inject('/api/v1/public/sites/main/announcements?pageSize=100'),
        ).items.some((i) => i.id === created.id);
      expect(await listed()).to.equal(true);

      const list = decoded((await get('/s/nju/employer/announcements', jar)).payload);
      const row = new RegExp(`<tr data-announcement="${created.id}">([\\s\\S]*?)</tr>`).exec(list)![1]!;
      expect(row).to.include('data-status="pending">待审核 1</span>');
      expect(row).to.include('data-status="approved">已通过 1</span>');
      expect(row).to.include(`href="/s/nju/employer/announcements/${created.id}/delete">删除`);
      expect(list).to.include('action="/s/nju/employer/announcements/push"');

      const edit = await get(`/s/nju/employer/announcements/${created.id}/edit`, jar);
      expect(edit.payload).to.include('该公告已有站点审核通过，不允许修改');

      const confirm = await get(`/s/nju/employer/announcements/${created.id}/delete`, jar);
      expect(confirm.statusCode).to.equal(200);
      expect(confirm.payload).to.include('确定删除公告“待删除的招聘公告”吗？');
      const res = await submit(
        `/s/nju/employer/announcements/${created.id}/delete`,
        `/s/nju/employer/announcements/${created.id}/delete`,
        {},
        jar,
      );
      expect(res.statusCode).to.equal(303);
      expect(res.headers.location).to.equal('/s/nju/employer/announcements?done=announcement-deleted');
      expect(await listed()).to.equal(false);
      const after = await get(String(res.headers.location), jar);
      expect(after.payload).to.include('公告已删除，已从所有站点撤下。');
      expect(after.payload).to.not.include('待删除的招聘公告');
      expect((await get(`/s/nju/employer/announcements/${created.id}`, jar)).statusCode).to.equal(404);
    });

    it('pushes announcements and edits one that no site approved', async () => {
      const { app } = await getDeployment();
      const c = await credentialsOf(reg);
      const created = await app.services.announcements!.create(
        c,
        { title: '推送的招聘公告', body: '这条公告会被推送到更多的学校分站。', attachments: [] },
        [],
      );
      const res = await submit(
        `/s/nju/employer/announcements/push?ids=${created.id}`,
        '/s/nju/employer/announcements/push',
        { ids: [String(created.id)], siteSlugs: [b] },
        jar,
      );
      expect(res.headers.location).to.equal('/s/nju/employer/announcements?created=1&done=pushed');
      const edited = await submitMultipart(
        `/s/nju/employer/announcements/${created.id}/edit`,
        `/s/nju/employer/announcements/${created.id}/edit`,
        { title: '推送的招聘公告（已修改）', body: '这条公告会被推送到更多的学校分站，内容已修改。' },
        [],
        jar,
      );
      expect(edited.statusCode, edited.payload).to.equal(303);
      expect(edited.headers.location).to.equal(
        `/s/nju/employer/announcements/${created.id}?done=announcement-updated`,
      );
      const detail = await get(String(edited.headers.location), jar);
      expect(detail.payload).to.include('推送的招聘公告（已修改）');
      expect(detail.payload).to.include(app.sites.get(b)!.name);
    });

    it('shows an uncertified employer the notice instead of the announcement form', async () => {
      const fresh = await registerEmployer();
      const res = await get('/s/nju/employer/announcements/new', await signIn(fresh));
      expect(res.statusCode).to.equal(200);
      expect(res.payload).to.include('认证通过后才能发布招聘公告');
      expect(res.payload).to.not.include('name="title"');
    });
  });
});
