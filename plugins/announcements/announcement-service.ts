// Announcements (招聘公告): published and reviewed per site like jobs, but they never take applications, never
// expire, and can be deleted, which removes them from every site. Editable only while no site has approved them.
// Where one shows: a school shows what it approved. The main site shows what it approved and, like the school fairs
// it lists, what its schools publish: an announcement approved by any school shows on main too, unless main's own
// copy was rejected (the provincial review has the last word on the provincial site). Its attachments download from
// every site it shows on, and from nowhere else.
import type { Knex } from 'knex';
import type { Readable } from 'node:stream';
import type { Db } from '../../core/db/knex.js';
import { appError, validationError } from '../../core/http/errors.js';
import type { Site, SiteRegistry } from '../../core/tenancy/sites.js';
import type { EmployerCredentials } from '../accounts/permissions.js';
import type { FileService } from '../files/file-service.js';
import type { CachedBytes, ListingCache } from '../postings/listing-cache.js';
import type { Publications } from '../postings/publications.js';
import { Announcement } from './models/announcement.js';

export interface AnnouncementInput {
  title: string;
  body: string;
  attachments: string[];
}

interface AnnouncementRow {
  id: number;
  employer_id: number;
  title: string;
  body: string;
  attachments: string[];
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}

export const ANNOUNCEMENT_LOCKED_MESSAGE = '该公告已有站点审核通过，不允许修改';
const notFound = () => appError(404, 'NOT_FOUND', '公告不存在');

export interface PublicAnnouncementQuery {
  q?: string;
  page: number;
  pageSize: number;
}

export class AnnouncementService {
  constructor(
    private readonly db: Db,
    private readonly sites: SiteRegistry,
    private readonly publications: Publications,
    private readonly cache: ListingCache,
    private readonly files: FileService,
    private readonly employerName: (employerId: number, trx?: Knex.Transaction) => Promise<string>,
  ) {}

  private view(a: Announcement) {
    return {
      id: a.id,
      title: a.title,
      body: a.body,
      attachments: a.attachments,
      createdAt: new Date(a.createdAt).toISOString(),
      updatedAt: new Date(a.updatedAt).toISOString(),
    };
  }

  private ownQuery(trx: Knex | Knex.Transaction, c: EmployerCredentials, id: number) {
    return Announcement.query(trx).findOne({ id, employer_id: c.employerId }).whereNull('deleted_at');
  }

  /** The employer's own announcement, not deleted (404 otherwise), optionally locked for the transaction. */
  private async own(trx: Knex | Knex.Transaction, c: EmployerCredentials, id: number, lock = false) {
    const q = this.ownQuery(trx, c, id);
    const announcement = await (lock ? q.forUpdate() : q);
    if (!announcement) throw notFound();
    return announcement;
  }

  private async checkAttachments(c: EmployerCredentials, ids: string[]): Promise<void> {
    for (const [i, id] of ids.entries()) {
      if (!(await this.files.ownedBy(id, c.employerId)))
        throw validationError([{ path: `attachments.${i}`, message: '附件不存在，请重新上传' }]);
    }
  }

  private posting(a: Announcement, employerName: string) {
    return {
      id: a.id,
      employerId: a.employerId,
      employerName,
      title: a.title,
      text: `${a.title}\n${a.body}`,
    };
  }

  async create(c: EmployerCredentials, input: AnnouncementInput, siteSlugs: string[]) {
    const targets = await this.publications.targetSites(c.employerId, siteSlugs);
    await this.checkAttachments(c, input.attachments);
    const name = await this.employerName(c.employerId);
    const id = await this.publications.createAndPublish(c, targets, async (trx) => {
      const announcement = await Announcement.query(trx)
        .insert({
          employerId: c.employerId,
          title: input.title,
          body: input.body,
          attachments: input.attachments,
          createdBy: c.id,
        })
        .returning('*');
      return this.posting(announcement, name);
    });
    return this.get(c, id);
  }

  async get(c: EmployerCredentials, id: number) {
    const announcement = await this.ownQuery(this.db, c, id)
      .withGraphFetched('publications')
      .modifyGraph('publications', (b) => {
        b.orderBy('id');
      });
    if (!announcement) throw notFound();
    return { ...this.view(announcement), publications: this.publications.views(announcement.publications!) };
  }

  async list(c: EmployerCredentials, q: { q?: string; page: number; pageSize: number }) {
    const base = this.db('announcements')
      .where({ employer_id: c.employerId })
      .whereNull('deleted_at')
      .modify((b) => {
        if (q.q) b.where('title', 'ilike', `%${q.q.replace(/[\\%_]/g, '\\$&')}%`);
      });
    return this.publications.page(base, q.page, q.pageSize, (r: AnnouncementRow) =>
      this.view(Announcement.fromDatabaseJson(r)),
    );
  }

  async update(c: EmployerCredentials, id: number, input: AnnouncementInput) {
    await this.checkAttachments(c, input.attachments);
    const name = await this.employerName(c.employerId);
    const touched = await this.db.transaction(async (trx) => {
      const current = await this.own(trx, c, id, true);
      const plan = await this.publications.assertEditable(trx, id);
      const announcement = await current.$query(trx).patchAndFetch({
        title: input.title,
        body: input.body,
        attachments: input.attachments,
        updatedAt: trx.fn.now(),
      });
      return this.publications.resubmitAll(
        trx,
        this.posting(announcement, name),
        { kind: 'employer', id: c.id },
        plan,
      );
    });
    await this.publications.invalidate(touched);
    return this.get(c, id);
  }

  async push(c: EmployerCredentials, ids: number[], siteSlugs: string[]) {
    const name = await this.employerName(c.employerId);
    return this.publications.push(
      { employerId: c.employerId, accountId: c.id },
      ids,
      siteSlugs,
      async (trx, id) => this.posting(await this.own(trx, c, id, true), name),
    );
  }

  /** Deletes the announcement: it disappears from every site at once, pending reviews are withdrawn. */
  async remove(c: EmployerCredentials, id: number): Promise<void> {
    const touched = await this.db.transaction(async (trx) => {
      const announcement = await this.own(trx, c, id, true);
      await announcement.$query(trx).patch({ deletedAt: trx.fn.now() });
      return this.publications.removeAll(trx, id, { kind: 'employer', id: c.id });
    });
    await this.publications.invalidate(touched);
  }

  /** Approved on the site, newest approval first; cached per site (JSON text). */
  async publicList(site: Site, q: PublicAnnouncementQuery): Promise<string> {
    return this.cache.fetch('announcements', site.slug, this.listKey(q), () => this.loadList(site, q));
  }

  /** The same listing as UTF-8 bytes, for the JSON API; no longer fresh once the site's announcements change. */
  async publicListBytes(site: Site, q: PublicAnnouncementQuery): Promise<CachedBytes> {
    return this.cache.fetchBytes('announcements', site.slug, this.listKey(q), () => this.loadList(site, q));
  }

  private listKey(q: PublicAnnouncementQuery): string {
    return JSON.stringify([q.q ?? '', q.page, q.pageSize]);
  }

  private async loadList(site: Site, q: PublicAnnouncementQuery) {
    const like = q.q ? `%${q.q.replace(/[\\%_]/g, '\\$&')}%` : null;
    const base = this.db
      .from(this.shownOn(site).as('p'))
      .join('announcements as a', 'a.id', 'p.announcement_id')
      .join('employers as e', 'e.id', 'a.employer_id')
      .whereNull('a.deleted_at')
      .modify((b) => {
        if (like)
          b.where((w) => {
            w.where('a.title', 'ilike', like).orWhere('e.name', 'ilike', like);
          });
      });
    const [{ count }] = (await base.clone().count('* as count')) as [{ count: number }];
    const rows = (await base
      .clone()
      .orderBy([
        { column: 'p.approved_at', order: 'desc' },
        { column: 'a.id', order: 'desc' },
      ])
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .select('a.id', 'a.title', 'a.employer_id', 'e.name as employer_name', 'p.approved_at')) as {
      id: number;
      title: string;
      employer_id: number;
      employer_name: string;
      approved_at: Date;
    }[];
    return {
      items: rows.map((r) => ({
        id: r.id,
        title: r.title,
        employer: { id: r.employer_id, name: r.employer_name },
        publishedAt: new Date(r.approved_at).toISOString(),
        url: this.sites.urlOf(site, `/announcements/${r.id}`),
      })),
      total: Number(count),
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /**
   * The announcements the site shows, as `(announcement_id, approved_at)`: approved on it; on main also approved on
   * any school unless main rejected its copy, dated by the first approval.
   */
  private shownOn(site: Site) {
    if (!site.isMain)
      return this.db('announcement_publications')
        .where({ site_id: site.id, status: 'approved' })
        .select('announcement_id', 'approved_at');
    return this.db('announcement_publications as v')
      .where('v.status', 'approved')
      .whereNotExists((b) => {
        b.select(this.db.raw('1'))
          .from('announcement_publications as r')
          .whereRaw('r.announcement_id = v.announcement_id')
          .where({ 'r.site_id': site.id, 'r.status': 'rejected' });
      })
      .groupBy('v.announcement_id')
      .select('v.announcement_id', this.db.raw('min(v.approved_at) as approved_at'));
  }

  /** The announcement as the site shows it (not deleted), or undefined. */
  private async shown(site: Site, id: number) {
    return (await this.db
      .from(this.shownOn(site).as('p'))
      .join('announcements as a', 'a.id', 'p.announcement_id')
      .join('employers as e', 'e.id', 'a.employer_id')
      .where('a.id', id)
      .whereNull('a.deleted_at')
      .first('a.*', 'e.name as employer_name', 'p.approved_at')) as
      (AnnouncementRow & { employer_name: string; approved_at: Date }) | undefined;
  }

  private attachmentUrl(site: Site, id: number, fileId: string): string {
    return this.sites.urlOf(site, `/announcements/${id}/attachments/${fileId}`);
  }

  async publicGet(site: Site, id: number) {
    const row = await this.shown(site, id);
    if (!row) return null;
    const files = await this.files.describe(row.attachments);
    return {
      id: row.id,
      title: row.title,
      body: row.body,
      attachments: files.map((f) => ({
        id: f.id,
        name: f.name,
        size: f.size,
        mime: f.mime,
        url: this.attachmentUrl(site, row.id, f.id),
      })),
      employer: { id: row.employer_id, name: row.employer_name },
      publishedAt: new Date(row.approved_at).toISOString(),
      url: this.sites.urlOf(site, `/announcements/${row.id}`),
      acceptsApplications: false,
    };
  }

  /**
   * One attachment of an announcement the site shows, opened for download: its name, type, size and bytes as a
   * stream. Null when the site does not show the announcement or the file is not one of its attachments.
   */
  async publicAttachment(site: Site, id: number, fileId: string) {
    const row = await this.shown(site, id);
    if (!row || !row.attachments.includes(fileId)) return null;
    const file = await this.files.find(fileId);
    if (!file) return null;
    let stream: Readable;
    try {
      stream = await this.files.stream(file.storageKey);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    return { name: file.name, mime: file.mime, size: file.size, stream };
  }
}
