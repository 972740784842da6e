// Agreements (网签协议): the employer's batch invitations, the six tabs of 签约解约管理, the student's answers, the school's
// confirmation queue, termination and re-invitation. Every change of state goes through agreement-transitions.ts; this
// service decides who may act on which row (an employer its own agreements, a student theirs, staff those of their
// school — 403 for staff of another school) and calls the signing guard (`requireAuthorized`: approved and within
// validity) before every employer action. Reads (lists, one agreement, its PDF) stay open to an employer whose
// authorisation has lapsed: the agreements signed under it remain theirs to see.
// A student's acceptances are serialised by a transaction advisory lock on the student: the partial unique index
// `agreements_one_active_per_student` is what guarantees one agreement in force; the lock only keeps two racing
// acceptances (each withdrawing the other's invitation) from deadlocking, so the loser gets 409, not 40P01.
import type { Knex } from 'knex';
import type { StaffCredentials } from '../../core/auth/principals.js';
import { shanghaiMidnight, type Clock } from '../../core/clock.js';
import { uniqueViolation } from '../../core/db/errors.js';
import type { Db } from '../../core/db/knex.js';
import { addDays } from '../../core/format/index.js';
import { validationError, type ErrorDetail } from '../../core/http/errors.js';
import { assertStaffOf } from '../../core/tenancy/scope.js';
import type { Site, SiteRegistry } from '../../core/tenancy/sites.js';
import type { EmployerCredentials } from '../accounts/permissions.js';
import type { CertificateService } from '../certificates/certificate-service.js';
import type { MessageService } from '../messages/message-service.js';
import { maskIdNumber } from '../students/models/student.js';
import { fail, messageOf, ONE_LIVE, type AgreementErrorKey } from './agreement-errors.js';
import {
  allowed,
  move,
  STATUS_LABELS,
  type AgreementAction,
  type AgreementActor,
  type AgreementScope,
  type MoveContext,
} from './agreement-transitions.js';
import {
  ACTIVE_STATUSES,
  AGREEMENT_TABS,
  TAB_LABELS,
  TAB_STATUSES,
  tabOf,
  type AgreementStatus,
  type AgreementTab,
} from './models/agreement.js';

/** The certificate kind of a signed agreement (its QR code's verify URL). */
export const AGREEMENT_KIND = 'agreement';
/** The first key of the students' advisory locks (the second is the student id). */
const STUDENT_LOCK_SPACE = 7401;
/** Days an invitation stays open by default (the re-invitation's prefilled respond-by date). */
const DEFAULT_RESPONSE_DAYS = 14;

/** What guards every employer signing action (SigningAuthorizationService). */
export interface SigningGuard {
  requireAuthorized(employerId: number, trx?: Knex.Transaction): Promise<unknown>;
}

export interface Offer {
  position: string;
  salaryMonthly: number;
  probationMonths: number;
  contractYears: number;
  workPlace: string;
  archive: { forward: boolean; address?: string | null };
  hukou: { transfer: boolean; address?: string | null };
  respondBy: string;
  note?: string | null;
}

export interface Invitation extends Offer {
  studentId: number;
}

export interface EmployerParty {
  id: number;
  name: string;
  uscc: string;
  address: string | null;
  contactName: string;
  contactPhone: string;
}

export type EmployerLookup = (id: number, trx?: Knex.Transaction) => Promise<EmployerParty>;

/** Which of the students an employer may name in an invitation (the candidate search's `reached`). */
export type StudentReach = (
  trx: Knex.Transaction,
  employerId: number,
  studentIds: number[],
) => Promise<Set<number>>;

/** A row of `agreements` joined with its student. */
export interface AgreementRow {
  id: number;
  employer_id: number;
  student_id: number;
  site_id: number;
  status: AgreementStatus;
  agreement_no: string;
  position: string;
  salary_monthly: number;
  probation_months: number;
  contract_years: number;
  work_place: string;
  archive_forward: boolean;
  archive_address: string | null;
  hukou_transfer: boolean;
  hukou_address: string | null;
  respond_by: string;
  note: string | null;
  reinvited_from: number | null;
  employer_signed_at: Date;
  accepted_at: Date | null;
  school_confirmed_at: Date | null;
  closed_at: Date | null;
  school_comment: string | null;
  termination_requested_by: 'employer' | 'student' | null;
  termination_reason: string | null;
  termination_requested_at: Date | null;
  termination_agreed_at: Date | null;
  termination_note: string | null;
  terminated_at: Date | null;
  created_at: Date;
  updated_at: Date;
  student_name: string;
  student_no: string;
  student_id_number: string;
  student_major: string;
  student_degree: string;
  student_graduation_year: number;
  student_e_sign_eligible: boolean;
  employer_name: string;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const escapeLike = (q: string) => q.replace(/[\\%_]/g, (m) => `\\${m}`);

/** Agreements waiting for the school: accepted by the student, or a termination both parties agreed to. */
function waitingForSchool(w: Knex.QueryBuilder, prefix: string): void {
  void w.where(`${prefix}status`, 'accepted').orWhere((t) => {
    void t.where(`${prefix}status`, 'terminating').whereNotNull(`${prefix}termination_agreed_at`);
  });
}

/** The academic year (1 Sep – 31 Aug, Beijing time) holding `today`: [from, until) as instants and its name. */
export function academicYear(today: string): { from: Date; until: Date; label: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const start = m >= 9 ? y : y - 1;
  return {
    from: new Date(shanghaiMidnight(`${start}-09-01`)),
    until: new Date(shanghaiMidnight(`${start + 1}-09-01`)),
    label: `${start}–${start + 1}学年`,
  };
}

export class AgreementService {
  constructor(
    private readonly db: Db,
    private readonly sites: SiteRegistry,
    private readonly clock: Clock,
    private readonly messages: MessageService,
    private readonly certificates: CertificateService,
    private readonly guard: SigningGuard,
    private readonly employer: EmployerLookup,
    private readonly reach: StudentReach,
  ) {}

  // ---- plumbing -------------------------------------------------------------------------------------------------

  private ctx(trx: Knex.Transaction): MoveContext {
    return {
      trx,
      messages: this.messages,
      siteSlug: (id) => this.sites.byId(id)?.slug ?? null,
      employerName: async (id, t) => (await this.employer(id, t)).name,
      studentName: async (id, t) =>
        ((await t('students').where('id', id).first('name')) as { name: string } | undefined)?.name ?? '',
    };
  }

  private rows(db: Knex | Knex.Transaction = this.db) {
    return db('agreements as a')
      .join('students as s', 's.id', 'a.student_id')
      .join('employers as e', 'e.id', 'a.employer_id')
      .select(
        'a.*',
        's.name as student_name',
        's.student_no',
        's.id_number as student_id_number',
        's.major as student_major',
        's.degree as student_degree',
        's.graduation_year as student_graduation_year',
        's.e_sign_eligible as student_e_sign_eligible',
        'e.name as employer_name',
      );
  }

  private async row(id: number, scope: AgreementScope | null, db: Knex | Knex.Transaction = this.db) {
    const where = scope
      ? Object.fromEntries(Object.entries(scope).map(([k, v]) => [`a.${k}`, v as number]))
      : {};
    const row = (await this.rows(db)
      .where({ 'a.id': id, ...where })
      .first()) as AgreementRow | undefined;
    if (!row) throw fail('NOT_FOUND');
    return row;
  }

  /** The agreement as any party sees it (the student's ID number masked), with the actions open to `viewer`. */
  view(row: AgreementRow, viewer: 'employer' | 'student' | 'staff', verifyUrl?: string | null) {
    const site = this.sites.byId(row.site_id);
    const actions: Record<string, AgreementAction[]> = {
      employer: ['withdraw', 'request_termination', 'agree_termination', 'refuse_termination'],
      student: ['accept', 'decline', 'request_termination', 'agree_termination', 'refuse_termination'],
      staff: ['confirm', 'reject', 'confirm_termination', 'reject_termination'],
    };
    const tab = tabOf(row.status);
    const open: string[] = actions[viewer]!.filter((a) => allowed(a, row, viewer));
    if (viewer === 'employer' && (tab === 'failed' || tab === 'terminated')) open.push('reinvite');
    return {
      id: row.id,
      agreementNo: row.agreement_no,
      status: row.status,
      statusLabel: STATUS_LABELS[row.status],
      tab,
      tabLabel: TAB_LABELS[tab],
      employer: { id: row.employer_id, name: row.employer_name },
      student: {
        id: row.student_id,
        name: row.student_name,
        school: { slug: site?.slug ?? '', name: site?.name ?? '' },
        major: row.student_major,
        degree: row.student_degree,
        graduationYear: row.student_graduation_year,
        idNumberMasked: maskIdNumber(row.student_id_number),
        ...(viewer === 'staff' && { studentNo: row.student_no }),
      },
      offer: this.offerOf(row),
      employerSignedAt: iso(row.employer_signed_at),
      acceptedAt: iso(row.accepted_at),
      schoolConfirmedAt: iso(row.school_confirmed_at),
      closedAt: iso(row.closed_at),
      schoolComment: row.school_comment,
      termination: row.termination_requested_by
        ? {
            requestedBy: row.termination_requested_by,
            reason: row.termination_reason,
            requestedAt: iso(row.termination_requested_at),
            agreedAt: iso(row.termination_agreed_at),
            note: row.termination_note,
            terminatedAt: iso(row.terminated_at),
          }
        : null,
      reinvitedFrom: row.reinvited_from,
      actions: open,
      ...(verifyUrl && { verifyUrl }),
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
    };
  }

  offerOf(row: AgreementRow): Offer {
    return {
      position: row.position,
      salaryMonthly: row.salary_monthly,
      probationMonths: row.probation_months,
      contractYears: row.contract_years,
      workPlace: row.work_place,
      archive: { forward: row.archive_forward, address: row.archive_address },
      hukou: { transfer: row.hukou_transfer, address: row.hukou_address },
      respondBy: row.respond_by,
      note: row.note,
    };
  }

  private async verifyUrlOf(row: AgreementRow): Promise<string | null> {
    if (!['signed', 'terminating', 'termination_refused', 'terminated'].includes(row.status)) return null;
    return (await this.certificates.find(AGREEMENT_KIND, row.id))?.verifyUrl ?? null;
  }

  private async events(id: number) {
    const rows = (await this.db('agreement_events')
      .where('agreement_id', id)
      .orderBy('id')
      .select('from_status', 'to_status', 'actor_kind', 'note', 'created_at')) as {
      from_status: AgreementStatus | null;
      to_status: AgreementStatus;
      actor_kind: string;
      note: string | null;
      created_at: Date;
    }[];
    return rows.map((e) => ({
      from: e.from_status,
      to: e.to_status,
      label: STATUS_LABELS[e.to_status],
      actor: e.actor_kind,
      note: e.note,
      at: iso(e.created_at),
    }));
  }

  /** Runs a move in its own transaction (after `before`, e.g. the signing guard or the student's lock). */
  private async act(
    id: number,
    action: AgreementAction,
    actor: AgreementActor,
    scope: AgreementScope | null,
    note?: string | null,
    before?: (trx: Knex.Transaction) => Promise<void>,
  ) {
    return this.db.transaction(async (trx) => {
      await before?.(trx);
      const moved = await move(this.ctx(trx), id, action, actor, scope, note);
      if (moved.to === 'signed') await this.certificates.issue(AGREEMENT_KIND, id, moved.siteId, trx);
      return moved;
    });
  }

  // ---- employers ------------------------------------------------------------------------------------------------

  /**
   * Sends invitations in one batch: each is refused on its own (STUDENT_NOT_FOUND for a student the employer did not
   * find, offer or sign with before, STUDENT_NOT_ELIGIBLE for one not e-sign eligible, STUDENT_HAS_AGREEMENT for a student bound elsewhere, ALREADY_INVITED when this employer already
   * has a live invitation or agreement with the student); the rest are sent, each with a message to the student.
   */
  async invite(c: EmployerCredentials, invitations: Invitation[], reinvitedFrom?: number | null) {
    await this.guard.requireAuthorized(c.employerId);
    const today = this.clock.today();
    const errors: ErrorDetail[] = [];
    invitations.forEach((inv, i) => {
      if (inv.respondBy < today)
        errors.push({ path: `invitations.${i}.respondBy`, message: '应约截止日期不能早于今天' });
    });
    if (errors.length) throw validationError(errors);
    const created: { id: number; studentId: number }[] = [];
    const refused: { studentId: number; code: string; message: string }[] = [];
    const employer = await this.employer(c.employerId);
    await this.db.transaction(async (trx) => {
      const reached = await this.reach(
        trx,
        c.employerId,
        invitations.map((inv) => inv.studentId),
      );
      for (const inv of invitations) {
        const refusal = await this.refusal(trx, c.employerId, inv.studentId, reached);
        if (refusal) {
          refused.push({ studentId: inv.studentId, code: refusal, message: messageOf(refusal) });
          continue;
        }
        const student = (await trx('students').where('id', inv.studentId).first('site_id', 'name')) as {
          site_id: number;
          name: string;
        };
        const sp = await trx.transaction();
        try {
          const [row] = (await sp('agreements')
            .insert({
              employer_id: c.employerId,
              student_id: inv.studentId,
              site_id: student.site_id,
              position: inv.position,
              salary_monthly: inv.salaryMonthly,
              probation_months: inv.probationMonths,
              contract_years: inv.contractYears,
              work_place: inv.workPlace,
              archive_forward: inv.archive.forward,
              archive_address: inv.archive.forward ? inv.archive.address || null : null,
              hukou_transfer: inv.hukou.transfer,
              hukou_address: inv.hukou.transfer ? inv.hukou.address || null : null,
              respond_by: inv.respondBy,
              note: inv.note || null,
              invited_by: c.id,
              reinvited_from: reinvitedFrom ?? null,
            })
            .returning(['id'])) as { id: number }[];
          await sp('agreement_events').insert({
            agreement_id: row!.id,
            from_status: null,
            to_status: 'invited',
            actor_kind: 'employer',
            actor_id: c.id,
            note: null,
          });
          await this.messages.send(sp, {
            to: { studentId: inv.studentId },
            kind: 'agreement.invite',
            title: '收到签约邀请',
            body: `${employer.name}邀请您签订三方协议（岗位：${inv.position}，月薪 ${inv.salaryMonthly} 元），请在 ${inv.respondBy} 前应约。`,
            site: this.sites.byId(student.site_id)?.slug ?? null,
            link: '/student/agreements',
            subject: { type: 'agreement', id: row!.id },
          });
          await sp.commit();
          created.push({ id: row!.id, studentId: inv.studentId });
        } catch (err) {
          await sp.rollback().catch(() => undefined);
          if (uniqueViolation(err) !== ONE_LIVE) throw err;
          refused.push({
            studentId: inv.studentId,
            code: 'ALREADY_INVITED',
            message: messageOf('ALREADY_INVITED'),
          });
        }
      }
    });
    return { created, refused };
  }

  /** Why this employer may not invite the student now, or null. A student it does not reach is not found, whatever
   * the student's state: the refusals tell nothing about students the employer could not look up. */
  private async refusal(
    trx: Knex.Transaction,
    employerId: number,
    studentId: number,
    reached: Set<number>,
  ): Promise<AgreementErrorKey | null> {
    if (!reached.has(studentId)) return 'STUDENT_NOT_FOUND';
    const student = (await trx('students').where('id', studentId).first('e_sign_eligible', 'disabled_at')) as
      { e_sign_eligible: boolean; disabled_at: Date | null } | undefined;
    if (!student || !student.e_sign_eligible || student.disabled_at) return 'STUDENT_NOT_ELIGIBLE';
    const live = (await trx('agreements')
      .where('student_id', studentId)
      .whereIn('status', ['invited', ...ACTIVE_STATUSES])
      .select('employer_id', 'status')) as { employer_id: number; status: AgreementStatus }[];
    if (live.some((a) => ACTIVE_STATUSES.includes(a.status) && a.employer_id !== employerId))
      return 'STUDENT_HAS_AGREEMENT';
    if (live.some((a) => a.employer_id === employerId)) return 'ALREADY_INVITED';
    return null;
  }

  /** Counts of the six tabs for one employer. */
  async tabCounts(employerId: number, q?: string): Promise<Record<AgreementTab, number>> {
    const rows = (await this.db('agreements as a')
      .join('students as s', 's.id', 'a.student_id')
      .where('a.employer_id', employerId)
      .modify((b) => this.search(b, q))
      .groupBy('a.status')
      .select('a.status')
      .count({ n: '*' })) as { status: AgreementStatus; n: number | string }[];
    const counts = Object.fromEntries(AGREEMENT_TABS.map((t) => [t, 0])) as Record<AgreementTab, number>;
    for (const r of rows) counts[tabOf(r.status)] += Number(r.n);
    return counts;
  }

  private search(b: Knex.QueryBuilder, q?: string) {
    if (!q) return;
    const like = `%${escapeLike(q)}%`;
    b.where((w) => {
      void w
        .where('s.name', 'ilike', like)
        .orWhere('s.student_no', q)
        .orWhere('a.position', 'ilike', like)
        .orWhere('a.agreement_no', q);
    });
  }

  /** 本学年签约: the employer's agreements the school confirmed this academic year and still in force. */
  async signedThisYear(employerId: number): Promise<{ count: number; year: string }> {
    const year = academicYear(this.clock.today());
    const row = (await this.db('agreements')
      .where('employer_id', employerId)
      .whereIn('status', ['signed', 'terminating', 'termination_refused'])
      .where('school_confirmed_at', '>=', year.from)
      .where('school_confirmed_at', '<', year.until)
      .count({ n: '*' })
      .first()) as { n: number | string };
    return { count: Number(row.n), year: year.label };
  }

  private listRows(employerId: number, filter: { tab: AgreementTab; q?: string }) {
    return this.rows()
      .where('a.employer_id', employerId)
      .whereIn('a.status', [...TAB_STATUSES[filter.tab]])
      .modify((b) => this.search(b, filter.q))
      .orderBy('a.updated_at', 'desc')
      .orderBy('a.id', 'desc');
  }

  /** One tab of 签约解约管理, with the counts of all six and this academic year's signings. */
  async list(
    c: EmployerCredentials,
    filter: { tab: AgreementTab; q?: string; page: number; pageSize: number },
  ) {
    const base = this.listRows(c.employerId, filter);
    const [{ n }] = (await this.db
      .from(base.clone().clearSelect().clearOrder().select('a.id').as('x'))
      .count({ n: '*' })) as [{ n: number | string }];
    const rows = (await base
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)) as AgreementRow[];
    const items = [];
    for (const r of rows) items.push(this.view(r, 'employer', await this.verifyUrlOf(r)));
    return {
      items,
      total: Number(n),
      page: filter.page,
      pageSize: filter.pageSize,
      tab: filter.tab,
      tabs: await this.tabCounts(c.employerId, filter.q),
      signedThisYear: await this.signedThisYear(c.employerId),
    };
  }

  /** Every row of a tab (the Excel export). */
  async exportRows(c: EmployerCredentials, filter: { tab: AgreementTab; q?: string }) {
    return (await this.listRows(c.employerId, filter).limit(10_000)) as AgreementRow[];
  }

  async get(c: EmployerCredentials, id: number) {
    const row = await this.row(id, { employer_id: c.employerId });
    return { ...this.view(row, 'employer', await this.verifyUrlOf(row)), events: await this.events(id) };
  }

  /** The agreement's row for its PDF: the employer's own and signed (409 NOT_SIGNED otherwise). */
  async signedRow(c: EmployerCredentials, id: number): Promise<AgreementRow> {
    const row = await this.row(id, { employer_id: c.employerId });
    if (row.status !== 'signed' || !row.school_confirmed_at) throw fail('NOT_SIGNED');
    return row;
  }

  /** A new invitation prefilled from a failed or terminated agreement (409 INVALID_STATE otherwise). */
  async reinvite(c: EmployerCredentials, id: number) {
    await this.guard.requireAuthorized(c.employerId);
    const row = await this.row(id, { employer_id: c.employerId });
    const tab = tabOf(row.status);
    if (tab !== 'failed' && tab !== 'terminated')
      throw fail('INVALID_STATE', '只有签约失败或已解约的协议可以再次邀约');
    // the student of an earlier agreement is reached by it
    const refusal = await this.db.transaction((trx) =>
      this.refusal(trx, c.employerId, row.student_id, new Set([row.student_id])),
    );
    const offer = this.offerOf(row);
    const today = this.clock.today();
    return {
      invitation: {
        studentId: row.student_id,
        ...offer,
        respondBy: offer.respondBy >= today ? offer.respondBy : addDays(today, DEFAULT_RESPONSE_DAYS),
      },
      student: this.view(row, 'employer').student,
      reinvitedFrom: row.id,
      eligible: refusal === null,
      refusal: refusal && { code: refusal, message: messageOf(refusal) },
    };
  }

  /** The employer's side of an agreement's life: withdraw an invitation, ask for, agree to or refuse termination. */
  async employerAct(
    c: EmployerCredentials,
    id: number,
    action: 'withdraw' | 'request_termination' | 'agree_termination' | 'refuse_termination',
    note?: string | null,
  ) {
    await this.act(id, action, { kind: 'employer', id: c.id }, { employer_id: c.employerId }, note, (trx) =>
      this.guard.requireAuthorized(c.employerId, trx).then(() => undefined),
    );
    return this.get(c, id);
  }

  // ---- students -------------------------------------------------------------------------------------------------

  async forStudent(studentId: number) {
    const rows = (await this.rows()
      .where('a.student_id', studentId)
      .orderBy('a.updated_at', 'desc')
      .orderBy('a.id', 'desc')) as AgreementRow[];
    const items = [];
    for (const r of rows) items.push(this.view(r, 'student', await this.verifyUrlOf(r)));
    return { items, total: items.length };
  }

  async studentGet(studentId: number, id: number) {
    const row = await this.row(id, { student_id: studentId });
    return { ...this.view(row, 'student', await this.verifyUrlOf(row)), events: await this.events(id) };
  }

  /**
   * The student's side: accept (409 INVITATION_EXPIRED once the respond-by date has passed; 409 STUDENT_HAS_AGREEMENT
   * while another agreement is in force; the student's other open invitations are withdrawn in the same transaction),
   * decline, and ask for, agree to or refuse termination.
   */
  async studentAct(
    studentId: number,
    id: number,
    action: 'accept' | 'decline' | 'request_termination' | 'agree_termination' | 'refuse_termination',
    note?: string | null,
  ) {
    const actor: AgreementActor = { kind: 'student', id: studentId };
    const scope = { student_id: studentId };
    if (action !== 'accept' && action !== 'decline') {
      await this.act(id, action, actor, scope, note);
      return this.studentGet(studentId, id);
    }
    await this.db.transaction(async (trx) => {
      await trx.raw('SELECT pg_advisory_xact_lock(?, ?)', [STUDENT_LOCK_SPACE, studentId]);
      const row = (await trx('agreements')
        .where({ id, student_id: studentId })
        .first('status', 'respond_by')) as { status: AgreementStatus; respond_by: string } | undefined;
      if (!row) throw fail('NOT_FOUND');
      if (row.status === 'invited' && row.respond_by < this.clock.today()) throw fail('INVITATION_EXPIRED');
      if (action === 'accept' && row.status !== 'accepted') {
        const bound = await trx('agreements')
          .where('student_id', studentId)
          .whereIn('status', [...ACTIVE_STATUSES])
          .first('id');
        if (bound) throw fail('STUDENT_HAS_AGREEMENT');
      }
      const ctx = this.ctx(trx);
      await move(ctx, id, action, actor, scope, note);
      if (action === 'accept') {
        const others = (await trx('agreements')
          .where({ student_id: studentId, status: 'invited' })
          .whereNot('id', id)
          .pluck('id')) as number[];
        for (const other of others)
          await move(
            ctx,
            other,
            'withdraw',
            { kind: 'system', id: null },
            scope,
            '学生已接受其他单位的签约邀请',
          );
      }
    });
    return this.studentGet(studentId, id);
  }

  // ---- school staff ---------------------------------------------------------------------------------------------

  /** The school's confirmation queue: its students' agreements, by status (default: waiting for the school). */
  async forSite(
    staff: StaffCredentials,
    site: Site,
    filter: { status?: AgreementStatus; q?: string; page: number; pageSize: number },
  ) {
    assertStaffOf(staff, site, messageOf('FORBIDDEN'));
    const base = this.rows()
      .where('a.site_id', site.id)
      .modify((b) => {
        if (filter.status) b.where('a.status', filter.status);
        else b.where((w) => waitingForSchool(w, 'a.'));
        this.search(b, filter.q);
      });
    const [{ n }] = (await this.db
      .from(base.clone().clearSelect().select('a.id').as('x'))
      .count({ n: '*' })) as [{ n: number | string }];
    const rows = (await base
      .orderBy('a.updated_at', 'asc')
      .orderBy('a.id', 'asc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)) as AgreementRow[];
    const items = [];
    for (const r of rows) items.push(this.view(r, 'staff', await this.verifyUrlOf(r)));
    return { items, total: Number(n), page: filter.page, pageSize: filter.pageSize };
  }

  /** One agreement of the staff member's school (403 for another school's, 404 when it does not exist). */
  async staffGet(staff: StaffCredentials, id: number) {
    const row = await this.row(id, null);
    assertStaffOf(staff, row.site_id, messageOf('FORBIDDEN'));
    return { ...this.view(row, 'staff', await this.verifyUrlOf(row)), events: await this.events(id) };
  }

  /** The school confirms or rejects an accepted agreement, or an agreed termination. */
  async staffAct(
    staff: StaffCredentials,
    id: number,
    action: 'confirm' | 'reject' | 'confirm_termination' | 'reject_termination',
    comment?: string | null,
  ) {
    const row = (await this.db('agreements').where('id', id).first('site_id')) as
      { site_id: number } | undefined;
    if (!row) throw fail('NOT_FOUND');
    assertStaffOf(staff, row.site_id, messageOf('FORBIDDEN'));
    await this.act(id, action, { kind: 'staff', id: staff.id }, { site_id: staff.siteId }, comment);
    return this.staffGet(staff, id);
  }

  /** How many agreements wait for the school (its queue's badge). */
  async pendingForSite(siteId: number): Promise<number> {
    const row = (await this.db('agreements')
      .where('site_id', siteId)
      .where((w) => waitingForSchool(w, ''))
      .count({ n: '*' })
      .first()) as { n: number | string };
    return Number(row.n);
  }

  // ---- the system -----------------------------------------------------------------------------------------------

  /** Marks invitations whose respond-by date has passed `expired` (periodic; idempotent). Returns how many. */
  async expireDue(): Promise<number> {
    const due = (await this.db('agreements')
      .where('status', 'invited')
      .where('respond_by', '<', this.clock.today())
      .orderBy('id')
      .limit(500)
      .pluck('id')) as number[];
    let expired = 0;
    for (const id of due) {
      try {
        await this.act(id, 'expire', { kind: 'system', id: null }, null, '超过应约截止日期');
        expired += 1;
      } catch {
        // answered meanwhile: nothing to expire
      }
    }
    return expired;
  }
}
