// Base objection model: snake_case columns, camelCase properties, timestamps kept by the database.
import { Model, snakeCaseMappers, type ColumnNameMappers } from 'objection';

export class BaseModel extends Model {
  static override get columnNameMappers(): ColumnNameMappers {
    return snakeCaseMappers();
  }
  static override useLimitInFirst = true;
}
