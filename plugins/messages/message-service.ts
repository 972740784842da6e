// In-site messages (站内消息) to employers and students: every review decision about an employer's submission becomes a
// message, and features send their own (applications, invitations, agreements) through `send`, i.e. the outbox. A message keeps
// what it is about (subject type and id) and links to it, through the page its feature names.
// The `reviews.decided` processor is idempotent on the outbox id (unique source_outbox_id).
import type { Knex } from 'knex';
import { fn, raw } from 'objection';
import type { Db } from '../../core/db/knex.js';
import { enqueue } from '../../core/tasks/outbox.js';
import type { TaskDefinition } from '../../core/tasks/task-system.js';
import { appError } from '../../core/http/errors.js';
import type { SiteRegistry } from '../../core/tenancy/sites.js';
import { Message } from './models/message.js';

export interface ReviewDecided {
  reviewId: number;
  site: string;
  type: string;
  subjectId: number;
  employerId: number | null;
  status: 'approved' | 'rejected';
  comment: string | null;
  summary: string;
}

export const MESSAGE_SEND_TOPIC = 'messages.send';

export type Recipient = { employerId: number } | { studentId: number };

/** A message a feature sends about a change (an application, an invitation, an agreement …). */
export interface OutgoingMessage {
  to: Recipient;
  /** a stable kind, e.g. `application.offer` */
  kind: string;
  title: string;
  body: string;
  /** the site the change belongs to (its slug) */
  site?: string | null;
  /** the recipient's page of the subject (site-relative path) */
  link?: string | null;
  subject?: { type: string; id: number } | null;
}

/** How a message names and links what it is about: contributed by the feature that owns the subject type. */
export interface MessageSubject {
  /** 招聘职位, 招聘公告 … */
  name: string;
  /**
   * The employer-centre page of the subject (site-relative path), or null when there is none (or it is gone). The id
   * is the review's subject id: for postings the copy on one site, which the feature maps to its posting.
   */
  link?: (subjectId: number, site: string) => string | null | Promise<string | null>;
  /** A line added to a decision message (e.g. the validity an approval grants), or null. */
  details?: (subjectId: number, status: ReviewDecided['status']) => Promise<string | null>;
}

/** Subject types of the manifest whose features are not built yet; each contributes its own when it arrives. */
const UNOWNED_NAMES: Record<string, string> = {
  presentation: '宣讲会申请',
  signing_authorization: '签约授权',
};

export class MessageService {
  constructor(
    private readonly db: Db,
    private readonly sites: SiteRegistry,
  ) {}

  private readonly subjects = new Map<string, MessageSubject>();

  /** Registers how messages about a subject type name it and link to it. */
  subject(type: string, subject: MessageSubject): void {
    if (this.subjects.has(type)) throw new Error(`xiaozhao: message subject ${type} registered twice`);
    this.subjects.set(type, subject);
  }

  /** The employer-centre page a decision message leads to, if its feature gives one. */
  async linkFor(event: Pick<ReviewDecided, 'type' | 'subjectId' | 'site'>): Promise<string | null> {
    return (await this.subjects.get(event.type)?.link?.(event.subjectId, event.site)) ?? null;
  }

  /** The name of a subject type in messages (招聘职位 …). */
  subjectName(type: string): string {
    return this.subjects.get(type)?.name ?? UNOWNED_NAMES[type] ?? '提交事项';
  }

  compose(event: ReviewDecided): { title: string; body: string } {
    const site = this.sites.get(event.site);
    const siteName = site?.name ?? event.site;
    const ok = event.status === 'approved';
    if (event.type === 'membership' && site?.isMain) {
      return {
        title: ok ? '单位认证已通过' : '单位认证未通过',
        body: ok
          ? '贵单位已通过省级主站认证，可以申请入驻学校分站并发布招聘信息。'
          : `审核意见：${event.comment ?? '无'}。请修改单位信息后重新提交。`,
      };
    }
    const what = this.subjectName(event.type);
    return {
      title: `${siteName}：${what}${ok ? '已通过审核' : '未通过审核'}`,
      body: `${event.summary}${event.comment ? `。审核意见：${event.comment}` : ''}`,
    };
  }

  task(): TaskDefinition<ReviewDecided> {
    return {
      topic: 'reviews.decided',
      attempts: 8,
      backoffMs: 1000,
      process: async (event, ctx) => {
        if (!event.employerId) return;
        const { title, body: text } = this.compose(event);
        const more = await this.subjects.get(event.type)?.details?.(event.subjectId, event.status);
        const body = more ? `${text}\n${more}` : text;
        await Message.query(ctx.db)
          .insert({
            employerId: event.employerId,
            kind: `review.${event.type}.${event.status}`,
            title,
            body,
            siteSlug: event.site,
            link: await this.linkFor(event),
            subjectType: event.type,
            subjectId: event.subjectId,
            sourceOutboxId: ctx.outboxId,
          })
          .onConflict('source_outbox_id')
          .ignore();
      },
    };
  }

  private view(m: Message) {
    return {
      id: Number(m.id),
      kind: m.kind,
      title: m.title,
      body: m.body,
      site: m.siteSlug,
      link: m.link,
      subject:
        m.subjectType && m.subjectId !== null ? { type: m.subjectType, id: Number(m.subjectId) } : null,
      read: !!m.readAt,
      createdAt: new Date(m.createdAt).toISOString(),
    };
  }

  /**
   * Writes a message to an employer or a student through the outbox, in the caller's transaction: it exists only if
   * the change that caused it commits, and it is not lost when Redis is away (features call this, never insert).
   */
  async send(trx: Knex | Knex.Transaction, message: OutgoingMessage): Promise<void> {
    await enqueue(trx, MESSAGE_SEND_TOPIC, message, { site: message.site ?? undefined });
  }

  /** The processor of `messages.send`: one message per outbox event (unique source_outbox_id). */
  sendTask(): TaskDefinition<OutgoingMessage> {
    return {
      topic: MESSAGE_SEND_TOPIC,
      attempts: 8,
      backoffMs: 1000,
      process: async (m, ctx) => {
        await Message.query(ctx.db)
          .insert({
            ...('employerId' in m.to ? { employerId: m.to.employerId } : { studentId: m.to.studentId }),
            kind: m.kind,
            title: m.title,
            body: m.body,
            siteSlug: m.site ?? null,
            link: m.link ?? null,
            subjectType: m.subject?.type ?? null,
            subjectId: m.subject?.id ?? null,
            sourceOutboxId: ctx.outboxId,
          })
          .onConflict('source_outbox_id')
          .ignore();
      },
    };
  }

  /** A recipient: an employer (its id, as every existing caller passes) or a student. */
  private column(to: number | Recipient): [string, number] {
    if (typeof to === 'number') return ['employer_id', to];
    return 'employerId' in to ? ['employer_id', to.employerId] : ['student_id', to.studentId];
  }

  async list(to: number | Recipient, q: { unread?: boolean; page: number; pageSize: number }) {
    const [column, id] = this.column(to);
    const { results, total } = await Message.query(this.db)
      .where(column, id)
      .modify((b) => {
        if (q.unread) b.whereNull('read_at');
      })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .page(q.page - 1, q.pageSize);
    return {
      items: results.map((m) => this.view(m)),
      total: Number(total),
      page: q.page,
      pageSize: q.pageSize,
      unread: await this.unreadCount(to),
    };
  }

  async unreadCount(to: number | Recipient): Promise<number> {
    const [column, id] = this.column(to);
    return Message.query(this.db).where(column, id).whereNull('read_at').resultSize();
  }

  async markRead(to: number | Recipient, id: number) {
    const [column, recipient] = this.column(to);
    const updated = await Message.query(this.db)
      .where('id', id)
      .where(column, recipient)
      .patch({ readAt: raw('coalesce(read_at, now())') });
    if (updated === 0) throw appError(404, 'NOT_FOUND', '消息不存在');
    return { unread: await this.unreadCount(to) };
  }

  async markAllRead(to: number | Recipient) {
    const [column, id] = this.column(to);
    await Message.query(this.db).where(column, id).whereNull('read_at').patch({ readAt: fn.now() });
    return { unread: 0 };
  }
}
