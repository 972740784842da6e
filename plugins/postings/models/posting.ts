// What a job posting and an announcement share as models: an employer's row with one publication per site. Each
// subclass declares its table, JSON schema and the `publications` relation; the publication layer
// (../publications.ts) reaches the copies only through that relation, so it needs no table or column names.
import { BaseModel } from '../../../core/db/model.js';
import type { Publication } from './publication.js';

export class PostingModel extends BaseModel {
  declare id: number;
  declare employerId: number;
  declare title: string;
  declare createdBy: number | null;
  declare createdAt: Date;
  declare updatedAt: Date;
  declare publications?: Publication[];

  // Array columns (text[], uuid[]) are PostgreSQL arrays, not JSON: objection must pass them through unchanged.
}
