// The note staff give when they record a refund (e.g. the transfer number) gets its own column: `payment_comment`
// already carries the reason a receipt was returned or a booking rejected, which a refund must not overwrite.
// Safe to re-run: the column is added only once.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE fair_bookings ADD COLUMN IF NOT EXISTS refund_note text`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE fair_bookings DROP COLUMN IF EXISTS refund_note`);
}
