// The employers table: one row per registered employer (单位). Name, USCC and contact phone are checked by the
// database (unique indexes, CHECK constraints); the schema here mirrors the columns, the rules live in the service.
import type { JSONSchema } from 'objection';
import { BaseModel, column } from '../../../core/db/model.js';

export class Employer extends BaseModel {
  static override tableName = 'employers';

  id!: number;
  name!: string;
  uscc!: string;
  usccCheckPassed!: boolean;
  usccOverrideReason!: string | null;
  usccOverrideBy!: number | null;
  usccOverrideAt!: Date | null;
  eSignEnabled!: boolean;
  contactName!: string;
  contactPhone!: string;
  contactEmail!: string | null;
  nature!: string | null;
  industry!: string | null;
  scale!: string | null;
  regionCode!: string | null;
  address!: string | null;
  website!: string | null;
  intro!: string | null;
  authorizationLetterFileId!: string | null;
  profileSubmittedAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;

  static override jsonSchema: JSONSchema = {
    type: 'object',
    required: ['name', 'uscc', 'usccCheckPassed', 'contactName', 'contactPhone'],
    properties: {
      id: column.id,
      name: { type: 'string', minLength: 2, maxLength: 100 },
      uscc: column.text,
      usccCheckPassed: column.boolean,
      usccOverrideReason: column.nullableText,
      usccOverrideBy: column.nullableInteger,
      usccOverrideAt: column.nullableTimestamp,
      eSignEnabled: column.boolean,
      contactName: column.text,
      contactPhone: column.text,
      contactEmail: column.nullableText,
      nature: column.nullableText,
      industry: column.nullableText,
      scale: column.nullableText,
      regionCode: column.nullableText,
      address: column.nullableText,
      website: column.nullableText,
      intro: column.nullableText,
      authorizationLetterFileId: column.nullableUuid,
      profileSubmittedAt: column.nullableTimestamp,
      createdAt: column.timestamp,
      updatedAt: column.timestamp,
    },
  };
}
