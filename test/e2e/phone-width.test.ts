// Every employer, staff and student page at 375 px in Chromium, on one school of each theme: the document never scrolls
// sideways, list tables become cards whose cells keep room for a line of text, status badges are fully visible, and
// form fields are not squeezed or pushed to one side.
// The employer centre's long menu follows the content there, with a 菜单 link in the bar.
// The pages come from the server's route table: a GET page route for employers, staff or students that is neither visited
// below (VISIT) nor skipped with a reason (SKIP) fails the test, so a new page cannot be forgotten.
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { reloadSite } from '../../core/tenancy/boot.js';
import { launchChromium } from '../helpers/browser.js';
import { getDeployment, inject, json, listeningBase, staffToken } from '../helpers/deployment.js';
import { approvePending, bearer, memberOf, type Registered } from '../helpers/employers.js';
import { bookBooth, createFair, type FairJson } from '../helpers/fairs.js';
import { createJob } from '../helpers/jobs.js';
import { Jar, submit } from '../helpers/pages.js';
import { enrolStudent } from '../helpers/students.js';
import { authorizeSigning, inviteOne, studentPost } from '../helpers/agreements.js';
import { putResume } from '../helpers/applications.js';

// One school per theme; no other test arranges anything on them.
const SITES = { classic: 'cwxu', portal: 'niit', campus: 'jsbc' } as const;
const SLUGS = Object.values(SITES);
/** A school the employer has not joined, for the application page. */
const UNJOINED = 'njnu';

interface Arranged {
  jobId: number;
  expiredJobId: number;
  /** waiting for review everywhere, so it may still be deleted */
  unapprovedJobId: number;
  announcementId: number;
  /** per school: a fair booked and approved, one booked and waiting for review, one not booked */
  fairs: Record<string, { approved: FairJson; pending: FairJson; open: FairJson }>;
  bookings: Record<string, number>;
  reviews: Record<string, number>;
  /** per school: a room holding a pending info session on `sessionDate` */
  rooms: Record<string, number>;
  sessionDate: string;
  /** per school: that pending info session */
  presentations: Record<string, number>;
  /** per school: a student of it and their application (one more waits for its interview) */
  applications: Record<string, { id: number; studentId: number; studentToken: string }>;
  /** per school: an agreement accepted by a student of it, waiting for the school */
  agreements: Record<string, number>;
}

interface Visit {
  path: string;
  /** the page lists rows in a table (the arrangement made sure there are some) */
  rows?: boolean;
}

const v = (path: string, rows = false): Visit => ({ path, rows });

/** Page routes visited, with the concrete paths on school `slug`. */
const VISIT: Record<string, (a: Arranged, slug: string) => Visit[]> = {
  '/employer': () => [v('/employer')],
  '/employer/profile': () => [v('/employer/profile')],
  '/employer/password': () => [v('/employer/password')],
  '/employer/letters/{form}': () => [
    v('/employer/letters/registration'),
    v('/employer/letters/registration-esign'),
  ],
  '/employer/messages': () => [v('/employer/messages')],
  '/employer/accounts': () => [v('/employer/accounts', true)],
  '/employer/roles': () => [v('/employer/roles', true)],
  '/employer/sites': () => [v('/employer/sites', true), v('/employer/sites?tab=unjoined', true)],
  '/employer/sites/{slug}/apply': () => [v(`/employer/sites/${UNJOINED}/apply`)],
  '/employer/jobs': () => [v('/employer/jobs', true), v('/employer/jobs?tab=expired', true)],
  '/employer/jobs/new': () => [v('/employer/jobs/new')],
  '/employer/jobs/push': (a) => [v(`/employer/jobs/push?ids=${a.jobId}`)],
  '/employer/jobs/{id}': (a) => [v(`/employer/jobs/${a.jobId}`, true)],
  '/employer/jobs/{id}/edit': (a) => [v(`/employer/jobs/${a.jobId}/edit`)],
  '/employer/jobs/{id}/expire': (a) => [v(`/employer/jobs/${a.jobId}/expire`)],
  '/employer/jobs/{id}/delete': (a) => [v(`/employer/jobs/${a.unapprovedJobId}/delete`)],
  '/employer/announcements': () => [v('/employer/announcements', true)],
  '/employer/announcements/new': () => [v('/employer/announcements/new')],
  '/employer/announcements/push': (a) => [v(`/employer/announcements/push?ids=${a.announcementId}`)],
  '/employer/announcements/{id}': (a) => [v(`/employer/announcements/${a.announcementId}`, true)],
  '/employer/announcements/{id}/edit': (a) => [v(`/employer/announcements/${a.announcementId}/edit`)],
  '/employer/announcements/{id}/delete': (a) => [v(`/employer/announcements/${a.announcementId}/delete`)],
  '/employer/fairs': () => [v('/employer/fairs', true)],
  '/employer/fairs/{id}': (a, s) => [v(`/employer/fairs/${a.fairs[s]!.open.id}`)],
  '/employer/fairs/{id}/book': (a, s) => [v(`/employer/fairs/${a.fairs[s]!.open.id}/book`)],
  '/employer/fair-bookings': () => [v('/employer/fair-bookings', true)],
  '/employer/fair-bookings/{id}': (a, s) => [v(`/employer/fair-bookings/${a.bookings[s]}`, true)],
  '/employer/fair-bookings/{id}/cancel': (a, s) => [v(`/employer/fair-bookings/${a.bookings[s]}/cancel`)],
  '/employer/fair-bookings/{id}/edit': (a, s) => [v(`/employer/fair-bookings/${a.bookings[s]}/edit`, true)],
  '/employer/presentations/new': (a, s) => [
    v('/employer/presentations/new'),
    v(`/employer/presentations/new?site=${s}&date=${a.sessionDate}`),
  ],
  '/employer/presentations': () => [v('/employer/presentations', true)],
  '/employer/presentations/{id}': (a, s) => [v(`/employer/presentations/${a.presentations[s]}`)],
  '/employer/presentations/{id}/edit': (a, s) => [v(`/employer/presentations/${a.presentations[s]}/edit`)],
  '/employer/presentations/{id}/cancel': (a, s) => [
    v(`/employer/presentations/${a.presentations[s]}/cancel`),
  ],
  '/employer/applications': () => [
    v('/employer/applications', true),
    v('/employer/applications?status=interview&degree=本科', true),
  ],
  '/employer/applications/interviews': () => [v('/employer/applications/interviews', true)],
  '/employer/applications/{id}': (a, s) => [v(`/employer/applications/${a.applications[s]!.id}`)],
  '/employer/applications/{id}/interview': (a, s) => [
    v(`/employer/applications/${a.applications[s]!.id}/interview`),
  ],
  '/student': () => [v('/student')],
  '/student/messages': () => [v('/student/messages')],
  '/student/password': () => [v('/student/password')],
  '/admin/students': () => [v('/admin/students', true), v('/admin/students?eSign=yes', true)],
  '/admin/students/import': () => [v('/admin/students/import')],
  '/admin/students/{id}': (a, s) => [v(`/admin/students/${a.applications[s]!.studentId}`)],
  '/student/resume': () => [v('/student/resume')],
  '/student/agreements': () => [v('/student/agreements')],
  '/student/applications': () => [v('/student/applications')],
  '/student/apply/{id}': (a) => [v(`/student/apply/${a.jobId}`)],
  '/student/applications/{id}/withdraw': (a, s) => [
    v(`/student/applications/${a.applications[s]!.id}/withdraw`),
  ],
  '/admin/students/{id}/applications': (a, s) => [
    v(`/admin/students/${a.applications[s]!.studentId}/applications`, true),
  ],
  '/employer/signing/authorization': () => [v('/employer/signing/authorization')],
  '/admin': () => [v('/admin')],
  '/admin/reviews': () => [v('/admin/reviews', true), v('/admin/reviews?status=all', true)],
  '/admin/reviews/{id}': (a, s) => [v(`/admin/reviews/${a.reviews[s]}`, true)],
  '/admin/fairs': () => [v('/admin/fairs', true)],
  '/admin/fairs/new': () => [v('/admin/fairs/new')],
  '/admin/fairs/{id}': (a, s) => [v(`/admin/fairs/${a.fairs[s]!.approved.id}`)],
  '/admin/fairs/{id}/bookings': (a, s) => [v(`/admin/fairs/${a.fairs[s]!.approved.id}/bookings`, true)],
  '/admin/fairs/{id}/check-in': (a, s) => [v(`/admin/fairs/${a.fairs[s]!.approved.id}/check-in`, true)],
  '/admin/rooms': () => [v('/admin/rooms', true)],
  '/admin/rooms/{id}': (a, s) => [v(`/admin/rooms/${a.rooms[s]}`)],
  '/admin/presentations': (a) => [
    v(`/admin/presentations?date=${a.sessionDate}&view=day`),
    v(`/admin/presentations?date=${a.sessionDate}&view=week`),
  ],
  '/employer/signing': () => [v('/employer/signing')],
  '/employer/agreements': () => [v('/employer/agreements', true), v('/employer/agreements?tab=failed')],
  '/employer/agreements/{id}': (a, s) => [v(`/employer/agreements/${a.agreements[s]}`)],
  '/admin/agreements': () => [v('/admin/agreements')],
  '/admin/settings': () => [v('/admin/settings', true)],
  '/admin/settings/audit': () => [v('/admin/settings/audit', true)],
  '/admin/embed': () => [v('/admin/embed')],
};

/** Page routes not visited, and why. */
const SKIP: Record<string, string> = {
  '/employer/files/{id}': 'streams an uploaded file, not a page',
  '/employer/fair-bookings/{id}/receipt': 'streams the uploaded payment receipt, not a page',
  '/employer/announcements/{id}/attachments/{fileId}': 'streams an attachment, not a page',
  '/admin/files/{id}': 'streams an uploaded file, not a page',
  '/admin/fairs/{id}/bookings.xlsx': 'an Excel download, not a page',
  '/employer/presentations/{id}/certificate': 'the 参会凭证 PDF download, not a page',
  '/employer/applications/{id}/resume.pdf': 'the résumé PDF download, not a page',
  '/employer/applications/{id}/attachment': "the student's attached PDF, a download, not a page",
  '/employer/agreements/{id}/document': 'the agreement PDF download, not a page',
  '/employer/agreements/export': 'the Excel export of a tab, not a page',
  '/admin/students/template.xlsx': 'the roster template, an Excel download, not a page',
  '/student/resume/attachment': 'streams the student’s résumé PDF attachment, not a page',
  '/student/agreements/{id}/{action}':
    'the browser’s student (the applicant) holds no agreement; the signer’s confirmation pages are not visited yet',
};

/** GET routes of employer and staff pages, as the server's route table has them. */
async function pageRoutes(): Promise<string[]> {
  const { server } = await getDeployment();
  return server
    .table()
    .filter((r) => r.method === 'get')
    .filter((r) => {
      const audience = (r.settings.app as { page?: { audience?: string } } | undefined)?.page?.audience;
      return audience === 'employer' || audience === 'staff' || audience === 'student';
    })
    .map((r) => r.path);
}

async function arrange(): Promise<{ employer: Registered; arranged: Arranged }> {
  const employer = await memberOf(SLUGS);
  await authorizeSigning(employer);
  const agreements: Arranged['agreements'] = {};
  const job = await createJob(employer, { title: '软件开发工程师（2027 届校园招聘）', siteSlugs: SLUGS });
  const expired = await createJob(employer, { title: '测试工程师', siteSlugs: SLUGS });
  const unapproved = await createJob(employer, { title: '销售代表', siteSlugs: [SITES.campus] });
  for (const slug of SLUGS)
    await approvePending(
      slug,
      (r) => r.subject_type === 'job' && r.employer_id === employer.employerId && r.subject_id === job.id,
    );
  const expire = await inject({
    method: 'POST',
    url: `/api/v1/employer/jobs/${expired.id}/expire`,
    headers: bearer(employer.token),
    payload: {},
  });
  expect(expire.statusCode, expire.payload).to.equal(200);
  const ann = await inject({
    method: 'POST',
    url: '/api/v1/employer/announcements',
    headers: bearer(employer.token),
    payload: {
      title: '2027 届校园招聘公告',
      body: '欢迎各专业应届毕业生关注本单位校园招聘。',
      siteSlugs: SLUGS,
    },
  });
  expect(ann.statusCode, ann.payload).to.equal(201);

  const fairs: Arranged['fairs'] = {};
  const bookings: Arranged['bookings'] = {};
  const reviews: Arranged['reviews'] = {};
  const rooms: Arranged['rooms'] = {};
  const presentations: Arranged['presentations'] = {};
  const applications: Arranged['applications'] = {};
  const { app } = await getDeployment();
  const sessionDate = new Date(
    Date.parse(`${app.clock.today()}T00:00:00+08:00`) + 3 * 86_400_000 + 8 * 3_600_000,
  )
    .toISOString()
    .slice(0, 10);
  for (const slug of SLUGS) {
    const approved = await createFair(slug, {
      title: '2027 届毕业生秋季大型双选会',
      fee: { amount: 500, payment: 'after_approval' },
    });
    const pending = await createFair(slug);
    const open = await createFair(slug);
    fairs[slug] = { approved, pending, open };
    const employerJob = { token: employer.token, jobId: job.id };
    const a = await bookBooth(employerJob, approved.id, approved.venues[0]!.booths[0]!.id);
    expect(a.statusCode, a.payload).to.equal(201);
    bookings[slug] = json<{ id: number }>(a).id;
    await approvePending(slug, (r) => r.subject_type === 'fair_booking' && r.subject_id === bookings[slug]);
    const p = await bookBooth(employerJob, pending.id, pending.venues[0]!.booths[0]!.id);
    expect(p.statusCode, p.payload).to.equal(201);
    const review = await app
      .db('reviews')
      .where({ subject_type: 'fair_booking', subject_id: json<{ id: number }>(p).id, status: 'pending' })
      .first('id');
    expect(review, `a pending review of the booking at ${slug}`).to.not.equal(undefined);
    reviews[slug] = (review as { id: number }).id;
    // one change of the site's settings, for the audit list
    const put = await inject({
      method: 'PUT',
      url: `/api/v1/admin/sites/${slug}/settings`,
      headers: bearer(await staffToken(`${slug}.admin`)),
      payload: { widgetOrigins: [`https://phone-width.${slug}.example.cn`] },
    });
    expect(put.statusCode, put.payload).to.equal(200);
    // a room and a pending info session in it, for the rooms editor and the calendar
    const room = await inject({
      method: 'POST',
      url: `/api/v1/admin/sites/${slug}/rooms`,
      headers: bearer(await staffToken(`${slug}.admin`)),
      payload: { name: '图书馆一楼报告厅（仙林校区）', building: '图书馆', capacity: 300, bookable: true },
    });
    expect(room.statusCode, room.payload).to.equal(201);
    rooms[slug] = json<{ id: number }>(room).id;
    const session = await inject({
      method: 'POST',
      url: '/api/v1/employer/presentations',
      headers: bearer(employer.token),
      payload: {
        siteSlug: slug,
        mode: 'offline',
        roomId: rooms[slug],
        title: '2027 届校园招聘宣讲会（研发、测试、产品岗位）',
        startsAt: `${sessionDate}T14:00:00+08:00`,
        endsAt: `${sessionDate}T16:00:00+08:00`,
        description: '招聘简章',
        jobIds: [],
        contacts: [{ name: '李四', phone: '13912345678' }],
      },
    });
    expect(session.statusCode, session.payload).to.equal(201);
    presentations[slug] = json<{ id: number }>(session).id;
    // applications to the job: one new, one waiting for its interview (for 收到的简历, 待面试 and the staff view)
    const resume = JSON.stringify({ summary: '计算机科学与技术专业，熟悉 Java 与数据库。' });
    const applicant = await enrolStudent(slug, { name: '欧阳明月' });
    const waiting = await enrolStudent(slug, { name: '司马长风' });
    const [appRow] = await app
      .db('applications')
      .insert(
        [applicant, waiting].map((st, i) => ({
          job_id: job.id,
          employer_id: employer.employerId,
          student_id: st.id,
          site_id: st.siteId,
          status: i === 0 ? 'submitted' : 'interview',
          resume,
        })),
      )
      .returning('id');
    const signer = await enrolStudent(slug, { name: '上官签约' });
    agreements[slug] = await inviteOne(employer.token, signer.id);
    const accepted = await studentPost(signer.token, agreements[slug], 'accept');
    expect(accepted.statusCode, accepted.payload).to.equal(200);
    applications[slug] = {
      id: (appRow as { id: number }).id,
      studentId: applicant.id,
      studentToken: applicant.token,
    };
    await putResume(applicant);
  }
  return {
    employer,
    arranged: {
      jobId: job.id,
      expiredJobId: expired.id,
      unapprovedJobId: unapproved.id,
      announcementId: json<{ id: number }>(ann).id,
      fairs,
      bookings,
      reviews,
      rooms,
      sessionDate,
      applications,
      agreements,
      presentations,
    },
  };
}

/** Signs in through the site's own login form and hands the session cookie to the browser. */
async function signIn(
  context: BrowserContext,
  base: string,
  slug: string,
  area: 'employer' | 'admin',
  fields: Record<string, string>,
): Promise<void> {
  const jar = new Jar();
  const login = `/s/${slug}/${area}/login`;
  const res = await submit(login, login, fields, jar);
  expect(res.statusCode, res.payload.slice(0, 300)).to.equal(303);
  const name = area === 'employer' ? 'xz_employer' : 'xz_staff';
  const value = jar.cookies.get(name);
  expect(value, `${name} after signing in at ${slug}`).to.be.a('string');
  const { hostname } = new URL(base);
  await context.addCookies([{ name, value: value!, domain: hostname, path: `/s/${slug}` }]);
}

/** What is wrong with the page at phone width (empty when nothing is). */
function problemsOf(page: Page): Promise<{ problems: string[]; rows: number }> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = window.innerWidth;
    const sw = document.documentElement.scrollWidth;
    if (sw > vw) {
      const wide = Array.from(document.body.querySelectorAll('*')).filter((el) => {
        if (el.getBoundingClientRect().right <= vw + 0.5) return false;
        for (let up = el.parentElement; up; up = up.parentElement)
          if (getComputedStyle(up).overflowX !== 'visible' && up.getBoundingClientRect().right <= vw + 0.5)
            return false;
        return true;
      });
      const last = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
      const names = last
        .slice(0, 3)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${el.textContent?.slice(0, 30)}`);
      problems.push(`the document is ${sw}px wide in a ${vw}px window (${names.join(', ')})`);
    }
    let rows = 0;
    for (const table of Array.from(document.querySelectorAll('table'))) {
      if (table.getClientRects().length === 0) continue;
      const name = table.caption?.textContent?.trim() || table.className;
      for (const row of Array.from(table.querySelectorAll(':scope > tbody > tr'))) {
        rows += 1;
        for (const cell of Array.from(row.children)) {
          if (cell.getClientRects().length === 0) continue;
          const label = cell.getAttribute('data-label');
          const head =
            table.tHead?.rows[0]?.cells[(cell as HTMLTableCellElement).cellIndex]?.textContent?.trim();
          if (!label) problems.push(`${name}: a cell without data-label: ${cell.outerHTML.slice(0, 80)}`);
          else if (head !== undefined && head !== label)
            problems.push(`${name}: a cell labelled ${label} in the column ${head}`);
          const style = getComputedStyle(cell);
          const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          const em = parseFloat(style.fontSize);
          if (room < 8 * em)
            problems.push(
              `${name}: cell ${label ?? '?'} has room for ${Math.floor(room / em)} characters a line`,
            );
        }
      }
    }
    for (const badge of Array.from(document.querySelectorAll('.xz-badge'))) {
      if (badge.getClientRects().length === 0) continue;
      const r = badge.getBoundingClientRect();
      const text = badge.textContent?.trim();
      if (r.left < 0 || r.right > vw + 0.5) {
        problems.push(`badge ${text} spans ${Math.round(r.left)}–${Math.round(r.right)}px`);
        continue;
      }
      for (let el = badge.parentElement; el; el = el.parentElement) {
        const overflow = getComputedStyle(el).overflowX;
        if (overflow === 'visible') continue;
        const box = el.getBoundingClientRect();
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5) {
          problems.push(`badge ${text} is cut by ${el.tagName.toLowerCase()}.${el.className}`);
          break;
        }
      }
    }
    // a field is typed into at full width: one squeezed or pushed to a side of its form is a broken layout
    for (const field of Array.from(
      document.querySelectorAll(
        'form input:not([type=checkbox]):not([type=radio]):not([type=hidden]):not([type=submit]):not([type=color]), form select, form textarea',
      ),
    )) {
      if (field.getClientRects().length === 0 || field.closest('table, .xz-input-group')) continue;
      const form = field.closest('form')!;
      const share = field.getBoundingClientRect().width / form.getBoundingClientRect().width;
      if (share < 0.4)
        problems.push(
          `field ${field.getAttribute('name')} takes ${Math.round(share * 100)}% of its form's width`,
        );
    }
    return { problems, rows };
  });
}

describe('e2e: every employer and staff page at 375 px', function () {
  this.timeout(240_000);
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base = '';
  let arranged: Arranged;

  before(async function () {
    this.timeout(120_000);
    base = await listeningBase();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const { employer, arranged: a } = await arrange();
    arranged = a;
    for (const slug of SLUGS) {
      await signIn(context, base, slug, 'employer', { phone: employer.phone, password: employer.password });
      await signIn(context, base, slug, 'admin', { username: `${slug}.admin`, password: 'xiaozhao-demo' });
      // the applicant's student session (its token is what the student login sets)
      const { hostname } = new URL(base);
      const value = a.applications[slug]!.studentToken;
      await context.addCookies([{ name: 'xz_student', value, domain: hostname, path: `/s/${slug}` }]);
    }
    page = await context.newPage();
  });

  after(async () => {
    await browser?.close();
    const { app } = await getDeployment();
    for (const slug of SLUGS) {
      const site = app.sites.get(slug)!;
      await app.db('site_settings').where({ site_id: site.id }).delete();
      await app.db('site_settings_audit').where({ site_id: site.id }).delete();
      await reloadSite(app.db, app.sites, app.tenantPlugins, app.themes, app.manifests, slug);
    }
  });

  it('visits or skips every employer and staff page route, and names no route that does not exist', async () => {
    const routes = await pageRoutes();
    const forgotten = routes.filter((r) => !(r in VISIT) && !(r in SKIP));
    expect(forgotten, 'page routes neither visited nor skipped: add them to VISIT or SKIP').to.deep.equal([]);
    const stale = [...Object.keys(VISIT), ...Object.keys(SKIP)].filter((r) => !routes.includes(r));
    expect(stale, 'VISIT or SKIP names routes the server does not have').to.deep.equal([]);
  });

  it('puts the page before the long employer menu on a phone, with 菜单 in the bar jumping to it; not on a desktop', async () => {
    const slug = SITES.classic;
    // a string, so the TypeScript loader adds no helpers to code that runs in the page
    const positions = async (p: Page) =>
      (await p.evaluate(`({
        title: document.querySelector('.xz-centre__content .xz-title').getBoundingClientRect().top,
        menu: document.querySelector('#xz-centre-menu').getBoundingClientRect().top,
        link: getComputedStyle(document.querySelector('.xz-centre__menu-link')).display,
      })`)) as { title: number; menu: number; link: string };
    await page.goto(`${base}/s/${slug}/employer/applications`);
    const phone = await positions(page);
    expect(phone.title).to.be.below(phone.menu);
    expect(phone.link).to.not.equal('none');
    await page.locator('.xz-centre__menu-link').click();
    expect(new URL(page.url()).hash).to.equal('#xz-centre-menu');
    expect(await page.locator('#xz-centre-menu').isVisible()).to.equal(true);

    const wide = await context.newPage();
    await wide.setViewportSize({ width: 1280, height: 800 });
    await wide.goto(`${base}/s/${slug}/employer/applications`);
    const desktop = await positions(wide);
    expect(desktop.link).to.equal('none');
    expect(Math.abs(desktop.title - desktop.menu)).to.be.below(40); // side by side
    await wide.close();
  });

  for (const [theme, slug] of Object.entries(SITES)) {
    it(`shows every page of ${slug} (${theme}) without sideways scrolling, cut badges or squeezed columns`, async () => {
      const { app } = await getDeployment();
      expect(app.sites.get(slug)!.theme.name).to.equal(theme);
      const found: string[] = [];
      for (const visits of Object.values(VISIT)) {
        for (const visit of visits(arranged, slug)) {
          const url = `${base}/s/${slug}${visit.path}`;
          const res = await page.goto(url);
          const where = `${slug} ${visit.path}`;
          if (res?.status() !== 200 || /\/login$/.test(new URL(page.url()).pathname)) {
            found.push(`${where}: answered ${res?.status()} at ${page.url()}`);
            continue;
          }
          const { problems, rows } = await problemsOf(page);
          if (visit.rows && rows === 0) problems.push('no table rows to check');
          found.push(...problems.map((p) => `${where}: ${p}`));
        }
      }
      expect(found).to.deep.equal([]);
    });
  }
});
