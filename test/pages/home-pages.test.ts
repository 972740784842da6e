// Home pages with live content and a header that knows who is there: every theme's home lists the site's latest
// jobs, upcoming fairs and announcements; the main home offers 单位注册; a signed-in employer is greeted by name with
// 单位中心 and 退出 instead of 单位登录; the staff console offers no 单位登录 and names the staff member.
import { expect } from 'chai';
import type { ServerInjectResponse } from '@hapi/hapi';
import { HtmlValidate } from 'html-validate';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { approvePending, bearer, memberOf, type Registered } from '../helpers/employers.js';
import { createFair } from '../helpers/fairs.js';
import { approveJobs, createJob } from '../helpers/jobs.js';
import { Jar, csrfField } from '../helpers/pages.js';

type ReviewPolicy = { plugin: string };

const validator = new HtmlValidate({ extends: ['html-validate:standard'] });

async function assertValidHtml(html: string, what: string): Promise<void> {
  const report = await validator.validateString(html);
  const problems = report.results
    .flatMap((r) => r.messages)
    .map((m) => `${m.line}: ${m.ruleId}: ${m.message}`);
  expect(problems, `${what}\n${problems.join('\n')}`).to.deep.equal([]);
}

function home(slug: string, cookie = ''): Promise<ServerInjectResponse> {
  const host = slug === 'main' ? 'localhost:3000' : `${slug}.localhost:3000`;
  return inject({ url: '/', headers: { accept: 'text/html', host, cookie } });
}

/** The hrefs listed in the home page's latest block of one kind. */
function latest(payload: string, kind: 'jobs' | 'fairs' | 'announcements'): string[] {
  const list = new RegExp(`data-latest="${kind}">([\\s\\S]*?)</ul>`).exec(payload)?.[1] ?? '';
  return [...list.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
}

describe('home pages', () => {
  const schools: { theme: string; slug: string }[] = [];
  let reg: Registered;
  let job = 0;
  let announcement = 0;
  const fairs = new Map<string, number>();

  before(async function () {
    this.timeout(120_000);
    const { app } = await getDeployment();
    for (const theme of app.themes.names()) {
      const site = app.sites
        .schools()
        .find(
          (s) =>
            s.theme.name === theme &&
            (s.reviewPolicies.job as ReviewPolicy).plugin === 'review-policy-manual' &&
            (s.reviewPolicies.announcement as ReviewPolicy).plugin === 'review-policy-manual',
        );
      if (!site) throw new Error(`no manual-review school with theme ${theme}`);
      schools.push({ theme, slug: site.slug });
    }
    const slugs = schools.map((s) => s.slug);
    reg = await memberOf(slugs);
    job = (await createJob(reg, { title: `首页最新职位${process.pid}`, siteSlugs: slugs })).id;
    for (const slug of [...slugs, 'main']) await approveJobs(slug, reg);
    const res = await inject({
      method: 'POST',
      url: '/api/v1/employer/announcements',
      headers: bearer(reg.token),
      payload: { title: `首页最新公告${process.pid}`, body: '欢迎关注本单位校园招聘。', siteSlugs: slugs },
    });
    expect(res.statusCode, res.payload).to.equal(201);
    announcement = json<{ id: number }>(res).id;
    for (const slug of slugs)
      await approvePending(
        slug,
        (r) => r.subject_type === 'announcement' && r.employer_id === reg.employerId,
      );
    for (const slug of slugs) fairs.set(slug, (await createFair(slug)).id);
  });

  it("shows each school's latest jobs, upcoming fairs and announcements, in every theme", async () => {
    for (const { theme, slug } of schools) {
      const res = await home(slug);
      expect(res.statusCode).to.equal(200);
      expect(res.payload, theme).to.include(`data-theme="${theme}"`);
      expect(latest(res.payload, 'jobs'), theme).to.include(`/jobs/${job}`);
      expect(latest(res.payload, 'announcements'), theme).to.include(`/announcements/${announcement}`);
      expect(latest(res.payload, 'fairs'), theme).to.include(`/fairs/${fairs.get(slug)}`);
      for (const [other, id] of fairs)
        if (other !== slug) expect(latest(res.payload, 'fairs'), theme).to.not.include(`/fairs/${id}`);
      const prefixed = await inject({ url: `/s/${slug}/`, headers: { accept: 'text/html' } });
      expect(latest(prefixed.payload, 'jobs'), theme).to.include(`/s/${slug}/jobs/${job}`);
    }
  });

  it('shows the main site its jobs, its schools’ announcements and 单位注册, in every theme', async function () {
    this.timeout(60_000);
    const { app } = await getDeployment();
    const token = await staffToken('main.admin');
    const original = json<{ theme: { name: string; settings: Record<string, unknown> } }>(
      await inject({ url: '/api/v1/admin/sites/main/settings', headers: bearer(token) }),
    ).theme;
    const setTheme = async (theme: { name: string; settings: Record<string, unknown> }) => {
      const res = await inject({
        method: 'PUT',
        url: '/api/v1/admin/sites/main/settings',
        headers: bearer(token),
        payload: { theme },
      });
      expect(res.statusCode, res.payload).to.equal(200);
    };
    try {
      for (const theme of app.themes.names()) {
        if (theme !== app.sites.main().theme.name) await setTheme({ name: theme, settings: {} });
        const res = await home('main');
        expect(res.payload, theme).to.include(`data-theme="${theme}"`);
        expect(res.payload, theme).to.match(/href="\/employer\/register">单位注册<\/a>/);
        expect(latest(res.payload, 'jobs'), theme).to.include(`/jobs/${job}`);
        expect(latest(res.payload, 'announcements'), theme).to.include(`/announcements/${announcement}`);
        // main lists its schools' upcoming fairs (the ones created above at least), each opening on main
        const fairLinks = latest(res.payload, 'fairs');
        expect(fairLinks, theme).to.have.length.greaterThan(0);
        for (const href of fairLinks)
          expect((await inject({ url: href, headers: { accept: 'text/html' } })).statusCode, href).to.equal(
            200,
          );
      }
    } finally {
      await setTheme(original);
    }
  });

  it('greets a signed-in employer by name with 单位中心 and 退出 instead of 单位登录, in every theme', async () => {
    for (const { theme, slug } of schools) {
      const visitor = (await home(slug)).payload;
      expect(visitor, theme).to.include('>单位登录</a>');
      expect(visitor, theme).to.not.include('xz-session');

      const jar = new Jar();
      jar.cookies.set('xz_employer', reg.token);
      const signedIn = jar.take(await home(slug, jar.header()));
      expect(signedIn.headers['cache-control'], theme).to.equal('private, no-store');
      const page = signedIn.payload;
      expect(page, theme).to.not.include('>单位登录</a>');
      expect(page, theme).to.include(`<span class="xz-session__name">${reg.name}</span>`);
      expect(page, theme).to.include('href="/employer">单位中心</a>');
      expect(page, theme).to.match(
        /<form class="xz-session__logout" method="post" action="\/employer\/logout">/,
      );
      expect(page, theme).to.include('>退出</button>');
      await assertValidHtml(page, theme);

      // a stale or forged cookie greets nobody
      const forged = (await home(slug, 'xz_employer=not.a.token')).payload;
      expect(forged, theme).to.not.include('xz-session__name');
    }
  });

  it('signs the employer out from the header of a public page', async () => {
    const other = await memberOf([]);
    const jar = new Jar();
    jar.cookies.set('xz_employer', other.token);
    const page = jar.take(await home('main', jar.header()));
    expect(page.payload).to.include(`<span class="xz-session__name">${other.name}</span>`);
    const out = jar.take(
      await inject({
        method: 'POST',
        url: '/employer/logout',
        payload: `xz_csrf=${encodeURIComponent(csrfField(page.payload))}`,
        headers: {
          cookie: jar.header(),
          accept: 'text/html',
          'content-type': 'application/x-www-form-urlencoded',
        },
      }),
    );
    expect(out.statusCode).to.equal(303);
    expect(out.headers.location).to.equal('/employer/login?done=logout');
    const after = await inject({ url: '/api/v1/employer', headers: bearer(other.token) });
    expect(after.statusCode).to.equal(401);
  });

  it('offers no 单位登录 in the staff console and names the staff member, in every theme', async () => {
    const { app } = await getDeployment();
    for (const { theme, slug } of schools) {
      const cookie = `xz_staff=${await staffToken(`${slug}.admin`)}`;
      const res = await inject({ url: `/s/${slug}/admin/reviews`, headers: { accept: 'text/html', cookie } });
      expect(res.statusCode, theme).to.equal(200);
      expect(res.payload, theme).to.not.include('单位登录');
      expect(res.payload, theme).to.not.include('/employer/login');
      expect(res.payload, theme).to.include(`${app.sites.get(slug)!.shortName}管理员（${slug}.admin）`);
      expect(res.payload, theme).to.include('>退出</button>');
    }
  });
});
