// Memberships: an employer's standing at a site (已入驻 = approved; 未入驻 = pending, rejected or none).
// Membership of `main` is the provincial certification: until it is approved the employer publishes nowhere.
// Applying submits a `membership` review; the review engine's decision updates the row here.
// Employer tags: what an employer ticks when applying is only a request (`requested_tag_ids`); review policies see the
// tags staff of the site confirmed (`tag_ids`), so no employer can put itself on a site's auto-approval list.
import type { Knex } from 'knex';
import { fn } from 'objection';
import type { Db } from '../../core/db/knex.js';
import { toRow } from '../../core/db/model.js';
import { appError } from '../../core/http/errors.js';
import type { StaffCredentials } from '../../core/auth/principals.js';
import { assertStaffOf, inSite } from '../../core/tenancy/scope.js';
import type { Site, SiteRegistry } from '../../core/tenancy/sites.js';
import type { Actor, ReviewRow, ReviewService } from '../reviews/review-service.js';
import { Membership } from './models/membership.js';

const ERRORS = {
  ALREADY_APPLIED: [409, 'ALREADY_APPLIED', '已提交入驻申请，请勿重复申请'],
  ALREADY_JOINED: [409, 'ALREADY_APPLIED', '已入驻该站点'],
  UNKNOWN_TAG: [400, 'UNKNOWN_TAG', '所选单位标记不是该学校设置的标记'],
  TOO_MANY_TAGS: [400, 'UNKNOWN_TAG', '所选单位标记超过该学校允许的数量'],
  NOT_FOUND: [404, 'NOT_FOUND', '入驻记录不存在'],
} as const;

export interface SiteListQuery {
  tab: 'joined' | 'unjoined';
  q?: string;
  city?: string;
  level?: string;
  page: number;
  pageSize: number;
}

export type MembershipStatus = 'pending' | 'approved' | 'rejected';

export interface MembershipRow {
  id: number;
  site_id: number;
  employer_id: number;
  status: MembershipStatus;
  /** Tags staff of the site confirmed: the only ones review policies read. */
  tag_ids: string[];
  /** Tags the employer asked for when it last applied. */
  requested_tag_ids: string[];
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
    private readonly tagSetOf: (
      slug: string,
    ) => { tags: { id: string }[]; maxPerEmployer: number } | undefined,
  ) {
    reviews.handle('membership', {
      beforeDecision: async (trx, review, status) => {
        if (status !== 'approved') return;
        const membership = toRow<MembershipRow>((await Membership.query(trx).findById(review.subject_id))!);
        const site = this.sites.byId(membership.site_id)!;
        for (const guard of this.guards) await guard(trx, membership, site);
      },
      onDecision: async (trx, review: ReviewRow, status, comment) => {
        await Membership.query(trx)
          .findById(review.subject_id)
          .patch({ status: status as MembershipStatus, comment, decidedAt: fn.now() });
      },
    });
  }

  /**
   * Checks tags against the site's employer-tags plugin (UNKNOWN_TAG when the site has no such tag or more are
   * chosen than it allows).
   */
  checkTags(tagIds: string[], tagSet: { tags: { id: string }[]; maxPerEmployer: number } | undefined): void {
    if (tagIds.length === 0) return;
    if (!tagSet || tagIds.some((id) => !tagSet.tags.some((t) => t.id === id)))
      throw appError(...ERRORS.UNKNOWN_TAG);
    if (tagIds.length > tagSet.maxPerEmployer) throw appError(...ERRORS.TOO_MANY_TAGS);
  }

  /** Tag ids as `{ id, name }` in the site's words (an id the site no longer has keeps its id as name). */
  tagsOf(site: Site, ids: string[]): { id: string; name: string }[] {
    return ids.map((id) => site.employerTags.find((t) => t.id === id) ?? { id, name: id });
  }

  /**
   * Staff of the membership's site set its confirmed tags (the set replaces the previous one; empty removes them).
   * 404 when there is no such membership, 403 for staff of another site, 400 UNKNOWN_TAG for a tag the site does not
   * have. The confirmed tags drive the site's review policies from the next submission on.
   */
  async confirmTags(
    staff: StaffCredentials,
    site: Site,
    membershipId: number,
    tagIds: string[],
    trx?: Knex.Transaction,
  ): Promise<MembershipRow> {
    assertStaffOf(staff, site);
    const unique = [...new Set(tagIds)];
    this.checkTags(unique, this.tagSetOf(site.slug));
    const run = async (t: Knex.Transaction) => {
      const found = await Membership.query(t).findById(membershipId).forUpdate();
      const membership = inSite(found, site.id, () => appError(...ERRORS.NOT_FOUND));
      await membership.$query(t).patch({ tagIds: unique });
      return toRow<MembershipRow>((await Membership.query(t).findById(membershipId))!);
    };
    return trx ? run(trx) : this.db.transaction(run);
  }

  /** Checks tags staff are about to confirm on `site`, before a decision that goes with them (UNKNOWN_TAG). */
  checkTagsOf(site: Site, tagIds: string[]): void {
    this.checkTags([...new Set(tagIds)], this.tagSetOf(site.slug));
  }

  /** School sites with the employer's membership: 已入驻 (approved) or 未入驻 (pending, rejected or none). */
  async listForEmployer(employerId: number, q: SiteListQuery) {
    const rows = await this.forEmployer(employerId);
    const bySite = new Map(rows.map((r) => [r.site_id, r]));
    const matches = this.sites.schools().filter((site) => {
      const joined = bySite.get(site.id)?.status === 'approved';
      if ((q.tab === 'joined') !== joined) return false;
      if (q.city && site.city !== q.city) return false;
      if (q.level && site.level !== q.level) return false;
      if (q.q && !site.name.includes(q.q) && !site.slug.includes(q.q.toLowerCase())) return false;
      return true;
    });
    const items = matches.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map((site) => {
      const m = bySite.get(site.id);
      return {
        site: {
          slug: site.slug,
          name: site.name,
          city: site.city,
          level: site.level,
          url: site.url,
          employerTags: site.employerTags,
        },
        membership: m
          ? {
              status: m.status,
              tags: this.tagsOf(site, m.tag_ids),
              requestedTags: this.tagsOf(site, m.requested_tag_ids),
              comment: m.comment,
              appliedAt: new Date(m.applied_at).toISOString(),
              decidedAt: m.decided_at ? new Date(m.decided_at).toISOString() : null,
            }
          : null,
      };
    });
    return { items, total: matches.length, page: q.page, pageSize: q.pageSize };
  }

  /**
   * An employer applies to join a school site (申请入驻): tags checked against the site's tag set, the profile must
   * have been submitted, then `apply`. Main is joined through the profile (certification), never here.
   */
  async applyAsEmployer(
    employer: { id: number; name: string; profileSubmitted: boolean },
    accountId: number,
    site: Site,
    tagIds: string[],
  ): Promise<MembershipRow> {
    if (site.isMain) throw appError(409, 'ALREADY_APPLIED', '省级主站认证请在“单位信息”中完善资料后提交');
    const unique = [...new Set(tagIds)];
    this.checkTags(unique, this.tagSetOf(site.slug));
    if (!employer.profileSubmitted)
      throw appError(422, 'PROFILE_INCOMPLETE', '请先完善单位信息并提交认证，再申请入驻学校分站');
    return this.db.transaction((trx) =>
      this.apply(trx, employer, site, unique, { kind: 'employer', id: accountId }),
    );
  }

  /** A rule that must hold before a membership is approved (e.g. a verified USCC for `main`). */
  addApprovalGuard(guard: ApprovalGuard): void {
    this.guards.push(guard);
  }

  async certifiedOnMain(employerId: number, trx?: Knex.Transaction): Promise<boolean> {
    return this.isApproved(employerId, this.sites.main(), trx);
  }

  async isApproved(employerId: number, site: Site, trx?: Knex.Transaction): Promise<boolean> {
    const row = await Membership.query(trx ?? this.db)
      .findOne({ employer_id: employerId, site_id: site.id, status: 'approved' })
      .select('id');
    return !!row;
  }

  async get(employerId: number, site: Site, trx?: Knex.Transaction): Promise<MembershipRow | undefined> {
    const membership = await Membership.query(trx ?? this.db).findOne({
      employer_id: employerId,
      site_id: site.id,
    });
    return membership && toRow<MembershipRow>(membership);
  }

  async forEmployer(employerId: number, trx?: Knex.Transaction): Promise<MembershipRow[]> {
    const memberships = await Membership.query(trx ?? this.db).where('employer_id', employerId);
    return memberships.map((m) => toRow<MembershipRow>(m));
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
    // Plain knex: objection cannot tell an insert skipped by ON CONFLICT DO NOTHING from one that returned nothing.
    const inserted = (await trx(Membership.tableName)
      .insert({ site_id: site.id, employer_id: employer.id, status: 'pending', requested_tag_ids: tagIds })
      .onConflict(['site_id', 'employer_id'])
      .ignore()
      .returning('id')) as { id: number }[];
    let membershipId = inserted[0]?.id;
    if (membershipId === undefined) {
      const existing = (await Membership.query(trx)
        .findOne({ site_id: site.id, employer_id: employer.id })
        .forUpdate())!;
      if (existing.status === 'pending') throw appError(...ERRORS.ALREADY_APPLIED);
      if (existing.status === 'approved') throw appError(...ERRORS.ALREADY_JOINED);
      await existing.$query(trx).patch({
        status: 'pending',
        requestedTagIds: tagIds,
        comment: null,
        appliedAt: fn.now(),
        decidedAt: null,
      });
      membershipId = existing.id;
    }
    // The policy sees only what staff confirmed earlier (none for a first application), never the request.
    const confirmed = (await Membership.query(trx).findById(membershipId).select('tag_ids'))!.tagIds;
    const certified = site.isMain ? false : await this.certifiedOnMain(employer.id, trx);
    await this.reviews.submit(
      trx,
      {
        site,
        type: 'membership',
        subjectId: membershipId,
        employer: { id: employer.id, name: employer.name, certifiedOnMain: certified, tagIds: confirmed },
        summary: site.isMain ? `「${employer.name}」申请单位认证` : `「${employer.name}」申请入驻`,
      },
      actor,
    );
    return toRow<MembershipRow>((await Membership.query(trx).findById(membershipId))!);
  }
}
