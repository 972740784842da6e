import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('staff_accounts', (t) => {
    t.increments('id');
    t.integer('site_id').notNullable().references('sites.id').onDelete('RESTRICT');
    t.text('username').notNullable().unique();
    t.text('name').notNullable();
    t.text('password_hash').notNullable();
    t.specificType('roles', 'text[]').notNullable().defaultTo('{admin}');
    t.integer('token_version').notNullable().defaultTo(1);
    t.integer('failed_logins').notNullable().defaultTo(0);
    t.timestamp('locked_until', { useTz: true });
    t.timestamp('disabled_at', { useTz: true });
    t.timestamp('last_login_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['site_id', 'username']);
  });
  await knex.raw(
    `ALTER TABLE staff_accounts ADD CONSTRAINT staff_username_format CHECK (username ~ '^[a-z0-9.-]{3,64}$')`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('staff_accounts');
}
