// The signing pages as a browser without JavaScript uses them: 发送签约邀请 (candidates, add to the list, one offer form
// for the selected students with every field error at once and the values kept, per-student refusals), 签约解约管理
// (six tabs, detail, PDF, export, termination), the student's 我的签约 (accept after a confirmation page) and the
// school's confirmation queue; an employer without an authorisation is told why.
import { expect } from 'chai';
import { addDays } from '../../core/format/index.js';
import { getDeployment, inject, staffToken } from '../helpers/deployment.js';
import { memberOf, registerEmployer, type Registered } from '../helpers/employers.js';
import { createJob } from '../helpers/jobs.js';
import { authorizeSigning, inviteOne, studentPost } from '../helpers/agreements.js';
import { csrfField, get, Jar } from '../helpers/pages.js';
import { enrolStudent } from '../helpers/students.js';

const jarOf = (kind: 'employer' | 'staff' | 'student', token: string) => {
  const jar = new Jar();
  jar.cookies.set(`xz_${kind}`, token);
  return jar;
};

async function post(
  url: string,
  jar: Jar,
  page: string,
  fields: Record<string, string | string[]>,
  host?: string,
) {
  const headers: Record<string, string> = host ? { host } : {};
  const form = await get(page, jar, headers);
  const body = new URLSearchParams();
  body.append('xz_csrf', csrfField(form.payload));
  const once = /name="xz_once" value="([^"]*)"/.exec(form.payload)?.[1];
  if (once) body.append('xz_once', once);
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return jar.take(
    await inject({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: {
        ...headers,
        cookie: jar.header(),
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
      },
    }),
  );
}

const decode = (html: string) => html.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');

describe('signing pages', () => {
  let employer: Registered;
  before(async () => {
    employer = await memberOf(['nju']);
    await authorizeSigning(employer);
  });

  it('tells an employer without an authorisation why, with a link to 签约授权', async () => {
    const none = await registerEmployer();
    const res = await get('/employer/signing', jarOf('employer', none.token));
    expect(res.statusCode).to.equal(200);
    expect(res.payload).to.include('前往签约授权');
    expect(res.payload).to.include('/employer/signing/authorization');
    expect(res.payload).to.not.include('发送签约邀请</button>');
  });

  it('invites from the candidates: add to the list, every field error at once, then sent with refusals', async () => {
    const { app } = await getDeployment();
    const jar = jarOf('employer', employer.token);
    const offered = await enrolStudent('nju', { name: '页面拟录用' });
    const job = await createJob(employer, { siteSlugs: ['nju'] });
    await app.db('applications').insert({
      job_id: job.id,
      employer_id: employer.employerId,
      student_id: offered.id,
      site_id: offered.siteId,
      resume: '{}',
      status: 'offer',
    });
    const blocked = await enrolStudent('seu', { name: '页面不可签', eSignEligible: false });
    const page = await get('/employer/signing', jar);
    expect(page.statusCode).to.equal(200);
    expect(page.payload).to.include('页面拟录用');
    const add = /href="([^"]*add=[^"]*)"/.exec(decode(page.payload))![1]!;
    const listed = await get(add, jar);
    expect(listed.payload).to.include(`data-listed="${offered.id}"`);
    // an exact search finds the ineligible student and says so
    const search = await get(`/employer/signing?q=${blocked.idNumber}`, jar);
    expect(search.payload).to.include('该学生不能进行网签');
    const entry = /name="students" value="([^"]+)"/.exec(listed.payload)![1]!;
    const bad = await post('/employer/signing', jar, add, {
      list: entry,
      students: entry,
      position: '',
      salaryMonthly: 'abc',
      probationMonths: '3',
      contractYears: '3',
      workPlace: '南京',
      archiveForward: 'yes',
      archiveAddress: '',
      respondBy: addDays(app.clock.today(), 10),
    });
    expect(bad.statusCode).to.equal(400);
    for (const field of ['position', 'salaryMonthly', 'archiveAddress'])
      expect(bad.payload, field).to.include(`id="xz-f-inv-${field}-error"`);
    expect(bad.payload).to.include('value="南京"');
    const sent = await post('/employer/signing', jar, add, {
      list: entry,
      students: entry,
      position: '测试工程师',
      salaryMonthly: '9000',
      probationMonths: '3',
      contractYears: '3',
      workPlace: '南京',
      respondBy: addDays(app.clock.today(), 10),
    });
    expect(sent.statusCode, sent.payload).to.equal(303);
    const after = await get(String(sent.headers.location), jar);
    expect(after.payload).to.include('已向 1 名学生发出签约邀请');
    const rows = await app
      .db('agreements')
      .where({ employer_id: employer.employerId, student_id: offered.id });
    expect(rows.map((r: { status: string; position: string }) => [r.status, r.position])).to.deep.equal([
      ['invited', '测试工程师'],
    ]);
    // the same student again: refused, and said so per student
    const again = await post('/employer/signing', jar, add, {
      list: entry,
      students: entry,
      position: '测试工程师',
      salaryMonthly: '9000',
      probationMonths: '3',
      contractYears: '3',
      workPlace: '南京',
      respondBy: addDays(app.clock.today(), 10),
    });
    const refusedPage = await get(String(again.headers.location), jar);
    expect(refusedPage.payload).to.include('以下学生未能发出邀请');
    expect(refusedPage.payload).to.include('页面拟录用：已向该学生发出签约邀请或已与其签约，不能重复邀约');
    // a hand-made list entry is ignored
    const forged = await get(`/employer/signing?list=${offered.id + 1}.AAAAAAAAAAAA`, jar);
    expect(forged.payload).to.not.include('data-listed=');
  });

  it('student accepts after confirming, the school confirms, the employer downloads the PDF and terminates', async () => {
    const { app } = await getDeployment();
    const student = await enrolStudent('nju', { name: '页面学生' });
    const id = await inviteOne(employer.token, student.id);
    const sJar = jarOf('student', student.token);
    const mine = await get('/student/agreements', sJar, { host: 'nju.localhost' });
    expect(mine.statusCode).to.equal(200);
    expect(mine.payload).to.include(employer.name);
    const confirm = await get(`/student/agreements/${id}/accept`, sJar, { host: 'nju.localhost' });
    expect(confirm.payload).to.include('接受后，您的其他签约邀请将自动撤回');
    const accepted = await post(
      `/student/agreements/${id}/accept`,
      sJar,
      `/student/agreements/${id}/accept`,
      {},
      'nju.localhost',
    );
    expect(accepted.statusCode, accepted.payload).to.equal(303);
    expect((await app.db('agreements').where('id', id).first()).status).to.equal('accepted');

    const staff = jarOf('staff', await staffToken('nju.admin'));
    const queue = await get(`/admin/agreements?q=${encodeURIComponent('页面学生')}`, staff, {
      host: 'nju.localhost',
    });
    expect(queue.payload).to.include(`data-agreement="${id}"`);
    const seu = await get(
      `/admin/agreements?q=${encodeURIComponent('页面学生')}`,
      jarOf('staff', await staffToken('seu.admin')),
      {
        host: 'seu.localhost',
      },
    );
    expect(seu.payload).to.not.include(`data-agreement="${id}"`);
    const done = await post(
      `/admin/agreements/${id}/confirm`,
      staff,
      '/admin/agreements',
      {},
      'nju.localhost',
    );
    expect(done.statusCode, done.payload).to.equal(303);
    expect((await app.db('agreements').where('id', id).first()).status).to.equal('signed');

    const jar = jarOf('employer', employer.token);
    const home = await get('/employer', jar);
    expect(home.payload).to.match(
      /本学年签约（\d{4}–\d{4}学年）：<strong class="xz-number">[1-9]\d*<\/strong> 人/,
    );
    const list = await get('/employer/agreements?tab=signed', jar);
    expect(list.payload).to.include(`data-agreement="${id}"`);
    expect(list.payload).to.include(`/employer/agreements/${id}/document`);
    const pdf = await get(`/employer/agreements/${id}/document`, jar);
    expect(pdf.statusCode).to.equal(200);
    expect(pdf.headers['content-type']).to.equal('application/pdf');
    const xlsx = await get('/employer/agreements/export?tab=signed', jar);
    expect(xlsx.headers['content-type']).to.include('spreadsheetml');
    const detail = `/employer/agreements/${id}`;
    const empty = await post(`${detail}/termination`, jar, detail, { reason: '' });
    expect(empty.statusCode).to.equal(400);
    expect(empty.payload).to.include('请填写解约原因');
    const asked = await post(`${detail}/termination`, jar, detail, { reason: '业务调整' });
    expect(asked.statusCode).to.equal(303);
    expect((await app.db('agreements').where('id', id).first()).status).to.equal('terminating');
    const studentView = await get('/student/agreements', sJar, { host: 'nju.localhost' });
    expect(studentView.payload).to.include('同意解约');
  });

  it('another employer’s agreement page is not found', async () => {
    const other = await memberOf([]);
    await authorizeSigning(other);
    const s = await enrolStudent('nju');
    const id = await inviteOne(employer.token, s.id);
    expect((await get(`/employer/agreements/${id}`, jarOf('employer', other.token))).statusCode).to.equal(
      404,
    );
    expect(
      (await get(`/employer/agreements/${id}/document`, jarOf('employer', other.token))).statusCode,
    ).to.equal(404);
    const otherStudent = await enrolStudent('nju');
    expect(
      (
        await get(`/student/agreements/${id}/accept`, jarOf('student', otherStudent.token), {
          host: 'nju.localhost',
        })
      ).statusCode,
    ).to.equal(404);
    await studentPost(s.token, id, 'decline');
  });
});
