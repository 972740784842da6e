// In-site messages (站内消息): every review decision about an employer's submission becomes a message.
// The `reviews.decided` processor is idempotent on the outbox id (unique source_outbox_id).
import { fn, raw } from 'objection';
import type { Db } from '../../core/db/knex.js';
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

/** How a message names and links what it is about: contributed by the feature that owns the subject type. */
export interface MessageSubject {
  /** 招聘职位, 招聘公告 … */
  name: string;
  /** The employer-centre page of the subject (site-relative path), or null when there is none. */
  link?: (subjectId: number, site: string) => string | null;
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
  linkFor(event: Pick<ReviewDecided, 'type' | 'subjectId' | 'site'>): string | null {
    return this.subjects.get(event.type)?.link?.(event.subjectId, event.site) ?? null;
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
    const what = this.subjects.get(event.type)?.name ?? UNOWNED_NAMES[event.type] ?? '提交事项';
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
        const { title, body } = this.compose(event);
        await Message.query(ctx.db)
          .insert({
            employerId: event.employerId,
            kind: `review.${event.type}.${event.status}`,
            title,
            body,
            siteSlug: event.site,
            link: this.linkFor(event),
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
      read: !!m.readAt,
      createdAt: new Date(m.createdAt).toISOString(),
    };
  }

  async list(employerId: number, q: { unread?: boolean; page: number; pageSize: number }) {
    const { results, total } = await Message.query(this.db)
      .where('employer_id', employerId)
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
      unread: await this.unreadCount(employerId),
    };
  }

  async unreadCount(employerId: number): Promise<number> {
    return Message.query(this.db).where('employer_id', employerId).whereNull('read_at').resultSize();
  }

  async markRead(employerId: number, id: number) {
    const updated = await Message.query(this.db)
      .where({ id, employer_id: employerId })
      .patch({ readAt: raw('coalesce(read_at, now())') });
    if (updated === 0) throw appError(404, 'NOT_FOUND', '消息不存在');
    return { unread: await this.unreadCount(employerId) };
  }

  async markAllRead(employerId: number) {
    await Message.query(this.db)
      .where('employer_id', employerId)
      .whereNull('read_at')
      .patch({ readAt: fn.now() });
    return { unread: 0 };
  }
}
