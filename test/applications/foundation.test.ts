// The database and the one transition table guard applications: 学号 unique per school and 身份证号 in the province,
// one live application per student and job, one open interview per application; a status moves only by a
// transition, and of two racing moves from one state exactly one wins. Messages reach students through the outbox.
import { expect } from 'chai';
import { getDeployment } from '../helpers/deployment.js';
import { memberOf, waitFor } from '../helpers/employers.js';
import { createJob } from '../helpers/jobs.js';
import { enrolStudent, nextStudent } from '../helpers/students.js';
import { move } from '../../plugins/applications/transitions.js';
import { service } from '../../core/app.js';

async function application(): Promise<{ id: number; employerId: number; studentId: number; jobId: number }> {
  const { app } = await getDeployment();
  const employer = await memberOf(['nju']);
  const job = await createJob(employer, { siteSlugs: ['nju'] });
  const student = await enrolStudent('nju');
  const [row] = await app
    .db('applications')
    .insert({
      job_id: job.id,
      employer_id: employer.employerId,
      student_id: student.id,
      site_id: student.siteId,
      resume: JSON.stringify({ name: student.name }),
    })
    .returning('id');
  return {
    id: (row as { id: number }).id,
    employerId: employer.employerId,
    studentId: student.id,
    jobId: job.id,
  };
}

describe('students and applications: what the database guards', () => {
  it('keeps 学号 unique within a school (not across schools) and the ID number unique in the province', async () => {
    const { app } = await getDeployment();
    const a = await enrolStudent('nju');
    const row = (site: number, studentNo: string, idNumber: string, phone: string) => ({
      site_id: site,
      student_no: studentNo,
      name: '王同学',
      id_number: idNumber,
      gender: '男',
      degree: '硕士',
      major: '软件工程',
      graduation_year: 2027,
      phone,
    });
    const seu = app.sites.get('seu')!.id;
    const sameNo = await app
      .db('students')
      .insert(row(a.siteId, a.studentNo, '11010519491231002X', nextStudent().phone))
      .then(
        () => 'inserted',
        (e: { constraint?: string }) => e.constraint,
      );
    expect(sameNo).to.equal('students_site_student_no_unique');
    const sameId = await app
      .db('students')
      .insert(row(seu, nextStudent().studentNo, a.idNumber, nextStudent().phone))
      .then(
        () => 'inserted',
        (e: { constraint?: string }) => e.constraint,
      );
    expect(sameId).to.equal('students_id_number_unique');
    const [elsewhere] = await app
      .db('students')
      .insert(row(seu, a.studentNo, '11010519491231002X', nextStudent().phone))
      .returning('id');
    expect(elsewhere).to.have.property('id');
    await app
      .db('students')
      .where('id', (elsewhere as { id: number }).id)
      .delete();
  });

  it('allows one live application per student and job; a withdrawn one may be followed by another', async () => {
    const { app } = await getDeployment();
    const first = await application();
    const again = () =>
      app.db('applications').insert({
        job_id: first.jobId,
        employer_id: first.employerId,
        student_id: first.studentId,
        site_id: app.sites.get('nju')!.id,
        resume: '{}',
      });
    const refused = await again().then(
      () => 'inserted',
      (e: { constraint?: string }) => e.constraint,
    );
    expect(refused).to.equal('applications_one_per_job');
    await app.db.transaction((trx) =>
      move(
        trx,
        first.id,
        'withdraw',
        { kind: 'student', id: first.studentId },
        { student_id: first.studentId },
      ),
    );
    await again();
    const rows = await app.db('applications').where({ job_id: first.jobId, student_id: first.studentId });
    expect(rows.map((r: { status: string }) => r.status).sort()).to.deep.equal(['submitted', 'withdrawn']);
  });

  it('moves a status only along the table, records each move, and lets one of two racing moves win', async () => {
    const { app } = await getDeployment();
    const a = await application();
    const employer = { kind: 'employer', id: null } as const;
    const scope = { employer_id: a.employerId };
    await app.db.transaction((trx) => move(trx, a.id, 'view', employer, scope));
    // 不合适 and 拟录用 at once: exactly one wins, the other is 409 INVALID_STATE
    const results = await Promise.allSettled(
      (['reject', 'offer'] as const).map((action) =>
        app.db.transaction((trx) => move(trx, a.id, action, employer, scope)),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(won).to.have.length(1);
    expect(lost).to.have.length(1);
    expect(
      (lost[0]!.reason as { data?: { code?: string } }).data?.code ??
        (lost[0]!.reason as { output?: { payload?: { code?: string } } }).output?.payload?.code,
    ).to.equal('INVALID_STATE');
    const events = await app.db('application_events').where('application_id', a.id).orderBy('id');
    expect(events.map((e: { to_status: string }) => e.to_status)).to.have.length(2);
    expect(events[0]).to.include({ from_status: 'submitted', to_status: 'viewed', actor_kind: 'employer' });
    // the student may no longer withdraw a handled application
    const withdraw = await app.db
      .transaction((trx) =>
        move(trx, a.id, 'withdraw', { kind: 'student', id: a.studentId }, { student_id: a.studentId }),
      )
      .then(
        () => 'moved',
        (e: Error & { output?: { statusCode: number } }) => e.output?.statusCode,
      );
    expect(withdraw).to.equal(409);
    // another employer's scope does not see the application at all
    const foreign = await app.db
      .transaction((trx) => move(trx, a.id, 'view', employer, { employer_id: a.employerId + 100000 }))
      .then(
        () => 'moved',
        (e: Error & { output?: { statusCode: number } }) => e.output?.statusCode,
      );
    expect(foreign).to.equal(404);
  });

  it('keeps at most one open interview per application', async () => {
    const { app } = await getDeployment();
    const a = await application();
    const invite = () =>
      app.db('interviews').insert({
        application_id: a.id,
        starts_at: new Date(Date.now() + 86_400_000),
        mode: 'online',
        url: 'https://meeting.example.cn/1',
        contact_name: '李老师',
        contact_phone: '13800000000',
      });
    await invite();
    const second = await invite().then(
      () => 'inserted',
      (e: { constraint?: string }) => e.constraint,
    );
    expect(second).to.equal('interviews_one_open');
    const noPlace = await app
      .db('interviews')
      .insert({
        application_id: a.id,
        starts_at: new Date(),
        mode: 'onsite',
        contact_name: '李',
        contact_phone: '13800000000',
        status: 'declined',
      })
      .then(
        () => 'inserted',
        (e: { constraint?: string }) => e.constraint,
      );
    expect(noPlace).to.equal('interviews_values');
  });

  it('sends a message to a student through the outbox', async () => {
    const { app } = await getDeployment();
    const student = await enrolStudent('seu');
    const messages = service(app, 'messages');
    await app.db.transaction((trx) =>
      messages.send(trx, {
        to: { studentId: student.id },
        kind: 'application.offer',
        title: '拟录用通知',
        body: '恭喜，你已被列为拟录用。',
        site: 'seu',
        link: '/student/applications',
      }),
    );
    const list = await waitFor('the student message', async () => {
      const l = await messages.list({ studentId: student.id }, { page: 1, pageSize: 10 });
      return l.total === 1 ? l : null;
    });
    expect(list.items[0]).to.include({ title: '拟录用通知', site: 'seu', read: false });
    expect(await app.db('messages').where('student_id', student.id).whereNull('employer_id')).to.have.length(
      1,
    );
  });
});
