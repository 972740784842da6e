// Idempotency-Key of creating POSTs (core/http/idempotency.ts): the first request with a key claims the row, a retry
// gets the stored answer. In PostgreSQL, not Redis: a retry is most likely when Redis (or the network) was the trouble.
// Rows are kept 24 hours. Safe to re-run: it creates only what is missing.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE IF NOT EXISTS idempotency_keys (
      id bigserial PRIMARY KEY,
      principal text NOT NULL,
      route text NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      status text NOT NULL DEFAULT 'pending',
      response_status integer,
      response_type text,
      response_body text,
      created_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz,
      CONSTRAINT idempotency_keys_status CHECK (status IN ('pending', 'done')),
      CONSTRAINT idempotency_keys_key CHECK (char_length(key) BETWEEN 1 AND 100),
      CONSTRAINT idempotency_keys_done CHECK (status = 'pending' OR response_status IS NOT NULL),
      CONSTRAINT idempotency_keys_unique UNIQUE (principal, route, key)
    )`);
  await knex.raw(`CREATE INDEX IF NOT EXISTS idempotency_keys_created_at ON idempotency_keys (created_at)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE IF EXISTS idempotency_keys`);
}
