// The staff_accounts table: school and province staff, one site each. The site is read from the in-memory site
// registry (`sites.byId`), not joined.
import type { JSONSchema } from 'objection';
import { BaseModel, column } from '../../../core/db/model.js';

export class StaffAccount extends BaseModel {
  static override tableName = 'staff_accounts';

  id!: number;
  siteId!: number;
  username!: string;
  name!: string;
  passwordHash!: string;
  roles!: string[];
  tokenVersion!: number;
  failedLogins!: number;
  lockedUntil!: Date | null;
  disabledAt!: Date | null;
  lastLoginAt!: Date | null;
  createdAt!: Date;

  static override jsonSchema: JSONSchema = {
    type: 'object',
    required: ['siteId', 'username', 'name', 'passwordHash'],
    properties: {
      id: column.id,
      siteId: column.id,
      username: { type: 'string', pattern: '^[a-z0-9.-]{3,64}$' },
      name: column.text,
      passwordHash: column.text,
      roles: column.textArray,
      tokenVersion: column.integer,
      failedLogins: column.integer,
      lockedUntil: column.nullableTimestamp,
      disabledAt: column.nullableTimestamp,
      lastLoginAt: column.nullableTimestamp,
      createdAt: column.timestamp,
    },
  };
}
