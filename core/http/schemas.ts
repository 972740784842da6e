// Joi pieces every route layer shares.
import Joi from 'joi';

/** A row id: a positive PostgreSQL `integer` (a larger number would make the query fail, not miss). */
export const rowId = Joi.number().integer().min(1).max(2_147_483_647);

/** Path parameters `{id}` of a route about one row. */
export const idParams = Joi.object({ id: rowId.required() });
