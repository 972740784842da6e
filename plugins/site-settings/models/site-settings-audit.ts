// The site_settings_audit table: every change staff made to a site's configuration, whole before/after (jsonb).
import type { JSONSchema, RelationMappings } from 'objection';
import { BaseModel, column } from '../../../core/db/model.js';
import { StaffAccount } from '../../staff/models/staff-account.js';

export class SiteSettingsAudit extends BaseModel {
  static override tableName = 'site_settings_audit';
  static override jsonAttributes = ['before', 'after'];

  id!: number;
  siteId!: number;
  staffId!: number | null;
  version!: number;
  before!: unknown;
  after!: unknown;
  changed!: string[];
  createdAt!: Date;

  staff?: StaffAccount | null;

  static override jsonSchema: JSONSchema = {
    type: 'object',
    required: ['siteId', 'version', 'before', 'after', 'changed'],
    properties: {
      id: column.bigId,
      siteId: column.id,
      staffId: column.nullableInteger,
      version: column.integer,
      before: column.jsonb,
      after: column.jsonb,
      changed: column.textArray,
      createdAt: column.timestamp,
    },
  };

  static override get relationMappings(): RelationMappings {
    return {
      staff: {
        relation: BaseModel.BelongsToOneRelation,
        modelClass: StaffAccount,
        join: { from: 'site_settings_audit.staff_id', to: 'staff_accounts.id' },
      },
    };
  }
}
