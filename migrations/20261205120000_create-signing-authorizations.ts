// Signing authorisations (签约授权): an employer's request to sign agreements online — the stamped letter (a file of its
// own), the handling agent (real name, 居民身份证号, phone) and the validity it asks for — reviewed by the province
// (main site). Each request is a row: a renewal is a new request, and the approval in force stays in force until the
// renewal is decided. The database holds the rules it can: one pending request per employer (partial unique index),
// the status set, decided rows carry their decision time, and only approved rows carry a validity period.
// Safe to re-run: it creates only what is missing.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE IF NOT EXISTS signing_authorizations (
      id serial PRIMARY KEY,
      employer_id integer NOT NULL REFERENCES employers(id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'pending',
      letter_file_id uuid NOT NULL REFERENCES files(id),
      agent_name text NOT NULL,
      agent_id_number text NOT NULL,
      agent_phone text NOT NULL,
      requested_valid_until date NOT NULL,
      valid_from date,
      valid_until date,
      comment text,
      submitted_by integer REFERENCES employer_accounts(id) ON DELETE SET NULL,
      decided_by integer REFERENCES staff_accounts(id) ON DELETE SET NULL,
      decided_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT signing_authorizations_status CHECK (status IN ('pending', 'approved', 'rejected')),
      CONSTRAINT signing_authorizations_agent_name CHECK (char_length(agent_name) BETWEEN 2 AND 30),
      CONSTRAINT signing_authorizations_agent_id_number CHECK (agent_id_number ~ '^[0-9]{17}[0-9X]$'),
      CONSTRAINT signing_authorizations_agent_phone CHECK (agent_phone ~ '^1[3-9][0-9]{9}$'),
      CONSTRAINT signing_authorizations_comment_length CHECK (comment IS NULL OR char_length(comment) <= 500),
      CONSTRAINT signing_authorizations_decided CHECK ((status = 'pending') = (decided_at IS NULL)),
      CONSTRAINT signing_authorizations_validity CHECK (
        CASE WHEN status = 'approved'
          THEN valid_from IS NOT NULL AND valid_until IS NOT NULL AND valid_until >= valid_from
          ELSE valid_from IS NULL AND valid_until IS NULL
        END
      )
    )`);
  await knex.raw(
    `CREATE UNIQUE INDEX IF NOT EXISTS signing_authorizations_one_pending ON signing_authorizations (employer_id) WHERE status = 'pending'`,
  );
  await knex.raw(
    `CREATE INDEX IF NOT EXISTS signing_authorizations_employer ON signing_authorizations (employer_id, id)`,
  );
  await knex.raw(
    `CREATE INDEX IF NOT EXISTS signing_authorizations_letter ON signing_authorizations (letter_file_id)`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE IF EXISTS signing_authorizations`);
}
