// 收到的简历 through the API: the employer lists, filters and counts its applications, opens one (ID number masked, 已查看,
// the view recorded), downloads it as a Chinese PDF with the viewer's name, several as a ZIP, handles them in batch
// with per-item refusals, invites to an interview and marks 拟录用 — each move a message to the student. Another
// employer reaches none of it; a school's staff see their own students' applications and who viewed them, nothing
// of another school's.
import { expect } from 'chai';
import { fromBuffer, type Entry } from 'yauzl';
import { service } from '../../core/app.js';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { bearer, memberOf, type Registered } from '../helpers/employers.js';
import { putResume } from '../helpers/applications.js';
import { approveJobs, createJob } from '../helpers/jobs.js';
import { pdfText } from '../helpers/pdf-text.js';
import { enrolStudent, type Enrolled } from '../helpers/students.js';

const RESUME = {
  summary: '热爱编程，做过三个开源项目。',
  email: 'student@example.com',
  education: [
    { school: '南京大学', major: '计算机科学与技术', degree: '本科', from: '2023-09', to: '2027-06' },
  ],
  experience: [
    { company: '南京某科技公司', role: '后端实习生', from: '2025-07', to: '2025-09', description: '写接口' },
  ],
  skills: ['TypeScript', 'PostgreSQL'],
  awards: ['ACM 省赛二等奖'],
};

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
      resume: JSON.stringify(RESUME),
    })
    .returning('id');
  return (row as { id: number }).id;
}

async function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    fromBuffer(zip, { lazyEntries: true }, (err, file) => {
      if (err) return reject(err);
      const out = new Map<string, Buffer>();
      file.on('entry', (entry: Entry) => {
        file.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            file.readEntry();
          });
        });
      });
      file.on('end', () => resolve(out));
      file.on('error', reject);
      file.readEntry();
    });
  });
}

const studentMessages = async (studentId: number) => {
  const { app } = await getDeployment();
  return app
    .db('outbox')
    .where('topic', 'messages.send')
    .whereRaw(`payload->'to'->>'studentId' = ?`, [String(studentId)])
    .orderBy('id');
};

describe('employer inbox (收到的简历) API', () => {
  let employer: Registered;
  let other: Registered;
  let job: { id: number };
  let job2: { id: number };
  let alice: Enrolled;
  let bob: Enrolled;
  let carol: Enrolled;
  let dave: Enrolled;

  before(async () => {
    employer = await memberOf(['nju', 'seu']);
    other = await memberOf(['nju']);
    job = await createJob(employer, { siteSlugs: ['nju', 'seu'], title: '后端开发工程师' });
    job2 = await createJob(employer, { siteSlugs: ['nju'], title: '前端开发工程师' });
    alice = await enrolStudent('nju', { name: '爱丽丝', degree: '硕士', major: '软件工程' });
    bob = await enrolStudent('seu', { name: '鲍勃', degree: '本科', major: '计算机科学与技术' });
    carol = await enrolStudent('nju', { name: '卡萝', degree: '本科', major: '电子信息工程' });
    dave = await enrolStudent('nju', { name: '大卫' });
  });

  it('lists own applications newest first with counts per status and the filters', async () => {
    const a1 = await apply(job, employer, alice);
    const a2 = await apply(job, employer, bob, 'viewed');
    const a3 = await apply(job2, employer, carol, 'rejected');
    const res = await inject({
      method: 'GET',
      url: '/api/v1/employer/applications',
      headers: bearer(employer.token),
    });
    expect(res.statusCode, res.payload).to.equal(200);
    const body = json<{
      items: {
        id: number;
        status: string;
        student: Record<string, unknown>;
        job: { title: string };
        site: { slug: string };
      }[];
      counts: Record<string, number>;
      total: number;
    }>(res);
    expect(body.items.map((i) => i.id).slice(0, 3)).to.deep.equal([a3, a2, a1]);
    expect(body.counts).to.include({ submitted: 1, viewed: 1, rejected: 1, all: 3 });
    expect(body.total).to.equal(3);
    expect(body.items[0]!.student).to.not.have.property('idNumber');
    expect(JSON.stringify(body)).to.not.include(alice.idNumber);

    const filtered = async (qs: string) =>
      json<{ items: { id: number }[]; counts: Record<string, number>; total: number }>(
        await inject({
          method: 'GET',
          url: `/api/v1/employer/applications?${qs}`,
          headers: bearer(employer.token),
        }),
      );
    expect((await filtered('site=seu')).items.map((i) => i.id)).to.deep.equal([a2]);
    expect((await filtered(`jobId=${job2.id}`)).items.map((i) => i.id)).to.deep.equal([a3]);
    expect((await filtered('status=submitted')).items.map((i) => i.id)).to.deep.equal([a1]);
    const byStatus = await filtered('status=submitted');
    expect(byStatus.counts.all).to.equal(3);
    expect(byStatus.total).to.equal(1);
    expect((await filtered('degree=硕士')).items.map((i) => i.id)).to.deep.equal([a1]);
    expect((await filtered(`major=${encodeURIComponent('电子')}`)).items.map((i) => i.id)).to.deep.equal([
      a3,
    ]);
    expect((await filtered(`q=${encodeURIComponent('鲍')}`)).items.map((i) => i.id)).to.deep.equal([a2]);
    expect((await filtered(`q=${encodeURIComponent('前端')}`)).items.map((i) => i.id)).to.deep.equal([a3]);
    const { app } = await getDeployment();
    const today = app.clock.today();
    expect((await filtered(`from=${today}&to=${today}`)).total).to.equal(3);
    expect((await filtered('to=2020-01-01')).total).to.equal(0);
    expect((await filtered('pageSize=1&page=2')).items.map((i) => i.id)).to.deep.equal([a2]);

    const bad = await inject({
      method: 'GET',
      url: '/api/v1/employer/applications?from=2026-02-31',
      headers: bearer(employer.token),
    });
    expect(bad.statusCode).to.equal(400);
    expect(json(bad).code).to.equal('VALIDATION');

    const others = await inject({
      method: 'GET',
      url: '/api/v1/employer/applications',
      headers: bearer(other.token),
    });
    expect(json<{ total: number }>(others).total).to.equal(0);
    await app.db('applications').whereIn('id', [a1, a2, a3]).delete();
  });

  it('opens one: ID number masked, marked 已查看 once, every view recorded, the student told', async () => {
    const { app } = await getDeployment();
    const id = await apply(job, employer, dave);
    const res = await inject({
      method: 'GET',
      url: `/api/v1/employer/applications/${id}`,
      headers: bearer(employer.token),
    });
    expect(res.statusCode, res.payload).to.equal(200);
    const body = json<{
      status: string;
      student: { idNumberMasked: string; name: string };
      resume: typeof RESUME;
    }>(res);
    expect(body.status).to.equal('viewed');
    expect(body.student.idNumberMasked).to.equal(
      `${dave.idNumber.slice(0, 4)}**********${dave.idNumber.slice(-4)}`,
    );
    expect(res.payload).to.not.include(dave.idNumber);
    expect(body.resume.summary).to.equal(RESUME.summary);
    await inject({
      method: 'GET',
      url: `/api/v1/employer/applications/${id}`,
      headers: bearer(employer.token),
    });
    const views = await app.db('application_views').where('application_id', id).orderBy('id');
    expect(views.map((v: { action: string }) => v.action)).to.deep.equal(['view', 'view']);
    expect(views[0]).to.include({ employer_id: employer.employerId, account_id: employer.accountId });
    const events = await app.db('application_events').where('application_id', id);
    expect(events.map((e: { to_status: string }) => e.to_status)).to.deep.equal(['viewed']);
    const messages = await studentMessages(dave.id);
    expect(
      messages.filter((m: { payload: { kind: string } }) => m.payload.kind === 'application.viewed'),
    ).to.have.length(1);
  });

  it('downloads the résumé as a Chinese PDF with the viewer in the footer, and records the download', async () => {
    const { app } = await getDeployment();
    const id = await apply(job2, employer, alice);
    const res = await inject({
      method: 'GET',
      url: `/api/v1/employer/applications/${id}/resume.pdf`,
      headers: bearer(employer.token),
    });
    expect(res.statusCode, res.payload.slice(0, 200)).to.equal(200);
    expect(res.headers['content-type']).to.match(/application\/pdf/);
    expect(res.rawPayload.subarray(0, 5).toString()).to.equal('%PDF-');
    // personal data: never kept by a cache, never sniffed
    expect(res.headers['cache-control']).to.equal('private, no-store');
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    expect(String(res.headers['content-disposition'])).to.match(
      /^attachment; filename=".*"; filename\*=UTF-8''/,
    );
    const account = await app.db('employer_accounts').where('id', employer.accountId).first('name');
    const lines = pdfText(res.rawPayload).join('\n');
    expect(lines).to.include('爱丽丝');
    expect(lines).to.include(`${alice.idNumber.slice(0, 4)}**********`);
    expect(lines).to.not.include(alice.idNumber);
    expect(lines).to.include(String(account.name));
    expect(lines).to.include('下载');
    expect(lines).to.include('ACM 省赛二等奖');
    const views = await app.db('application_views').where('application_id', id);
    expect(views.map((v: { action: string }) => v.action)).to.deep.equal(['download']);
  });

  it('exports own applications as a ZIP with one PDF each; an id of another employer exports nothing', async () => {
    const { app } = await getDeployment();
    const s1 = await enrolStudent('nju', { name: '导出甲' });
    const s2 = await enrolStudent('nju', { name: '导出乙' });
    const ids = [await apply(job, employer, s1), await apply(job, employer, s2)];
    const res = await inject({
      method: 'POST',
      url: '/api/v1/employer/applications/export',
      headers: bearer(employer.token),
      payload: { ids },
    });
    expect(res.statusCode, res.payload.slice(0, 200)).to.equal(200);
    expect(res.headers['content-type']).to.match(/application\/zip/);
    const files = await unzip(res.rawPayload);
    expect(files.size).to.equal(2);
    for (const pdf of files.values()) expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    expect([...files.keys()].join())
      .to.include('导出甲')
      .and.include('导出乙');
    const views = await app.db('application_views').whereIn('application_id', ids);
    expect(views.map((v: { action: string }) => v.action)).to.deep.equal(['export', 'export']);

    const foreignJob = await createJob(other, { siteSlugs: ['nju'] });
    const foreign = await apply(foreignJob, other, s1);
    const refused = await inject({
      method: 'POST',
      url: '/api/v1/employer/applications/export',
      headers: bearer(employer.token),
      payload: { ids: [ids[0], foreign] },
    });
    expect(refused.statusCode).to.equal(404);
    expect(await app.db('application_views').where('application_id', foreign)).to.have.length(0);
    expect(await app.db('application_views').whereIn('application_id', ids)).to.have.length(2);
  });

  it('handles a batch item by item, listing what it refused and why', async () => {
    const { app } = await getDeployment();
    const s1 = await enrolStudent('nju');
    const s2 = await enrolStudent('nju');
    const s3 = await enrolStudent('nju');
    const fresh = await apply(job, employer, s1);
    const done = await apply(job, employer, s2, 'offer');
    const invited = await apply(job, employer, s3, 'interview_invited');
    const foreignJob = await createJob(other, { siteSlugs: ['nju'] });
    const foreign = await apply(foreignJob, other, s1);
    const res = await inject({
      method: 'POST',
      url: '/api/v1/employer/applications/batch',
      headers: bearer(employer.token),
      payload: { ids: [fresh, done, invited, foreign], action: 'offer' },
    });
    expect(res.statusCode, res.payload).to.equal(200);
    const body = json<{ updated: number; refused: { id: number; code: string }[] }>(res);
    expect(body.updated).to.equal(1);
    expect(body.refused.map(({ id, code }) => ({ id, code }))).to.deep.equal([
      { id: done, code: 'INVALID_STATE' },
      { id: invited, code: 'INVALID_STATE' },
      { id: foreign, code: 'NOT_FOUND' },
    ]);
    const statuses = await app
      .db('applications')
      .whereIn('id', [fresh, done, invited, foreign])
      .orderBy('id');
    expect(statuses.map((r: { status: string }) => r.status)).to.deep.equal([
      'offer',
      'offer',
      'interview_invited',
      'submitted',
    ]);
    const rejected = await inject({
      method: 'POST',
      url: '/api/v1/employer/applications/batch',
      headers: bearer(employer.token),
      payload: { ids: [invited], action: 'reject' },
    });
    expect(json(rejected)).to.deep.include({ updated: 1 });
    const viewed = await inject({
      method: 'POST',
      url: '/api/v1/employer/applications/batch',
      headers: bearer(employer.token),
      payload: { ids: [fresh], action: 'mark_viewed' },
    });
    expect(json<{ refused: { code: string }[] }>(viewed).refused.map((r) => r.code)).to.deep.equal([
      'INVALID_STATE',
    ]);
    const kinds = (await studentMessages(s3.id)).map((m: { payload: { kind: string } }) => m.payload.kind);
    expect(kinds).to.deep.equal(['application.rejected']);
    const candidates = await service(app, 'applicationsInbox').offerCandidates(employer.employerId);
    expect(candidates.map((c) => c.studentId)).to.include.members([s1.id, s2.id]);
    expect(candidates.find((c) => c.studentId === s1.id)).to.deep.include({
      school: { slug: 'nju', name: app.sites.get('nju')!.name },
      idNumberMasked: `${s1.idNumber.slice(0, 4)}**********${s1.idNumber.slice(-4)}`,
    });
  });

  it('invites to an interview (all field errors at once), refuses a second open invitation, and marks 拟录用', async () => {
    const { app } = await getDeployment();
    const s = await enrolStudent('nju', { name: '面试生' });
    const id = await apply(job, employer, s);
    const url = `/api/v1/employer/applications/${id}/interview`;
    const invalid = await inject({
      method: 'POST',
      url,
      headers: bearer(employer.token),
      payload: { startsAt: 'tomorrow', mode: 'onsite', contactName: '', contactPhone: '123' },
    });
    expect(invalid.statusCode).to.equal(400);
    const paths = json<{ details: { path: string }[] }>(invalid).details.map((d) => d.path);
    expect(paths).to.include.members(['startsAt', 'place', 'contactName', 'contactPhone']);
    const past = await inject({
      method: 'POST',
      url,
      headers: bearer(employer.token),
      payload: {
        startsAt: '2020-01-01T09:00:00+08:00',
        mode: 'online',
        url: 'https://meet.example.com/1',
        contactName: '李老师',
        contactPhone: '13912345678',
      },
    });
    expect(past.statusCode).to.equal(400);
    const startsAt = new Date(app.clock.now().getTime() + 3 * 86_400_000).toISOString();
    const body = {
      startsAt,
      mode: 'onsite',
      place: '南京市鼓楼区汉口路 22 号 3 楼',
      contactName: '李老师',
      contactPhone: '025-83591234',
      note: '带上成绩单',
    };
    const res = await inject({ method: 'POST', url, headers: bearer(employer.token), payload: body });
    expect(res.statusCode, res.payload).to.equal(201);
    expect(json(res)).to.include({ mode: 'onsite', status: 'invited', contactName: '李老师' });
    expect((await app.db('applications').where('id', id).first()).status).to.equal('interview_invited');
    const again = await inject({ method: 'POST', url, headers: bearer(employer.token), payload: body });
    expect(again.statusCode).to.equal(409);
    expect(json(again).code).to.equal('INVALID_STATE');
    expect(await app.db('interviews').where('application_id', id)).to.have.length(1);
    const offerEarly = await inject({
      method: 'POST',
      url: `/api/v1/employer/applications/${id}/offer`,
      headers: bearer(employer.token),
      payload: {},
    });
    expect(offerEarly.statusCode).to.equal(409);

    // the student declines (as the student side does: the transition and the invitation row), then a new invitation
    await app.db.transaction(async (trx) => {
      const { move } = await import('../../plugins/applications/transitions.js');
      await move(trx, id, 'decline', { kind: 'student', id: s.id }, { student_id: s.id });
      await trx('interviews')
        .where({ application_id: id, status: 'invited' })
        .update({ status: 'declined', answered_at: trx.fn.now() });
    });
    const second = await inject({
      method: 'POST',
      url,
      headers: bearer(employer.token),
      payload: { ...body, mode: 'online', url: 'https://meet.example.com/abc', place: '' },
    });
    expect(second.statusCode, second.payload).to.equal(201);
    const rows = await app.db('interviews').where('application_id', id).orderBy('id');
    expect(rows.map((r: { status: string; mode: string }) => [r.status, r.mode])).to.deep.equal([
      ['declined', 'onsite'],
      ['invited', 'online'],
    ]);
    await app.db.transaction(async (trx) => {
      const { move } = await import('../../plugins/applications/transitions.js');
      await move(trx, id, 'accept', { kind: 'student', id: s.id }, { student_id: s.id });
    });
    const offer = await inject({
      method: 'POST',
      url: `/api/v1/employer/applications/${id}/offer`,
      headers: bearer(employer.token),
      payload: {},
    });
    expect(offer.statusCode, offer.payload).to.equal(200);
    expect(json(offer)).to.include({ status: 'offer' });
    const kinds = (await studentMessages(s.id)).map((m: { payload: { kind: string; link: string } }) => [
      m.payload.kind,
      m.payload.link,
    ]);
    expect(kinds).to.deep.equal([
      ['application.interview_invited', '/student/applications'],
      ['application.interview_invited', '/student/applications'],
      ['application.offer', '/student/applications'],
    ]);
  });

  it('answers 404 to another employer on every route, and leaves the application untouched', async () => {
    const { app } = await getDeployment();
    const s = await enrolStudent('nju');
    const id = await apply(job, employer, s);
    const h = bearer(other.token);
    const startsAt = new Date(app.clock.now().getTime() + 86_400_000).toISOString();
    const attempts = [
      { method: 'GET', url: `/api/v1/employer/applications/${id}` },
      { method: 'GET', url: `/api/v1/employer/applications/${id}/resume.pdf` },
      { method: 'POST', url: '/api/v1/employer/applications/export', payload: { ids: [id] } },
      {
        method: 'POST',
        url: `/api/v1/employer/applications/${id}/interview`,
        payload: {
          startsAt,
          mode: 'online',
          url: 'https://x.example.com',
          contactName: '王',
          contactPhone: '13912345678',
        },
      },
      { method: 'POST', url: `/api/v1/employer/applications/${id}/offer`, payload: {} },
    ];
    for (const a of attempts) {
      const res = await inject({ ...a, headers: h });
      expect(res.statusCode, `${a.method} ${a.url}`).to.equal(404);
    }
    const batch = await inject({
      method: 'POST',
      url: '/api/v1/employer/applications/batch',
      headers: h,
      payload: { ids: [id], action: 'reject' },
    });
    expect(json(batch)).to.deep.equal({
      updated: 0,
      refused: [{ id, code: 'NOT_FOUND', message: '投递记录不存在' }],
    });
    const list = await inject({
      method: 'GET',
      url: `/api/v1/employer/applications?jobId=${job.id}`,
      headers: h,
    });
    expect(json<{ total: number }>(list).total).to.equal(0);
    const row = await app.db('applications').where('id', id).first();
    expect(row.status).to.equal('submitted');
    expect(await app.db('application_views').where('application_id', id)).to.have.length(0);
    expect(await app.db('interviews').where('application_id', id)).to.have.length(0);
  });

  it("shows a school's staff their student's applications and who viewed them, never another school's", async () => {
    const s = await enrolStudent('nju', { name: '被查看' });
    const id = await apply(job, employer, s);
    await inject({
      method: 'GET',
      url: `/api/v1/employer/applications/${id}`,
      headers: bearer(employer.token),
    });
    await inject({
      method: 'GET',
      url: `/api/v1/employer/applications/${id}/resume.pdf`,
      headers: bearer(employer.token),
    });
    const nju = await staffToken('nju.admin');
    const res = await inject({
      method: 'GET',
      url: `/api/v1/admin/students/${s.id}/applications`,
      headers: bearer(nju),
    });
    expect(res.statusCode, res.payload).to.equal(200);
    const body = json<{
      student: { name: string };
      applications: {
        id: number;
        status: string;
        employer: { name: string };
        views: { action: string; employer: string }[];
      }[];
    }>(res);
    expect(body.student.name).to.equal('被查看');
    expect(body.applications).to.have.length(1);
    expect(body.applications[0]).to.deep.include({ id, status: 'viewed' });
    expect(body.applications[0]!.employer.name).to.equal(employer.name);
    expect(body.applications[0]!.views.map((v) => v.action)).to.deep.equal(['download', 'view']);
    expect(body.applications[0]!.views[0]!.employer).to.equal(employer.name);
    const seu = await staffToken('seu.admin');
    const denied = await inject({
      method: 'GET',
      url: `/api/v1/admin/students/${s.id}/applications`,
      headers: bearer(seu),
    });
    expect(denied.statusCode).to.equal(404);
    expect(denied.payload).to.not.include('被查看');
    const asEmployer = await inject({
      method: 'GET',
      url: `/api/v1/admin/students/${s.id}/applications`,
      headers: bearer(employer.token),
    });
    expect(asEmployer.statusCode).to.be.oneOf([401, 403]);
  });

  it('counts new and total applications for the employer home', async () => {
    const { app } = await getDeployment();
    const fresh = await memberOf(['nju']);
    const j = await createJob(fresh, { siteSlugs: ['nju'] });
    const s1 = await enrolStudent('nju');
    const s2 = await enrolStudent('nju');
    await apply(j, fresh, s1);
    await apply(j, fresh, s2, 'viewed');
    const inbox = service(app, 'applicationsInbox');
    expect(await inbox.counts(fresh.employerId)).to.deep.equal({ new: 1, total: 2 });
    expect(await inbox.newCount(fresh.employerId)).to.equal(1);
  });

  it('seeds demo applications to the demo jobs in every status at nju, seu and suda, idempotently', async () => {
    const { app } = await getDeployment();
    const { seedDemoApplications } = await import('../../plugins/applications/demo.js');
    const { APPLICATION_STATUSES } = await import('../../plugins/applications/models/application.js');
    const count = async () =>
      (await app
        .db('applications as a')
        .join('students as s', 's.id', 'a.student_id')
        .where('s.student_no', 'like', '2027%')
        .select('a.site_id', 'a.status')) as { site_id: number; status: string }[];
    const before = await count();
    await seedDemoApplications(app);
    const after = await count();
    expect(after.length).to.equal(before.length);
    for (const slug of ['nju', 'seu', 'suda']) {
      const statuses = new Set(
        after.filter((r) => r.site_id === app.sites.get(slug)!.id).map((r) => r.status),
      );
      expect([...statuses].sort(), slug).to.deep.equal([...APPLICATION_STATUSES].sort());
    }
  });

  it('runs the full path with the student side: apply, open, invite, accept, 待面试, 拟录用, the signing candidate', async () => {
    const { app } = await getDeployment();
    const e = await memberOf(['nju']);
    const j = await createJob(e, { siteSlugs: ['nju'], title: '全流程工程师' });
    await approveJobs('nju', e);
    const s = await enrolStudent('nju', { name: '全流程' });
    await putResume(s);
    const applied = await inject({
      method: 'POST',
      url: '/api/v1/student/applications',
      headers: bearer(s.token),
      payload: { jobId: j.id },
    });
    expect(applied.statusCode, applied.payload).to.equal(201);
    const list = json<{ items: { id: number; status: string }[]; counts: Record<string, number> }>(
      await inject({ method: 'GET', url: '/api/v1/employer/applications', headers: bearer(e.token) }),
    );
    expect(list.items).to.have.length(1);
    expect(list.counts.submitted).to.equal(1);
    const id = list.items[0]!.id;
    const opened = json<{
      status: string;
      resume: Record<string, unknown>;
      student: { idNumberMasked: string };
    }>(await inject({ method: 'GET', url: `/api/v1/employer/applications/${id}`, headers: bearer(e.token) }));
    expect(opened.status).to.equal('viewed');
    expect(opened.resume).to.not.have.property('idNumber');
    expect(JSON.stringify(opened)).to.not.include(s.idNumber);
    const invited = await inject({
      method: 'POST',
      url: `/api/v1/employer/applications/${id}/interview`,
      headers: bearer(e.token),
      payload: {
        startsAt: new Date(app.clock.now().getTime() + 2 * 86_400_000).toISOString(),
        mode: 'online',
        url: 'https://meet.example.com/full',
        contactName: '周老师',
        contactPhone: '13912345678',
      },
    });
    expect(invited.statusCode, invited.payload).to.equal(201);
    const interviewId = json<{ id: number }>(invited).id;
    const accepted = await inject({
      method: 'POST',
      url: `/api/v1/student/interviews/${interviewId}/accept`,
      headers: bearer(s.token),
      payload: {},
    });
    expect(accepted.statusCode, accepted.payload).to.equal(200);
    const waiting = json<{ items: { id: number }[] }>(
      await inject({
        method: 'GET',
        url: '/api/v1/employer/applications?status=interview',
        headers: bearer(e.token),
      }),
    );
    expect(waiting.items.map((i) => i.id)).to.deep.equal([id]);
    const offer = await inject({
      method: 'POST',
      url: `/api/v1/employer/applications/${id}/offer`,
      headers: bearer(e.token),
      payload: {},
    });
    expect(offer.statusCode, offer.payload).to.equal(200);
    const candidates = await service(app, 'applicationsInbox').offerCandidates(e.employerId);
    expect(candidates.map((c) => c.studentId)).to.deep.equal([s.id]);
    const events = await app.db('application_events').where('application_id', id).orderBy('id');
    expect(events.map((r: { to_status: string }) => r.to_status)).to.deep.equal([
      'submitted',
      'viewed',
      'interview_invited',
      'interview',
      'offer',
    ]);
    const mine = json<{ items: { id: number; status: string }[] }>(
      await inject({ method: 'GET', url: '/api/v1/student/applications', headers: bearer(s.token) }),
    );
    expect(mine.items.find((a) => a.id === id)?.status).to.equal('offer');
  });
});
