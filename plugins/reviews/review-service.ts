// The review engine: every subject submitted to a site (membership, job, announcement, fair booking, info session,
// signing authorisation …) gets one review per (site, subject). The site's policy plugin decides at once (approve,
// reject with a reason) or leaves it to staff. Every submission and decision is appended to review_events, and every
// decision writes a `reviews.decided` outbox event in the same transaction. Features register a handler per subject
// type that applies the decision to their own table.
// Subjects end (a job past its expiry date, a booking of a fair that is over): their feature registers an `ends`
// predicate. An ended subject never counts as pending: queues leave it out, a decision on it is refused (409
// SUBJECT_ENDED) and withdraws it, and a periodic task withdraws the rest — so no one is told 已通过 about something
// that can no longer go online.
// A decision may carry input its feature asks for (a signing authorisation's validity): the handler declares its
// `inputs`, staff fill them in (API: `input: { name: value }`; the decision page shows them as fields) and the handler
// reads them in `beforeDecision` (to refuse bad values) and `onDecision`. Inputs a type does not declare are refused.
import Boom from '@hapi/boom';
import type { Knex } from 'knex';
import { fn, type PartialModelObject } from 'objection';
import type { StaffCredentials } from '../../core/auth/principals.js';
import type { Db } from '../../core/db/knex.js';
import { appError, validationError } from '../../core/http/errors.js';
import { enqueue } from '../../core/tasks/outbox.js';
import type { PluginHost, ReviewSubject } from '../../core/plugin-host.js';
import type { SubjectType } from '../../core/tenancy/manifest.js';
import type { Site, SiteRegistry } from '../../core/tenancy/sites.js';
import { assertStaffOf, isStaffOf } from '../../core/tenancy/scope.js';
import { toRow } from '../../core/db/model.js';
import { Review } from './models/review.js';
import { ReviewEvent } from './models/review-event.js';

export const REVIEW_DECIDED_TOPIC = 'reviews.decided';

/** Subject types of the manifest whose features are not built yet; each registers its own label when it arrives. */
const UNOWNED_TYPES: Partial<Record<SubjectType, string>> = {
  presentation: '宣讲会',
  signing_authorization: '签约授权',
};

const ERRORS = {
  NOT_FOUND: [404, 'NOT_FOUND', '审核记录不存在'],
  FORBIDDEN: [403, 'FORBIDDEN', '您只能审核本校站点的事项'],
  ALREADY_DECIDED: [409, 'ALREADY_DECIDED', '该事项已审核，不能重复审核'],
} as const;

/** Why a decision on an ended subject is refused, when its feature gives no words of its own. */
const ENDED_MESSAGE = '该事项已结束，不能再审核，已从待审核队列撤回';
/** The comment an automatic withdrawal leaves on the review (shown in the queue and the history). */
const ENDED_COMMENT = '已过期或已结束，系统自动撤回';

function fail(key: keyof typeof ERRORS) {
  const [status, code, message] = ERRORS[key];
  return appError(status, code, message);
}

export type ReviewStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

export interface ReviewRow {
  id: number;
  site_id: number;
  subject_type: SubjectType;
  subject_id: number;
  employer_id: number | null;
  summary: string;
  status: ReviewStatus;
  comment: string | null;
  decided_by_kind: string | null;
  decided_by: number | null;
  policy: string | null;
  submitted_at: Date;
  decided_at: Date | null;
}

export interface Actor {
  kind: 'employer' | 'staff' | 'policy' | 'system';
  id: number | null;
}

/** What staff filled in for a decision's declared inputs, by input name (absent when left out). */
export type DecisionValues = Readonly<Record<string, string>>;

/** An input a decision on a subject type carries, declared by the feature that owns the type. */
export interface DecisionInput {
  /** The key in the API's `input` object and the field's name, e.g. `validUntil`. */
  name: string;
  /** What staff read, e.g. 授权有效期至. */
  label: string;
  type: 'date' | 'text';
  /** Help shown under the field. */
  help?: string;
  /** The value the decision form starts with (e.g. what the employer asked for). */
  initial?(review: ReviewRow): Promise<string | null>;
}

export interface SubjectHandler {
  /** Inputs a decision on this type carries (see the file header); staff may leave them out. */
  inputs?: DecisionInput[];
  /** Refuses a decision the subject cannot take (throws a Boom); runs inside the decision's transaction. */
  beforeDecision?(
    trx: Knex.Transaction,
    review: ReviewRow,
    status: Exclude<ReviewStatus, 'pending'>,
    input: DecisionValues,
  ): Promise<void>;
  /** Applies the decision to the feature's own rows, in the same transaction. */
  onDecision(
    trx: Knex.Transaction,
    review: ReviewRow,
    status: Exclude<ReviewStatus, 'pending'>,
    comment: string | null,
    input: DecisionValues,
  ): Promise<void>;
  /** After a staff decision has committed (cache invalidation and the like). */
  afterDecision?(review: ReviewRow): Promise<void>;
}

/** What staff read before deciding: the subject's content, as the feature that owns it describes it. */
export interface SubjectDetails {
  /** Short facts, shown as a definition list in this order. */
  facts: { label: string; value: string }[];
  /** Long text (a job's description, an announcement's body), shown as paragraphs. */
  text?: string;
  /** Files of the subject (an announcement's attachments) staff may open. */
  files?: { id: string; name: string }[];
}

/** When subjects of a type have ended (can no longer go online), as the feature that owns them defines it. */
export interface SubjectEnd {
  /**
   * A query that returns rows exactly when the subject `subjectId` has ended; `subjectId` is a value or a reference
   * to the reviews' `subject_id` column (so it can run correlated, as `EXISTS`, over a whole queue).
   */
  ended(db: Knex | Knex.Transaction, subjectId: number | Knex.Ref<string, object>): Knex.QueryBuilder;
  /** Why a decision is refused (409 SUBJECT_ENDED), e.g. 该职位已过有效期…; Chinese. */
  message: string;
}

export type SubjectDescriber = (review: ReviewRow) => Promise<SubjectDetails | null>;

export interface Submission {
  site: Site;
  type: SubjectType;
  subjectId: number;
  employer: ReviewSubject['employer'];
  /** One line staff read in the queue, e.g. 「某某公司」申请入驻. */
  summary: string;
  /** Text content screens read (titles, descriptions). */
  text?: string;
}

export interface ReviewView {
  id: number;
  site: string;
  type: SubjectType;
  subjectId: number;
  employerId: number | null;
  summary: string;
  status: ReviewStatus;
  comment: string | null;
  policy: string | null;
  submittedAt: string;
  decidedAt: string | null;
}

const SYSTEM: Actor = { kind: 'system', id: null };

export class ReviewService {
  private readonly handlers = new Map<SubjectType, SubjectHandler>();
  private readonly describers = new Map<SubjectType, SubjectDescriber>();
  private readonly endings = new Map<SubjectType, SubjectEnd>();

  constructor(
    private readonly db: Db,
    private readonly sites: SiteRegistry,
    private readonly tenantPlugins: PluginHost,
  ) {}

  private readonly labels = new Map<SubjectType, { label: string; mainLabel?: string }>();

  /** The inputs a decision on `type` carries (none for most types). */
  decisionInputs(type: SubjectType): DecisionInput[] {
    return this.handlers.get(type)?.inputs ?? [];
  }

  /** 400 VALIDATION for input names `type` does not declare; the declared ones, trimmed, blanks left out. */
  private decisionValues(
    type: SubjectType,
    input: Record<string, string | null | undefined>,
  ): DecisionValues {
    const declared = new Set(this.decisionInputs(type).map((i) => i.name));
    const unknown = Object.keys(input).filter((k) => !declared.has(k));
    if (unknown.length)
      throw validationError(
        unknown.map((k) => ({ path: `input.${k}`, message: '该类事项的审核不需要填写此项' })),
      );
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(input)) if (typeof v === 'string' && v.trim()) values[k] = v.trim();
    return values;
  }

  handle(type: SubjectType, handler: SubjectHandler): void {
    if (this.handlers.has(type)) throw new Error(`xiaozhao: review handler for ${type} registered twice`);
    this.handlers.set(type, handler);
  }

  /**
   * Registers the name staff read for a subject type (in queues, settings, history), contributed by the feature that
   * owns it; `mainLabel` is its name on the main site (a membership there is the provincial certification).
   */
  label(type: SubjectType, label: string, mainLabel?: string): void {
    if (this.labels.has(type)) throw new Error(`xiaozhao: review label for ${type} registered twice`);
    this.labels.set(type, { label, mainLabel });
  }

  /** The name of a subject type; one no installed feature owns is named as a feature still to come. */
  typeLabel(type: SubjectType, isMain = false): string {
    const l = this.labels.get(type);
    if (!l) return UNOWNED_TYPES[type] ?? type;
    return (isMain && l.mainLabel) || l.label;
  }

  /** Registers how the feature owning a subject type describes a subject to staff. */
  describe(type: SubjectType, describer: SubjectDescriber): void {
    if (this.describers.has(type)) throw new Error(`xiaozhao: review describer for ${type} registered twice`);
    this.describers.set(type, describer);
  }

  /** Registers when subjects of a type have ended (see the file header). */
  ends(type: SubjectType, end: SubjectEnd): void {
    if (this.endings.has(type)) throw new Error(`xiaozhao: review end for ${type} registered twice`);
    this.endings.set(type, end);
  }

  /** Whether the review's subject has ended (its feature says so); subjects of types without an end never do. */
  async isEnded(review: Pick<ReviewRow, 'subject_type' | 'subject_id'>, trx?: Knex.Transaction) {
    const end = this.endings.get(review.subject_type);
    if (!end) return false;
    const db = trx ?? this.db;
    return !!(await end.ended(db, Number(review.subject_id)).first(db.raw('1 AS ended')));
  }

  /**
   * Withdraws every pending review whose subject has ended (periodic; idempotent). The history records a withdrawal
   * by the system with the reason; no message goes out. Returns how many were withdrawn.
   */
  async withdrawEnded(): Promise<number> {
    let count = 0;
    for (const [type, end] of this.endings) {
      count += await this.db.transaction(async (trx) => {
        const rows = await Review.query(trx)
          .where({ subject_type: type, status: 'pending' })
          .whereExists(end.ended(trx, trx.ref('reviews.subject_id')))
          .patch(this.endedPatch())
          .returning(['id', 'site_id']);
        for (const row of rows)
          await this.event(trx, { id: row.id, site_id: row.siteId }, 'withdrawn', ENDED_COMMENT, SYSTEM);
        return rows.length;
      });
    }
    return count;
  }

  private endedPatch(): PartialModelObject<Review> {
    return {
      status: 'withdrawn',
      comment: ENDED_COMMENT,
      decidedAt: fn.now(),
      decidedByKind: SYSTEM.kind,
      decidedBy: null,
    };
  }

  /** 409 SUBJECT_ENDED in the words of the subject's feature. */
  private endedError(type: SubjectType) {
    return appError(409, 'SUBJECT_ENDED', this.endings.get(type)?.message ?? ENDED_MESSAGE);
  }

  /** The subject's content for staff, or null when its feature describes none (or the subject is gone). */
  async details(review: ReviewRow): Promise<SubjectDetails | null> {
    return (await this.describers.get(review.subject_type)?.(review)) ?? null;
  }

  view(row: ReviewRow): ReviewView {
    return {
      id: Number(row.id),
      site: this.sites.byId(row.site_id)?.slug ?? '',
      type: row.subject_type,
      subjectId: Number(row.subject_id),
      employerId: row.employer_id,
      summary: row.summary,
      status: row.status,
      comment: row.comment,
      policy: row.policy,
      submittedAt: new Date(row.submitted_at).toISOString(),
      decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    };
  }

  /**
   * Submits (or resubmits) a subject to a site and lets the site's policy decide at once.
   * Runs in the caller's transaction; returns the review as it stands afterwards.
   */
  async submit(trx: Knex.Transaction, s: Submission, actor: Actor): Promise<ReviewRow> {
    const existing = await Review.query(trx)
      .findOne({ site_id: s.site.id, subject_type: s.type, subject_id: s.subjectId })
      .forUpdate();
    const review = existing
      ? await this.patch(trx, existing.id, {
          status: 'pending',
          comment: null,
          summary: s.summary,
          decidedByKind: null,
          decidedBy: null,
          policy: null,
          decidedAt: null,
          submittedAt: fn.now(),
        })
      : toRow<ReviewRow>(
          await Review.query(trx)
            .insert({
              siteId: s.site.id,
              subjectType: s.type,
              subjectId: s.subjectId,
              employerId: Number(s.employer.id),
              summary: s.summary,
              status: 'pending',
            })
            .returning('*'),
        );
    await this.event(trx, review, existing ? 'resubmitted' : 'submitted', null, actor);
    const ref = s.site.reviewPolicies[s.type];
    const policy = this.tenantPlugins.reviewPolicy(s.site.slug, s.type, ref);
    const decision = await policy.decide({
      type: s.type,
      site: s.site.slug,
      employer: s.employer,
      text: s.text,
    });
    if (decision.outcome === 'hold') return review;
    const status = decision.outcome === 'approve' ? 'approved' : 'rejected';
    return this.apply(
      trx,
      review,
      status,
      decision.reason ?? null,
      { kind: 'policy', id: null },
      policy.plugin,
    );
  }

  /**
   * An approved subject edited within its site's grace period: it stays approved (online) and the history records the
   * edit. Returns false, changing nothing, when the site's policy rejects the new content (or the review is not
   * approved): the caller then resubmits it like any edit.
   */
  async keepAfterEdit(trx: Knex.Transaction, s: Submission, actor: Actor): Promise<boolean> {
    const review = await this.find(s.site.id, s.type, s.subjectId, trx);
    const policy = this.tenantPlugins.reviewPolicy(s.site.slug, s.type, s.site.reviewPolicies[s.type]);
    const decision = await policy.decide({
      type: s.type,
      site: s.site.slug,
      employer: s.employer,
      text: s.text,
    });
    if (!review || review.status !== 'approved' || decision.outcome === 'reject') return false;
    const updated = await this.patch(trx, review.id, { summary: s.summary });
    await this.event(trx, updated, 'edited', '审核通过后在宽限期内修改，保持上线', actor);
    return true;
  }

  /** A staff decision on a pending review of the staff member's own site. */
  async decide(
    staff: StaffCredentials,
    reviewId: number,
    decision: 'approve' | 'reject',
    comment: string | null,
    input: Record<string, string | null | undefined> = {},
  ): Promise<ReviewRow> {
    const text = comment?.trim() || null;
    if (decision === 'reject' && !text)
      throw validationError([{ path: 'comment', message: '驳回时必须填写审核意见' }]);
    const outcome = await this.db.transaction(async (trx) => {
      const review = await this.get(reviewId, trx, { forUpdate: true });
      if (!review) throw fail('NOT_FOUND');
      assertStaffOf(staff, review.site_id, ERRORS.FORBIDDEN[2]);
      if (review.status !== 'pending') throw fail('ALREADY_DECIDED');
      const values = this.decisionValues(review.subject_type, input);
      // An ended subject leaves the queue now (committed), and the decision is refused after the commit.
      if (await this.isEnded(review, trx)) {
        const withdrawn = await this.patch(trx, review.id, this.endedPatch());
        await this.event(trx, withdrawn, 'withdrawn', ENDED_COMMENT, SYSTEM);
        return { ended: withdrawn };
      }
      return {
        decided: await this.apply(
          trx,
          review,
          decision === 'approve' ? 'approved' : 'rejected',
          text,
          { kind: 'staff', id: staff.id },
          undefined,
          values,
        ),
      };
    });
    if (outcome.ended) throw this.endedError(outcome.ended.subject_type);
    const decided = outcome.decided!;
    await this.handlers.get(decided.subject_type)?.afterDecision?.(decided);
    return decided;
  }

  /**
   * 批量通过: approves each review on its own; those that cannot be approved (another site's, already decided …) are
   * skipped with the reason, their summary shown only when the review belongs to the staff member's site.
   */
  async approveMany(staff: StaffCredentials, ids: number[], comment: string | null) {
    const approved: { id: number; summary: string }[] = [];
    const skipped: { id: number; code: string; message: string; summary: string | null }[] = [];
    for (const id of ids) {
      try {
        const row = await this.decide(staff, id, 'approve', comment);
        approved.push({ id, summary: row.summary });
      } catch (err) {
        if (!Boom.isBoom(err) || err.output.statusCode >= 500) throw err;
        const row = await this.get(id);
        skipped.push({
          id,
          code: (err.data as { code?: string } | null)?.code ?? 'ERROR',
          message: err.message,
          summary: row && isStaffOf(staff, row.site_id) ? row.summary : null,
        });
      }
    }
    return { approved, skipped };
  }

  /**
   * Withdraws the pending reviews of subjects the employer deleted (they leave the staff queue); decided reviews
   * keep their status. The history records the withdrawal.
   */
  async withdraw(
    trx: Knex.Transaction,
    type: SubjectType,
    subjectIds: number[],
    actor: Actor,
  ): Promise<void> {
    if (subjectIds.length === 0) return;
    const rows = await Review.query(trx)
      .where({ subject_type: type, status: 'pending' })
      .whereIn('subject_id', subjectIds)
      .patch({ status: 'withdrawn', decidedAt: fn.now(), decidedByKind: actor.kind, decidedBy: actor.id })
      .returning(['id', 'site_id']);
    for (const row of rows)
      await this.event(trx, { id: row.id, site_id: row.siteId }, 'withdrawn', null, actor);
  }

  /** A decision taken by someone other than site staff (demo seed, imports): same rules, same history. */
  async decideAs(
    trx: Knex.Transaction,
    reviewId: number,
    status: Exclude<ReviewStatus, 'pending'>,
    comment: string | null,
    actor: Actor,
    input: Record<string, string | null | undefined> = {},
  ): Promise<ReviewRow> {
    const review = await this.get(reviewId, trx, { forUpdate: true });
    if (!review) throw fail('NOT_FOUND');
    if (review.status !== 'pending') throw fail('ALREADY_DECIDED');
    if (status !== 'withdrawn' && (await this.isEnded(review, trx)))
      throw this.endedError(review.subject_type);
    const values = this.decisionValues(review.subject_type, input);
    return this.apply(trx, review, status, comment, actor, undefined, values);
  }

  private async apply(
    trx: Knex.Transaction,
    review: ReviewRow,
    status: Exclude<ReviewStatus, 'pending'>,
    comment: string | null,
    actor: Actor,
    policy?: string,
    input: DecisionValues = {},
  ): Promise<ReviewRow> {
    const handler = this.handlers.get(review.subject_type);
    if (!handler) throw new Error(`xiaozhao: no review handler for ${review.subject_type}`);
    await handler.beforeDecision?.(trx, review, status, input);
    const updated = await this.patch(trx, review.id, {
      status,
      comment: comment ?? (status === 'rejected' ? '未通过审核' : null),
      decidedByKind: actor.kind,
      decidedBy: actor.id,
      policy: policy ?? null,
      decidedAt: fn.now(),
    });
    await this.event(trx, updated, status, updated.comment, actor, policy);
    await handler.onDecision(trx, updated, status, updated.comment, input);
    const site = this.sites.byId(updated.site_id);
    await enqueue(
      trx,
      REVIEW_DECIDED_TOPIC,
      {
        reviewId: Number(updated.id),
        site: site?.slug,
        type: updated.subject_type,
        subjectId: Number(updated.subject_id),
        employerId: updated.employer_id,
        status,
        comment: updated.comment,
        summary: updated.summary,
      },
      { site: site?.slug },
    );
    return updated;
  }

  /** Updates one review and returns its row as it stands afterwards (one UPDATE … RETURNING). */
  private async patch(
    trx: Knex.Transaction,
    id: number,
    changes: PartialModelObject<Review>,
  ): Promise<ReviewRow> {
    const [row] = await Review.query(trx).where('id', id).patch(changes).returning('*');
    return toRow<ReviewRow>(row!);
  }

  /** Appends to the history (never updated). */
  async event(
    trx: Knex | Knex.Transaction,
    review: Pick<ReviewRow, 'id' | 'site_id'>,
    action: string,
    comment: string | null,
    actor: Actor,
    policy?: string,
  ): Promise<void> {
    await ReviewEvent.query(trx).insert({
      reviewId: review.id,
      siteId: review.site_id,
      action: action as ReviewEvent['action'],
      comment,
      actorKind: actor.kind,
      actorId: actor.id,
      policy: policy ?? null,
    });
  }

  async list(
    siteId: number,
    filter: { status?: ReviewStatus; type?: SubjectType; page: number; pageSize: number },
  ): Promise<{ items: ReviewView[]; total: number }> {
    const { results, total } = await Review.query(this.db)
      .where({ site_id: siteId })
      .modify((q) => {
        if (filter.status) q.where('status', filter.status);
        if (filter.type) q.where('subject_type', filter.type);
        // Ended subjects wait for the periodic withdrawal outside the pending queue, never in it.
        if (filter.status === 'pending')
          for (const [type, end] of this.endings)
            if (!filter.type || filter.type === type)
              q.whereNot((b) => {
                void b
                  .where('subject_type', type)
                  .whereExists(end.ended(this.db, this.db.ref('reviews.subject_id')));
              });
      })
      .orderBy([
        { column: 'submitted_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .page(filter.page - 1, filter.pageSize);
    return { items: results.map((r) => this.view(toRow<ReviewRow>(r))), total: Number(total) };
  }

  /** A review of the staff member's own site: 404 when there is none, 403 when it is another site's. */
  async getForStaff(staff: StaffCredentials, reviewId: number): Promise<ReviewRow> {
    const review = await this.get(reviewId);
    if (!review) throw fail('NOT_FOUND');
    assertStaffOf(staff, review.site_id, '您只能查看本校站点的审核事项');
    return review;
  }

  async get(
    reviewId: number,
    trx?: Knex.Transaction,
    options: { forUpdate?: boolean } = {},
  ): Promise<ReviewRow | undefined> {
    const review = await Review.query(trx ?? this.db)
      .findById(reviewId)
      .modify((q) => {
        if (options.forUpdate) q.forUpdate();
      });
    return review && toRow<ReviewRow>(review);
  }

  async history(reviewId: number) {
    const events = await ReviewEvent.query(this.db)
      .where('review_id', reviewId)
      .orderBy('id')
      .withGraphFetched('[staffActor, employerActor]');
    return events.map((e) => ({
      action: e.action,
      comment: e.comment,
      actor: {
        kind: e.actorKind,
        id: e.actorId,
        name:
          (e.actorKind === 'staff' ? e.staffActor?.username : undefined) ??
          (e.actorKind === 'employer' ? e.employerActor?.name : undefined) ??
          null,
      },
      policy: e.policy,
      at: new Date(e.createdAt).toISOString(),
    }));
  }

  /** The review of one subject at one site. */
  async find(
    siteId: number,
    type: SubjectType,
    subjectId: number,
    trx?: Knex.Transaction,
  ): Promise<ReviewRow | undefined> {
    const review = await Review.query(trx ?? this.db).findOne({
      site_id: siteId,
      subject_type: type,
      subject_id: subjectId,
    });
    return review && toRow<ReviewRow>(review);
  }
}
