// Sites mirror tenants/*.json (synced at boot, keyed on the MoE code, or the slug for `main`).
// Staff edits live in site_settings and override the manifest without touching it.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sites', (t) => {
    t.increments('id');
    t.text('key').notNullable().unique();
    t.text('slug').notNullable().unique();
    t.text('code').unique();
    t.text('name').notNullable();
    t.text('city').notNullable();
    t.text('level').notNullable();
    t.jsonb('manifest').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(
    `ALTER TABLE sites ADD CONSTRAINT sites_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$')`,
  );
  await knex.raw(
    `ALTER TABLE sites ADD CONSTRAINT sites_code_format CHECK (code IS NULL OR code ~ '^[0-9]{10}$')`,
  );
  await knex.raw(
    `ALTER TABLE sites ADD CONSTRAINT sites_key_is_code_or_main CHECK (key = coalesce(code, slug))`,
  );

  await knex.schema.createTable('site_settings', (t) => {
    t.integer('site_id').primary().references('sites.id').onDelete('CASCADE');
    t.jsonb('overrides').notNullable().defaultTo('{}');
    t.integer('version').notNullable().defaultTo(1);
    t.integer('updated_by');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('site_settings');
  await knex.schema.dropTable('sites');
}
