// Every outbox row gets a UUID, and the bull job id is that UUID. The old job id `outbox-<row id>` was unique only
// within one database: after a restore or a recreated database, Redis still held jobs under the reused ids and bull
// silently dropped the new events. `checked_at` lets the relay look at each dispatched row in turn when it checks
// that its bull job still exists. Safe to re-run (IF NOT EXISTS); gen_random_uuid() is built into PostgreSQL 13+.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE outbox ADD COLUMN IF NOT EXISTS uuid uuid NOT NULL DEFAULT gen_random_uuid()`);
  await knex.raw(`CREATE UNIQUE INDEX IF NOT EXISTS outbox_uuid ON outbox (uuid)`);
  await knex.raw(`ALTER TABLE outbox ADD COLUMN IF NOT EXISTS checked_at timestamptz`);
  await knex.raw(
    `CREATE INDEX IF NOT EXISTS outbox_dispatched ON outbox (dispatched_at, id) WHERE status = 'dispatched'`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP INDEX IF EXISTS outbox_dispatched`);
  await knex.raw(`ALTER TABLE outbox DROP COLUMN IF EXISTS checked_at`);
  await knex.raw(`DROP INDEX IF EXISTS outbox_uuid`);
  await knex.raw(`ALTER TABLE outbox DROP COLUMN IF EXISTS uuid`);
}
