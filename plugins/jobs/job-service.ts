// Job postings (招聘职位): created by a certified employer, published to main plus chosen joined school sites and
// reviewed per site; pushed to more sites later; editable only while no site has approved it (409 JOB_LOCKED);
// they expire on a date (Asia/Shanghai): on and after it they show on no site, and a scheduled job moves them to
// 已失效. Public listings come from the per-site listing cache, invalidated on every change that affects them.
import type { Knex } from 'knex';
import { addDays, type Clock } from '../../core/clock.js';
import type { Db } from '../../core/db/knex.js';
import { appError, validationError, type ErrorDetail } from '../../core/http/errors.js';
import { regionName } from '../../core/regions.js';
import type { Site, SiteRegistry } from '../../core/tenancy/sites.js';
import type { EmployerCredentials } from '../accounts/permissions.js';
import type { CachedBytes, ListingCache } from '../postings/listing-cache.js';
import type { Publications } from '../postings/publications.js';
import { degreesOpenTo } from '../postings/vocab.js';
import { Job } from './models/job.js';

export interface JobInput {
  title: string;
  category: string;
  description: string;
  headcount: number;
  salaryMin: number;
  salaryMax: number;
  cities: string[];
  degree: string;
  majors: string[];
  expiresOn?: string;
}

export interface JobRow {
  id: number;
  employer_id: number;
  title: string;
  category: string;
  description: string;
  headcount: number;
  salary_min: number;
  salary_max: number;
  cities: string[];
  degree: string;
  majors: string[];
  expires_on: string;
  state: 'active' | 'expired';
  created_at: Date;
  updated_at: Date;
}

const notFound = () => appError(404, 'NOT_FOUND', '职位不存在');
export const JOB_LOCKED_MESSAGE = '该职位已有站点审核通过，不允许修改。如需调整，请设置失效后重新发布';
export const JOB_DELETE_LOCKED_MESSAGE = '该职位已有站点审核通过，不能删除。如需下线，请设置失效';

export interface PublicJobQuery {
  q?: string;
  city?: string;
  /** the graduate's degree: jobs open to it (see degreesOpenTo) */
  degree?: string;
  category?: string;
  page: number;
  pageSize: number;
}

/** The most a listing counts exactly; beyond it the total says "1000+" (counting stays cheap at any data size). */
export const COUNT_CAP = 1000;

/**
 * The rules of a posting that joi does not express (they compare fields, or a field with today), all at once; the
 * pages run them next to joi so that a form shows every error in one answer.
 */
export function jobRuleErrors(
  input: { salaryMin?: number; salaryMax?: number; expiresOn?: string },
  today: string,
): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (input.salaryMin !== undefined && input.salaryMax !== undefined && input.salaryMax < input.salaryMin)
    errors.push({ path: 'salaryMax', message: '最高薪资不能低于最低薪资' });
  if (input.expiresOn !== undefined && input.expiresOn <= today)
    errors.push({ path: 'expiresOn', message: '失效日期须晚于今天' });
  return errors;
}

export class JobService {
  constructor(
    private readonly db: Db,
    private readonly sites: SiteRegistry,
    private readonly clock: Clock,
    private readonly publications: Publications,
    private readonly cache: ListingCache,
    private readonly employerName: (employerId: number, trx?: Knex.Transaction) => Promise<string>,
  ) {}

  /** A posting as its employer sees it, from a row as knex returns it (snake_case). */
  view(row: JobRow) {
    return this.viewOf(Job.fromDatabaseJson(row));
  }

  /** A posting as its employer sees it, from the model. */
  viewOf(job: Job) {
    return {
      id: job.id,
      title: job.title,
      category: job.category,
      description: job.description,
      headcount: job.headcount,
      salaryMin: job.salaryMin,
      salaryMax: job.salaryMax,
      cities: job.cities,
      cityNames: job.cities.map(regionName),
      degree: job.degree,
      majors: job.majors,
      expiresOn: job.expiresOn,
      expired: job.expiresOn <= this.clock.today(),
      createdAt: new Date(job.createdAt).toISOString(),
      updatedAt: new Date(job.updatedAt).toISOString(),
    };
  }

  private columns(input: JobInput, defaultExpiry: string) {
    const expiresOn = input.expiresOn ?? defaultExpiry;
    const broken = jobRuleErrors({ ...input, expiresOn }, this.clock.today());
    if (broken.length > 0) throw validationError(broken);
    return {
      title: input.title,
      category: input.category,
      description: input.description,
      headcount: input.headcount,
      salaryMin: input.salaryMin,
      salaryMax: input.salaryMax,
      cities: [...new Set(input.cities)],
      degree: input.degree,
      majors: [...new Set(input.majors)],
      expiresOn,
    };
  }

  private ownQuery(trx: Knex | Knex.Transaction, c: EmployerCredentials, id: number) {
    return Job.query(trx).findOne({ id, employer_id: c.employerId });
  }

  /** The employer's own posting (404 otherwise), optionally locked for the transaction. */
  private async own(trx: Knex | Knex.Transaction, c: EmployerCredentials, id: number, lock = false) {
    const q = this.ownQuery(trx, c, id);
    const job = await (lock ? q.forUpdate() : q);
    if (!job) throw notFound();
    return job;
  }

  private posting(job: Job, employerName: string) {
    return {
      id: job.id,
      employerId: job.employerId,
      employerName,
      title: job.title,
      text: [job.title, job.description, job.majors.join(' ')].join('\n'),
      expiresOn: job.expiresOn,
    };
  }

  async create(c: EmployerCredentials, input: JobInput, siteSlugs: string[]) {
    const targets = await this.publications.targetSites(c.employerId, siteSlugs);
    const columns = this.columns(input, addDays(this.clock.today(), 30));
    const name = await this.employerName(c.employerId);
    const id = await this.publications.createAndPublish(c, targets, async (trx) => {
      const job = await Job.query(trx)
        .insert({ ...columns, employerId: c.employerId, createdBy: c.id })
        .returning('*');
      return this.posting(job, name);
    });
    return this.get(c, id);
  }

  async get(c: EmployerCredentials, id: number) {
    const job = await this.ownQuery(this.db, c, id)
      .withGraphFetched('publications')
      .modifyGraph('publications', (b) => {
        b.orderBy('id');
      });
    if (!job) throw notFound();
    return {
      ...this.viewOf(job),
      publications: this.publications.views(job.publications!),
      editable: await this.publications.editable(id),
    };
  }

  async list(
    c: EmployerCredentials,
    q: { tab: 'active' | 'expired'; q?: string; page: number; pageSize: number },
  ) {
    const today = this.clock.today();
    const base = this.db('jobs')
      .where({ employer_id: c.employerId })
      .modify((b) => {
        if (q.tab === 'active') b.where('expires_on', '>', today);
        else b.where('expires_on', '<=', today);
        if (q.q) b.where('title', 'ilike', `%${q.q.replace(/[\\%_]/g, '\\$&')}%`);
      });
    return this.publications.page(base, q.page, q.pageSize, (r: JobRow) => this.view(r));
  }

  /**
   * Edits a posting no site locks: copies not approved go back for review; approved ones as their site's policy says
   * (`afterApproval`: stay online within a grace period, or go back for review). 409 JOB_LOCKED otherwise.
   */
  async update(c: EmployerCredentials, id: number, input: JobInput) {
    const name = await this.employerName(c.employerId);
    const touched = await this.db.transaction(async (trx) => {
      const current = await this.own(trx, c, id, true);
      const plan = await this.publications.assertEditable(trx, id);
      if (current.expiresOn <= this.clock.today())
        throw appError(409, 'JOB_EXPIRED', '职位已失效，不能修改，请使用“设为模板”重新发布');
      const job = await current.$query(trx).patchAndFetch({
        ...this.columns(input, current.expiresOn),
        state: 'active',
        updatedAt: trx.fn.now(),
      });
      await job.$relatedQuery('publications', trx).patch({ expiresOn: job.expiresOn });
      return this.publications.resubmitAll(
        trx,
        this.posting(job, name),
        { kind: 'employer', id: c.id },
        plan,
      );
    });
    await this.publications.invalidate(touched);
    return this.get(c, id);
  }

  /**
   * 删除: a posting no site has approved yet disappears with its copies; their pending reviews are withdrawn.
   * 409 JOB_LOCKED once any site approved it (失效 is the way then).
   */
  async remove(c: EmployerCredentials, id: number): Promise<void> {
    const touched = await this.db.transaction(async (trx) => {
      const job = await this.own(trx, c, id, true);
      await this.publications.assertUnapproved(trx, id, JOB_DELETE_LOCKED_MESSAGE);
      const slugs = await this.publications.removeAll(trx, id, { kind: 'employer', id: c.id });
      await job.$query(trx).delete();
      return slugs;
    });
    await this.publications.invalidate(touched);
  }

  /** 推送分站: adds joined school sites to postings; existing copies are left as they are. */
  async push(c: EmployerCredentials, jobIds: number[], siteSlugs: string[]) {
    const name = await this.employerName(c.employerId);
    const today = this.clock.today();
    return this.publications.push(
      { employerId: c.employerId, accountId: c.id },
      jobIds,
      siteSlugs,
      async (trx, id) => {
        const job = await this.own(trx, c, id, true);
        if (job.expiresOn <= today) throw appError(409, 'JOB_EXPIRED', `职位“${job.title}”已失效，不能推送`);
        return this.posting(job, name);
      },
    );
  }

  /** 失效: the posting shows nowhere from this date (default today). */
  async expire(c: EmployerCredentials, id: number, on?: string) {
    const today = this.clock.today();
    const date = on ?? today;
    if (date < today) throw validationError([{ path: 'on', message: '失效日期不能早于今天' }]);
    const slugs = await this.db.transaction(async (trx) => {
      const job = await this.own(trx, c, id, true);
      // An expired posting stays expired: a later date would put approved copies back online without review.
      if (job.expiresOn <= today)
        throw appError(409, 'JOB_EXPIRED', '职位已失效，不能重新设置失效日期，请使用“设为模板”重新发布');
      await job
        .$query(trx)
        .patch({ expiresOn: date, state: date <= today ? 'expired' : 'active', updatedAt: trx.fn.now() });
      await job.$relatedQuery('publications', trx).patch({ expiresOn: date });
      return this.publications.siteSlugs(id, trx);
    });
    await this.publications.invalidate(slugs);
    return this.get(c, id);
  }

  /** 设为模板: the fields of a new posting, prefilled from this one (new expiry date). */
  async template(c: EmployerCredentials, id: number) {
    const job = await this.own(this.db, c, id);
    const sites = (await this.publications.siteSlugs(id)).filter((s) => s !== 'main');
    return {
      title: job.title,
      category: job.category,
      description: job.description,
      headcount: job.headcount,
      salaryMin: job.salaryMin,
      salaryMax: job.salaryMax,
      cities: job.cities,
      degree: job.degree,
      majors: job.majors,
      expiresOn: addDays(this.clock.today(), 30),
      siteSlugs: sites,
    };
  }

  /** Scheduled: postings whose date has come move to 已失效, and the listings they were in are refreshed. */
  async expireDue(): Promise<number> {
    const today = this.clock.today();
    const due = await Job.query(this.db)
      .where({ state: 'active' })
      .where('expires_on', '<=', today)
      .patch({ state: 'expired' })
      .returning('id');
    if (due.length === 0) return 0;
    const copies = await Job.relatedQuery('publications', this.db)
      .for(due.map((d) => d.id))
      .distinct('site_id');
    await this.publications.invalidate(
      copies.map((p) => this.sites.byId(p.siteId)?.slug ?? '').filter(Boolean),
    );
    return due.length;
  }

  /** Of these ids, the employer's jobs that are published (approved on some site) and not expired. */
  async activePublished(employerId: number, ids: number[], trx?: Knex.Transaction): Promise<number[]> {
    if (ids.length === 0) return [];
    const jobs = await Job.query(trx ?? this.db)
      .where('employer_id', employerId)
      .whereIn('id', ids)
      .where('expires_on', '>', this.clock.today())
      .whereExists(Job.relatedQuery('publications').where('status', 'approved'))
      .select('id');
    return jobs.map((j) => j.id);
  }

  /** Titles of jobs, by id (for bookings that list them). */
  async titles(ids: number[], trx?: Knex.Transaction): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const jobs = await Job.query(trx ?? this.db)
      .findByIds(ids)
      .select('id', 'title');
    return new Map(jobs.map((j) => [j.id, j.title]));
  }

  // ---- public listings ---------------------------------------------------------------------------------------

  private visiblePublications(site: Site, today: string) {
    return this.db('job_publications as p')
      .where('p.site_id', site.id)
      .where('p.status', 'approved')
      .where('p.expires_on', '>', today);
  }

  private visible(site: Site, today: string) {
    return this.db('job_publications as p')
      .join('jobs as j', 'j.id', 'p.job_id')
      .join('employers as e', 'e.id', 'j.employer_id')
      .where('p.site_id', site.id)
      .where('p.status', 'approved')
      .where('p.expires_on', '>', today);
  }

  /** Approved on the site and not expired, newest approval first; cached per site (JSON text). */
  async publicList(site: Site, q: PublicJobQuery): Promise<string> {
    const today = this.clock.today();
    return this.cache.fetch('jobs', site.slug, this.listKey(q, today), () => this.loadList(site, q, today));
  }

  /** The same listing as UTF-8 bytes, for the JSON API; no longer fresh once changed or at midnight. */
  async publicListBytes(site: Site, q: PublicJobQuery): Promise<CachedBytes> {
    const today = this.clock.today();
    const cached = await this.cache.fetchBytes('jobs', site.slug, this.listKey(q, today), () =>
      this.loadList(site, q, today),
    );
    return { ...cached, fresh: () => cached.fresh() && this.clock.today() === today };
  }

  /** Cache key of a listing: today's date (Asia/Shanghai) is part of it, so entries turn over at midnight. */
  private listKey(q: PublicJobQuery, today: string): string {
    return JSON.stringify([
      today,
      q.q ?? '',
      q.city ?? '',
      q.degree ?? '',
      q.category ?? '',
      q.page,
      q.pageSize,
    ]);
  }

  private async loadList(site: Site, q: PublicJobQuery, today: string) {
    const like = q.q ? `%${q.q.replace(/[\\%_]/g, '\\$&')}%` : null;
    const filtered = this.visible(site, today).modify((b) => {
      if (like)
        b.where((w) => {
          w.where('j.title', 'ilike', like).orWhere('e.name', 'ilike', like);
        });
      if (q.city) b.whereRaw('? = ANY(j.cities)', [q.city]);
      if (q.degree) b.whereIn('j.degree', degreesOpenTo(q.degree));
      if (q.category) b.where('j.category', q.category);
    });
    const rows = (await filtered
      .clone()
      .orderBy([
        { column: 'p.approved_at', order: 'desc' },
        { column: 'p.job_id', order: 'desc' },
      ])
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .select('j.*', 'e.name as employer_name', 'p.approved_at')) as (JobRow & {
      employer_name: string;
      approved_at: Date;
    })[];
    // Without filters on the job or employer, counting needs the publications alone (an index scan).
    const counted =
      like || q.city || q.degree || q.category ? filtered.clone() : this.visiblePublications(site, today);
    const [{ count }] = (await this.db
      .from(
        counted
          .select(this.db.raw('1'))
          .limit(COUNT_CAP + 1)
          .as('capped'),
      )
      .count('* as count')) as [{ count: number }];
    return {
      items: rows.map((r) => this.publicView(site, r)),
      total: Math.min(Number(count), COUNT_CAP),
      totalIsCapped: Number(count) > COUNT_CAP,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  publicView(site: Site, r: JobRow & { employer_name: string; approved_at: Date }) {
    return {
      id: r.id,
      title: r.title,
      category: r.category,
      employer: { id: r.employer_id, name: r.employer_name },
      headcount: r.headcount,
      salaryMin: r.salary_min,
      salaryMax: r.salary_max,
      cities: r.cities,
      cityNames: r.cities.map(regionName),
      degree: r.degree,
      majors: r.majors,
      expiresOn: r.expires_on,
      publishedAt: new Date(r.approved_at).toISOString(),
      url: this.sites.urlOf(site, `/jobs/${r.id}`),
    };
  }

  /** One posting as the site shows it, or null when the site does not show it (not approved there, or expired). */
  async publicGet(site: Site, id: number) {
    const today = this.clock.today();
    const row = (await this.visible(site, today)
      .where('j.id', id)
      .first('j.*', 'e.name as employer_name', 'p.approved_at')) as
      (JobRow & { employer_name: string; approved_at: Date }) | undefined;
    if (!row) return null;
    return { ...this.publicView(site, row), description: row.description };
  }
}
