// Info sessions (宣讲会) at a school site: the site's rooms (教室/报告厅) with bookable hours, and sessions that are
// online (a live-stream URL) or offline (one room of the same site). The database guards the rooms: an exclusion
// constraint over (room, time range) lets no two pending or approved sessions hold one room at overlapping times;
// a cancelled, rejected or withdrawn session leaves the constraint's WHERE and frees its room. Back-to-back sessions
// are allowed ('[)' ranges). Needs btree_gist (integer equality in a GiST index): PostgreSQL ships it as a contrib
// extension, the embedded PGlite loads it in core/db/knex.ts. Safe to re-run: the extension is created if missing.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS btree_gist');

  await knex.schema.createTable('rooms', (t) => {
    t.increments('id');
    t.integer('site_id').notNullable().references('sites.id');
    t.text('name').notNullable();
    t.text('building').notNullable().defaultTo('');
    t.integer('capacity').notNullable();
    t.boolean('bookable').notNullable().defaultTo(true);
    t.specificType('opens', 'time').notNullable().defaultTo('08:00');
    t.specificType('closes', 'time').notNullable().defaultTo('21:30');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['site_id', 'name'], { indexName: 'rooms_site_id_name_unique' });
    t.unique(['id', 'site_id'], { indexName: 'rooms_id_site_id_unique' });
  });
  await knex.raw(
    `ALTER TABLE rooms ADD CONSTRAINT rooms_values CHECK (capacity > 0 AND closes > opens AND length(name) > 0)`,
  );

  await knex.schema.createTable('presentations', (t) => {
    t.increments('id');
    t.integer('site_id').notNullable().references('sites.id');
    t.integer('employer_id').notNullable().references('employers.id').onDelete('CASCADE');
    t.text('mode').notNullable();
    t.integer('room_id');
    t.text('live_url');
    t.text('title').notNullable();
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.timestamp('ends_at', { useTz: true }).notNullable();
    t.text('status').notNullable().defaultTo('pending');
    t.text('description').notNullable().defaultTo('');
    t.jsonb('contacts').notNullable().defaultTo('[]');
    t.integer('expected_audience');
    t.integer('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['site_id', 'starts_at']);
    t.index(['employer_id', 'id']);
  });
  await knex.raw(
    `ALTER TABLE presentations ADD CONSTRAINT presentations_room FOREIGN KEY (room_id, site_id) REFERENCES rooms (id, site_id)`,
  );
  await knex.raw(
    `ALTER TABLE presentations ADD CONSTRAINT presentations_mode CHECK ((mode = 'online' AND room_id IS NULL AND live_url IS NOT NULL) OR (mode = 'offline' AND room_id IS NOT NULL AND live_url IS NULL))`,
  );
  await knex.raw(
    `ALTER TABLE presentations ADD CONSTRAINT presentations_status CHECK (status IN ('pending','approved','rejected','cancelled','withdrawn'))`,
  );
  await knex.raw(`ALTER TABLE presentations ADD CONSTRAINT presentations_times CHECK (ends_at > starts_at)`);
  await knex.raw(
    `ALTER TABLE presentations ADD CONSTRAINT presentations_room_free EXCLUDE USING gist (room_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) WHERE (status IN ('pending','approved') AND room_id IS NOT NULL)`,
  );

  await knex.schema.createTable('presentation_jobs', (t) => {
    t.integer('presentation_id').notNullable().references('presentations.id').onDelete('CASCADE');
    t.integer('job_id').notNullable().references('jobs.id').onDelete('CASCADE');
    t.primary(['presentation_id', 'job_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('presentation_jobs');
  await knex.schema.dropTable('presentations');
  await knex.schema.dropTable('rooms');
}
