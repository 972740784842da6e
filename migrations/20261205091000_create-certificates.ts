// Certificates: an unguessable, URL-safe code per issued document (参会凭证 of a presentation, an agreement …)
// that its QR code carries to the public verify URL. One code per (kind, subject): issuing again answers the same
// code. What a code shows is not stored here: the feature owning the kind reads its live state (so a cancelled
// session shows as cancelled). Safe to re-run: it creates only what is missing.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE IF NOT EXISTS certificates (
      id bigserial PRIMARY KEY,
      site_id integer NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      code text NOT NULL,
      kind text NOT NULL,
      subject_id bigint NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT certificates_code_format CHECK (code ~ '^[A-Za-z0-9_-]{22}$'),
      CONSTRAINT certificates_kind_format CHECK (kind ~ '^[a-z][a-z0-9-]{0,39}$'),
      CONSTRAINT certificates_code_unique UNIQUE (code),
      CONSTRAINT certificates_subject_unique UNIQUE (kind, subject_id)
    )`);
  await knex.raw(`CREATE INDEX IF NOT EXISTS certificates_site ON certificates (site_id, created_at)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE IF EXISTS certificates`);
}
