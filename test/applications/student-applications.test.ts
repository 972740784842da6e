// The student's side of applications through the API: the résumé (validation, completeness, the PDF attachment),
// applying to a job of their own school's site (422 JOB_NOT_ACTIVE, 422 RESUME_INCOMPLETE, 409 ALREADY_APPLIED also
// under 20 parallel requests), the employer's message, withdrawing, answering interview invitations, and another
// student reaching none of it.
import { expect } from 'chai';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import { bearer, memberOf, multipart, PDF, PNG, waitFor, type Registered } from '../helpers/employers.js';
import { approveJobs, createJob } from '../helpers/jobs.js';
import { enrolStudent, type Enrolled } from '../helpers/students.js';
import { invite, putResume, RESUME } from '../helpers/applications.js';

interface AppJson {
  id: number;
  status: string;
  statusLabel: string;
  job: { id: number; title: string };
  employer: { id: number; name: string };
  site: { slug: string; name: string };
  withdrawable: boolean;
  interview: null | {
    id: number;
    startsAt: string;
    mode: string;
    place?: string;
    url?: string;
    status: string;
  };
}

const apply = (student: Enrolled, jobId: number) =>
  inject({
    method: 'POST',
    url: '/api/v1/student/applications',
    headers: bearer(student.token),
    payload: { jobId },
  });

let employer: Registered;
/** approved on nju (and seu) */
let jobId: number;

async function approvedJob(slugs: string[], approveOn = slugs, title = '后端开发工程师'): Promise<number> {
  const job = await createJob(employer, { title, siteSlugs: slugs });
  for (const slug of approveOn) await approveJobs(slug, employer);
  return job.id;
}

describe('students: résumé and applications (API)', () => {
  before(async () => {
    employer = await memberOf(['nju', 'seu']);
    jobId = await approvedJob(['nju', 'seu']);
  });

  describe('résumé', () => {
    it('is empty and incomplete at first, names what is missing, and keeps what was saved', async () => {
      const student = await enrolStudent('nju');
      const first = await inject({ url: '/api/v1/student/resume', headers: bearer(student.token) });
      expect(first.statusCode).to.equal(200);
      const body = json<{
        student: { name: string; school: { slug: string } };
        education: unknown[];
        completeness: { complete: boolean; missing: string[] };
      }>(first);
      expect(body.student.name).to.equal(student.name);
      expect(body.student.school.slug).to.equal('nju');
      expect(body.education).to.deep.equal([]);
      expect(body.completeness).to.deep.equal({ complete: false, missing: ['教育经历', '自我评价或技能'] });
      const saved = await putResume(student);
      expect(saved.completeness).to.deep.equal({ complete: true, missing: [] });
      expect(saved.education).to.deep.equal(RESUME.education);
      const { app } = await getDeployment();
      const row = await app.db('student_resumes').where('student_id', student.id).first();
      expect(row.skills).to.deep.equal(['Java', 'PostgreSQL']);
      expect(row.email).to.equal('student@example.cn');
    });

    it('refuses bad input with every field error at once, in Chinese, and saves nothing', async () => {
      const student = await enrolStudent('nju');
      const res = await inject({
        method: 'PUT',
        url: '/api/v1/student/resume',
        headers: bearer(student.token),
        payload: {
          education: [{ school: '', major: '软件工程', degree: '学士', from: '2023-13', to: '2022-01' }],
          experience: [{ organisation: '某公司', role: '实习', from: '2025-09', to: '2025-07' }],
          skills: ['Java', 'Java'],
          email: 'not-an-email',
        },
      });
      expect(res.statusCode).to.equal(400);
      const body = json<{ code: string; message: string; details: { path: string; message: string }[] }>(res);
      expect(body.code).to.equal('VALIDATION');
      const paths = body.details.map((d) => d.path);
      expect(paths).to.include.members([
        'education.0.school',
        'education.0.degree',
        'education.0.from',
        'experience.0',
        'skills.1',
        'email',
      ]);
      for (const d of body.details) expect(d.message, d.path).to.match(/[\u4e00-\u9fff]/);
      expect(body.details.find((d) => d.path === 'experience.0')!.message).to.equal(
        '结束年月不能早于开始年月',
      );
      const { app } = await getDeployment();
      expect(await app.db('student_resumes').where('student_id', student.id).first()).to.equal(undefined);
    });

    it('takes a PDF attachment (by its content), refuses other types, and another student’s file', async () => {
      const student = await enrolStudent('nju');
      const other = await enrolStudent('nju');
      const upload = (s: Enrolled, data: Buffer, name: string) => {
        const body = multipart({}, { name, data });
        return inject({
          method: 'POST',
          url: '/api/v1/student/files',
          payload: body.payload,
          headers: { ...body.headers, ...bearer(s.token) },
        });
      };
      const png = await upload(student, PNG, '简历.pdf');
      expect(png.statusCode, png.payload).to.equal(415);
      expect(json(png).code).to.equal('UNSUPPORTED_FILE_TYPE');
      const text = await upload(student, Buffer.from('我的简历'), 'resume.pdf');
      expect(text.statusCode).to.equal(415);
      const { app } = await getDeployment();
      expect(await app.db('files').where('student_id', student.id)).to.have.length(0);
      const ok = await upload(student, PDF, '张三-简历.pdf');
      expect(ok.statusCode, ok.payload).to.equal(201);
      const file = json<{ id: string; name: string; mime: string }>(ok);
      expect(file).to.include({ name: '张三-简历.pdf', mime: 'application/pdf' });
      const row = await app.db('files').where('id', file.id).first();
      expect(row).to.include({ student_id: student.id, employer_id: null, purpose: 'resume' });
      // attach it; another student can neither attach nor download it
      const saved = await putResume(student, { ...RESUME, attachmentFileId: file.id });
      expect(saved.attachment).to.deep.include({ id: file.id, name: '张三-简历.pdf' });
      const stolen = await inject({
        method: 'PUT',
        url: '/api/v1/student/resume',
        headers: bearer(other.token),
        payload: { ...RESUME, attachmentFileId: file.id },
      });
      expect(stolen.statusCode).to.equal(400);
      expect(json<{ details: { path: string }[] }>(stolen).details[0]!.path).to.equal('attachmentFileId');
      const mine = await inject({ url: `/api/v1/student/files/${file.id}`, headers: bearer(student.token) });
      expect(mine.statusCode).to.equal(200);
      expect(mine.headers['content-type']).to.match(/application\/pdf/);
      expect(mine.rawPayload.equals(PDF)).to.equal(true);
      const theirs = await inject({ url: `/api/v1/student/files/${file.id}`, headers: bearer(other.token) });
      expect(theirs.statusCode).to.equal(404);
      // an employer's file API does not serve it either
      const employerRead = await inject({ url: `/api/v1/files/${file.id}`, headers: bearer(employer.token) });
      expect(employerRead.statusCode).to.equal(404);
    });

    it('seeds complete résumés for the ten signed-in demo students of each demo school', async () => {
      const { app } = await getDeployment();
      for (const name of ['students', 'resumes']) await app.seeders.find((s) => s.name === name)!.run(app);
      const rows = (await app
        .db('students as s')
        .join('student_resumes as r', 'r.student_id', 's.id')
        .where('s.site_id', app.sites.get('nju')!.id)
        .whereBetween('s.student_no', ['2027000001', '2027000010'])
        .select('s.id')) as { id: number }[];
      expect(rows).to.have.length(10);
      for (const { id } of rows.slice(0, 2))
        expect(await app.services.resumes!.completeness(id)).to.deep.equal({ complete: true, missing: [] });
    });

    it('keeps an attached file from the orphan purge', async () => {
      const { app } = await getDeployment();
      const student = await enrolStudent('nju');
      const stored = await app.services.files!.storeForStudent({
        studentId: student.id,
        filename: 'a.pdf',
        data: PDF,
      });
      const loose = await app.services.files!.storeForStudent({
        studentId: student.id,
        filename: 'b.pdf',
        data: PDF,
      });
      await putResume(student, { ...RESUME, attachmentFileId: stored.id });
      await app
        .db('files')
        .whereIn('id', [stored.id, loose.id])
        .update({ created_at: app.db.raw("now() - interval '3 days'") });
      await app.services.files!.purgeOrphans();
      const left = await app.db('files').whereIn('id', [stored.id, loose.id]).pluck('id');
      expect(left).to.deep.equal([stored.id]);
    });
  });

  describe('applying', () => {
    it('applies, stores the résumé as sent, messages the employer, lists it, and withdraws', async () => {
      const { app } = await getDeployment();
      const student = await enrolStudent('nju', { name: '李同学' });
      await putResume(student);
      const res = await apply(student, jobId);
      expect(res.statusCode, res.payload).to.equal(201);
      const created = json<AppJson>(res);
      expect(created).to.deep.include({ status: 'submitted', statusLabel: '新投递', withdrawable: true });
      expect(created.job).to.deep.equal({ id: jobId, title: '后端开发工程师' });
      expect(created.site.slug).to.equal('nju');
      expect(created.interview).to.equal(null);
      const row = await app.db('applications').where('id', created.id).first();
      expect(row).to.include({
        job_id: jobId,
        employer_id: employer.employerId,
        student_id: student.id,
        site_id: app.sites.get('nju')!.id,
        status: 'submitted',
      });
      expect(row.resume).to.deep.include({
        name: '李同学',
        idNumber: student.idNumber,
        phone: student.phone,
        email: 'student@example.cn',
        degree: '本科',
        graduationYear: 2027,
      });
      expect(row.resume.school).to.deep.equal({ slug: 'nju', name: app.sites.get('nju')!.name });
      expect(row.resume.education).to.deep.equal(RESUME.education);
      const events = await app.db('application_events').where('application_id', created.id);
      expect(events.map((e: { to_status: string }) => e.to_status)).to.deep.equal(['submitted']);
      const message = await waitFor('the employer’s message', () =>
        app
          .db('messages')
          .where({
            employer_id: employer.employerId,
            kind: 'application.new',
            link: `/employer/applications/${created.id}`,
          })
          .first(),
      );
      expect(message.title).to.include('李同学');
      // later edits of the résumé do not change what was sent
      await putResume(student, { ...RESUME, summary: '改过的自我评价' });
      const after = await app.db('applications').where('id', created.id).first();
      expect(after.resume.summary).to.equal(RESUME.summary);

      const list = await inject({ url: '/api/v1/student/applications', headers: bearer(student.token) });
      expect(list.statusCode).to.equal(200);
      const items = json<{ items: AppJson[]; total: number }>(list);
      expect(items.total).to.equal(1);
      expect(items.items[0]!.id).to.equal(created.id);
      expect(items.items[0]!.employer.name).to.be.a('string').and.not.equal('');

      const withdrawn = await inject({
        method: 'POST',
        url: `/api/v1/student/applications/${created.id}/withdraw`,
        headers: bearer(student.token),
        payload: {},
      });
      expect(withdrawn.statusCode, withdrawn.payload).to.equal(200);
      expect(json<AppJson>(withdrawn)).to.deep.include({ status: 'withdrawn', withdrawable: false });
      expect((await app.db('applications').where('id', created.id).first()).status).to.equal('withdrawn');
      await waitFor('the withdrawal message', () =>
        app.db('messages').where({ employer_id: employer.employerId, kind: 'application.withdrawn' }).first(),
      );
      const again = await inject({
        method: 'POST',
        url: `/api/v1/student/applications/${created.id}/withdraw`,
        headers: bearer(student.token),
      });
      expect(again.statusCode).to.equal(409);
      expect(json(again).code).to.equal('NOT_WITHDRAWABLE');
      // after withdrawing, the student may apply to the job again
      const reapply = await apply(student, jobId);
      expect(reapply.statusCode, reapply.payload).to.equal(201);
    });

    it('sends the attached PDF with the résumé: the employer downloads it (recorded), another employer cannot', async () => {
      const { app } = await getDeployment();
      const student = await enrolStudent('nju', { name: '附件同学' });
      const stored = await app.services.files!.storeForStudent({
        studentId: student.id,
        filename: '附件同学-简历.pdf',
        data: PDF,
      });
      await putResume(student, { ...RESUME, attachmentFileId: stored.id });
      const created = json<AppJson>(await apply(student, jobId));
      // the student removes the attachment afterwards: what was sent stays downloadable
      await putResume(student, { ...RESUME, attachmentFileId: null });
      const url = `/api/v1/employer/applications/${created.id}/attachment`;
      const res = await inject({ url, headers: bearer(employer.token) });
      expect(res.statusCode, res.payload.slice(0, 200)).to.equal(200);
      expect(res.headers['content-type']).to.match(/application\/pdf/);
      expect(res.headers['content-disposition']).to.include(
        `filename*=UTF-8''${encodeURIComponent('附件同学-简历.pdf')}`,
      );
      expect(res.rawPayload.equals(PDF)).to.equal(true);
      const views = await app.db('application_views').where('application_id', created.id);
      expect(views.map((v: { action: string }) => v.action)).to.deep.equal(['download']);
      expect((await app.db('applications').where('id', created.id).first()).status).to.equal('viewed');

      const stranger = await memberOf(['nju']);
      const theirs = await inject({ url, headers: bearer(stranger.token) });
      expect(theirs.statusCode).to.equal(404);
      expect(json(theirs).code).to.equal('NOT_FOUND');
      expect(await app.db('application_views').where('application_id', created.id)).to.have.length(1);

      const plain = await enrolStudent('nju');
      await putResume(plain);
      const without = json<AppJson>(await apply(plain, jobId));
      const none = await inject({
        url: `/api/v1/employer/applications/${without.id}/attachment`,
        headers: bearer(employer.token),
      });
      expect(none.statusCode).to.equal(404);
      expect(json(none)).to.include({ code: 'NO_ATTACHMENT', message: '该简历没有附件' });
      expect(await app.db('application_views').where('application_id', without.id)).to.have.length(0);
    });

    it('refuses withdrawing once the employer handled the application (409 NOT_WITHDRAWABLE)', async () => {
      const { app } = await getDeployment();
      const student = await enrolStudent('nju');
      await putResume(student);
      const created = json<AppJson>(await apply(student, jobId));
      await invite(created.id, employer.token);
      const res = await inject({
        method: 'POST',
        url: `/api/v1/student/applications/${created.id}/withdraw`,
        headers: bearer(student.token),
        payload: {},
      });
      expect(res.statusCode).to.equal(409);
      expect(json(res).code).to.equal('NOT_WITHDRAWABLE');
      expect((await app.db('applications').where('id', created.id).first()).status).to.equal(
        'interview_invited',
      );
    });

    it('answers 422 JOB_NOT_ACTIVE for a job expired, not approved here, or approved only at another school; 404 for none', async () => {
      const { app } = await getDeployment();
      const student = await enrolStudent('nju');
      await putResume(student);
      const elsewhere = await approvedJob(['seu'], ['seu'], '东南大学专场职位');
      const expired = await approvedJob(['nju'], ['nju'], '已失效职位');
      const expire = await inject({
        method: 'POST',
        url: `/api/v1/employer/jobs/${expired}/expire`,
        headers: bearer(employer.token),
        payload: {},
      });
      expect(expire.statusCode, expire.payload).to.equal(200);
      // nju screens job texts: a discriminatory one is rejected there at once, so never approved
      const rejected = (
        await createJob(employer, {
          title: '未通过审核的职位',
          description: '要求985、211院校毕业，仅限男性。',
          siteSlugs: ['nju'],
        })
      ).id;
      expect(
        (
          await app
            .db('job_publications')
            .where({ job_id: rejected, site_id: app.sites.get('nju')!.id })
            .first()
        ).status,
      ).to.not.equal('approved');
      for (const id of [rejected, elsewhere, expired]) {
        const res = await apply(student, id);
        expect(res.statusCode, `job ${id}: ${res.payload}`).to.equal(422);
        expect(json(res).code).to.equal('JOB_NOT_ACTIVE');
      }
      const seuStudent = await enrolStudent('seu');
      await putResume(seuStudent);
      expect((await apply(seuStudent, elsewhere)).statusCode).to.equal(201);
      const none = await apply(student, 2_000_000_000);
      expect(none.statusCode).to.equal(404);
      expect(await app.db('applications').where('student_id', student.id)).to.have.length(0);
    });

    it('answers 422 RESUME_INCOMPLETE naming what is missing', async () => {
      const { app } = await getDeployment();
      const student = await enrolStudent('nju');
      const res = await apply(student, jobId);
      expect(res.statusCode).to.equal(422);
      const body = json<{ code: string; message: string }>(res);
      expect(body.code).to.equal('RESUME_INCOMPLETE');
      expect(body.message).to.include('教育经历').and.include('自我评价或技能');
      await putResume(student, { ...RESUME, summary: '', skills: [] });
      const still = json<{ message: string }>(await apply(student, jobId));
      expect(still.message).to.include('自我评价或技能').and.not.include('教育经历');
      expect(await app.db('applications').where('student_id', student.id)).to.have.length(0);
      expect(
        await app
          .db('outbox')
          .whereRaw(`payload->'to'->>'employerId' = ?`, [String(employer.employerId)])
          .whereRaw(`payload->>'kind' = 'application.new'`)
          .whereRaw(`payload->>'title' like ?`, [`%${student.name}%`]),
      ).to.have.length(0);
    });

    it('keeps one application per job: 409 ALREADY_APPLIED, and of 20 parallel requests exactly one is created', async () => {
      const { app } = await getDeployment();
      const student = await enrolStudent('nju');
      await putResume(student);
      const results = await Promise.all(Array.from({ length: 20 }, () => apply(student, jobId)));
      const codes = results.map((r) => r.statusCode).sort();
      expect(codes.filter((c) => c === 201)).to.have.length(1);
      expect(codes.filter((c) => c === 409)).to.have.length(19);
      for (const r of results.filter((x) => x.statusCode === 409))
        expect(json(r).code).to.equal('ALREADY_APPLIED');
      expect(await app.db('applications').where({ student_id: student.id, job_id: jobId })).to.have.length(1);
      const once = await apply(student, jobId);
      expect(once.statusCode).to.equal(409);
      expect(json(once).code).to.equal('ALREADY_APPLIED');
    });
  });

  describe('interviews', () => {
    async function invited(online = false) {
      const student = await enrolStudent('nju');
      await putResume(student);
      const created = json<AppJson>(await apply(student, jobId));
      const interviewId = await invite(created.id, employer.token, online);
      return { student, applicationId: created.id, interviewId };
    }

    it('shows the invitation on the application and accepts it: 待面试, the interview accepted, the employer told', async () => {
      const { app } = await getDeployment();
      const { student, applicationId, interviewId } = await invited();
      const list = json<{ items: AppJson[] }>(
        await inject({ url: '/api/v1/student/applications', headers: bearer(student.token) }),
      );
      const item = list.items.find((a) => a.id === applicationId)!;
      expect(item.status).to.equal('interview_invited');
      expect(item.interview).to.deep.include({
        id: interviewId,
        mode: 'onsite',
        place: '南京市玄武区示范路 1 号 3 楼会议室',
        status: 'invited',
      });
      expect(item.interview!.startsAt).to.match(/^\d{4}-\d{2}-\d{2}T/);
      expect(item.interview).to.not.have.property('url');
      const res = await inject({
        method: 'POST',
        url: `/api/v1/student/interviews/${interviewId}/accept`,
        headers: bearer(student.token),
        payload: {},
      });
      expect(res.statusCode, res.payload).to.equal(200);
      expect(json<AppJson>(res)).to.deep.include({ status: 'interview', statusLabel: '待面试' });
      expect((await app.db('interviews').where('id', interviewId).first()).status).to.equal('accepted');
      expect((await app.db('applications').where('id', applicationId).first()).status).to.equal('interview');
      await waitFor('the acceptance message', () =>
        app
          .db('messages')
          .where({
            employer_id: employer.employerId,
            kind: 'interview.accepted',
            link: `/employer/applications/${applicationId}`,
          })
          .first(),
      );
      for (const answer of ['accept', 'decline']) {
        const again = await inject({
          method: 'POST',
          url: `/api/v1/student/interviews/${interviewId}/${answer}`,
          headers: bearer(student.token),
        });
        expect(again.statusCode).to.equal(409);
        expect(json(again).code).to.equal('INTERVIEW_CLOSED');
      }
    });

    it('declines: the interview declined, the application back to 已查看, the employer told', async () => {
      const { app } = await getDeployment();
      const { student, applicationId, interviewId } = await invited(true);
      const res = await inject({
        method: 'POST',
        url: `/api/v1/student/interviews/${interviewId}/decline`,
        headers: bearer(student.token),
      });
      expect(res.statusCode, res.payload).to.equal(200);
      const body = json<AppJson>(res);
      expect(body.status).to.equal('viewed');
      expect(body.interview).to.deep.include({
        id: interviewId,
        status: 'declined',
        url: 'https://meeting.example.cn/123',
      });
      expect((await app.db('interviews').where('id', interviewId).first()).status).to.equal('declined');
      await waitFor('the decline message', () =>
        app
          .db('messages')
          .where({
            employer_id: employer.employerId,
            kind: 'interview.declined',
            link: `/employer/applications/${applicationId}`,
          })
          .first(),
      );
      const accept = await inject({
        method: 'POST',
        url: `/api/v1/student/interviews/${interviewId}/accept`,
        headers: bearer(student.token),
      });
      expect(accept.statusCode).to.equal(409);
      expect(json(accept).code).to.equal('INTERVIEW_CLOSED');
    });

    it('of an accept and a decline at once, exactly one wins', async () => {
      const { app } = await getDeployment();
      const { student, interviewId } = await invited();
      const results = await Promise.all(
        ['accept', 'decline'].map((answer) =>
          inject({
            method: 'POST',
            url: `/api/v1/student/interviews/${interviewId}/${answer}`,
            headers: bearer(student.token),
          }),
        ),
      );
      expect(results.map((r) => r.statusCode).sort()).to.deep.equal([200, 409]);
      expect(['accepted', 'declined']).to.include(
        (await app.db('interviews').where('id', interviewId).first()).status,
      );
    });
  });

  describe('isolation', () => {
    it('another student reaches none of it: list, withdraw, interviews, résumé (404 or nothing listed)', async () => {
      const { app } = await getDeployment();
      const owner = await enrolStudent('nju');
      await putResume(owner);
      const created = json<AppJson>(await apply(owner, jobId));
      const interviewId = await invite(created.id, employer.token);
      for (const other of [await enrolStudent('nju'), await enrolStudent('seu')]) {
        const list = json<{ items: AppJson[]; total: number }>(
          await inject({ url: '/api/v1/student/applications', headers: bearer(other.token) }),
        );
        expect(list.items.map((a) => a.id)).to.not.include(created.id);
        for (const url of [
          `/api/v1/student/applications/${created.id}/withdraw`,
          `/api/v1/student/interviews/${interviewId}/accept`,
          `/api/v1/student/interviews/${interviewId}/decline`,
        ]) {
          const res = await inject({ method: 'POST', url, headers: bearer(other.token), payload: {} });
          expect(res.statusCode, url).to.equal(404);
        }
        const resume = json<{ education: unknown[] }>(
          await inject({ url: '/api/v1/student/resume', headers: bearer(other.token) }),
        );
        expect(resume.education).to.deep.equal([]);
      }
      expect((await app.db('applications').where('id', created.id).first()).status).to.equal(
        'interview_invited',
      );
      expect((await app.db('interviews').where('id', interviewId).first()).status).to.equal('invited');
    });

    it('refuses employers, staff and nobody on the student routes', async () => {
      const { staffToken } = await import('../helpers/deployment.js');
      const staff = await staffToken('nju.admin');
      for (const headers of [bearer(employer.token), bearer(staff), {}]) {
        for (const [method, url] of [
          ['GET', '/api/v1/student/resume'],
          ['GET', '/api/v1/student/applications'],
          ['POST', '/api/v1/student/applications'],
        ] as const) {
          const res = await inject({
            method,
            url,
            headers,
            payload: method === 'POST' ? { jobId } : undefined,
          });
          expect(res.statusCode, `${method} ${url}`).to.equal(401);
        }
      }
    });
  });
});
