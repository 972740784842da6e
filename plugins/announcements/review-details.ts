// What staff read before deciding on an announcement's publication: its title, body and attachments.
import type { Db } from '../../core/db/knex.js';
import type { FileService } from '../files/file-service.js';
import type { SubjectDescriber } from '../reviews/review-service.js';

export function describeAnnouncements(db: Db, files: FileService): SubjectDescriber {
  return async (review) => {
    const row = (await db('announcement_publications as p')
      .join('announcements as a', 'a.id', 'p.announcement_id')
      .where('p.id', review.subject_id)
      .first('a.title', 'a.body', 'a.attachments', 'a.deleted_at')) as
      { title: string; body: string; attachments: string[]; deleted_at: Date | null } | undefined;
    if (!row) return null;
    const attached = (await Promise.all(row.attachments.map((id) => files.find(id)))).filter((f) => !!f);
    return {
      facts: [
        { label: '公告标题', value: row.title },
        { label: '附件', value: attached.length ? `${attached.length} 个` : '无' },
        ...(row.deleted_at ? [{ label: '状态', value: '单位已删除该公告' }] : []),
      ],
      text: row.body,
      files: attached.map((f) => ({ id: f.id, name: f.name })),
    };
  };
}
