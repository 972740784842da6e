// The employer_accounts table: the people who sign in for an employer; roles through employer_account_roles.
import type { JSONSchema, RelationMappings } from 'objection';
import { BaseModel, column } from '../../../core/db/model.js';
import { EmployerRole } from './employer-role.js';

export class EmployerAccount extends BaseModel {
  static override tableName = 'employer_accounts';

  id!: number;
  employerId!: number;
  phone!: string;
  name!: string;
  email!: string | null;
  passwordHash!: string | null;
  isAdmin!: boolean;
  tokenVersion!: number;
  failedLogins!: number;
  lockedUntil!: Date | null;
  disabledAt!: Date | null;
  lastLoginAt!: Date | null;
  createdAt!: Date;
  roles?: EmployerRole[];

  static override jsonSchema: JSONSchema = {
    type: 'object',
    required: ['employerId', 'phone', 'name'],
    properties: {
      id: column.id,
      employerId: column.id,
      phone: column.text,
      name: column.text,
      email: column.nullableText,
      passwordHash: column.nullableText,
      isAdmin: column.boolean,
      tokenVersion: column.integer,
      failedLogins: column.integer,
      lockedUntil: column.nullableTimestamp,
      disabledAt: column.nullableTimestamp,
      lastLoginAt: column.nullableTimestamp,
      createdAt: column.timestamp,
    },
  };

  static override get relationMappings(): RelationMappings {
    return {
      roles: {
        relation: BaseModel.ManyToManyRelation,
        modelClass: EmployerRole,
        join: {
          from: 'employer_accounts.id',
          through: { from: 'employer_account_roles.account_id', to: 'employer_account_roles.role_id' },
          to: 'employer_roles.id',
        },
      },
    };
  }
}
