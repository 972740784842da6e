// Base objection model: snake_case columns, camelCase properties, timestamps kept by the database.
// Models hold table, relations and JSON schema only; services bind them to the handle they hold (`Model.query(trx)`,
// never a global knex: PGlite has one connection, and the outer knex inside a transaction waits forever).
// Array columns (text[]) are plain arrays for pg: only the columns a model lists in `jsonAttributes` are JSON.
import { AjvValidator, Model, snakeCaseMappers, type ColumnNameMappers, type JSONSchema } from 'objection';

export class BaseModel extends Model {
  static override get columnNameMappers(): ColumnNameMappers {
    return snakeCaseMappers();
  }
  static override useLimitInFirst = true;
  static override jsonAttributes: string[] = [];
  // Nullable columns are `type: [T, 'null']`: Ajv's strict mode wants union types allowed explicitly.
  static override createValidator(): AjvValidator {
    return new AjvValidator({
      onCreateAjv: () => {},
      options: { allErrors: true, validateSchema: false, ownProperties: true, allowUnionTypes: true },
    });
  }
}

/**
 * The row as the database has it (snake_case columns, no relations): for services whose public methods return the
 * rows they always returned (`ReviewRow`, `AccountRow` …).
 */
export function toRow<R>(model: BaseModel): R {
  // Not `$toDatabaseJson()`: that one also wants the `now()` a model was inserted with, not the value read back.
  return model.$formatDatabaseJson(model.$toJson({ shallow: true, virtuals: false })) as R;
}

/** JSON schema fragments for the column types the migrations use. */
export const column = {
  id: { type: 'integer' },
  /** bigIncrements / bigInteger: numbers here (the drivers parse INT8 as a number). */
  bigId: { type: 'integer' },
  integer: { type: 'integer' },
  nullableInteger: { type: ['integer', 'null'] },
  text: { type: 'string' },
  nullableText: { type: ['string', 'null'] },
  boolean: { type: 'boolean' },
  uuid: { type: 'string', format: 'uuid' },
  nullableUuid: { type: ['string', 'null'], format: 'uuid' },
  textArray: { type: 'array', items: { type: 'string' } },
  jsonb: { type: ['object', 'array'] },
  /** timestamptz: a Date read back, an ISO string or the database's now() written. */
  timestamp: { type: ['string', 'object'] },
  nullableTimestamp: { type: ['string', 'object', 'null'] },
  enumOf: (values: readonly string[]) => ({ type: 'string', enum: [...values] }),
  nullableEnumOf: (values: readonly string[]) => ({ type: ['string', 'null'], enum: [...values, null] }),
} satisfies Record<string, JSONSchema | ((v: readonly string[]) => JSONSchema)>;
