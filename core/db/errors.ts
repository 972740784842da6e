// PostgreSQL constraint violations as services see them: the one place that reads SQLSTATE codes off an error, raw
// from pg or wrapped by objection (`nativeError`). Services map the constraint's name to their own Boom error.
interface PgLikeError {
  code?: string;
  constraint?: string;
  nativeError?: { code?: string; constraint?: string };
}

function violation(err: unknown, sqlState: string): string | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as PgLikeError;
  if ((e.code ?? e.nativeError?.code) !== sqlState && e.nativeError?.code !== sqlState) return undefined;
  return e.constraint ?? e.nativeError?.constraint ?? '';
}

/** The name of the unique constraint (or index) `err` violates (SQLSTATE 23505), else undefined. */
export function uniqueViolation(err: unknown): string | undefined {
  return violation(err, '23505');
}

/** The name of the foreign key `err` violates (SQLSTATE 23503), else undefined. */
export function foreignKeyViolation(err: unknown): string | undefined {
  return violation(err, '23503');
}

/** The SQLSTATE of a database error, raw or wrapped. */
export function sqlState(err: unknown): string | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as PgLikeError;
  return e.nativeError?.code ?? e.code;
}

/** The name of the exclusion constraint `err` violates (SQLSTATE 23P01), else undefined. */
export function exclusionViolation(err: unknown): string | undefined {
  return violation(err, '23P01');
}
