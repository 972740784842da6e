import { expect } from 'chai';
import type { ServerInjectResponse } from '@hapi/hapi';
import { getDeployment, inject } from '../helpers/deployment.js';
import { memberOf, nextName, nextPhone, nextUscc, smsCode, type Registered } from '../helpers/employers.js';
import { createJob } from '../helpers/jobs.js';
import { csrfField, get, Jar, setCookies, submit } from '../helpers/pages.js';
import { enrolStudent } from '../helpers/students.js';

// One-time form tokens (core/pages/form-once.ts): a creating form posted twice with the same token — a double click,
// a reload after the answer, two requests at once — creates one row, and every submit lands where the first did.

/** The hidden one-time token of the page's form. */
function onceField(html: string): string {
  const m = /name="xz_once" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error(`no form token on the page: ${html.slice(0, 300)}`);
  return m[1];
}

interface Form {
  csrf: string;
  once: string;
}

async function openForm(url: string, jar: Jar): Promise<Form> {
  const page = await get(url, jar);
  expect(page.statusCode, page.payload.slice(0, 300)).to.equal(200);
  return { csrf: csrfField(page.payload), once: onceField(page.payload) };
}

/** Posts the form as the browser would, with the token of the page it was typed into; cookies as they were then. */
function post(
  action: string,
  form: Form,
  fields: Record<string, string | string[]>,
  cookie: string,
): Promise<ServerInjectResponse> {
  const body = new URLSearchParams({ xz_csrf: form.csrf, xz_once: form.once });
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return inject({
    method: 'POST',
    url: action,
    payload: body.toString(),
    headers: { cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
  });
}

function sessionCookie(res: ServerInjectResponse): string | undefined {
  const line = setCookies(res).find((c) => c.startsWith('xz_employer='));
  return line?.slice('xz_employer='.length).split(';')[0];
}

const JOB = {
  title: '测试开发工程师',
  category: '技术研发',
  degree: '本科',
  headcount: '2',
  salaryMin: '7000',
  salaryMax: '12000',
  description: '负责自动化测试平台的开发与维护，欢迎计算机相关专业的应届毕业生。',
  majors: '',
  cities: ['320100'],
};

describe('one-time form tokens', () => {
  describe('POST /employer/register', () => {
    it('registers once when 注册 is clicked twice, and the second click lands signed in on the same page', async () => {
      const { app } = await getDeployment();
      const phone = nextPhone();
      const uscc = nextUscc();
      const jar = new Jar();
      const form = await openForm('/s/nju/employer/register', jar);
      const fields = {
        name: nextName(),
        uscc,
        contactName: '钱经理',
        contactPhone: phone,
        smsCode: await smsCode(phone, 'register'),
        password: 'secret123',
        passwordConfirm: 'secret123',
        email: '',
        enableESign: 'false',
      };
      const cookie = jar.header();
      const first = await post('/s/nju/employer/register', form, fields, cookie);
      const second = await post('/s/nju/employer/register', form, fields, cookie);
      expect(first.statusCode, first.payload).to.equal(303);
      expect(second.statusCode, second.payload).to.equal(303);
      expect(second.payload).to.not.include('验证码错误或已过期');
      expect(second.headers.location).to.equal(first.headers.location);
      expect(second.headers.location).to.equal('/s/nju/employer/profile?done=registered');
      expect(await app.db('employers').where({ uscc }).count('* as n').first()).to.deep.equal({ n: 1 });
      // A browser shows only the second answer: it must sign in as the first did.
      const session = sessionCookie(second);
      expect(session).to.be.a('string').and.not.equal('');
      const signedIn = new Jar();
      signedIn.cookies.set('xz_employer', session!);
      const profile = await get('/s/nju/employer/profile', signedIn);
      expect(profile.statusCode).to.equal(200);
      expect(profile.payload).to.include(fields.name);
    });
  });

  describe('POST /employer/jobs/new', () => {
    let reg: Registered;
    let jar: Jar;

    before(async function () {
      this.timeout(60_000);
      reg = await memberOf([]);
      jar = new Jar();
      const res = await submit(
        '/s/nju/employer/login',
        '/s/nju/employer/login',
        { mode: 'password', phone: reg.phone, password: reg.password },
        jar,
      );
      expect(res.statusCode, res.payload).to.equal(303);
    });

    const jobCount = async (title: string) => {
      const { app } = await getDeployment();
      const row = (await app
        .db('jobs')
        .where({ employer_id: reg.employerId, title })
        .count('* as n')
        .first()) as {
        n: string | number;
      };
      return Number(row.n);
    };

    it('creates one job for two submits one after the other; both go to that job', async () => {
      const title = '测试开发工程师（先后两次）';
      const form = await openForm('/s/nju/employer/jobs/new', jar);
      const first = await post('/s/nju/employer/jobs/new', form, { ...JOB, title }, jar.header());
      const second = await post('/s/nju/employer/jobs/new', form, { ...JOB, title }, jar.header());
      expect(first.statusCode, first.payload).to.equal(303);
      expect(first.headers.location).to.match(/^\/s\/nju\/employer\/jobs\/\d+\?done=job-created$/);
      expect(second.statusCode).to.equal(303);
      expect(second.headers.location).to.equal(first.headers.location);
      expect(await jobCount(title)).to.equal(1);
    });

    it('creates exactly one job when the same form arrives three times at once', async () => {
      const title = '测试开发工程师（同时三次）';
      const form = await openForm('/s/nju/employer/jobs/new', jar);
      const answers = await Promise.all(
        [1, 2, 3].map(() => post('/s/nju/employer/jobs/new', form, { ...JOB, title }, jar.header())),
      );
      expect(answers.map((a) => a.statusCode)).to.deep.equal([303, 303, 303]);
      expect(new Set(answers.map((a) => a.headers.location)).size).to.equal(1);
      expect(await jobCount(title)).to.equal(1);
    });

    it('gives the token back when the form had errors: the corrected form is then created', async () => {
      const title = '测试开发工程师（先错后改）';
      const form = await openForm('/s/nju/employer/jobs/new', jar);
      const wrong = await post(
        '/s/nju/employer/jobs/new',
        form,
        { ...JOB, title, headcount: '' },
        jar.header(),
      );
      expect(wrong.statusCode).to.equal(400);
      expect(wrong.payload).to.include(`value="${title}"`);
      expect(await jobCount(title)).to.equal(0);
      const right = await post('/s/nju/employer/jobs/new', form, { ...JOB, title }, jar.header());
      expect(right.statusCode, right.payload).to.equal(303);
      expect(await jobCount(title)).to.equal(1);
    });

    it('creates two jobs from two forms opened one after the other', async () => {
      const title = '测试开发工程师（两张表单）';
      for (let i = 0; i < 2; i += 1) {
        const form = await openForm('/s/nju/employer/jobs/new', jar);
        const res = await post('/s/nju/employer/jobs/new', form, { ...JOB, title }, jar.header());
        expect(res.statusCode).to.equal(303);
      }
      expect(await jobCount(title)).to.equal(2);
    });

    it('keeps no session in the table: only a hash of the token, and the answer sealed', async () => {
      const { app } = await getDeployment();
      const form = await openForm('/s/nju/employer/jobs/new', jar);
      await post('/s/nju/employer/jobs/new', form, { ...JOB, title: '测试开发工程师（存储）' }, jar.header());
      const rows = (await app.db('idempotency_keys').where({ principal: 'form' })) as {
        key: string;
        response_body: string;
      }[];
      expect(rows.length).to.be.greaterThan(0);
      for (const r of rows) {
        expect(r.key).to.not.equal(form.once);
        expect(r.response_body).to.not.include('/employer/');
      }
    });
  });
  describe('action forms (every page POST, without declaring it)', () => {
    it('marks 拟录用 once when the button is clicked twice: both clicks land on the application, no 409', async () => {
      const { app } = await getDeployment();
      const reg = await memberOf(['nju']);
      const jar = new Jar();
      const login = await submit(
        '/s/nju/employer/login',
        '/s/nju/employer/login',
        { mode: 'password', phone: reg.phone, password: reg.password },
        jar,
      );
      expect(login.statusCode, login.payload).to.equal(303);
      const job = await createJob(reg, { siteSlugs: ['nju'], title: '双击测试职位' });
      const student = await enrolStudent('nju');
      const [row] = await app
        .db('applications')
        .insert({
          job_id: job.id,
          employer_id: reg.employerId,
          student_id: student.id,
          site_id: student.siteId,
          status: 'viewed',
          resume: JSON.stringify({ summary: '双击' }),
        })
        .returning('id');
      const id = (row as { id: number }).id;
      const form = await openForm(`/s/nju/employer/applications/${id}`, jar);
      const action = `/s/nju/employer/applications/${id}/offer`;
      const [first, second] = await Promise.all([
        post(action, form, {}, jar.header()),
        post(action, form, {}, jar.header()),
      ]);
      expect(first.statusCode, first.payload.slice(0, 300)).to.equal(303);
      expect(second.statusCode, second.payload.slice(0, 300)).to.equal(303);
      expect(second.headers.location).to.equal(first.headers.location);
      expect(first.headers.location).to.match(/\/employer\/applications\/\d+\?done=offered$/);
      const events = await app.db('application_events').where({ application_id: id, to_status: 'offer' });
      expect(events).to.have.length(1);
      // a later submit of the same page (a reload) lands there too instead of saying the state is wrong
      const again = await post(action, form, {}, jar.header());
      expect(again.statusCode).to.equal(303);
      expect(again.headers.location).to.equal(first.headers.location);
    });
  });
});
