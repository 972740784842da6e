// Publishing a posting (a job or an announcement) to sites: one publication per (posting, site), each reviewed by
// its site's policy or staff through the review engine. `main` is always included once the employer is certified;
// school sites only where the employer's membership is approved. Shared by the jobs and announcements plugins.
import type { Knex } from 'knex';
import type { Model, QueryBuilderType, Relation, TransactionOrKnex } from 'objection';
import type { Db } from '../../core/db/knex.js';
import { appError } from '../../core/http/errors.js';
import { belongsTo } from '../../core/tenancy/scope.js';
import type { Site, SiteRegistry } from '../../core/tenancy/sites.js';
import type { MembershipService } from '../network/membership-service.js';
import type { Actor, ReviewRow, ReviewService } from '../reviews/review-service.js';
import type { ListingCache } from './listing-cache.js';
import type { Publication } from './models/publication.js';

/** A posting model class (Job, Announcement) as the publication layer uses it: its `publications` relation. */
export interface PostingClass {
  relatedQuery<RM extends Model>(relationName: string, trxOrKnex?: TransactionOrKnex): QueryBuilderType<RM>;
  getRelation(name: string): Relation;
}

export interface PublicationKind {
  subjectType: 'job' | 'announcement';
  /** The posting's model; its copies are its `publications` relation. */
  posting: PostingClass;
  table: 'job_publications' | 'announcement_publications';
  postingTable: 'jobs' | 'announcements';
  fk: 'job_id' | 'announcement_id';
  /** Listing cache kind. */
  cacheKind: 'jobs' | 'announcements';
  noun: string;
  locked: { code: string; message: string };
  /** The main site's listing also shows what schools approved: any change of a copy changes main's listing too. */
  listedOnMain?: boolean;
}

export interface Posting {
  id: number;
  employerId: number;
  employerName: string;
  title: string;
  /** Text the content screens read. */
  text: string;
  /** Copied onto job publications. */
  expiresOn?: string;
}

/** How an edit treats one copy of a posting. */
export type CopyEdit = 'keep' | 'resubmit' | 'locked';
/** Publication id → how an edit treats it (never `locked`: those refuse the edit). */
export type EditPlan = Map<number, Exclude<CopyEdit, 'locked'>>;

export interface PublicationRow {
  id: number;
  site_id: number;
  status: 'pending' | 'approved' | 'rejected';
  comment: string | null;
  approved_at: Date | null;
  reviewed_at: Date | null;
  created_at: Date;
}

export interface PublicationView {
  site: { slug: string; name: string };
  status: PublicationRow['status'];
  comment: string | null;
  reviewedAt: string | null;
}

const notCertified = () => appError(403, 'NOT_CERTIFIED', '单位尚未通过省级主站认证，认证通过后才能发布');
const notJoined = (names: string[]) =>
  appError(403, 'SITE_NOT_JOINED', `尚未入驻以下站点，不能发布：${names.join('、')}`);

export class Publications {
  constructor(
    private readonly kind: PublicationKind,
    private readonly db: Db,
    private readonly sites: SiteRegistry,
    private readonly reviews: ReviewService,
    private readonly memberships: MembershipService,
    private readonly cache: ListingCache,
  ) {
    reviews.handle(kind.subjectType, {
      onDecision: async (trx, review, status, comment) => {
        if (status === 'withdrawn') return;
        await this.model()
          .query(trx)
          .findById(review.subject_id)
          .patch({
            status,
            comment,
            reviewedAt: trx.fn.now(),
            approvedAt: status === 'approved' ? trx.fn.now() : null,
          });
      },
      afterDecision: async (review: ReviewRow) => {
        await this.invalidate([this.sites.byId(review.site_id)?.slug ?? '']);
      },
    });
  }

  /** The publication model (the posting's `publications` relation's). */
  private model(): typeof Publication {
    return this.kind.posting.getRelation('publications').relatedModelClass as typeof Publication;
  }

  /** The copies of postings, as a query (of `trx`, when given). */
  private copies(postingIds: number | number[], trx?: Knex | Knex.Transaction) {
    return this.kind.posting.relatedQuery<Publication>('publications', trx ?? this.db).for(postingIds);
  }

  /**
   * The sites a new posting goes to: main (the employer must be certified) plus the chosen school sites, each of
   * which the employer must have joined. Throws 403 NOT_CERTIFIED / SITE_NOT_JOINED.
   */
  async targetSites(employerId: number, slugs: string[], trx?: Knex.Transaction): Promise<Site[]> {
    await this.assertCertified(employerId, trx);
    return [this.sites.main(), ...(await this.joinedSchools(employerId, slugs, trx))];
  }

  /** 403 NOT_CERTIFIED until the employer's membership of main is approved. */
  async assertCertified(employerId: number, trx?: Knex.Transaction): Promise<void> {
    if (!(await this.memberships.certifiedOnMain(employerId, trx))) throw notCertified();
  }

  /** The named school sites, all of which the employer must have joined (main is ignored). */
  async joinedSchools(employerId: number, slugs: string[], trx?: Knex.Transaction): Promise<Site[]> {
    const wanted = [...new Set(slugs)].filter((s) => s !== 'main');
    const unknown = wanted.filter((s) => !this.sites.get(s));
    if (unknown.length) throw appError(404, 'NOT_FOUND', `站点不存在：${unknown.join('、')}`);
    const memberships = await this.memberships.forEmployer(employerId, trx);
    const approved = memberships.filter((m) => m.status === 'approved');
    const sites = wanted.map((s) => this.sites.get(s)!);
    const missing = sites.filter((s) => !approved.some((m) => belongsTo(m, s.id)));
    if (missing.length) throw notJoined(missing.map((s) => s.name));
    return sites;
  }

  /**
   * A new posting: `insert` writes its row (in the transaction) and describes it; it is then published to `targets`
   * on behalf of the employer account, and their listings are invalidated after commit. Returns the posting's id.
   */
  async createAndPublish(
    account: { id: number },
    targets: Site[],
    insert: (trx: Knex.Transaction) => Promise<Posting>,
  ): Promise<number> {
    const { id, touched } = await this.db.transaction(async (trx) => {
      const posting = await insert(trx);
      const { touched } = await this.publish(trx, posting, targets, { kind: 'employer', id: account.id });
      return { id: posting.id, touched };
    });
    await this.invalidate(touched);
    return id;
  }

  /** Publishes to the sites not published yet and submits each new copy for review. Returns the slugs touched. */
  async publish(
    trx: Knex.Transaction,
    posting: Posting,
    sites: Site[],
    actor: Actor,
  ): Promise<{ created: number; touched: string[] }> {
    const certified = await this.memberships.certifiedOnMain(posting.employerId, trx);
    const memberships = await this.memberships.forEmployer(posting.employerId, trx);
    let created = 0;
    const touched: string[] = [];
    for (const site of sites) {
      const inserted = await this.copies(posting.id, trx)
        .insert({
          siteId: site.id,
          status: 'pending',
          ...(this.kind.subjectType === 'job' ? { expiresOn: posting.expiresOn } : {}),
        })
        .onConflict([this.kind.fk, 'site_id'])
        .ignore();
      if (inserted.id === undefined) continue;
      created += 1;
      touched.push(site.slug);
      const tags = memberships.find((m) => belongsTo(m, site.id))?.tag_ids ?? [];
      await this.reviews.submit(
        trx,
        {
          site,
          type: this.kind.subjectType,
          subjectId: Number(inserted.id),
          employer: {
            id: posting.employerId,
            name: posting.employerName,
            certifiedOnMain: certified,
            tagIds: tags,
          },
          summary: `「${posting.employerName}」${this.kind.noun}：${posting.title}`,
          text: posting.text,
        },
        actor,
      );
    }
    return { created, touched };
  }

  /**
   * 推送分站: publishes postings to more joined school sites in one transaction (existing copies stay as they are),
   * then refreshes those sites' listings. `load` returns the employer's own posting, locked, or throws.
   */
  async push(
    employer: { employerId: number; accountId: number },
    ids: number[],
    slugs: string[],
    load: (trx: Knex.Transaction, id: number) => Promise<Posting>,
  ): Promise<{ created: number }> {
    await this.assertCertified(employer.employerId);
    const sites = await this.joinedSchools(employer.employerId, slugs);
    const { created, touched } = await this.db.transaction(async (trx) => {
      let created = 0;
      const touched: string[] = [];
      for (const id of [...new Set(ids)]) {
        const result = await this.publish(trx, await load(trx, id), sites, {
          kind: 'employer',
          id: employer.accountId,
        });
        created += result.created;
        touched.push(...result.touched);
      }
      return { created, touched };
    });
    await this.invalidate(touched);
    return { created };
  }

  /** One page of an employer's postings (newest first), each with its per-status copy counts. */
  async page<R extends { id: number }, V>(
    base: Knex.QueryBuilder,
    page: number,
    pageSize: number,
    view: (row: R) => V,
  ) {
    const [{ count }] = (await base.clone().count('* as count')) as [{ count: number }];
    const rows = (await base
      .clone()
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)) as R[];
    const counts = await this.counts(rows.map((r) => r.id));
    return {
      items: rows.map((r) => ({ ...view(r), publicationCounts: counts.get(r.id)! })),
      total: Number(count),
      page,
      pageSize,
    };
  }

  /**
   * After an edit: every copy goes back to its site for review with the new content — except copies `plan` keeps
   * (approved, within the site's grace period), which stay online unless the site's policy rejects the new content.
   */
  async resubmitAll(
    trx: Knex.Transaction,
    posting: Posting,
    actor: Actor,
    plan: EditPlan = new Map(),
  ): Promise<string[]> {
    const rows = await this.copies(posting.id, trx);
    const certified = await this.memberships.certifiedOnMain(posting.employerId, trx);
    const memberships = await this.memberships.forEmployer(posting.employerId, trx);
    const touched: string[] = [];
    for (const row of rows) {
      const site = this.sites.byId(row.siteId);
      if (!site) continue;
      const submission = {
        site,
        type: this.kind.subjectType,
        subjectId: Number(row.id),
        employer: {
          id: posting.employerId,
          name: posting.employerName,
          certifiedOnMain: certified,
          tagIds: memberships.find((m) => belongsTo(m, site.id))?.tag_ids ?? [],
        },
        summary: `「${posting.employerName}」${this.kind.noun}（已修改）：${posting.title}`,
        text: posting.text,
      };
      touched.push(site.slug);
      if (plan.get(Number(row.id)) === 'keep' && (await this.reviews.keepAfterEdit(trx, submission, actor)))
        continue;
      await row.$query(trx).patch({ status: 'pending', comment: null, reviewedAt: null, approvedAt: null });
      await this.reviews.submit(trx, submission, actor);
    }
    return touched;
  }

  /**
   * How an edit treats each approved copy, by its site's `reviewPolicies.<type>.afterApproval`: `keep` (grace period
   * running), `resubmit` (revise) or `locked` (the default, and grace once it has run out). Copies not approved are
   * always resubmitted.
   */
  async editability(postingId: number, trx?: Knex | Knex.Transaction): Promise<Map<number, CopyEdit>> {
    const db = trx ?? this.db;
    const rows = (await db(this.kind.table)
      .where(this.kind.fk, postingId)
      .select(
        'id',
        'site_id',
        'status',
        db.raw('EXTRACT(EPOCH FROM (now() - approved_at)) / 60 AS minutes_since_approval'),
      )) as { id: number; site_id: number; status: string; minutes_since_approval: string | null }[];
    const plan = new Map<number, CopyEdit>();
    for (const r of rows) {
      if (r.status !== 'approved') {
        plan.set(Number(r.id), 'resubmit');
        continue;
      }
      const after = this.sites.byId(r.site_id)?.reviewPolicies[this.kind.subjectType]?.afterApproval;
      const since = Number(r.minutes_since_approval ?? Infinity);
      plan.set(
        Number(r.id),
        after?.mode === 'revise'
          ? 'resubmit'
          : after?.mode === 'grace' && since < after.graceMinutes
            ? 'keep'
            : 'locked',
      );
    }
    return plan;
  }

  /** Whether the posting may be edited now (no copy locked by its site). */
  async editable(postingId: number): Promise<boolean> {
    return ![...(await this.editability(postingId)).values()].includes('locked');
  }

  /**
   * Refuses with 409 when a site that approved the posting locks it (the seed's 编辑 rule, unless the site allows a
   * grace period or revisions); otherwise returns how each copy takes the edit (for `resubmitAll`).
   */
  async assertEditable(trx: Knex.Transaction, postingId: number): Promise<EditPlan> {
    const plan = await this.editability(postingId, trx);
    if ([...plan.values()].includes('locked'))
      throw appError(409, this.kind.locked.code, this.kind.locked.message);
    return plan as EditPlan;
  }

  /**
   * Locks the posting's copies and refuses with 409 (the kind's locked code, `message`) when any site has approved it:
   * a decision committing meanwhile is either seen here or finds its copy gone.
   */
  async assertUnapproved(trx: Knex.Transaction, postingId: number, message: string): Promise<void> {
    const copies = await this.copies(postingId, trx).forUpdate().select('id', 'status');
    if (copies.some((c) => c.status === 'approved')) throw appError(409, this.kind.locked.code, message);
  }

  async forPosting(postingId: number, trx?: Knex.Transaction): Promise<PublicationView[]> {
    return this.views(await this.copies(postingId, trx).orderBy('id'));
  }

  /** Copies as their employer sees them (e.g. a posting's `publications` fetched with it). */
  views(copies: Publication[]): PublicationView[] {
    return copies.map((p) => {
      const site = this.sites.byId(p.siteId);
      return {
        site: { slug: site?.slug ?? '', name: site?.name ?? '' },
        status: p.status,
        comment: p.comment,
        reviewedAt: p.reviewedAt ? new Date(p.reviewedAt).toISOString() : null,
      };
    });
  }

  /** Per posting: how many of its copies are pending, approved, rejected. */
  async counts(
    postingIds: number[],
  ): Promise<Map<number, { pending: number; approved: number; rejected: number }>> {
    const result = new Map<number, { pending: number; approved: number; rejected: number }>();
    for (const id of postingIds) result.set(id, { pending: 0, approved: 0, rejected: 0 });
    if (postingIds.length === 0) return result;
    const rows = (await this.db(this.kind.table)
      .whereIn(this.kind.fk, postingIds)
      .groupBy(this.kind.fk, 'status')
      .select(this.kind.fk, 'status', this.db.raw('count(*)::int AS n'))) as Record<string, unknown>[];
    for (const r of rows) {
      const c = result.get(Number(r[this.kind.fk]))!;
      c[r.status as 'pending' | 'approved' | 'rejected'] = Number(r.n);
    }
    return result;
  }

  /** Slugs of the sites a posting is published to. */
  async siteSlugs(postingId: number, trx?: Knex.Transaction): Promise<string[]> {
    const copies = await this.copies(postingId, trx).select('site_id');
    return copies.map((p) => this.sites.byId(p.siteId)?.slug ?? '').filter(Boolean);
  }

  /** Removes the posting from every site: its publications go and pending reviews are withdrawn. */
  async removeAll(trx: Knex.Transaction, postingId: number, actor: Actor): Promise<string[]> {
    const rows = await this.copies(postingId, trx).select('id', 'site_id');
    await this.reviews.withdraw(
      trx,
      this.kind.subjectType,
      rows.map((r) => Number(r.id)),
      actor,
    );
    await this.copies(postingId, trx).delete();
    return rows.map((r) => this.sites.byId(r.siteId)?.slug ?? '').filter(Boolean);
  }

  invalidate(slugs: string[]): Promise<void> {
    const main = this.sites.main().slug;
    const all =
      this.kind.listedOnMain && slugs.length > 0 && !slugs.includes(main) ? [...slugs, main] : slugs;
    return this.cache.bump(this.kind.cacheKind, all);
  }
}
