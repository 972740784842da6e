import type { Knex } from 'knex';

export interface OutboxOptions {
  /** Slug of the site the side effect belongs to (payloads of site-scoped jobs carry it). */
  site?: string;
  /** Do not run before this time. */
  availableAt?: Date;
}

/**
 * Records a side effect in the caller's transaction: it runs only if the transaction commits, and is
 * retried until its processor succeeds. Returns the outbox id, which processors use for idempotency.
 */
export async function enqueue(
  trx: Knex | Knex.Transaction,
  topic: string,
  payload: object,
  options: OutboxOptions = {},
): Promise<number> {
  const [row] = await trx('outbox')
    .insert({
      topic,
      payload: JSON.stringify(payload),
      site_slug: options.site ?? null,
      ...(options.availableAt ? { available_at: options.availableAt } : {}),
    })
    .returning('id');
  return Number((row as { id: number }).id);
}
