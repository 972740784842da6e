// An employer as a fair booking names it (id and name). Read-only: the employers plugin owns the table; fairs only
// fetch names through `FairBooking.employer`.
import { BaseModel } from '../../../core/db/model.js';

export class EmployerRef extends BaseModel {
  static override tableName = 'employers';

  declare id: number;
  declare name: string;

  static override jsonSchema = {
    type: 'object',
    properties: { id: { type: 'integer' }, name: { type: 'string' } },
  };

  static override modifiers = {
    label: (query: ReturnType<typeof EmployerRef.query>) => query.select('employers.id', 'employers.name'),
  };
}
