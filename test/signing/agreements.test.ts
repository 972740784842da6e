// Online signing through the API: an agreement's whole life (invite → accept → school confirms → signed → PDF → public
// verification without the ID number → termination asked, agreed, confirmed → terminated → re-invite prefilled), the
// 409s, per-student refusals of a batch, the candidates search, the Excel export, isolation across employers, students
// and schools on every route, the expiry task, the append-only history — and the race: one student accepting two
// offers at once, 50 times, leaves exactly one agreement in force each time.
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { addDays } from '../../core/format/index.js';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { bearer, memberOf, registerEmployer, type Registered } from '../helpers/employers.js';
import { createJob } from '../helpers/jobs.js';
import { pdfText } from '../helpers/pdf-text.js';
import {
  authorizeSigning,
  findStudents,
  invite,
  inviteOne,
  offer,
  signingEmployer,
  staffPost,
  studentPost,
} from '../helpers/agreements.js';
import { enrolStudent, type Enrolled } from '../helpers/students.js';

type View = {
  id: number;
  status: string;
  tab: string;
  agreementNo: string;
  verifyUrl?: string;
  actions: string[];
  student: { idNumberMasked: string; name: string; school: { slug: string } };
  events: { from: string | null; to: string; actor: string }[];
};

const get = (token: string, url: string) => inject({ url, headers: bearer(token) });

async function statusOf(id: number): Promise<string> {
  const { app } = await getDeployment();
  return ((await app.db('agreements').where('id', id).first('status')) as { status: string }).status;
}

async function messagesTo(to: { studentId: number } | { employerId: number }, kind: string) {
  const { app } = await getDeployment();
  const column = 'studentId' in to ? 'student_id' : 'employer_id';
  const id = 'studentId' in to ? to.studentId : to.employerId;
  for (let i = 0; i < 100; i++) {
    const rows = (await app.db('messages').where({ [column]: id, kind })) as { title: string }[];
    if (rows.length) return rows;
    await new Promise((r) => setTimeout(r, 50));
  }
  return [];
}

describe('online signing: agreements through the API', () => {
  let employer: Registered;
  before(async () => {
    employer = await signingEmployer();
  });

  it('walks the whole life: invite, accept, confirm, PDF, verify, terminate, re-invite prefilled', async () => {
    const { app } = await getDeployment();
    const student = await enrolStudent('nju', { name: '陈签约', major: '软件工程', degree: '硕士' });
    const id = await inviteOne(employer.token, student.id);
    expect(await statusOf(id)).to.equal('invited');
    expect(await messagesTo({ studentId: student.id }, 'agreement.invite')).to.have.length(1);

    const mine = json<{ items: View[] }>(await get(student.token, '/api/v1/student/agreements'));
    expect(mine.items.map((a) => [a.id, a.status, a.actions])).to.deep.equal([
      [id, 'invited', ['accept', 'decline']],
    ]);

    const early = await get(employer.token, `/api/v1/employer/agreements/${id}/document.pdf`);
    expect(early.statusCode).to.equal(409);
    expect(json(early).code).to.equal('NOT_SIGNED');

    const accepted = await studentPost(student.token, id, 'accept');
    expect(accepted.statusCode, accepted.payload).to.equal(200);
    expect(json<View>(accepted).status).to.equal('accepted');
    expect(await messagesTo({ employerId: employer.employerId }, 'agreement.accept')).to.have.length(1);

    const queue = json<{ items: View[] }>(
      await get(await staffToken('nju.admin'), '/api/v1/admin/sites/nju/agreements'),
    );
    expect(queue.items.map((a) => a.id)).to.include(id);

    const confirmed = await staffPost('nju', id, 'confirm', {});
    expect(confirmed.statusCode, confirmed.payload).to.equal(200);
    expect(await statusOf(id)).to.equal('signed');
    const again = await staffPost('nju', id, 'confirm', {});
    expect(again.statusCode).to.equal(409);
    expect(json(again).code).to.equal('INVALID_STATE');

    const signed = json<View>(await get(employer.token, `/api/v1/employer/agreements/${id}`));
    expect(signed.status).to.equal('signed');
    expect(signed.tab).to.equal('signed');
    expect(signed.student.idNumberMasked).to.match(/^\d{4}\*{10}[\dX]{4}$/);
    expect(signed.verifyUrl).to.match(/\/api\/v1\/public\/certificates\/[A-Za-z0-9_-]{22}$/);
    expect(signed.events.map((e) => [e.from, e.to, e.actor])).to.deep.equal([
      [null, 'invited', 'employer'],
      ['invited', 'accepted', 'student'],
      ['accepted', 'signed', 'staff'],
    ]);

    const pdf = await get(employer.token, `/api/v1/employer/agreements/${id}/document.pdf`);
    expect(pdf.statusCode).to.equal(200);
    expect(pdf.headers['content-type']).to.equal('application/pdf');
    const text = pdfText(pdf.rawPayload).join('\n');
    for (const s of [
      '全国普通高等学校毕业生就业协议书',
      employer.name,
      employer.uscc,
      '陈签约',
      student.idNumber,
      '南京大学',
      '南京大学就业指导中心',
      '软件工程',
      '硕士',
      '软件开发工程师',
      '12000 元',
      signed.agreementNo,
    ])
      expect(text, s).to.include(s);

    const code = signed.verifyUrl!.split('/').pop()!;
    const verify = await inject(`/api/v1/public/certificates/${code}`);
    expect(verify.statusCode).to.equal(200);
    const verified = json<Record<string, unknown>>(verify);
    expect(verified).to.deep.include({
      kind: 'agreement',
      agreementNo: signed.agreementNo,
      employer: employer.name,
      student: '陈签约',
      school: '南京大学',
      status: 'signed',
    });
    expect(verify.payload).to.not.include(student.idNumber);
    expect(verify.payload).to.not.include(student.idNumber.slice(-4) + '"');

    // termination asked by the employer, agreed by the student, confirmed by the school
    const noReason = await inject({
      method: 'POST',
      url: `/api/v1/employer/agreements/${id}/termination`,
      headers: bearer(employer.token),
      payload: {},
    });
    expect(noReason.statusCode).to.equal(400);
    const asked = await inject({
      method: 'POST',
      url: `/api/v1/employer/agreements/${id}/termination`,
      headers: bearer(employer.token),
      payload: { reason: '岗位调整，双方协商解约' },
    });
    expect(asked.statusCode, asked.payload).to.equal(200);
    expect(json<View>(asked).tab).to.equal('terminating');
    // the school cannot confirm before the student agrees
    expect((await staffPost('nju', id, 'termination/confirm', {})).statusCode).to.equal(409);
    // the employer cannot agree to its own request
    const self = await inject({
      method: 'POST',
      url: `/api/v1/employer/agreements/${id}/termination/agree`,
      headers: bearer(employer.token),
      payload: {},
    });
    expect(self.statusCode).to.equal(409);
    const agreed = await studentPost(student.token, id, 'termination/agree', {});
    expect(agreed.statusCode, agreed.payload).to.equal(200);
    const done = await staffPost('nju', id, 'termination/confirm', {});
    expect(done.statusCode, done.payload).to.equal(200);
    expect(await statusOf(id)).to.equal('terminated');
    expect(json(await inject(`/api/v1/public/certificates/${code}`))).to.deep.include({
      status: 'terminated',
    });
    const row = await app.db('agreements').where('id', id).first();
    expect(row.termination_requested_by).to.equal('employer');
    expect(row.termination_reason).to.equal('岗位调整，双方协商解约');
    expect(row.terminated_at).to.not.equal(null);

    const re = await get(employer.token, `/api/v1/employer/agreements/${id}/reinvite`);
    expect(re.statusCode, re.payload).to.equal(200);
    const prefilled = json<{ invitation: Record<string, unknown>; eligible: boolean; reinvitedFrom: number }>(
      re,
    );
    expect(prefilled.eligible).to.equal(true);
    expect(prefilled.reinvitedFrom).to.equal(id);
    expect(prefilled.invitation).to.deep.include({
      studentId: student.id,
      position: '软件开发工程师',
      salaryMonthly: 12000,
      probationMonths: 3,
      contractYears: 3,
      workPlace: '南京市',
    });
    expect(prefilled.invitation.archive).to.deep.equal({ forward: true, address: '南京市人才服务中心' });
    // the student may sign again
    const second = await invite(employer.token, [{ ...prefilled.invitation, position: '高级开发工程师' }]);
    expect(second.statusCode, second.payload).to.equal(201);
    expect(json<{ created: unknown[] }>(second).created).to.have.length(1);
  });

  it('refuses each invitation on its own: not found, not eligible, bound elsewhere, already invited; sends the rest', async () => {
    const other = await signingEmployer();
    const ok = await enrolStudent('seu');
    const ineligible = await enrolStudent('nju', { eSignEligible: false });
    const bound = await enrolStudent('suda');
    const boundId = await inviteOne(other.token, bound.id);
    await studentPost(bound.token, boundId, 'accept');
    const twice = await enrolStudent('nju');
    await inviteOne(employer.token, twice.id);
    const unsearched = await enrolStudent('seu');
    await findStudents(employer.token, [ok.id, ineligible.id, bound.id]);
    const res = await invite(
      employer.token,
      [
        await offer(ok.id),
        await offer(ineligible.id),
        await offer(bound.id),
        await offer(twice.id),
        await offer(unsearched.id),
        await offer(2_000_000_000),
      ],
      { search: false },
    );
    expect(res.statusCode, res.payload).to.equal(201);
    const body = json<{ created: { studentId: number }[]; refused: { studentId: number; code: string }[] }>(
      res,
    );
    expect(body.created.map((c) => c.studentId)).to.deep.equal([ok.id]);
    expect(body.refused.map((r) => [r.studentId, r.code])).to.deep.equal([
      [ineligible.id, 'STUDENT_NOT_ELIGIBLE'],
      [bound.id, 'STUDENT_HAS_AGREEMENT'],
      [twice.id, 'ALREADY_INVITED'],
      [unsearched.id, 'STUDENT_NOT_FOUND'],
      [2_000_000_000, 'STUDENT_NOT_FOUND'],
    ]);
    const { app } = await getDeployment();
    expect(await app.db('agreements').where('student_id', ineligible.id)).to.have.length(0);
    expect(await app.db('agreements').where('student_id', unsearched.id)).to.have.length(0);
  });

  it('reports every field error of every invitation at once', async () => {
    const s = await enrolStudent('nju');
    const { app } = await getDeployment();
    const res = await invite(employer.token, [
      await offer(s.id, { position: '', archive: { forward: true } }),
      await offer(s.id, { salaryMonthly: -1, respondBy: '2027-02-31' }),
    ]);
    expect(res.statusCode).to.equal(400);
    const paths = json<{ details: { path: string }[] }>(res).details.map((d) => d.path);
    expect(paths).to.include.members([
      'invitations.0.position',
      'invitations.0.archive.address',
      'invitations.1.salaryMonthly',
      'invitations.1.respondBy',
    ]);
    const past = await invite(employer.token, [
      await offer(s.id, { respondBy: addDays(app.clock.today(), -1) }),
    ]);
    expect(past.statusCode).to.equal(400);
    expect(json<{ details: { path: string }[] }>(past).details[0]!.path).to.equal('invitations.0.respondBy');
    expect(await app.db('agreements').where('student_id', s.id)).to.have.length(0);
  });

  it('accepting one offer withdraws the others; accepting another while bound is 409 STUDENT_HAS_AGREEMENT', async () => {
    const other = await signingEmployer();
    const s = await enrolStudent('nju');
    const a = await inviteOne(employer.token, s.id);
    const b = await inviteOne(other.token, s.id);
    expect((await studentPost(s.token, a, 'accept')).statusCode).to.equal(200);
    expect(await statusOf(b)).to.equal('withdrawn');
    expect(
      await messagesTo({ employerId: other.employerId }, 'agreement.withdraw'),
    ).to.have.length.greaterThan(0);
    const third = await signingEmployer();
    const refused = await invite(third.token, [await offer(s.id)]);
    expect(json<{ refused: { code: string }[] }>(refused).refused[0]!.code).to.equal('STUDENT_HAS_AGREEMENT');
    // an invitation sent before the acceptance and still open cannot be accepted either
    const t = await enrolStudent('nju');
    const c1 = await inviteOne(employer.token, t.id);
    const c2 = await inviteOne(other.token, t.id);
    const { app } = await getDeployment();
    await app.db('agreements').where('id', c1).update({ status: 'accepted', accepted_at: app.db.fn.now() });
    const late = await studentPost(t.token, c2, 'accept');
    expect(late.statusCode).to.equal(409);
    expect(json(late).code).to.equal('STUDENT_HAS_AGREEMENT');
    expect(await statusOf(c2)).to.equal('invited');
  });

  it('the race: two offers accepted at once, 50 times, leave exactly one agreement in force', async function () {
    this.timeout(300_000);
    const { app } = await getDeployment();
    const other = await signingEmployer();
    for (let i = 0; i < 50; i++) {
      const s = await enrolStudent('nju');
      const a = await inviteOne(employer.token, s.id);
      const b = await inviteOne(other.token, s.id);
      const results = await Promise.all([
        studentPost(s.token, a, 'accept'),
        studentPost(s.token, b, 'accept'),
      ]);
      const codes = results.map((r) => r.statusCode).sort();
      expect(codes, results.map((r) => r.payload).join()).to.deep.equal([200, 409]);
      expect(json(results.find((r) => r.statusCode === 409)!).code).to.equal('STUDENT_HAS_AGREEMENT');
      const active = await app
        .db('agreements')
        .where('student_id', s.id)
        .whereIn('status', ['accepted', 'signed', 'terminating', 'termination_refused']);
      expect(active).to.have.length(1);
    }
  });

  it('the database refuses a second agreement in force whatever the code does', async () => {
    const { app } = await getDeployment();
    const other = await signingEmployer();
    const s = await enrolStudent('seu');
    const a = await inviteOne(employer.token, s.id);
    const b = await inviteOne(other.token, s.id);
    await app.db('agreements').where('id', a).update({ status: 'accepted' });
    const err = await app
      .db('agreements')
      .where('id', b)
      .update({ status: 'accepted' })
      .then(
        () => 'updated',
        (e: { constraint?: string }) => e.constraint,
      );
    expect(err).to.equal('agreements_one_active_per_student');
  });

  it('keeps the history append-only', async () => {
    const { app } = await getDeployment();
    const s = await enrolStudent('nju');
    const id = await inviteOne(employer.token, s.id);
    const update = await app
      .db('agreement_events')
      .where('agreement_id', id)
      .update({ note: 'x' })
      .then(
        () => 'updated',
        (e: Error) => e.message,
      );
    expect(update).to.include('append-only');
    const del = await app
      .db('agreement_events')
      .where('agreement_id', id)
      .delete()
      .then(
        () => 'deleted',
        (e: Error) => e.message,
      );
    expect(del).to.include('append-only');
  });

  it('answers 409 INVITATION_EXPIRED after the respond-by date and the periodic task marks it expired', async () => {
    const { app } = await getDeployment();
    const s = await enrolStudent('nju');
    const id = await inviteOne(employer.token, s.id);
    await app
      .db('agreements')
      .where('id', id)
      .update({ respond_by: addDays(app.clock.today(), -1) });
    const res = await studentPost(s.token, id, 'accept');
    expect(res.statusCode).to.equal(409);
    expect(json(res).code).to.equal('INVITATION_EXPIRED');
    expect(await app.services.agreements!.expireDue()).to.be.greaterThan(0);
    expect(await statusOf(id)).to.equal('expired');
    const list = json<{ items: View[]; tabs: Record<string, number> }>(
      await get(employer.token, '/api/v1/employer/agreements?tab=failed'),
    );
    expect(list.items.map((a) => a.id)).to.include(id);
    expect(list.tabs.failed).to.be.greaterThan(0);
  });

  it('declines, school rejection with a comment, student-asked termination refused by the employer', async () => {
    const e = await signingEmployer();
    const s1 = await enrolStudent('seu');
    const d = await inviteOne(e.token, s1.id);
    expect(json<View>(await studentPost(s1.token, d, 'decline')).status).to.equal('declined');
    const s2 = await enrolStudent('seu');
    const r = await inviteOne(e.token, s2.id);
    await studentPost(s2.token, r, 'accept');
    expect((await staffPost('seu', r, 'reject', {})).statusCode).to.equal(400);
    const rejected = await staffPost('seu', r, 'reject', { comment: '专业信息与学籍不符' });
    expect(rejected.statusCode, rejected.payload).to.equal(200);
    expect(json<{ schoolComment: string; status: string }>(rejected)).to.deep.include({
      status: 'rejected',
      schoolComment: '专业信息与学籍不符',
    });
    const s3 = await enrolStudent('seu');
    const t = await inviteOne(e.token, s3.id);
    await studentPost(s3.token, t, 'accept');
    await staffPost('seu', t, 'confirm');
    const asked = await studentPost(s3.token, t, 'termination', { reason: '考取研究生' });
    expect(asked.statusCode, asked.payload).to.equal(200);
    const refused = await inject({
      method: 'POST',
      url: `/api/v1/employer/agreements/${t}/termination/refuse`,
      headers: bearer(e.token),
      payload: { note: '不同意' },
    });
    expect(refused.statusCode, refused.payload).to.equal(200);
    expect(await statusOf(t)).to.equal('termination_refused');
    const list = json<{ tabs: Record<string, number>; signedThisYear: { count: number } }>(
      await get(e.token, '/api/v1/employer/agreements?tab=termination_failed'),
    );
    expect(list.tabs).to.deep.equal({
      signing: 0,
      signed: 0,
      failed: 2,
      terminating: 0,
      terminated: 0,
      termination_failed: 1,
    });
    expect(list.signedThisYear.count).to.equal(1);
    // a refused termination leaves the agreement in force: the student is still bound
    const other = await signingEmployer();
    const bound = await invite(other.token, [await offer(s3.id)]);
    expect(json<{ refused: { code: string }[] }>(bound).refused[0]!.code).to.equal('STUDENT_HAS_AGREEMENT');
    const reinvite = await get(e.token, `/api/v1/employer/agreements/${t}/reinvite`);
    expect(reinvite.statusCode).to.equal(409);
    expect(json(reinvite).code).to.equal('INVALID_STATE');
  });

  it('lists candidates: the employer’s 拟录用 students and exact matches only, marking who cannot sign', async () => {
    const { app } = await getDeployment();
    const e = await memberOf(['nju']);
    await authorizeSigning(e);
    const offered = await enrolStudent('nju');
    const job = await createJob(e, { siteSlugs: ['nju'] });
    await app.db('applications').insert({
      job_id: job.id,
      employer_id: e.employerId,
      student_id: offered.id,
      site_id: offered.siteId,
      resume: '{}',
      status: 'offer',
    });
    const far = await enrolStudent('suda', { name: '远方' });
    const no = await enrolStudent('seu', { eSignEligible: false, name: '不可签' });
    const list = async (q?: string) =>
      json<
        {
          studentId: number;
          source: string;
          eligible: boolean;
          message: string | null;
          idNumberMasked: string;
        }[]
      >(await get(e.token, `/api/v1/employer/signing/candidates${q ? `?q=${encodeURIComponent(q)}` : ''}`));
    const plain = await list();
    expect(plain.map((c) => [c.studentId, c.source])).to.deep.equal([[offered.id, 'offer']]);
    const byNo = await list(`${far.studentNo} 远方`);
    expect(byNo.map((c) => [c.studentId, c.source, c.eligible])).to.deep.include([far.id, 'search', true]);
    expect(JSON.stringify(byNo)).to.not.include(far.idNumber);
    const byId = await list(no.idNumber);
    const found = byId.find((c) => c.studentId === no.id)!;
    expect(found.eligible).to.equal(false);
    expect(found.message).to.equal('该学生不能进行网签');
    // no browsing: a partial 学号 or a name alone finds nobody
    expect((await list(far.studentNo)).map((c) => c.studentId)).to.not.include(far.id);
    expect((await list('远方')).map((c) => c.studentId)).to.not.include(far.id);
    expect((await list(far.idNumber.slice(0, 10))).map((c) => c.studentId)).to.not.include(far.id);
    // an invitation reaches the offered and the found students, never one this employer could not look up
    const stranger = await enrolStudent('suda');
    const sent = await invite(
      e.token,
      [await offer(offered.id), await offer(far.id), await offer(stranger.id)],
      {
        search: false,
      },
    );
    expect(sent.statusCode, sent.payload).to.equal(201);
    const body = json<{ created: { studentId: number }[]; refused: { studentId: number; code: string }[] }>(
      sent,
    );
    expect(body.created.map((c) => c.studentId)).to.deep.equal([offered.id, far.id]);
    expect(body.refused).to.deep.equal([
      {
        studentId: stranger.id,
        code: 'STUDENT_NOT_FOUND',
        message: '未找到该学生：请先在“发送签约邀请”中按学号和姓名或身份证号查找，或从拟录用名单中选择',
      },
    ]);
    expect(await app.db('agreements').where('student_id', stranger.id)).to.have.length(0);
    expect(
      await app
        .db('signing_search_hits')
        .where('employer_id', e.employerId)
        .orderBy('student_id')
        .pluck('student_id'),
    ).to.deep.equal([far.id, no.id].sort((a, b) => a - b));
  });

  it('exports a tab as Excel with masked ID numbers and the viewer', async () => {
    const s = await enrolStudent('nju', { name: '导出生' });
    await inviteOne(employer.token, s.id);
    const res = await get(employer.token, '/api/v1/employer/agreements/export.xlsx?tab=signing');
    expect(res.statusCode).to.equal(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const cells: string[] = [];
    sheet.eachRow((row) => cells.push(JSON.stringify(row.values)));
    const all = cells.join('\n');
    expect(sheet.name).to.equal('签约中');
    expect(all).to.include('导出生');
    expect(all).to.not.include(s.idNumber);
    expect(all).to.include(`${s.idNumber.slice(0, 4)}**********${s.idNumber.slice(-4)}`);
    expect(all).to.include('导出人');
  });

  it('refuses every employer action without an approved authorisation: 403 SIGNING_NOT_AUTHORIZED', async () => {
    const none = await registerEmployer();
    const s = await enrolStudent('nju');
    const id = await inviteOne(employer.token, s.id);
    const { app } = await getDeployment();
    // an agreement of this employer's (as if signed under a lapsed authorisation) stays readable, not actionable
    await app.db('agreements').where('id', id).update({ employer_id: none.employerId });
    const calls = [
      get(none.token, '/api/v1/employer/signing/candidates'),
      invite(none.token, [await offer(s.id)]),
      get(none.token, `/api/v1/employer/agreements/${id}/reinvite`),
      inject({
        method: 'POST',
        url: `/api/v1/employer/agreements/${id}/withdraw`,
        headers: bearer(none.token),
        payload: {},
      }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.statusCode, res.request.url.pathname).to.equal(403);
      expect(json(res).code).to.equal('SIGNING_NOT_AUTHORIZED');
    }
    expect(await statusOf(id)).to.equal('invited');
    expect((await get(none.token, `/api/v1/employer/agreements/${id}`)).statusCode).to.equal(200);
    expect((await get(none.token, '/api/v1/employer/agreements')).statusCode).to.equal(200);
  });

  describe('isolation', () => {
    let a: Registered;
    let b: Registered;
    let student: Enrolled;
    let otherStudent: Enrolled;
    let id: number;
    before(async () => {
      a = await signingEmployer();
      b = await signingEmployer();
      student = await enrolStudent('nju');
      otherStudent = await enrolStudent('nju');
      id = await inviteOne(a.token, student.id);
      await studentPost(student.token, id, 'accept');
    });

    it('another employer gets 404 on every employer route of the agreement and sees none in its lists', async () => {
      for (const url of ['', '/document.pdf', '/reinvite'])
        expect((await get(b.token, `/api/v1/employer/agreements/${id}${url}`)).statusCode, url).to.equal(404);
      for (const [path, payload] of [
        ['termination', { reason: '不应成功' }],
        ['termination/agree', {}],
        ['termination/refuse', {}],
        ['withdraw', {}],
      ] as const) {
        const res = await inject({
          method: 'POST',
          url: `/api/v1/employer/agreements/${id}/${path}`,
          headers: bearer(b.token),
          payload,
        });
        expect(res.statusCode, path).to.equal(404);
      }
      for (const tab of ['signing', 'signed', 'failed'])
        expect(
          json<{ total: number }>(await get(b.token, `/api/v1/employer/agreements?tab=${tab}`)).total,
        ).to.equal(0);
      expect(await statusOf(id)).to.equal('accepted');
    });

    it('another student gets 404 and an empty list', async () => {
      expect((await get(otherStudent.token, `/api/v1/student/agreements/${id}`)).statusCode).to.equal(404);
      for (const path of ['accept', 'decline', 'termination/agree', 'termination/refuse'])
        expect((await studentPost(otherStudent.token, id, path)).statusCode, path).to.equal(404);
      expect(
        (await studentPost(otherStudent.token, id, 'termination', { reason: '不应成功' })).statusCode,
      ).to.equal(404);
      expect(
        json<{ total: number }>(await get(otherStudent.token, '/api/v1/student/agreements')).total,
      ).to.equal(0);
    });

    it('staff of another school get 403 on the queue and every action; the school’s own staff act', async () => {
      const seu = await staffToken('seu.admin');
      expect((await get(seu, '/api/v1/admin/sites/nju/agreements')).statusCode).to.equal(403);
      expect((await get(seu, `/api/v1/admin/agreements/${id}`)).statusCode).to.equal(403);
      expect(
        json<{ items: View[] }>(await get(seu, '/api/v1/admin/sites/seu/agreements')).items.map((x) => x.id),
      ).to.not.include(id);
      for (const [path, payload] of [
        ['confirm', {}],
        ['reject', { comment: '不应成功' }],
        ['termination/confirm', {}],
        ['termination/reject', {}],
      ] as const)
        expect((await staffPost('seu', id, path, payload)).statusCode, path).to.equal(403);
      expect(await statusOf(id)).to.equal('accepted');
      const employerToken = await get(a.token, '/api/v1/admin/sites/nju/agreements');
      expect(employerToken.statusCode).to.be.oneOf([401, 403]);
      const studentToken = await get(student.token, `/api/v1/employer/agreements/${id}`);
      expect(studentToken.statusCode).to.be.oneOf([401, 403]);
    });
  });
});
