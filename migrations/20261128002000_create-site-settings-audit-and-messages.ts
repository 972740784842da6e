import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Every change school staff make to their site's configuration, with the whole before/after.
  await knex.schema.createTable('site_settings_audit', (t) => {
    t.bigIncrements('id');
    t.integer('site_id').notNullable().references('sites.id').onDelete('CASCADE');
    t.integer('staff_id').references('staff_accounts.id');
    t.integer('version').notNullable();
    t.jsonb('before').notNullable();
    t.jsonb('after').notNullable();
    t.specificType('changed', 'text[]').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['site_id', 'id']);
  });

  // In-site messages (站内消息) to an employer; one per source event (idempotent processors).
  await knex.schema.createTable('messages', (t) => {
    t.bigIncrements('id');
    t.integer('employer_id').notNullable().references('employers.id').onDelete('CASCADE');
    t.text('kind').notNullable();
    t.text('title').notNullable();
    t.text('body').notNullable();
    t.text('site_slug');
    t.text('link');
    t.bigInteger('source_outbox_id').unique();
    t.timestamp('read_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`CREATE INDEX messages_employer ON messages (employer_id, created_at DESC)`);
  await knex.raw(`CREATE INDEX messages_unread ON messages (employer_id) WHERE read_at IS NULL`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('messages');
  await knex.schema.dropTable('site_settings_audit');
}
