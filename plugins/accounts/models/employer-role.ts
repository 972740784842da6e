// The employer_roles table: named permission sets of one employer; the built-in 单位管理员 holds every permission
// (CHECK constraints refuse unknown keys and a built-in role missing one).
import type { JSONSchema, RelationMappings } from 'objection';
import { BaseModel, column } from '../../../core/db/model.js';
import { PERMISSION_KEYS, type Permission } from '../permissions.js';
import { EmployerAccount } from './employer-account.js';

export class EmployerRole extends BaseModel {
  static override tableName = 'employer_roles';

  id!: number;
  employerId!: number;
  name!: string;
  permissions!: Permission[];
  builtin!: boolean;
  createdAt!: Date;
  accounts?: EmployerAccount[];

  static override jsonSchema: JSONSchema = {
    type: 'object',
    required: ['employerId', 'name'],
    properties: {
      id: column.id,
      employerId: column.id,
      name: { type: 'string', minLength: 1, maxLength: 30 },
      permissions: { type: 'array', items: column.enumOf(PERMISSION_KEYS) },
      builtin: column.boolean,
      createdAt: column.timestamp,
    },
  };

  static override get relationMappings(): RelationMappings {
    return {
      accounts: {
        relation: BaseModel.ManyToManyRelation,
        modelClass: EmployerAccount,
        join: {
          from: 'employer_roles.id',
          through: { from: 'employer_account_roles.role_id', to: 'employer_account_roles.account_id' },
          to: 'employer_accounts.id',
        },
      },
    };
  }
}
