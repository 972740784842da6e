// The review engine: every subject submitted to a site (membership, job, announcement, fair booking, info session,
// signing authorisation …) gets one review per (site, subject). The site's policy plugin decides at once (approve,
// reject with a reason) or leaves it to staff. Every submission and decision is appended to review_events, and every
// decision writes a `reviews.decided` outbox event in the same transaction. Features register a handler per subject
// type that applies the decision to their own table.
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

export interface SubjectHandler {
  /** Refuses a decision the subject cannot take (throws a Boom); runs inside the decision's transaction. */
  beforeDecision?(
    trx: Knex.Transaction,
    review: ReviewRow,
    status: Exclude<ReviewStatus, 'pending'>,
  ): Promise<void>;
  /** Applies the decision to the feature's own rows, in the same transaction. */
  onDecision(
    trx: Knex.Transaction,
    review: ReviewRow,
    status: Exclude<ReviewStatus, 'pending'>,
    comment: string | null,
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

export class ReviewService {
  private readonly handlers = new Map<SubjectType, SubjectHandler>();
  private readonly describers = new Map<SubjectType, SubjectDescriber>();

  constructor(
    private readonly db: Db,
    private readonly sites: SiteRegistry,
    private readonly tenantPlugins: PluginHost,
  ) {}

  private readonly labels = new Map<SubjectType, { label: string; mainLabel?: string }>();

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

  /** A staff decision on a pending review of the staff member's own site. */
  async decide(
    staff: StaffCredentials,
    reviewId: number,
    decision: 'approve' | 'reject',
    comment: string | null,
  ): Promise<ReviewRow> {
    const text = comment?.trim() || null;
    if (decision === 'reject' && !text)
      throw validationError([{ path: 'comment', message: '驳回时必须填写审核意见' }]);
    const decided = await this.db.transaction(async (trx) => {
      const review = await this.get(reviewId, trx, { forUpdate: true });
      if (!review) throw fail('NOT_FOUND');
      assertStaffOf(staff, review.site_id, ERRORS.FORBIDDEN[2]);
      if (review.status !== 'pending') throw fail('ALREADY_DECIDED');
      return this.apply(trx, review, decision === 'approve' ? 'approved' : 'rejected', text, {
        kind: 'staff',
        id: staff.id,
      });
    });
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
  ): Promise<ReviewRow> {
    const review = await this.get(reviewId, trx, { forUpdate: true });
    if (!review) throw fail('NOT_FOUND');
    if (review.status !== 'pending') throw fail('ALREADY_DECIDED');
    return this.apply(trx, review, status, comment, actor);
  }

  private async apply(
    trx: Knex.Transaction,
    review: ReviewRow,
    status: Exclude<ReviewStatus, 'pending'>,
    comment: string | null,
    actor: Actor,
    policy?: string,
  ): Promise<ReviewRow> {
    const handler = this.handlers.get(review.subject_type);
    if (!handler) throw new Error(`xiaozhao: no review handler for ${review.subject_type}`);
    await handler.beforeDecision?.(trx, review, status);
    const updated = await this.patch(trx, review.id, {
      status,
      comment: comment ?? (status === 'rejected' ? '未通过审核' : null),
      decidedByKind: actor.kind,
      decidedBy: actor.id,
      policy: policy ?? null,
      decidedAt: fn.now(),
    });
    await this.event(trx, updated, status, updated.comment, actor, policy);
    await handler.onDecision(trx, updated, status, updated.comment);
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
