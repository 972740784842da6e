// Info sessions (宣讲会): an employer that joined a school site applies for an online session (a live-stream URL) or an
// offline one (a room of that site); the site reviews it through the review engine (`type = presentation`, the site's
// policy decides, decisions reach the employer as messages). While pending, time, room and mode may change; once
// approved they may not (409 PRESENTATION_LOCKED) — other fields may, going back to review only when the site's
// `afterApproval` policy says `revise`. Cancel while pending, or approved and not yet started.
// Rooms are never double-held: the exclusion constraint `presentations_room_free` decides every race (23P01 → 409
// ROOM_TAKEN). Writers that put a session into a room first take a transaction advisory lock on that room: the
// constraint still decides, the lock only queues them — unqueued, overlapping inserts wait on each other's index
// entries and deadlock (40P01, a second lost each). A deadlock that happens anyway is retried.
import type { Knex } from 'knex';
import type { StaffCredentials } from '../../core/auth/principals.js';
import type { Clock } from '../../core/clock.js';
import { exclusionViolation, foreignKeyViolation, sqlState } from '../../core/db/errors.js';
import type { Db } from '../../core/db/knex.js';
import { validationError, type ErrorDetail } from '../../core/http/errors.js';
import { assertStaffOf } from '../../core/tenancy/scope.js';
import type { Site, SiteRegistry } from '../../core/tenancy/sites.js';
import type { EmployerCredentials } from '../accounts/permissions.js';
import type { CertificateService } from '../certificates/certificate-service.js';
import type { JobService } from '../jobs/job-service.js';
import type { MembershipService } from '../network/membership-service.js';
import type { ReviewRow, ReviewService, ReviewStatus, SubjectDetails } from '../reviews/review-service.js';
import { fail, message, PRESENTATION_ROOM_FK, ROOM_FREE } from './errors.js';
import { dayBounds, localParts } from './local-time.js';
import {
  Presentation,
  type Contact,
  type PresentationMode,
  type PresentationStatus,
} from './models/presentation.js';
import type { Room } from './models/room.js';
import type { RoomService } from './room-service.js';

const MIN_MS = 30 * 60_000;
const MAX_MS = 4 * 3_600_000;
/** Attempts of a write that lost a deadlock to a concurrent one. */
const ATTEMPTS = 4;
/** The first key of the rooms' advisory locks (the second is the room id). */
const ROOM_LOCK_SPACE = 7301;

export interface PresentationInput {
  siteSlug: string;
  mode: PresentationMode;
  title: string;
  startsAt: string;
  endsAt: string;
  roomId?: number | null;
  liveUrl?: string | null;
  description: string;
  jobIds: number[];
  contacts: Contact[];
  expectedAudience?: number | null;
}

export type PresentationChanges = Partial<Omit<PresentationInput, 'siteSlug'>>;

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const STATUS_LABELS: Record<PresentationStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
  cancelled: '已取消',
  withdrawn: '已撤回',
};

/** The certificate kind of a session's 参会凭证 (see certificate.ts). */
export const CERTIFICATE_KIND = 'presentation';

export const MODE_LABELS: Record<PresentationMode, string> = { online: '空中宣讲会', offline: '线下宣讲会' };

interface Placement {
  mode: PresentationMode;
  roomId: number | null;
  liveUrl: string | null;
  startsAt: Date;
  endsAt: Date;
}

export class PresentationService {
  constructor(
    private readonly db: Db,
    private readonly sites: SiteRegistry,
    private readonly clock: Clock,
    private readonly rooms: RoomService,
    private readonly reviews: ReviewService,
    private readonly memberships: MembershipService,
    private readonly jobs: JobService,
    private readonly employerName: (id: number, trx?: Knex.Transaction) => Promise<string>,
    private readonly certificates: CertificateService,
  ) {}

  // ---- rules ----------------------------------------------------------------------------------------------------

  /** Field errors of a placement, all at once (400 VALIDATION). */
  private checkPlacement(p: Placement): void {
    const errors: ErrorDetail[] = [];
    if (p.mode === 'offline' && !p.roomId) errors.push({ path: 'roomId', message: '线下宣讲会请选择场地' });
    if (p.mode === 'online' && !p.liveUrl)
      errors.push({ path: 'liveUrl', message: '空中宣讲会请填写直播链接' });
    const length = p.endsAt.getTime() - p.startsAt.getTime();
    if (length <= 0) errors.push({ path: 'endsAt', message: '结束时间必须晚于开始时间' });
    else if (localParts(p.startsAt).date !== localParts(new Date(p.endsAt.getTime() - 1)).date)
      errors.push({ path: 'endsAt', message: '宣讲会须在同一天内开始和结束' });
    else if (length < MIN_MS || length > MAX_MS)
      errors.push({ path: 'endsAt', message: '宣讲会时长应在 30 分钟至 4 小时之间' });
    if (p.startsAt.getTime() <= this.clock.now().getTime())
      errors.push({ path: 'startsAt', message: '开始时间必须晚于当前时间' });
    if (errors.length) throw validationError(errors);
  }

  /** The room of an offline session: of the session's site (404 otherwise), bookable, and open at that time. */
  private async checkRoom(site: Site, p: Placement, trx?: Knex.Transaction): Promise<Room | null> {
    if (p.mode !== 'offline' || !p.roomId) return null;
    const room = await this.rooms.get(p.roomId, trx);
    if (room.siteId !== site.id) throw fail('ROOM_NOT_FOUND');
    if (!room.bookable) throw fail('ROOM_NOT_BOOKABLE');
    const start = localParts(p.startsAt).time;
    const end = localParts(p.endsAt).time;
    if (start < room.opens || end === '00:00:00' || end > room.closes) throw fail('OUTSIDE_HOURS');
    return room;
  }

  private async checkJobs(c: EmployerCredentials, jobIds: number[] | undefined) {
    if (!jobIds?.length) return;
    const ok = await this.jobs.activePublished(c.employerId, jobIds);
    if (ok.length !== new Set(jobIds).size) throw fail('JOB_NOT_ACTIVE');
  }

  /** Runs a write, retrying a lost deadlock; the room guard's refusals become 409 ROOM_TAKEN / 404. */
  private async write<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(work);
      } catch (err) {
        if (exclusionViolation(err) === ROOM_FREE) throw fail('ROOM_TAKEN');
        if (foreignKeyViolation(err) === PRESENTATION_ROOM_FK) throw fail('ROOM_NOT_FOUND');
        const state = sqlState(err);
        if ((state === '40P01' || state === '40001') && attempt < ATTEMPTS) continue;
        throw err;
      }
    }
  }

  /** Queues the writers of one room until the transaction ends (see the file header). */
  private async lockRoom(trx: Knex.Transaction, roomId: number | null) {
    if (roomId) await trx.raw('SELECT pg_advisory_xact_lock(?, ?)', [ROOM_LOCK_SPACE, roomId]);
  }

  private async submit(trx: Knex.Transaction, c: EmployerCredentials, site: Site, p: Presentation) {
    const name = await this.employerName(c.employerId, trx);
    const certified = await this.memberships.certifiedOnMain(c.employerId, trx);
    const tags = (await this.memberships.get(c.employerId, site, trx))?.tag_ids ?? [];
    const local = localParts(new Date(p.startsAt));
    await this.reviews.submit(
      trx,
      {
        site,
        type: 'presentation',
        subjectId: p.id,
        employer: { id: c.employerId, name, certifiedOnMain: certified, tagIds: tags },
        summary: `「${name}」申请${MODE_LABELS[p.mode]}：${p.title}（${local.date} ${local.time.slice(0, 5)}）`,
        text: `${p.title}\n${p.description}`,
      },
      { kind: 'employer', id: c.id },
    );
  }

  // ---- reviews --------------------------------------------------------------------------------------------------

  /** Applies a review decision to the session, in the decision's transaction. */
  async onDecision(trx: Knex.Transaction, review: ReviewRow, status: Exclude<ReviewStatus, 'pending'>) {
    await Presentation.query(trx)
      .where({ id: review.subject_id, status: 'pending' })
      .patch({ status, updatedAt: trx.fn.now() as unknown as string });
  }

  /** What staff read before deciding: the session's full content. */
  async reviewDetails(id: number): Promise<SubjectDetails | null> {
    const p = await Presentation.query(this.db).findById(id).withGraphFetched('room');
    if (!p) return null;
    const v = await this.view(p);
    const date = (iso: string) => {
      const l = localParts(new Date(iso));
      return `${l.date} ${l.time.slice(0, 5)}`;
    };
    return {
      facts: [
        { label: '标题', value: v.title },
        { label: '方式', value: MODE_LABELS[v.mode] },
        {
          label: v.mode === 'offline' ? '场地' : '直播链接',
          value: v.room
            ? `${v.room.building ? `${v.room.building} ` : ''}${v.room.name}（可容纳 ${v.room.capacity} 人）`
            : (v.liveUrl ?? '—'),
        },
        {
          label: '时间',
          value: `${date(v.startsAt)}（${WEEKDAYS[new Date(`${date(v.startsAt).slice(0, 10)}T00:00:00Z`).getUTCDay()]}）– ${date(v.endsAt).slice(11)}`,
        },
        { label: '宣讲会状态', value: STATUS_LABELS[v.status] },
        { label: '招聘职位', value: v.jobs.map((j) => j.title).join('、') || '—' },
        { label: '联系人', value: v.contacts.map((x) => `${x.name} ${x.phone}`).join('；') },
        { label: '预计参加人数', value: v.expectedAudience ? `${v.expectedAudience} 人` : '—' },
        { label: '招聘简章', value: v.description.trim() ? '见下方正文' : '（未填写）' },
      ],
      text: v.description,
    };
  }

  // ---- views ----------------------------------------------------------------------------------------------------

  private async view(p: Presentation, review?: Pick<ReviewRow, 'id' | 'status' | 'comment'> | null) {
    const site = this.sites.byId(p.siteId);
    const jobIds = (
      (await this.db('presentation_jobs')
        .where('presentation_id', p.id)
        .orderBy('job_id')
        .pluck('job_id')) as number[]
    ).map(Number);
    const titles = await this.jobs.titles(jobIds);
    const r =
      review === undefined ? await this.reviews.find(p.siteId, 'presentation', p.id) : (review ?? undefined);
    const certificate = await this.certificates.find(CERTIFICATE_KIND, p.id);
    return {
      id: p.id,
      site: { slug: site?.slug ?? '', name: site?.name ?? '' },
      employerId: p.employerId,
      mode: p.mode,
      room: p.room ? { ...this.rooms.view(p.room) } : null,
      liveUrl: p.liveUrl,
      title: p.title,
      startsAt: new Date(p.startsAt).toISOString(),
      endsAt: new Date(p.endsAt).toISOString(),
      status: p.status,
      description: p.description,
      jobs: jobIds.map((id) => ({ id, title: titles.get(id) ?? '' })),
      contacts: p.contacts,
      expectedAudience: p.expectedAudience,
      review: r ? { id: Number(r.id), status: r.status, comment: r.comment } : null,
      ...(certificate && { verifyUrl: certificate.verifyUrl }),
      createdAt: new Date(p.createdAt).toISOString(),
      updatedAt: new Date(p.updatedAt).toISOString(),
    };
  }

  private async own(trx: Knex | Knex.Transaction, c: EmployerCredentials, id: number, lock = false) {
    const q = Presentation.query(trx).findOne({ id, employer_id: c.employerId });
    const row = await (lock ? q.forUpdate() : q);
    if (!row) throw fail('NOT_FOUND');
    return row;
  }

  // ---- employers ------------------------------------------------------------------------------------------------

  async create(c: EmployerCredentials, input: PresentationInput) {
    const site = this.sites.get(input.siteSlug);
    if (!site || site.isMain || !(await this.memberships.isApproved(c.employerId, site)))
      throw fail('SITE_NOT_JOINED');
    const placement: Placement = {
      mode: input.mode,
      roomId: input.mode === 'offline' ? (input.roomId ?? null) : null,
      liveUrl: input.mode === 'online' ? input.liveUrl || null : null,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
    };
    this.checkPlacement(placement);
    await this.checkRoom(site, placement);
    await this.checkJobs(c, input.jobIds);
    const id = await this.write(async (trx) => {
      await this.lockRoom(trx, placement.roomId);
      const p = await Presentation.query(trx).insert({
        siteId: site.id,
        employerId: c.employerId,
        mode: placement.mode,
        roomId: placement.roomId,
        liveUrl: placement.liveUrl,
        title: input.title,
        startsAt: placement.startsAt.toISOString(),
        endsAt: placement.endsAt.toISOString(),
        description: input.description,
        contacts: input.contacts,
        expectedAudience: input.expectedAudience ?? null,
        createdBy: c.id,
      });
      if (input.jobIds.length)
        await trx('presentation_jobs').insert(
          [...new Set(input.jobIds)].map((jobId) => ({ presentation_id: p.id, job_id: jobId })),
        );
      await this.submit(trx, c, site, p);
      return p.id;
    });
    return this.get(c, id);
  }

  async get(c: EmployerCredentials, id: number) {
    const p = await Presentation.query(this.db)
      .findOne({ id, employer_id: c.employerId })
      .withGraphFetched('room');
    if (!p) throw fail('NOT_FOUND');
    return this.view(p);
  }

  /** The employer's sessions, newest first: filtered by status, site and a title search. */
  async list(
    c: EmployerCredentials,
    filter: { status?: PresentationStatus; q?: string; site?: string; page: number; pageSize: number },
  ) {
    const site = filter.site ? this.sites.get(filter.site) : undefined;
    const { results, total } = await Presentation.query(this.db)
      .where('employer_id', c.employerId)
      .modify((q) => {
        if (filter.status) q.where('status', filter.status);
        if (filter.site) q.where('site_id', site?.id ?? 0);
        if (filter.q) q.where('title', 'ilike', `%${filter.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
      })
      .orderBy([
        { column: 'starts_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .withGraphFetched('room')
      .page(filter.page - 1, filter.pageSize);
    const items = [];
    for (const p of results) items.push(await this.view(p));
    return { items, total: Number(total), page: filter.page, pageSize: filter.pageSize };
  }

  /**
   * Edits a session. Time, room and mode (and the live link) change only while it is not approved (409
   * PRESENTATION_LOCKED); a pending or rejected session goes (back) to review; an approved one stays approved unless
   * its site's policy asks to review edits again (`afterApproval.mode = revise`).
   */
  async update(c: EmployerCredentials, id: number, changes: PresentationChanges) {
    await this.checkJobs(c, changes.jobIds);
    await this.write(async (trx) => {
      const p = await this.own(trx, c, id, true);
      if (p.status === 'cancelled' || p.status === 'withdrawn') throw fail('NOT_EDITABLE');
      const site = this.sites.byId(p.siteId)!;
      const mode = changes.mode ?? p.mode;
      const placement: Placement = {
        mode,
        roomId: mode === 'offline' ? (changes.roomId !== undefined ? changes.roomId : p.roomId) : null,
        liveUrl:
          mode === 'online' ? (changes.liveUrl !== undefined ? changes.liveUrl || null : p.liveUrl) : null,
        startsAt: new Date(changes.startsAt ?? p.startsAt),
        endsAt: new Date(changes.endsAt ?? p.endsAt),
      };
      const moved =
        placement.mode !== p.mode ||
        placement.roomId !== p.roomId ||
        placement.liveUrl !== p.liveUrl ||
        placement.startsAt.getTime() !== new Date(p.startsAt).getTime() ||
        placement.endsAt.getTime() !== new Date(p.endsAt).getTime();
      if (moved && p.status === 'approved') throw fail('PRESENTATION_LOCKED');
      if (moved || p.status === 'rejected') {
        this.checkPlacement(placement);
        await this.checkRoom(site, placement, trx);
      }
      if (moved) await this.lockRoom(trx, placement.roomId);
      const after = site.reviewPolicies.presentation?.afterApproval;
      const resubmit = p.status !== 'approved' || after?.mode === 'revise';
      const [updated] = await Presentation.query(trx)
        .where('id', id)
        .patch({
          mode: placement.mode,
          roomId: placement.roomId,
          liveUrl: placement.liveUrl,
          startsAt: placement.startsAt.toISOString(),
          endsAt: placement.endsAt.toISOString(),
          ...(changes.title !== undefined && { title: changes.title }),
          ...(changes.description !== undefined && { description: changes.description }),
          ...(changes.contacts !== undefined && { contacts: changes.contacts }),
          ...(changes.expectedAudience !== undefined && { expectedAudience: changes.expectedAudience }),
          ...(resubmit && { status: 'pending' as const }),
          updatedAt: trx.fn.now() as unknown as string,
        })
        .returning('*');
      if (changes.jobIds) {
        await trx('presentation_jobs').where('presentation_id', id).delete();
        if (changes.jobIds.length)
          await trx('presentation_jobs').insert(
            [...new Set(changes.jobIds)].map((jobId) => ({ presentation_id: id, job_id: jobId })),
          );
      }
      if (resubmit) await this.submit(trx, c, site, updated!);
      else {
        const review = await this.reviews.find(site.id, 'presentation', id, trx);
        if (review)
          await this.reviews.event(trx, review, 'edited', '审核通过后修改宣讲内容，保持已通过', {
            kind: 'employer',
            id: c.id,
          });
      }
    });
    return this.get(c, id);
  }

  /** Cancels a pending session, or an approved one that has not started; its room is free at once. */
  async cancel(c: EmployerCredentials, id: number) {
    await this.db.transaction(async (trx) => {
      const p = await this.own(trx, c, id, true);
      const notStarted = this.clock.now().getTime() < new Date(p.startsAt).getTime();
      if (!(p.status === 'pending' || (p.status === 'approved' && notStarted))) throw fail('NOT_CANCELLABLE');
      await Presentation.query(trx)
        .where('id', id)
        .patch({ status: 'cancelled', updatedAt: trx.fn.now() as unknown as string });
      if (p.status === 'pending')
        await this.reviews.withdraw(trx, 'presentation', [id], { kind: 'employer', id: c.id });
    });
    return this.get(c, id);
  }

  // ---- staff ----------------------------------------------------------------------------------------------------

  /**
   * The staff calendar of a site: sessions starting within [from, to] (local dates, `to` inclusive; default today
   * and the next 30 days), with their employer and review.
   */
  async forSite(
    staff: StaffCredentials,
    site: Site,
    filter: { from?: string; to?: string; status?: PresentationStatus },
  ) {
    assertStaffOf(staff, site, message('FORBIDDEN'));
    const today = this.clock.today();
    const from = dayBounds(filter.from ?? today).from;
    const to = filter.to ?? localParts(new Date(from.getTime() + 30 * 86_400_000)).date;
    const until = dayBounds(to).until;
    const rows = await Presentation.query(this.db)
      .where('site_id', site.id)
      .where('starts_at', '>=', from)
      .where('starts_at', '<', until)
      .modify((q) => {
        if (filter.status) q.where('status', filter.status);
      })
      .orderBy(['starts_at', 'id'])
      .withGraphFetched('room');
    const reviews = (await this.db('reviews')
      .where({ site_id: site.id, subject_type: 'presentation' })
      .whereIn(
        'subject_id',
        rows.map((r) => r.id),
      )
      .select('id', 'subject_id', 'status', 'comment')) as (Pick<ReviewRow, 'id' | 'status' | 'comment'> & {
      subject_id: number;
    })[];
    const reviewOf = new Map(reviews.map((r) => [Number(r.subject_id), r]));
    const names = new Map<number, string>();
    const items = [];
    for (const p of rows) {
      if (!names.has(p.employerId)) names.set(p.employerId, await this.employerName(p.employerId));
      items.push({
        ...(await this.view(p, reviewOf.get(p.id) ?? null)),
        employer: { id: p.employerId, name: names.get(p.employerId)! },
      });
    }
    return { from: localParts(from).date, to, items };
  }
}
