// The messages table: in-site messages (站内消息) to an employer or a student (exactly one, a CHECK), at most one per outbox event (source_outbox_id).
import type { JSONSchema } from 'objection';
import { BaseModel, column } from '../../../core/db/model.js';

export class Message extends BaseModel {
  static override tableName = 'messages';

  id!: number;
  employerId!: number | null;
  studentId!: number | null;
  kind!: string;
  title!: string;
  body!: string;
  siteSlug!: string | null;
  link!: string | null;
  /** What the message is about: a review's subject (for postings, the copy on one site). */
  subjectType!: string | null;
  subjectId!: number | null;
  sourceOutboxId!: number | null;
  readAt!: Date | null;
  createdAt!: Date;

  static override jsonSchema: JSONSchema = {
    type: 'object',
    required: ['kind', 'title', 'body'],
    properties: {
      id: column.bigId,
      employerId: column.nullableInteger,
      studentId: column.nullableInteger,
      kind: column.text,
      title: column.text,
      body: column.text,
      siteSlug: column.nullableText,
      link: column.nullableText,
      subjectType: column.nullableText,
      subjectId: column.nullableInteger,
      sourceOutboxId: column.nullableInteger,
      readAt: column.nullableTimestamp,
      createdAt: column.timestamp,
    },
  };
}
