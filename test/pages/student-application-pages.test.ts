// The student's pages on a school site, driven like a browser with the `xz_student` session cookie: 我的简历 (rows
// added without JavaScript, every error at once with what was typed kept, the PDF attachment), 投递简历 from a job's
// page (signed out → the student login and back; one click; a double click makes one application; 已投递 after),
// 我的投递 (status, 撤回 after a confirmation, the interview invitation answered) and another student's rows unreachable.
import { expect } from 'chai';
import type { ServerInjectResponse } from '@hapi/hapi';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import { bearer, memberOf, multipart, PDF, PNG, type Registered } from '../helpers/employers.js';
import { approveJobs, createJob } from '../helpers/jobs.js';
import { csrfField, get as getPage, Jar } from '../helpers/pages.js';
import { enrolStudent, type Enrolled } from '../helpers/students.js';
import { invite, putResume } from '../helpers/applications.js';

/** The page as a browser reads it (Handlebars escapes `=` and `&` in attributes). */
async function get(url: string, jar: Jar) {
  const res = await getPage(url, jar);
  return Object.assign(res, { payload: res.payload.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&') });
}

function jarOf(student: Enrolled): Jar {
  const jar = new Jar();
  jar.cookies.set('xz_student', student.token);
  return jar;
}

function onceField(html: string): string {
  const m = /name="xz_once" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error(`no form token on the page: ${html.slice(0, 300)}`);
  return m[1];
}

/** Posts a urlencoded form with the page's CSRF token (and its one-time token when given). */
async function post(
  action: string,
  jar: Jar,
  html: string,
  fields: Record<string, string | string[]>,
  once?: string,
): Promise<ServerInjectResponse> {
  const body = new URLSearchParams({ xz_csrf: csrfField(html) });
  if (once) body.append('xz_once', once);
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return jar.take(
    await inject({
      method: 'POST',
      url: action,
      payload: body.toString(),
      headers: {
        cookie: jar.header(),
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
      },
    }),
  );
}

let employer: Registered;
let jobId: number;

describe('pages: the student’s résumé and applications', () => {
  before(async () => {
    employer = await memberOf(['nju']);
    jobId = (await createJob(employer, { title: '前端开发工程师', siteSlugs: ['main', 'nju'] })).id;
    await approveJobs('nju', employer);
    await approveJobs('main', employer);
  });

  it('sends a visitor without a student session to the student login', async () => {
    for (const path of ['/student/resume', '/student/applications', `/student/apply/${jobId}`]) {
      const res = await inject({ url: `/s/nju${path}`, headers: { accept: 'text/html' } });
      expect(res.statusCode, path).to.equal(302);
      expect(res.headers.location).to.equal(
        `/s/nju/student/login?next=${encodeURIComponent(`/s/nju${path}`)}`,
      );
    }
  });

  describe('我的简历', () => {
    it('adds rows without JavaScript, keeps what was typed, shows every error at once and saves nothing then', async () => {
      const { app } = await getDeployment();
      const student = await enrolStudent('nju', { name: '周同学' });
      const jar = jarOf(student);
      const page = await get('/s/nju/student/resume', jar);
      expect(page.statusCode).to.equal(200);
      expect(page.payload).to.include('周同学').and.include('待完善').and.include('教育经历');
      expect(page.payload.match(/data-row="education"/g)).to.have.length(1);
      // 添加一行: the form comes back with what was typed and one more blank education row
      const added = await post('/s/nju/student/resume', jar, page.payload, {
        'education.school': '南京大学',
        'education.major': '软件工程',
        'education.degree': '本科',
        'education.from': '2023-09',
        'education.to': '',
        skills: 'Java、Go',
        add: 'education',
      });
      expect(added.statusCode).to.equal(200);
      expect(added.payload.match(/data-row="education"/g)).to.have.length(2);
      expect(added.payload).to.include('value="南京大学"').and.include('Java、Go');
      expect(await app.db('student_resumes').where('student_id', student.id).first()).to.equal(undefined);
      // errors in two rows and the email: all listed, typed values kept, nothing saved
      const bad = await post('/s/nju/student/resume', jar, added.payload, {
        'education.school': ['南京大学', ''],
        'education.major': ['软件工程', '计算机'],
        'education.degree': ['本科', '硕士'],
        'education.from': ['2023-09', '2027-13'],
        'education.to': ['2022-01', ''],
        summary: '认真负责',
        email: 'not-an-email',
      });
      expect(bad.statusCode).to.equal(400);
      expect(bad.payload).to.include('提交的信息有误');
      expect(bad.payload).to.include('教育经历第 1 行的结束年月');
      expect(bad.payload).to.include('教育经历第 2 行的学校');
      expect(bad.payload).to.include('教育经历第 2 行的开始年月');
      expect(bad.payload).to.include('联系邮箱');
      expect(bad.payload).to.include('href="#xz-f-r-education-1-school"');
      expect(bad.payload).to.include('id="xz-f-r-education-1-school"');
      expect(bad.payload)
        .to.include('value="2027-13"')
        .and.include('value="not-an-email"')
        .and.include('认真负责');
      expect(await app.db('student_resumes').where('student_id', student.id).first()).to.equal(undefined);
      // corrected: saved, and the page says the résumé is complete
      const ok = await post('/s/nju/student/resume', jar, bad.payload, {
        'education.school': ['南京大学', ''],
        'education.major': ['软件工程', ''],
        'education.degree': ['本科', ''],
        'education.from': ['2023-09', ''],
        'education.to': ['', ''],
        'experience.organisation': '某科技公司',
        'experience.role': '实习生',
        'experience.from': '2025-07',
        'experience.to': '2025-08',
        'experience.description': '写代码',
        'awards.name': '校级奖学金',
        'awards.date': '',
        skills: 'Java、Go',
        summary: '认真负责',
        email: 'zhou@example.cn',
      });
      expect(ok.statusCode, ok.payload.slice(0, 500)).to.equal(303);
      expect(ok.headers.location).to.equal('/s/nju/student/resume?done=saved');
      const row = await app.db('student_resumes').where('student_id', student.id).first();
      expect(row.education).to.deep.equal([
        { school: '南京大学', major: '软件工程', degree: '本科', from: '2023-09', to: '' },
      ]);
      expect(row.experience[0]).to.include({ organisation: '某科技公司', description: '写代码' });
      expect(row.awards).to.deep.equal([{ name: '校级奖学金' }]);
      expect(row.skills).to.deep.equal(['Java', 'Go']);
      const after = await get(ok.headers.location as string, jar);
      expect(after.payload).to.include('简历已保存').and.include('已完善').and.include('value="某科技公司"');
    });

    it('uploads a PDF attachment (other types refused on the page), downloads and removes it', async () => {
      const { app } = await getDeployment();
      const student = await enrolStudent('nju');
      const jar = jarOf(student);
      const page = await get('/s/nju/student/resume', jar);
      const upload = async (data: Buffer, name: string) => {
        const body = multipart({ xz_csrf: csrfField(page.payload) }, { name, data });
        return inject({
          method: 'POST',
          url: '/s/nju/student/resume/attachment',
          payload: body.payload,
          headers: { ...body.headers, cookie: jar.header(), accept: 'text/html' },
        });
      };
      const png = await upload(PNG, '简历.pdf');
      expect(png.statusCode).to.equal(415);
      expect(png.payload).to.include('简历附件只支持 PDF 格式的文件');
      expect(await app.db('files').where('student_id', student.id)).to.have.length(0);
      const ok = await upload(PDF, '周同学简历.pdf');
      expect(ok.statusCode, ok.payload.slice(0, 300)).to.equal(303);
      expect(ok.headers.location).to.equal('/s/nju/student/resume?done=attached');
      const row = await app.db('student_resumes').where('student_id', student.id).first();
      expect(row.attachment_file_id).to.be.a('string');
      const shown = await get('/s/nju/student/resume', jar);
      expect(shown.payload).to.include('周同学简历.pdf').and.include('删除附件');
      const download = await inject({
        url: '/s/nju/student/resume/attachment',
        headers: { cookie: jar.header() },
      });
      expect(download.statusCode).to.equal(200);
      expect(download.rawPayload.equals(PDF)).to.equal(true);
      const removed = await post('/s/nju/student/resume/attachment/remove', jar, shown.payload, {});
      expect(removed.statusCode).to.equal(303);
      expect(
        (await app.db('student_resumes').where('student_id', student.id).first()).attachment_file_id,
      ).to.equal(null);
    });
  });

  describe('投递简历 and 我的投递', () => {
    it('shows 投递简历 on the school’s job page only, and sends a visitor who is not signed in to the student login', async () => {
      const anon = new Jar();
      const page = await get(`/s/nju/jobs/${jobId}`, anon);
      expect(page.statusCode).to.equal(200);
      expect(page.payload).to.include('action="/s/nju/student/applications"').and.include('投递简历');
      const main = await get(`/jobs/${jobId}`, new Jar());
      expect(main.statusCode).to.equal(200);
      expect(main.payload).to.not.include('投递简历');
      // an employer (the job's own) sees the page unbroken
      const { app } = await getDeployment();
      const row = (await app.services.accounts!.byId(employer.accountId))!;
      const employerJar = new Jar();
      employerJar.cookies.set('xz_employer', app.principals.sign(app.services.accounts!.payload(row)));
      const seen = await get(`/s/nju/jobs/${jobId}`, employerJar);
      expect(seen.statusCode).to.equal(200);
      expect(seen.payload).to.include('前端开发工程师');
      const res = await post(`/s/nju/student/applications`, anon, page.payload, { jobId: String(jobId) });
      expect(res.statusCode).to.equal(303);
      expect(res.headers.location).to.equal(
        `/s/nju/student/login?next=${encodeURIComponent(`/s/nju/student/apply/${jobId}`)}`,
      );
    });

    it('brings a demo student back to 投递简历 after signing in, and applies with their demo résumé', async () => {
      const { app } = await getDeployment();
      const jar = new Jar();
      const page = await get(`/s/nju/jobs/${jobId}`, jar);
      const sent = await post('/s/nju/student/applications', jar, page.payload, { jobId: String(jobId) });
      const loginUrl = sent.headers.location as string;
      const login = await get(loginUrl, jar);
      expect(login.statusCode).to.equal(200);
      const next = /name="next" value="([^"]*)"/.exec(login.payload)?.[1];
      expect(next).to.equal(`/s/nju/student/apply/${jobId}`);
      const signedIn = await post('/s/nju/student/login', jar, login.payload, {
        mode: 'password',
        login: '2027000004',
        password: app.config.demoPassword,
        next: next!,
      });
      expect(signedIn.statusCode, signedIn.payload.slice(0, 300)).to.equal(303);
      expect(signedIn.headers.location).to.equal(`/s/nju/student/apply/${jobId}`);
      const confirm = await get(signedIn.headers.location as string, jar);
      expect(confirm.statusCode).to.equal(200);
      expect(confirm.payload).to.include('投递简历').and.not.include('简历待完善');
      const applied = await post('/s/nju/student/applications', jar, confirm.payload, {
        jobId: String(jobId),
      });
      expect(applied.statusCode).to.equal(303);
      expect(applied.headers.location).to.equal('/s/nju/student/applications?done=applied');
      const student = await app
        .db('students')
        .where({ site_id: app.sites.get('nju')!.id, student_no: '2027000004' })
        .first('id');
      expect(await app.db('applications').where({ student_id: student.id, job_id: jobId })).to.have.length(1);
    });

    it('applies with one click; a double click makes one application; the job page then says 已投递', async () => {
      const { app } = await getDeployment();
      const student = await enrolStudent('nju');
      await putResume(student);
      const jar = jarOf(student);
      const page = await get(`/s/nju/jobs/${jobId}`, jar);
      expect(page.payload).to.include('投递简历').and.not.include('学生登录后投递');
      const once = onceField(page.payload);
      const [first, second] = await Promise.all([
        post('/s/nju/student/applications', jar, page.payload, { jobId: String(jobId) }, once),
        post('/s/nju/student/applications', jar, page.payload, { jobId: String(jobId) }, once),
      ]);
      for (const r of [first, second]) {
        expect(r.statusCode, r.payload.slice(0, 300)).to.equal(303);
        expect(r.headers.location).to.equal('/s/nju/student/applications?done=applied');
      }
      expect(await app.db('applications').where({ student_id: student.id, job_id: jobId })).to.have.length(1);
      const again = await get(`/s/nju/jobs/${jobId}`, jar);
      expect(again.payload).to.include('已投递').and.not.include('name="jobId"');
      const confirm = await get(`/s/nju/student/apply/${jobId}`, jar);
      expect(confirm.statusCode).to.equal(200);
      expect(confirm.payload).to.include('已投递');
      // a second form (another tab) gets 已投递, not a second row
      const other = await post('/s/nju/student/applications', jar, page.payload, { jobId: String(jobId) });
      expect(other.statusCode).to.equal(303);
      expect(other.headers.location).to.equal(`/s/nju/student/apply/${jobId}`);
      expect(await app.db('applications').where({ student_id: student.id, job_id: jobId })).to.have.length(1);
    });

    it('asks for the missing parts of the résumé instead of applying', async () => {
      const { app } = await getDeployment();
      const student = await enrolStudent('nju');
      const jar = jarOf(student);
      const page = await get(`/s/nju/jobs/${jobId}`, jar);
      const res = await post('/s/nju/student/applications', jar, page.payload, { jobId: String(jobId) });
      expect(res.statusCode).to.equal(422);
      expect(res.payload).to.include('简历尚未完善').and.include('教育经历').and.include('完善简历');
      // the refusal is a page of the student centre: its menu and the student's name, as on a GET
      expect(res.payload).to.include('学生中心').and.include(student.name).and.include('退出');
      expect(await app.db('applications').where('student_id', student.id)).to.have.length(0);
      const confirm = await get(`/s/nju/student/apply/${jobId}`, jar);
      expect(confirm.payload).to.include('简历待完善');
    });

    it('lists my applications with their status, withdraws after a confirmation, and answers an interview', async () => {
      const { app } = await getDeployment();
      const student = await enrolStudent('nju');
      await putResume(student);
      const second = (await createJob(employer, { title: '测试工程师', siteSlugs: ['nju'] })).id;
      await approveJobs('nju', employer);
      const toWithdraw = json<{ id: number }>(
        await inject({
          method: 'POST',
          url: '/api/v1/student/applications',
          headers: bearer(student.token),
          payload: { jobId },
        }),
      ).id;
      const toInvite = json<{ id: number }>(
        await inject({
          method: 'POST',
          url: '/api/v1/student/applications',
          headers: bearer(student.token),
          payload: { jobId: second },
        }),
      ).id;
      const interviewId = await invite(toInvite, employer.token);
      const jar = jarOf(student);
      const list = await get('/s/nju/student/applications', jar);
      expect(list.statusCode).to.equal(200);
      expect(list.payload).to.include('前端开发工程师').and.include('新投递');
      expect(list.payload).to.include('已邀请面试').and.include('南京市玄武区示范路 1 号 3 楼会议室');
      expect(list.payload).to.include(`/s/nju/student/applications/${toWithdraw}/withdraw`);
      expect(list.payload).to.not.include(`/s/nju/student/applications/${toInvite}/withdraw`);
      const invitations = await get('/s/nju/student/applications?status=interview_invited', jar);
      expect(invitations.payload).to.include('测试工程师').and.not.include('前端开发工程师');
      const confirm = await get(`/s/nju/student/applications/${toWithdraw}/withdraw`, jar);
      expect(confirm.statusCode).to.equal(200);
      expect(confirm.payload).to.include('确认撤回');
      const withdrawn = await post(
        `/s/nju/student/applications/${toWithdraw}/withdraw`,
        jar,
        confirm.payload,
        {},
      );
      expect(withdrawn.statusCode).to.equal(303);
      expect(withdrawn.headers.location).to.equal('/s/nju/student/applications?done=withdrawn');
      expect((await app.db('applications').where('id', toWithdraw).first()).status).to.equal('withdrawn');
      const accepted = await post(`/s/nju/student/interviews/${interviewId}/accept`, jar, list.payload, {});
      expect(accepted.statusCode).to.equal(303);
      expect(accepted.headers.location).to.equal('/s/nju/student/applications?done=accepted');
      expect((await app.db('applications').where('id', toInvite).first()).status).to.equal('interview');
      expect((await app.db('interviews').where('id', interviewId).first()).status).to.equal('accepted');
      const after = await get(accepted.headers.location as string, jar);
      expect(after.payload).to.include('已接受面试邀请').and.include('待面试').and.include('已撤回');
      // a second answer is refused on the page, not a 500
      const late = await post(`/s/nju/student/interviews/${interviewId}/decline`, jar, list.payload, {});
      expect(late.statusCode).to.equal(409);
      expect(late.payload).to.include('该面试邀请已结束');
    });

    it('gives another student 404 for my application and interview', async () => {
      const student = await enrolStudent('nju');
      await putResume(student);
      const id = json<{ id: number }>(
        await inject({
          method: 'POST',
          url: '/api/v1/student/applications',
          headers: bearer(student.token),
          payload: { jobId },
        }),
      ).id;
      const interviewId = await invite(id, employer.token);
      const other = await enrolStudent('nju');
      const jar = jarOf(other);
      const list = await get('/s/nju/student/applications', jar);
      expect(list.payload).to.not.include(`/student/applications/${id}/withdraw`);
      const page = await get('/s/nju/student/resume', jar);
      expect((await get(`/s/nju/student/applications/${id}/withdraw`, jar)).statusCode).to.equal(404);
      for (const url of [
        `/s/nju/student/applications/${id}/withdraw`,
        `/s/nju/student/interviews/${interviewId}/accept`,
        `/s/nju/student/interviews/${interviewId}/decline`,
      ]) {
        const res = await post(url, jar, page.payload, {});
        expect(res.statusCode, url).to.equal(404);
      }
    });
  });
});
