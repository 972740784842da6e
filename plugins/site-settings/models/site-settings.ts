// The site_settings table: one row per site with the staff's overrides of its manifest (jsonb) and a version.
import type { JSONSchema, RelationMappings } from 'objection';
import { BaseModel, column } from '../../../core/db/model.js';
import type { SiteOverrides } from '../../../core/tenancy/manifest.js';
import { StaffAccount } from '../../staff/models/staff-account.js';

export class SiteSettings extends BaseModel {
  static override tableName = 'site_settings';
  static override idColumn = 'site_id';
  static override jsonAttributes = ['overrides'];

  siteId!: number;
  overrides!: SiteOverrides;
  version!: number;
  updatedBy!: number | null;
  updatedAt!: Date;

  updatedByStaff?: StaffAccount | null;

  static override jsonSchema: JSONSchema = {
    type: 'object',
    required: ['siteId'],
    properties: {
      siteId: column.id,
      overrides: { type: 'object' },
      version: column.integer,
      updatedBy: column.nullableInteger,
      updatedAt: column.timestamp,
    },
  };

  static override get relationMappings(): RelationMappings {
    return {
      updatedByStaff: {
        relation: BaseModel.BelongsToOneRelation,
        modelClass: StaffAccount,
        join: { from: 'site_settings.updated_by', to: 'staff_accounts.id' },
      },
    };
  }
}
