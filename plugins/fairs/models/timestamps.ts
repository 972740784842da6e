// Timestamps of the fairs models are ISO 8601 strings, as the API shows them and as joi hands them in: the drivers give
// `Date`s, which are turned into strings when a row is read, so a model's JSON schema can check the strings written.
import type { Pojo } from 'objection';

/** A JSON schema for a timestamp column (`nullable` allows null). */
export const timestamp = (nullable = false) =>
  ({ type: nullable ? ['string', 'null'] : 'string', format: 'date-time' }) as const;

/** Turns the `Date`s of these properties of a row read from the database into ISO strings. */
export function isoTimestamps(json: Pojo, properties: readonly string[]): Pojo {
  for (const p of properties) {
    const value: unknown = json[p];
    if (value instanceof Date) json[p] = value.toISOString();
  }
  return json;
}
