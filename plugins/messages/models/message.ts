// The messages table: in-site messages (站内消息) to an employer, at most one per outbox event (source_outbox_id).
import type { JSONSchema } from 'objection';
import { BaseModel, column } from '../../../core/db/model.js';

export class Message extends BaseModel {
  static override tableName = 'messages';

  id!: number;
  employerId!: number;
  kind!: string;
  title!: string;
  body!: string;
  siteSlug!: string | null;
  link!: string | null;
  sourceOutboxId!: number | null;
  readAt!: Date | null;
  createdAt!: Date;

  static override jsonSchema: JSONSchema = {
    type: 'object',
    required: ['employerId', 'kind', 'title', 'body'],
    properties: {
      id: column.bigId,
      employerId: column.id,
      kind: column.text,
      title: column.text,
      body: column.text,
      siteSlug: column.nullableText,
      link: column.nullableText,
      sourceOutboxId: column.nullableInteger,
      readAt: column.nullableTimestamp,
      createdAt: column.timestamp,
    },
  };
}
