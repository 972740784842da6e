// The files table: uploaded files (PDF, JPEG, PNG up to 10 MB, CHECK constraints), the bytes in the storage driver.
import type { JSONSchema } from 'objection';
import { BaseModel, column } from '../../../core/db/model.js';

export class UploadedFile extends BaseModel {
  static override tableName = 'files';

  id!: string;
  employerId!: number | null;
  studentId?: number | null;
  uploadedBy!: number | null;
  purpose!: string;
  name!: string;
  size!: number;
  mime!: string;
  sha256!: string;
  storageKey!: string;
  createdAt!: Date;

  static override jsonSchema: JSONSchema = {
    type: 'object',
    required: ['id', 'purpose', 'name', 'size', 'mime', 'sha256', 'storageKey'],
    properties: {
      id: column.uuid,
      employerId: column.nullableInteger,
      studentId: column.nullableInteger,
      uploadedBy: column.nullableInteger,
      purpose: column.text,
      name: column.text,
      size: { type: 'integer', minimum: 1, maximum: 10485760 },
      mime: column.enumOf(['application/pdf', 'image/jpeg', 'image/png']),
      sha256: column.text,
      storageKey: column.text,
      createdAt: column.timestamp,
    },
  };
}
