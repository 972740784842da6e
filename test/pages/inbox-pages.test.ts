// 收到的简历 pages of the employer centre on nju, driven like a browser (cookie, CSRF field): the list with tabs, counts
// and filters kept in the batch form, batch 拟录用 with the refusals named, the detail (masked ID number, recorded
// view), the 邀请面试 form (every error at once, typed values kept, then 201 → 已邀请面试), 待面试, and the school's view
// of a student's applications — another school's staff and another employer get 404.
import { expect } from 'chai';
import { HtmlValidate } from 'html-validate';
import { getDeployment } from '../helpers/deployment.js';
import { memberOf, PDF, type Registered } from '../helpers/employers.js';
import { createJob } from '../helpers/jobs.js';
import { get as getPage, Jar, submit } from '../helpers/pages.js';
import { enrolStudent, type Enrolled } from '../helpers/students.js';

const validator = new HtmlValidate({ extends: ['html-validate:standard'] });

async function assertValidHtml(html: string, what: string): Promise<void> {
  const report = await validator.validateString(html);
  const problems = report.results
    .flatMap((r) => r.messages)
    .map((m) => `${m.line}: ${m.ruleId}: ${m.message}`);
  expect(problems, `${what}\n${problems.join('\n')}`).to.deep.equal([]);
}

async function get(url: string, jar: Jar) {
  const res = await getPage(url, jar);
  return Object.assign(res, { payload: res.payload.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&') });
}

async function jarOf(e: Registered): Promise<Jar> {
  const { app } = await getDeployment();
  const row = (await app.services.accounts!.byId(e.accountId))!;
  const jar = new Jar();
  jar.cookies.set('xz_employer', app.principals.sign(app.services.accounts!.payload(row)));
  return jar;
}

async function staffJar(username: string): Promise<Jar> {
  const { app } = await getDeployment();
  const { payload } = await app.services.staff!.login(username, 'xiaozhao-demo', '127.0.0.1');
  const jar = new Jar();
  jar.cookies.set('xz_staff', app.principals.sign(payload));
  return jar;
}

async function apply(job: { id: number }, employer: Registered, student: Enrolled, status = 'submitted') {
  const { app } = await getDeployment();
  const [row] = await app
    .db('applications')
    .insert({
      job_id: job.id,
      employer_id: employer.employerId,
      student_id: student.id,
      site_id: student.siteId,
      status,
      resume: JSON.stringify({ summary: '喜欢写代码', skills: ['Go'] }),
    })
    .returning('id');
  return (row as { id: number }).id;
}

describe('employer inbox pages (收到的简历)', () => {
  let employer: Registered;
  let jar: Jar;
  let job: { id: number };

  before(async () => {
    employer = await memberOf(['nju']);
    jar = await jarOf(employer);
    job = await createJob(employer, { siteSlugs: ['nju'], title: '数据分析师' });
  });

  it('lists with tabs and counts, keeps the filters in the batch form, and names each refusal', async () => {
    const s1 = await enrolStudent('nju', { name: '页面甲', degree: '硕士' });
    const s2 = await enrolStudent('nju', { name: '页面乙', degree: '硕士' });
    const fresh = await apply(job, employer, s1);
    const done = await apply(job, employer, s2, 'rejected');
    const list = await get('/s/nju/employer/applications?degree=硕士', jar);
    expect(list.statusCode, list.payload.slice(0, 300)).to.equal(200);
    expect(list.payload).to.include('收到的简历');
    expect(list.payload).to.match(/新投递 <span class="xz-tab__count">1<\/span>/);
    expect(list.payload).to.match(/不合适 <span class="xz-tab__count">1<\/span>/);
    expect(list.payload).to.include(`data-application="${fresh}"`);
    expect(list.payload).to.include('<input type="hidden" name="degree" value="硕士">');
    await assertValidHtml((await getPage('/s/nju/employer/applications?degree=硕士', jar)).payload, 'list');
    const res = await submit(
      '/s/nju/employer/applications?degree=硕士',
      '/s/nju/employer/applications/batch',
      { degree: '硕士', ids: [String(fresh), String(done)], action: 'offer' },
      jar,
    );
    expect(res.statusCode, res.payload.slice(0, 300)).to.equal(200);
    expect(res.payload).to.include('拟录用：已处理 1 份，1 份未处理');
    expect(res.payload).to.include('页面乙（数据分析师，不合适）');
    await assertValidHtml(res.payload, 'batch result');
    expect(res.payload).to.include('<input type="hidden" name="degree" value="硕士">');
    const { app } = await getDeployment();
    expect((await app.db('applications').where('id', fresh).first()).status).to.equal('offer');
    expect((await app.db('applications').where('id', done).first()).status).to.equal('rejected');
  });

  it('shows the résumé with the ID number masked, records the view, and invites with every error at once', async () => {
    const { app } = await getDeployment();
    const s = await enrolStudent('nju', { name: '详情生' });
    const id = await apply(job, employer, s);
    const page = await get(`/s/nju/employer/applications/${id}`, jar);
    expect(page.statusCode).to.equal(200);
    expect(page.payload).to.include(`${s.idNumber.slice(0, 4)}**********${s.idNumber.slice(-4)}`);
    expect(page.payload).to.not.include(s.idNumber);
    expect(page.payload).to.include('喜欢写代码');
    expect(page.payload).to.include('下载 PDF');
    expect((await app.db('applications').where('id', id).first()).status).to.equal('viewed');
    expect(await app.db('application_views').where('application_id', id)).to.have.length(1);
    await assertValidHtml((await getPage(`/s/nju/employer/applications/${id}`, jar)).payload, 'detail');

    const form = `/s/nju/employer/applications/${id}/interview`;
    const bad = await submit(
      form,
      form,
      { startsAt: '', mode: 'online', url: 'ftp://x', contactName: '', contactPhone: '12', note: '请准时' },
      jar,
    );
    expect(bad.statusCode).to.equal(400);
    for (const label of ['面试时间', '面试链接', '联系人', '联系电话']) expect(bad.payload).to.include(label);
    expect(bad.payload).to.include('请准时');
    await assertValidHtml(bad.payload, 'invitation form with errors');
    expect(bad.payload).to.match(/value="online" checked/);
    const startsAt = new Date(Date.now() + 2 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16);
    const ok = await submit(
      form,
      form,
      {
        startsAt,
        mode: 'onsite',
        place: '公司总部 5 楼',
        contactName: '张经理',
        contactPhone: '13812345678',
        note: '',
      },
      jar,
    );
    expect(ok.statusCode, ok.payload.slice(0, 300)).to.equal(303);
    expect((await app.db('applications').where('id', id).first()).status).to.equal('interview_invited');
    const [interview] = await app.db('interviews').where('application_id', id);
    expect(interview).to.include({ mode: 'onsite', place: '公司总部 5 楼', contact_name: '张经理' });
    expect(new Date(interview.starts_at).toISOString().slice(0, 16)).to.equal(
      new Date(Date.parse(`${startsAt}:00+08:00`)).toISOString().slice(0, 16),
    );
    await app.db('applications').where('id', id).update({ status: 'interview' });
    const waiting = await get('/s/nju/employer/applications/interviews', jar);
    expect(waiting.statusCode).to.equal(200);
    expect(waiting.payload).to.include('详情生');
    expect(waiting.payload).to.include('公司总部 5 楼');
    await assertValidHtml((await getPage('/s/nju/employer/applications/interviews', jar)).payload, '待面试');
  });

  it('links the PDF the student attached and serves it to this employer only', async () => {
    const { app } = await getDeployment();
    const s = await enrolStudent('nju', { name: '附件生' });
    const file = await app.services.files!.storeForStudent({
      studentId: s.id,
      filename: '作品集.pdf',
      data: PDF,
    });
    const [row] = await app
      .db('applications')
      .insert({
        job_id: job.id,
        employer_id: employer.employerId,
        student_id: s.id,
        site_id: s.siteId,
        status: 'submitted',
        resume: JSON.stringify({
          summary: '附件在此',
          attachment: { id: file.id, name: file.name, size: file.size },
        }),
      })
      .returning('id');
    const id = (row as { id: number }).id;
    const page = await get(`/s/nju/employer/applications/${id}`, jar);
    expect(page.payload).to.include(`href="/s/nju/employer/applications/${id}/attachment"`);
    expect(page.payload).to.include('下载附件：作品集.pdf');
    const own = await get(`/s/nju/employer/applications/${id}/attachment`, jar);
    expect(own.statusCode).to.equal(200);
    expect(own.rawPayload.equals(PDF)).to.equal(true);
    const other = await jarOf(await memberOf(['nju']));
    expect((await get(`/s/nju/employer/applications/${id}/attachment`, other)).statusCode).to.equal(404);
    // a résumé without one shows no link
    const plain = await apply(job, employer, await enrolStudent('nju'));
    expect((await get(`/s/nju/employer/applications/${plain}`, jar)).payload).to.not.include('下载附件');
  });

  it("answers 404 to another employer's application and to another school's staff", async () => {
    const s = await enrolStudent('nju', { name: '隔离生' });
    const id = await apply(job, employer, s);
    const other = await memberOf(['nju']);
    const otherJar = await jarOf(other);
    expect((await get(`/s/nju/employer/applications/${id}`, otherJar)).statusCode).to.equal(404);
    expect((await get(`/s/nju/employer/applications/${id}/interview`, otherJar)).statusCode).to.equal(404);
    expect((await get(`/s/nju/employer/applications/${id}/resume.pdf`, otherJar)).statusCode).to.equal(404);
    const own = await get(`/s/nju/employer/applications/${id}/resume.pdf`, jar);
    expect(own.statusCode).to.equal(200);
    expect(own.rawPayload.subarray(0, 5).toString()).to.equal('%PDF-');

    const nju = await get(`/s/nju/admin/students/${s.id}/applications`, await staffJar('nju.admin'));
    expect(nju.statusCode).to.equal(200);
    expect(nju.payload).to.include('隔离生');
    expect(nju.payload).to.include(employer.name);
    expect(nju.payload).to.include('下载');
    await assertValidHtml(
      (await getPage(`/s/nju/admin/students/${s.id}/applications`, await staffJar('nju.admin'))).payload,
      'staff view',
    );
    const seu = await get(`/s/seu/admin/students/${s.id}/applications`, await staffJar('seu.admin'));
    expect(seu.statusCode).to.equal(404);
  });
});
