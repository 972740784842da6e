// What staff read before deciding on an announcement's publication: its title, body and attachments.
import type { Db } from '../../core/db/knex.js';
import type { FileService } from '../files/file-service.js';
import type { SubjectDescriber } from '../reviews/review-service.js';
import { AnnouncementPublication } from './models/announcement-publication.js';

export function describeAnnouncements(db: Db, files: FileService): SubjectDescriber {
  return async (review) => {
    const row = await AnnouncementPublication.relatedQuery('announcement', db)
      .for(review.subject_id)
      .first()
      .select('title', 'body', 'attachments', 'deleted_at');
    if (!row) return null;
    const attached = (await Promise.all(row.attachments.map((id) => files.find(id)))).filter((f) => !!f);
    return {
      facts: [
        { label: '公告标题', value: row.title },
        { label: '附件', value: attached.length ? `${attached.length} 个` : '无' },
        ...(row.deletedAt ? [{ label: '状态', value: '单位已删除该公告' }] : []),
      ],
      text: row.body,
      files: attached.map((f) => ({ id: f.id, name: f.name })),
    };
  };
}
