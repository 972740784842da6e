// The student's side of applications: apply to a job shown on their own school's site (approved there and not
// expired: else 422 JOB_NOT_ACTIVE; an unknown job 404), with a complete résumé (else 422 RESUME_INCOMPLETE naming
// what is missing); one live application per job — the partial unique index applications_one_per_job decides, also
// between parallel requests (409 ALREADY_APPLIED). The résumé is stored as sent. My applications with their status
// and interview; withdraw while the employer has not handled it; accept or decline an interview invitation. Every
// status change is a move of transitions.ts, and the employer gets a message through the outbox in the same
// transaction. Another student's application or interview answers 404.
import type { Knex } from 'knex';
import type { Db } from '../../core/db/knex.js';
import { uniqueViolation } from '../../core/db/errors.js';
import { appError } from '../../core/http/errors.js';
import type { SiteRegistry } from '../../core/tenancy/sites.js';
import type { JobService } from '../jobs/job-service.js';
import type { MessageService } from '../messages/message-service.js';
import type { ResumeService } from '../students/resume-service.js';
import type { StudentService } from '../students/student-service.js';
import type { ApplicationStatus } from './models/application.js';
import { allowed, move, STATUS_LABELS, type ApplicationAction } from './transitions.js';

export const INTERVIEW_STATUS_LABELS: Record<string, string> = {
  invited: '待回复',
  accepted: '已接受',
  declined: '已拒绝',
  cancelled: '已取消',
};

export const INTERVIEW_MODE_LABELS: Record<string, string> = { onsite: '现场面试', online: '线上面试' };

interface Row {
  id: number;
  status: ApplicationStatus;
  job_id: number;
  job_title: string;
  employer_id: number;
  employer_name: string;
  site_id: number;
  created_at: Date;
  updated_at: Date;
  interview_id: number | null;
  starts_at: Date | null;
  mode: 'onsite' | 'online' | null;
  place: string | null;
  url: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  note: string | null;
  interview_status: string | null;
}

export interface StudentApplicationView {
  id: number;
  status: ApplicationStatus;
  statusLabel: string;
  job: { id: number; title: string };
  employer: { id: number; name: string };
  site: { slug: string; name: string };
  createdAt: string;
  updatedAt: string;
  withdrawable: boolean;
  interview: {
    id: number;
    startsAt: string;
    mode: 'onsite' | 'online';
    place?: string;
    url?: string;
    contactName: string;
    contactPhone: string;
    note?: string;
    status: string;
    statusLabel: string;
    answerable: boolean;
  } | null;
}

const notFound = () => appError(404, 'NOT_FOUND', '投递记录不存在');
const interviewNotFound = () => appError(404, 'NOT_FOUND', '面试邀请不存在');

export class StudentApplications {
  constructor(
    private readonly db: Db,
    private readonly sites: SiteRegistry,
    private readonly students: StudentService,
    private readonly resumes: ResumeService,
    private readonly jobs: JobService,
    private readonly messages: MessageService,
  ) {}

  private async student(studentId: number, trx?: Knex.Transaction) {
    const s = await this.students.get(studentId, trx);
    const site = s ? this.sites.byId(s.siteId) : undefined;
    if (!s || !site) throw appError(404, 'NOT_FOUND', '学生不存在');
    return { student: s, site };
  }

  /** Applies to `jobId` through the student's school site; 201 with the application. */
  async apply(studentId: number, jobId: number): Promise<StudentApplicationView> {
    const { student, site } = await this.student(studentId);
    if ((await this.jobs.titles([jobId])).size === 0) throw appError(404, 'NOT_FOUND', '职位不存在');
    const job = await this.jobs.publicGet(site, jobId);
    if (!job) throw appError(422, 'JOB_NOT_ACTIVE', '该职位未在本校站点发布或已下线，不能投递');
    const id = await this.db
      .transaction(async (trx) => {
        const { complete, missing } = await this.resumes.completeness(studentId, trx);
        if (!complete)
          throw appError(
            422,
            'RESUME_INCOMPLETE',
            `简历尚未完善，请先补充：${missing.join('、')}`,
            missing.map((m) => ({ path: 'resume', message: `请补充${m}` })),
          );
        const resume = await this.resumes.snapshot(studentId, trx);
        const [row] = (await trx('applications')
          .insert({
            job_id: job.id,
            employer_id: job.employer.id,
            student_id: studentId,
            site_id: site.id,
            status: 'submitted',
            resume: JSON.stringify(resume),
          })
          .returning('id')) as { id: number }[];
        const applicationId = row!.id;
        await trx('application_events').insert({
          application_id: applicationId,
          from_status: null,
          to_status: 'submitted',
          actor_kind: 'student',
          actor_id: studentId,
        });
        await this.messages.send(trx, {
          to: { employerId: job.employer.id },
          kind: 'application.new',
          title: `收到新简历：${student.name} 投递了「${job.title}」`,
          body: `${site.name} ${student.degree} ${student.major} 专业的 ${student.name} 投递了职位「${job.title}」，请在“收到的简历”中查看。`,
          site: site.slug,
          link: `/employer/applications/${applicationId}`,
          subject: { type: 'application', id: applicationId },
        });
        return applicationId;
      })
      .catch((err: unknown) => {
        if (uniqueViolation(err) === 'applications_one_per_job')
          throw appError(409, 'ALREADY_APPLIED', '您已投递过该职位，请在“我的投递”中查看进度');
        throw err;
      });
    return this.get(studentId, id);
  }

  private query(trx?: Knex | Knex.Transaction) {
    const db = trx ?? this.db;
    // the latest interview of each application (at most one is open)
    const latest = db('interviews')
      .distinctOn('application_id')
      .orderBy([{ column: 'application_id' }, { column: 'id', order: 'desc' }])
      .select('*')
      .as('i');
    return db('applications as a')
      .join('jobs as j', 'j.id', 'a.job_id')
      .join('employers as e', 'e.id', 'a.employer_id')
      .leftJoin(latest, 'i.application_id', 'a.id')
      .select(
        'a.id',
        'a.status',
        'a.job_id',
        'j.title as job_title',
        'a.employer_id',
        'e.name as employer_name',
        'a.site_id',
        'a.created_at',
        'a.updated_at',
        'i.id as interview_id',
        'i.starts_at',
        'i.mode',
        'i.place',
        'i.url',
        'i.contact_name',
        'i.contact_phone',
        'i.note',
        'i.status as interview_status',
      );
  }

  private view(r: Row): StudentApplicationView {
    const site = this.sites.byId(r.site_id);
    return {
      id: r.id,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      job: { id: r.job_id, title: r.job_title },
      employer: { id: r.employer_id, name: r.employer_name },
      site: { slug: site?.slug ?? '', name: site?.name ?? '' },
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
      withdrawable: allowed('withdraw', r.status),
      interview:
        r.interview_id && r.starts_at && r.mode
          ? {
              id: r.interview_id,
              startsAt: new Date(r.starts_at).toISOString(),
              mode: r.mode,
              ...(r.place ? { place: r.place } : {}),
              ...(r.url ? { url: r.url } : {}),
              contactName: r.contact_name ?? '',
              contactPhone: r.contact_phone ?? '',
              ...(r.note ? { note: r.note } : {}),
              status: r.interview_status ?? 'invited',
              statusLabel: INTERVIEW_STATUS_LABELS[r.interview_status ?? 'invited'] ?? '',
              answerable: r.interview_status === 'invited' && r.status === 'interview_invited',
            }
          : null,
    };
  }

  async get(studentId: number, id: number): Promise<StudentApplicationView> {
    const row = (await this.query().where({ 'a.id': id, 'a.student_id': studentId }).first()) as
      Row | undefined;
    if (!row) throw notFound();
    return this.view(row);
  }

  /** The student's applications, newest first. */
  async list(
    studentId: number,
    page: { page: number; pageSize: number } = { page: 1, pageSize: 50 },
    status?: ApplicationStatus,
  ) {
    const [rows, [{ count }]] = await Promise.all([
      this.query()
        .where('a.student_id', studentId)
        .modify((q) => {
          if (status) void q.where('a.status', status);
        })
        .orderBy([
          { column: 'a.created_at', order: 'desc' },
          { column: 'a.id', order: 'desc' },
        ])
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize) as Promise<Row[]>,
      this.db('applications')
        .where('student_id', studentId)
        .modify((q) => {
          if (status) void q.where('status', status);
        })
        .count('* as count') as Promise<{ count: string | number }[]>,
    ]);
    return { items: rows.map((r) => this.view(r)), total: Number(count), ...page };
  }

  /** Of `jobIds`, those the student has a live (not withdrawn) application to: job id → application id. */
  async appliedTo(studentId: number, jobIds: number[]): Promise<Map<number, number>> {
    if (jobIds.length === 0) return new Map();
    const rows = (await this.db('applications')
      .where('student_id', studentId)
      .whereIn('job_id', jobIds)
      .whereNot('status', 'withdrawn')
      .select('job_id', 'id')) as { job_id: number; id: number }[];
    return new Map(rows.map((r) => [r.job_id, r.id]));
  }

  /** 撤回: only while submitted or viewed (409 NOT_WITHDRAWABLE). */
  async withdraw(studentId: number, id: number): Promise<StudentApplicationView> {
    await this.db.transaction(async (trx) => {
      await move(trx, id, 'withdraw', { kind: 'student', id: studentId }, { student_id: studentId });
      await this.notify(trx, id, 'application.withdrawn', (a) => ({
        title: `${a.student} 撤回了对「${a.job}」的投递`,
        body: `${a.student} 撤回了对职位「${a.job}」的投递。`,
      }));
    });
    return this.get(studentId, id);
  }

  async acceptInterview(studentId: number, interviewId: number): Promise<StudentApplicationView> {
    return this.answer(studentId, interviewId, 'accept');
  }

  async declineInterview(studentId: number, interviewId: number): Promise<StudentApplicationView> {
    return this.answer(studentId, interviewId, 'decline');
  }

  /**
   * Accept → the interview `accepted`, the application 待面试; decline → the interview `declined`, the application
   * back as the transition says. The interview row is locked first, so of two answers one wins and the other gets
   * 409 INTERVIEW_CLOSED.
   */
  private async answer(
    studentId: number,
    interviewId: number,
    action: Extract<ApplicationAction, 'accept' | 'decline'>,
  ): Promise<StudentApplicationView> {
    const applicationId = await this.db.transaction(async (trx) => {
      const interview = (await trx('interviews as i')
        .join('applications as a', 'a.id', 'i.application_id')
        .where({ 'i.id': interviewId, 'a.student_id': studentId })
        .first('i.id', 'i.status', 'i.application_id', 'i.starts_at')
        .forUpdate()) as { id: number; status: string; application_id: number; starts_at: Date } | undefined;
      if (!interview) throw interviewNotFound();
      if (interview.status !== 'invited')
        throw appError(
          409,
          'INTERVIEW_CLOSED',
          action === 'accept' ? '该面试邀请已结束，不能再接受' : '该面试邀请已结束，不能再拒绝',
        );
      await move(
        trx,
        interview.application_id,
        action,
        { kind: 'student', id: studentId },
        {
          student_id: studentId,
        },
      );
      await trx('interviews')
        .where({ id: interview.id, status: 'invited' })
        .update({ status: action === 'accept' ? 'accepted' : 'declined', answered_at: trx.fn.now() });
      const when = new Date(interview.starts_at).toLocaleString('zh-CN', {
        timeZone: 'Asia/Shanghai',
        hour12: false,
      });
      await this.notify(
        trx,
        interview.application_id,
        action === 'accept' ? 'interview.accepted' : 'interview.declined',
        (a) =>
          action === 'accept'
            ? {
                title: `${a.student} 接受了「${a.job}」的面试邀请`,
                body: `${a.student} 接受了职位「${a.job}」${when} 的面试邀请，请按时安排面试。`,
              }
            : {
                title: `${a.student} 拒绝了「${a.job}」的面试邀请`,
                body: `${a.student} 拒绝了职位「${a.job}」${when} 的面试邀请。`,
              },
      );
      return interview.application_id;
    });
    return this.get(studentId, applicationId);
  }

  /** A message to the application's employer, in `trx`. */
  private async notify(
    trx: Knex.Transaction,
    id: number,
    kind: string,
    text: (a: { student: string; job: string }) => { title: string; body: string },
  ): Promise<void> {
    const a = (await trx('applications as a')
      .join('students as s', 's.id', 'a.student_id')
      .join('jobs as j', 'j.id', 'a.job_id')
      .where('a.id', id)
      .first('a.employer_id', 'a.site_id', 's.name as student', 'j.title as job')) as {
      employer_id: number;
      site_id: number;
      student: string;
      job: string;
    };
    const { title, body } = text(a);
    await this.messages.send(trx, {
      to: { employerId: a.employer_id },
      kind,
      title,
      body,
      site: this.sites.byId(a.site_id)?.slug ?? null,
      link: `/employer/applications/${id}`,
      subject: { type: 'application', id },
    });
  }
}
