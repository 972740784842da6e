// Employers, their accounts and roles. Name, USCC and every account phone are unique across the whole network;
// the database enforces it so that concurrent registrations leave exactly one winner.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('employers', (t) => {
    t.increments('id');
    t.text('name').notNullable();
    t.text('uscc').notNullable();
    t.boolean('uscc_check_passed').notNullable();
    t.text('uscc_override_reason');
    t.integer('uscc_override_by').references('staff_accounts.id');
    t.timestamp('uscc_override_at', { useTz: true });
    t.boolean('e_sign_enabled').notNullable().defaultTo(false);
    t.text('contact_name').notNullable();
    t.text('contact_phone').notNullable();
    t.text('contact_email');
    t.text('nature');
    t.text('industry');
    t.text('scale');
    t.text('region_code');
    t.text('address');
    t.text('website');
    t.text('intro');
    t.uuid('authorization_letter_file_id');
    t.timestamp('profile_submitted_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`CREATE UNIQUE INDEX employers_name_unique ON employers (name)`);
  await knex.raw(`CREATE UNIQUE INDEX employers_uscc_unique ON employers (uscc)`);
  await knex.raw(
    `ALTER TABLE employers ADD CONSTRAINT employers_uscc_format CHECK (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$')`,
  );
  await knex.raw(
    `ALTER TABLE employers ADD CONSTRAINT employers_name_length CHECK (char_length(name) BETWEEN 2 AND 100)`,
  );
  await knex.raw(
    `ALTER TABLE employers ADD CONSTRAINT employers_contact_phone_format CHECK (contact_phone ~ '^1[3-9][0-9]{9}$')`,
  );
  await knex.raw(
    `ALTER TABLE employers ADD CONSTRAINT employers_uscc_override CHECK (uscc_check_passed OR uscc_override_reason IS NULL OR uscc_override_by IS NOT NULL)`,
  );

  await knex.schema.createTable('employer_accounts', (t) => {
    t.increments('id');
    t.integer('employer_id').notNullable().references('employers.id').onDelete('CASCADE');
    t.text('phone').notNullable();
    t.text('name').notNullable();
    t.text('email');
    t.text('password_hash');
    t.boolean('is_admin').notNullable().defaultTo(false);
    t.integer('token_version').notNullable().defaultTo(1);
    t.integer('failed_logins').notNullable().defaultTo(0);
    t.timestamp('locked_until', { useTz: true });
    t.timestamp('disabled_at', { useTz: true });
    t.timestamp('last_login_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['employer_id']);
  });
  await knex.raw(`CREATE UNIQUE INDEX employer_accounts_phone_unique ON employer_accounts (phone)`);
  await knex.raw(
    `ALTER TABLE employer_accounts ADD CONSTRAINT employer_accounts_phone_format CHECK (phone ~ '^1[3-9][0-9]{9}$')`,
  );

  await knex.schema.createTable('employer_roles', (t) => {
    t.increments('id');
    t.integer('employer_id').notNullable().references('employers.id').onDelete('CASCADE');
    t.text('name').notNullable();
    t.specificType('permissions', 'text[]').notNullable().defaultTo('{}');
    t.boolean('builtin').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['employer_id', 'name']);
  });
  await knex.raw(
    `CREATE UNIQUE INDEX employer_roles_one_builtin ON employer_roles (employer_id) WHERE builtin`,
  );
  await knex.raw(
    `ALTER TABLE employer_roles ADD CONSTRAINT employer_roles_name_length CHECK (char_length(name) BETWEEN 1 AND 30)`,
  );
  await knex.raw(
    `ALTER TABLE employer_roles ADD CONSTRAINT employer_roles_permissions_known CHECK (permissions <@ ARRAY['profile','sites','accounts','jobs','announcements','fairs','presentations','applications','signing']::text[])`,
  );
  await knex.raw(
    `ALTER TABLE employer_roles ADD CONSTRAINT employer_roles_builtin_has_all CHECK (NOT builtin OR permissions @> ARRAY['profile','sites','accounts','jobs','announcements','fairs','presentations','applications','signing']::text[])`,
  );

  await knex.schema.createTable('employer_account_roles', (t) => {
    t.integer('account_id').notNullable().references('employer_accounts.id').onDelete('CASCADE');
    t.integer('role_id').notNullable().references('employer_roles.id').onDelete('RESTRICT');
    t.primary(['account_id', 'role_id']);
    t.index(['role_id']);
  });

  await knex.schema.createTable('files', (t) => {
    t.uuid('id').primary();
    t.integer('employer_id').references('employers.id').onDelete('CASCADE');
    t.integer('uploaded_by');
    t.text('purpose').notNullable();
    t.text('name').notNullable();
    t.integer('size').notNullable();
    t.text('mime').notNullable();
    t.text('sha256').notNullable();
    t.text('storage_key').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['employer_id', 'created_at']);
  });
  await knex.raw(
    `ALTER TABLE files ADD CONSTRAINT files_mime CHECK (mime IN ('application/pdf','image/jpeg','image/png'))`,
  );
  await knex.raw(`ALTER TABLE files ADD CONSTRAINT files_size CHECK (size > 0 AND size <= 10485760)`);
  await knex.raw(
    `ALTER TABLE employers ADD CONSTRAINT employers_letter_file FOREIGN KEY (authorization_letter_file_id) REFERENCES files(id)`,
  );

  await knex.schema.createTable('memberships', (t) => {
    t.increments('id');
    t.integer('site_id').notNullable().references('sites.id');
    t.integer('employer_id').notNullable().references('employers.id').onDelete('CASCADE');
    t.text('status').notNullable();
    t.specificType('tag_ids', 'text[]').notNullable().defaultTo('{}');
    t.text('comment');
    t.timestamp('applied_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('decided_at', { useTz: true });
    t.unique(['site_id', 'employer_id']);
    t.index(['employer_id']);
  });
  await knex.raw(
    `ALTER TABLE memberships ADD CONSTRAINT memberships_status CHECK (status IN ('pending','approved','rejected'))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('memberships');
  await knex.raw('ALTER TABLE employers DROP CONSTRAINT employers_letter_file');
  await knex.schema.dropTable('files');
  await knex.schema.dropTable('employer_account_roles');
  await knex.schema.dropTable('employer_roles');
  await knex.schema.dropTable('employer_accounts');
  await knex.schema.dropTable('employers');
}
