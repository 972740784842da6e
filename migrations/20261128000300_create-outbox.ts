// Transactional outbox: side effects are rows written in the same transaction as the change.
// The relay moves pending rows to bull (or runs them in-process); processors are idempotent on outbox id.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('outbox', (t) => {
    t.bigIncrements('id');
    t.text('topic').notNullable();
    t.jsonb('payload').notNullable();
    t.text('site_slug');
    t.text('status').notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error');
    t.timestamp('available_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('dispatched_at', { useTz: true });
    t.timestamp('processed_at', { useTz: true });
  });
  await knex.raw(
    `ALTER TABLE outbox ADD CONSTRAINT outbox_status CHECK (status IN ('pending','dispatched','done','failed'))`,
  );
  await knex.raw(`CREATE INDEX outbox_pending ON outbox (available_at, id) WHERE status = 'pending'`);

  await knex.schema.createTable('sms_deliveries', (t) => {
    t.bigIncrements('id');
    t.bigInteger('outbox_id').notNullable().unique().references('outbox.id');
    t.text('phone').notNullable();
    t.text('template').notNullable();
    t.text('status').notNullable().defaultTo('sending');
    t.text('provider_message_id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('sent_at', { useTz: true });
    t.index(['phone', 'created_at']);
  });
  await knex.raw(`ALTER TABLE sms_deliveries ADD CONSTRAINT sms_status CHECK (status IN ('sending','sent'))`);
  await knex.raw(
    `ALTER TABLE sms_deliveries ADD CONSTRAINT sms_phone_format CHECK (phone ~ '^1[3-9][0-9]{9}$')`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sms_deliveries');
  await knex.schema.dropTable('outbox');
}
