// Memberships: an employer's standing at a site (已入驻 = approved; 未入驻 = pending, rejected or none).
// Membership of `main` is the provincial certification: until it is approved the employer publishes nowhere.
// Applying submits a `membership` review; the review engine's decision updates the row here.
import type { Knex } from 'knex';
import type { Db } from '../../core/db/knex.js';
import { appError } from '../../core/http/errors.js';
import type { Site, SiteRegistry } from '../../core/tenancy/sites.js';
import type { Actor, ReviewRow, ReviewService } from '../reviews/review-service.js';

const ERRORS = {
  ALREADY_APPLIED: [409, 'ALREADY_APPLIED', '已提交入驻申请，请勿重复申请'],
  ALREADY_JOINED: [409, 'ALREADY_APPLIED', '已入驻该站点'],
} as const;

export type MembershipStatus = 'pending' | 'approved' | 'rejected';

export interface MembershipRow {
  id: number;
  site_id: number;
  employer_id: number;
  status: MembershipStatus;
  tag_ids: string[];
  comment: string | null;
  applied_at: Date;
  decided_at: Date | null;
}

export type ApprovalGuard = (trx: Knex.Transaction, membership: MembershipRow, site: Site) => Promise<void>;

export class MembershipService {
  private readonly guards: ApprovalGuard[] = [];

  constructor(
    private readonly db: Db,
    private readonly sites: SiteRegistry,
    private readonly reviews: ReviewService,
  ) {
    reviews.handle('membership', {
      beforeDecision: async (trx, review, status) => {
        if (status !== 'approved') return;
        const membership = (await trx('memberships')
          .where({ id: review.subject_id })
          .first()) as MembershipRow;
        const site = this.sites.byId(membership.site_id)!;
        for (const guard of this.guards) await guard(trx, membership, site);
      },
      onDecision: async (trx, review: ReviewRow, status, comment) => {
        await trx('memberships')
          .where({ id: review.subject_id })
          .update({ status, comment, decided_at: trx.fn.now() });
      },
    });
  }

  /** A rule that must hold before a membership is approved (e.g. a verified USCC for `main`). */
  addApprovalGuard(guard: ApprovalGuard): void {
    this.guards.push(guard);
  }

  async certifiedOnMain(employerId: number, trx?: Knex.Transaction): Promise<boolean> {
    return this.isApproved(employerId, this.sites.main(), trx);
  }

  async isApproved(employerId: number, site: Site, trx?: Knex.Transaction): Promise<boolean> {
    const row = await (trx ?? this.db)('memberships')
      .where({ employer_id: employerId, site_id: site.id, status: 'approved' })
      .first('id');
    return !!row;
  }

  async get(employerId: number, site: Site, trx?: Knex.Transaction): Promise<MembershipRow | undefined> {
    return (await (trx ?? this.db)('memberships')
      .where({ employer_id: employerId, site_id: site.id })
      .first()) as MembershipRow | undefined;
  }

  async forEmployer(employerId: number, trx?: Knex.Transaction): Promise<MembershipRow[]> {
    return (await (trx ?? this.db)('memberships').where({ employer_id: employerId })) as MembershipRow[];
  }

  /**
   * Applies to join a site, or re-applies after a rejection; the site's policy may decide at once.
   * Runs in the caller's transaction. Returns the membership as it stands afterwards.
   */
  async apply(
    trx: Knex.Transaction,
    employer: { id: number; name: string },
    site: Site,
    tagIds: string[],
    actor: Actor,
  ): Promise<MembershipRow> {
    const inserted = (await trx('memberships')
      .insert({ site_id: site.id, employer_id: employer.id, status: 'pending', tag_ids: tagIds })
      .onConflict(['site_id', 'employer_id'])
      .ignore()
      .returning('*')) as MembershipRow[];
    let membership = inserted[0];
    if (!membership) {
      const existing = (await trx('memberships')
        .where({ site_id: site.id, employer_id: employer.id })
        .forUpdate()
        .first()) as MembershipRow;
      if (existing.status === 'pending') throw appError(...ERRORS.ALREADY_APPLIED);
      if (existing.status === 'approved') throw appError(...ERRORS.ALREADY_JOINED);
      [membership] = (await trx('memberships')
        .where({ id: existing.id })
        .update({
          status: 'pending',
          tag_ids: tagIds,
          comment: null,
          applied_at: trx.fn.now(),
          decided_at: null,
        })
        .returning('*')) as MembershipRow[];
    }
    const certified = site.isMain ? false : await this.certifiedOnMain(employer.id, trx);
    await this.reviews.submit(
      trx,
      {
        site,
        type: 'membership',
        subjectId: membership!.id,
        employer: { id: employer.id, name: employer.name, certifiedOnMain: certified, tagIds },
        summary: site.isMain ? `「${employer.name}」申请单位认证` : `「${employer.name}」申请入驻`,
      },
      actor,
    );
    return (await trx('memberships').where({ id: membership!.id }).first()) as MembershipRow;
  }
}
