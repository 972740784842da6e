// Query strings and path parameters of public pages are read leniently: a filter value that fails its joi rule is
// dropped and the page renders without it, so a stale or hand-edited link never ends in an error page.
import type Joi from 'joi';

/**
 * A hapi query validator that drops the parameters failing `schema` instead of answering 400; every key of the
 * schema must be optional (or have a default) so the second pass always succeeds.
 */
export function lenientQuery(schema: Joi.ObjectSchema) {
  return async (value: object | Buffer | string): Promise<Record<string, unknown>> => {
    const input: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const first = schema.validate(input, { abortEarly: false });
    if (!first.error) return first.value as Record<string, unknown>;
    for (const detail of first.error.details) delete input[String(detail.path[0])];
    const second = schema.validate(input, { abortEarly: false });
    if (second.error) throw second.error;
    return second.value as Record<string, unknown>;
  };
}

/** A path parameter validator whose failure is the page's 404 (e.g. /jobs/abc), never a 400. */
export function paramsOr404(schema: Joi.ObjectSchema, notFound: () => Error) {
  return async (value: object | Buffer | string): Promise<Record<string, unknown>> => {
    const { error, value: valid } = schema.validate(value);
    if (error) throw notFound();
    return valid as Record<string, unknown>;
  };
}
