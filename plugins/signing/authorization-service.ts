// Signing authorisation (签约授权): before an employer may sign online it submits the stamped authorisation letter (an
// upload of its own), the handling agent (real name, 居民身份证号 checked with GB 11643, mobile) and the validity it
// asks for; the province (main site) reviews it through the review engine (`type = signing_authorization`), approving
// with a validity period (from the decision date to the date staff set, by default the one asked for) or rejecting
// with a comment. A renewal is a new request made while the approval is in force; that approval stays in force until
// the renewal is decided. At most one request is pending (the database's partial unique index decides races).
// `requireAuthorized` is the ONE check every signing action makes ("approved and within validity", by the app clock):
// otherwise 403 SIGNING_NOT_AUTHORIZED saying why. School-site membership plays no part (user guide, section 4).
// It must never trust a date from the client for the decision date, nor accept a letter another employer uploaded.
import type { Knex } from 'knex';
import type { Clock } from '../../core/clock.js';
import { foreignKeyViolation, uniqueViolation } from '../../core/db/errors.js';
import type { Db } from '../../core/db/knex.js';
import { appError, validationError, type ErrorDetail } from '../../core/http/errors.js';
import { checkIdNumber, normalizeMobile } from '../../core/identifiers.js';
import type { SiteRegistry } from '../../core/tenancy/sites.js';
import type { EmployerCredentials } from '../accounts/permissions.js';
import type { FileService } from '../files/file-service.js';
import type {
  DecisionInput,
  DecisionValues,
  ReviewRow,
  ReviewService,
  ReviewStatus,
  SubjectDetails,
} from '../reviews/review-service.js';
import { fail, ONE_PENDING } from './errors.js';
import { SigningAuthorization } from './models/signing-authorization.js';

export const SUBJECT = 'signing_authorization' as const;
/** How far ahead a validity may reach. */
export const MAX_VALIDITY_YEARS = 5;
/** An approval this close to its end is offered for renewal with a warning. */
export const RENEWAL_WARNING_DAYS = 30;

export type AuthorizationStatus = 'none' | 'pending' | 'approved' | 'rejected' | 'expired';

export interface AuthorizationInput {
  letterFileId: string;
  agentName: string;
  agentIdNumber: string;
  agentPhone: string;
  /** YYYY-MM-DD */
  validUntil: string;
}

/** One request as its employer (and staff) see it; the ID number only masked. */
export interface RequestView {
  id: number;
  status: 'pending' | 'approved' | 'rejected';
  agentName: string;
  agentIdNumberMasked: string;
  agentPhone: string;
  requestedValidUntil: string;
  validFrom: string | null;
  validUntil: string | null;
  comment: string | null;
  letterFileId: string;
  submittedAt: string;
  decidedAt: string | null;
}

export interface AuthorizationState {
  status: AuthorizationStatus;
  /** The validity of the approval in force (approved) or of the one that ended (expired). */
  validFrom: string | null;
  validUntil: string | null;
  /** The province's comment on the decision the status comes from. */
  comment: string | null;
  /** Days left of an approval in force, its last day counted (1 on the last day). */
  daysLeft: number | null;
  /** An approval in force within RENEWAL_WARNING_DAYS of its end. */
  expiresSoon: boolean;
  /** Whether a new request may be submitted now (none pending). */
  canApply: boolean;
  /** The request the status comes from (approved, rejected, expired), if any. */
  current: RequestView | null;
  /** The request awaiting review (a first request or a renewal), if any. */
  pending: RequestView | null;
}

/** `3201**********1234`: the first four and last four characters of an ID number. */
export function maskIdNumber(id: string): string {
  return id.length < 8
    ? '*'.repeat(id.length)
    : `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

function iso(v: Date | string | null): string | null {
  return v === null ? null : new Date(v).toISOString();
}

/** Whole days from `from` to `to` (YYYY-MM-DD). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export class SigningAuthorizationService {
  constructor(
    private readonly db: Db,
    private readonly sites: SiteRegistry,
    private readonly clock: Clock,
    private readonly reviews: ReviewService,
    private readonly files: FileService,
    private readonly employers: {
      name(id: number, trx?: Knex.Transaction): Promise<string>;
      certifiedOnMain(id: number, trx?: Knex.Transaction): Promise<boolean>;
    },
  ) {}

  // ---- the one check --------------------------------------------------------------------------------------------

  /**
   * Throws 403 SIGNING_NOT_AUTHORIZED unless the employer holds an approval in force today (app clock), saying why:
   * none, pending, rejected (with the comment) or expired (on which date). Returns the state when it may sign.
   */
  async requireAuthorized(employerId: number, trx?: Knex.Transaction): Promise<AuthorizationState> {
    const state = await this.state(employerId, trx);
    if (state.status === 'approved') return state;
    throw appError(403, 'SIGNING_NOT_AUTHORIZED', this.refusal(state));
  }

  /** Why an employer in `state` may not sign (Chinese), for the guard and the pages. */
  refusal(state: Pick<AuthorizationState, 'status' | 'comment' | 'validUntil'>): string {
    switch (state.status) {
      case 'none':
        return '尚未申请签约授权：请先在“签约授权”页面提交申请，经省级主站审核通过后才能使用网上签约';
      case 'pending':
        return '签约授权正在审核中，省级主站审核通过后才能使用网上签约';
      case 'rejected':
        return `签约授权未通过：${state.comment ?? '未通过审核'}。请修改后重新申请签约授权`;
      case 'expired':
        return `签约授权已于 ${state.validUntil} 到期，请重新申请签约授权`;
      default:
        return '';
    }
  }

  // ---- state ----------------------------------------------------------------------------------------------------

  /** The employer's authorisation as of today (app clock); see AuthorizationState. */
  async state(employerId: number, trx?: Knex.Transaction): Promise<AuthorizationState> {
    const rows = await SigningAuthorization.query(trx ?? this.db)
      .select(SigningAuthorization.columns)
      .where('employer_id', employerId)
      .orderBy('id', 'desc')
      .limit(50);
    const today = this.clock.today();
    const pending = rows.find((r) => r.status === 'pending') ?? null;
    const inForce = rows.find(
      (r) => r.status === 'approved' && r.validFrom! <= today && r.validUntil! >= today,
    );
    const decided = rows
      .filter((r) => r.status !== 'pending')
      .sort((a, b) => new Date(b.decidedAt!).getTime() - new Date(a.decidedAt!).getTime() || b.id - a.id)[0];
    const base = { pending: pending ? this.view(pending) : null, canApply: !pending };
    if (inForce) {
      const daysLeft = daysBetween(today, inForce.validUntil!) + 1;
      return {
        ...base,
        status: 'approved',
        validFrom: inForce.validFrom,
        validUntil: inForce.validUntil,
        comment: inForce.comment,
        daysLeft,
        expiresSoon: daysLeft <= RENEWAL_WARNING_DAYS,
        current: this.view(inForce),
      };
    }
    const none = { daysLeft: null, expiresSoon: false };
    if (pending)
      return {
        ...base,
        ...none,
        status: 'pending',
        validFrom: null,
        validUntil: null,
        comment: null,
        current: null,
      };
    if (!decided)
      return {
        ...base,
        ...none,
        status: 'none',
        validFrom: null,
        validUntil: null,
        comment: null,
        current: null,
      };
    const expired = decided.status === 'approved';
    return {
      ...base,
      ...none,
      status: expired ? 'expired' : 'rejected',
      validFrom: expired ? decided.validFrom : null,
      validUntil: expired ? decided.validUntil : null,
      comment: decided.comment,
      current: this.view(decided),
    };
  }

  /** The employer's requests, newest first (its own history). */
  async history(employerId: number): Promise<RequestView[]> {
    const rows = await SigningAuthorization.query(this.db)
      .select(SigningAuthorization.columns)
      .where('employer_id', employerId)
      .orderBy('id', 'desc')
      .limit(50);
    return rows.map((r) => this.view(r));
  }

  private view(r: SigningAuthorization): RequestView {
    return {
      id: r.id,
      status: r.status,
      agentName: r.agentName,
      agentIdNumberMasked: maskIdNumber(r.agentIdNumber),
      agentPhone: r.agentPhone,
      requestedValidUntil: r.requestedValidUntil,
      validFrom: r.validFrom,
      validUntil: r.validUntil,
      comment: r.comment,
      letterFileId: r.letterFileId,
      submittedAt: iso(r.createdAt)!,
      decidedAt: iso(r.decidedAt),
    };
  }

  // ---- requests -------------------------------------------------------------------------------------------------

  /** The latest validity a request or a decision may set, from today. */
  latestValidUntil(): string {
    const today = this.clock.today();
    return `${Number(today.slice(0, 4)) + MAX_VALIDITY_YEARS}${today.slice(4)}`.replace('-02-29', '-02-28');
  }

  /** Why `date` cannot end a validity period (Chinese), or null. */
  private validityProblem(date: string): string | null {
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
      new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
    )
      return '请填写正确的日期（YYYY-MM-DD）';
    if (date <= this.clock.today()) return '有效期须晚于今天';
    if (date > this.latestValidUntil())
      return `有效期最长 ${MAX_VALIDITY_YEARS} 年（不晚于 ${this.latestValidUntil()}）`;
    return null;
  }

  /** Every field error of a request (ID number, phone, validity, letter), all at once; [] when it may be submitted. */
  async problems(employerId: number, input: Partial<AuthorizationInput>): Promise<ErrorDetail[]> {
    const errors: ErrorDetail[] = [];
    const idNumber = (input.agentIdNumber ?? '').trim().toUpperCase();
    if (input.agentIdNumber !== undefined) {
      if (!/^\d{17}[\dX]$/.test(idNumber))
        errors.push({
          path: 'agentIdNumber',
          message: '身份证号应为 18 位，前 17 位为数字，最后一位为数字或 X',
        });
      else if (!checkIdNumber(idNumber, this.clock.now()))
        errors.push({
          path: 'agentIdNumber',
          message: '身份证号校验不通过（校验码或出生日期不正确），请核对后重新输入',
        });
    }
    if (input.agentPhone !== undefined && !normalizeMobile(input.agentPhone))
      errors.push({ path: 'agentPhone', message: '手机号格式不正确，应为 11 位手机号码' });
    const validity = input.validUntil !== undefined ? this.validityProblem(input.validUntil.trim()) : null;
    if (validity) errors.push({ path: 'validUntil', message: validity });
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    if (
      input.letterFileId !== undefined &&
      (!uuid.test(input.letterFileId) || !(await this.files.ownedBy(input.letterFileId, employerId)))
    )
      errors.push({ path: 'letterFileId', message: '授权委托书文件不存在，请重新上传' });
    return errors;
  }

  /**
   * Submits a request (first, again after a rejection or expiry, or a renewal while approved): every field error at
   * once (400 VALIDATION), 409 ALREADY_PENDING while one is being reviewed. The review goes to the main site.
   */
  async submit(c: EmployerCredentials, input: AuthorizationInput): Promise<{ id: number; status: string }> {
    const errors = await this.problems(c.employerId, input);
    const agentName = input.agentName.trim();
    const idNumber = input.agentIdNumber.trim().toUpperCase();
    const phone = normalizeMobile(input.agentPhone);
    if (errors.length) throw validationError(errors);
    const main = this.sites.main();
    try {
      return await this.db.transaction(async (trx) => {
        const row = await SigningAuthorization.query(trx)
          .insert({
            employerId: c.employerId,
            letterFileId: input.letterFileId,
            agentName,
            agentIdNumber: idNumber,
            agentPhone: phone!,
            requestedValidUntil: input.validUntil.trim(),
            submittedBy: c.id,
          })
          .returning('id');
        const id = Number(row.id);
        const before = await this.state(c.employerId, trx);
        const name = await this.employers.name(c.employerId, trx);
        const review = await this.reviews.submit(
          trx,
          {
            site: main,
            type: SUBJECT,
            subjectId: id,
            employer: {
              id: c.employerId,
              name,
              certifiedOnMain: await this.employers.certifiedOnMain(c.employerId, trx),
              tagIds: [],
            },
            summary: `「${name}」申请${before.status === 'approved' ? '续期' : ''}签约授权（经办人 ${agentName}，申请有效期至 ${input.validUntil.trim()}）`,
            text: agentName,
          },
          { kind: 'employer', id: c.id },
        );
        return { id, status: review.status === 'pending' ? 'pending' : review.status };
      });
    } catch (err) {
      if (uniqueViolation(err) === ONE_PENDING) throw fail('ALREADY_PENDING');
      if (foreignKeyViolation(err) !== undefined)
        throw validationError([{ path: 'letterFileId', message: '授权委托书文件不存在，请重新上传' }]);
      throw err;
    }
  }

  // ---- review ---------------------------------------------------------------------------------------------------

  /** The decision's input: the end of the validity (the start is the decision date). */
  readonly decisionInputs: DecisionInput[] = [
    {
      name: 'validUntil',
      label: '授权有效期至',
      type: 'date',
      help: '通过时生效：有效期自审核通过之日起至所填日期（含）止，默认为单位申请的日期',
      initial: async (review) => (await this.row(Number(review.subject_id)))?.requestedValidUntil ?? null,
    },
  ];

  private async row(id: number, trx?: Knex.Transaction) {
    return SigningAuthorization.query(trx ?? this.db)
      .select(SigningAuthorization.columns)
      .findById(id);
  }

  /** Refuses an approval whose validity cannot be (400 VALIDATION on `input.validUntil`). */
  async beforeDecision(
    trx: Knex.Transaction,
    review: ReviewRow,
    status: Exclude<ReviewStatus, 'pending'>,
    input: DecisionValues,
  ): Promise<void> {
    if (status !== 'approved') return;
    const row = await this.row(Number(review.subject_id), trx);
    const until = input.validUntil ?? row?.requestedValidUntil ?? '';
    const problem = this.validityProblem(until);
    if (problem)
      throw validationError(
        [{ path: 'input.validUntil', message: `授权有效期至：${problem}` }],
        '授权有效期至',
      );
  }

  /** Applies the decision to the request, in the decision's transaction. */
  async onDecision(
    trx: Knex.Transaction,
    review: ReviewRow,
    status: Exclude<ReviewStatus, 'pending'>,
    comment: string | null,
    input: DecisionValues,
  ): Promise<void> {
    const row = await this.row(Number(review.subject_id), trx);
    if (!row || row.status !== 'pending') return;
    const approved = status === 'approved';
    await SigningAuthorization.query(trx)
      .findById(row.id)
      .patch({
        status: approved ? 'approved' : 'rejected',
        validFrom: approved ? this.clock.today() : null,
        validUntil: approved ? (input.validUntil ?? row.requestedValidUntil) : null,
        comment: comment ?? (status === 'withdrawn' ? '申请已撤回' : null),
        decidedBy: review.decided_by_kind === 'staff' ? review.decided_by : null,
        decidedAt: this.clock.now().toISOString(),
        updatedAt: this.clock.now().toISOString(),
      });
  }

  /** The line a decision message adds: the validity granted, or what to do after a rejection. */
  async decisionNote(id: number, status: 'approved' | 'rejected'): Promise<string | null> {
    const row = await this.row(id);
    if (!row) return null;
    if (status === 'approved' && row.status === 'approved')
      return `签约授权有效期：${row.validFrom} 至 ${row.validUntil}，有效期内可使用网上签约功能。`;
    if (status === 'rejected') return '请根据审核意见修改后，在“签约授权”页面重新提交申请。';
    return null;
  }

  /** What province staff read before deciding: the agent, the validity asked for, the letter. */
  async reviewDetails(id: number): Promise<SubjectDetails | null> {
    const row = await this.row(id);
    if (!row) return null;
    const state = await this.state(row.employerId);
    const letter = (await this.files.describe([row.letterFileId]))[0];
    const facts = [
      {
        label: '申请类型',
        value: state.status === 'approved' && state.current?.id !== row.id ? '续期申请' : '签约授权申请',
      },
      { label: '经办人姓名', value: row.agentName },
      { label: '经办人身份证号', value: maskIdNumber(row.agentIdNumber) },
      { label: '经办人手机', value: row.agentPhone },
      { label: '申请有效期至', value: row.requestedValidUntil },
      {
        label: '当前授权',
        value:
          state.status === 'approved'
            ? `有效期 ${state.validFrom} 至 ${state.validUntil}`
            : state.status === 'expired'
              ? `已于 ${state.validUntil} 到期`
              : '无',
      },
      { label: '授权委托书', value: letter ? `${letter.name}（见下方附件）` : '文件已删除' },
    ];
    if (row.status === 'approved')
      facts.push({ label: '核准有效期', value: `${row.validFrom} 至 ${row.validUntil}` });
    return { facts, files: letter ? [{ id: letter.id, name: `授权委托书：${letter.name}` }] : [] };
  }
}
