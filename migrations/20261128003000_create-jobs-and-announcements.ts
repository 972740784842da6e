// Job postings and announcements, each published to main and chosen joined sites; every site reviews its own copy
// (a publication). Public listings read publications: approved, and for jobs not yet expired (expires_on is
// copied onto the publication so the listing index can use it).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('jobs', (t) => {
    t.increments('id');
    t.integer('employer_id').notNullable().references('employers.id').onDelete('CASCADE');
    t.text('title').notNullable();
    t.text('category').notNullable();
    t.text('description').notNullable();
    t.integer('headcount').notNullable();
    t.integer('salary_min').notNullable();
    t.integer('salary_max').notNullable();
    t.specificType('cities', 'text[]').notNullable();
    t.text('degree').notNullable();
    t.specificType('majors', 'text[]').notNullable().defaultTo('{}');
    t.date('expires_on').notNullable();
    t.text('state').notNullable().defaultTo('active');
    t.integer('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['employer_id', 'state', 'id']);
  });
  await knex.raw(
    `ALTER TABLE jobs ADD CONSTRAINT jobs_salary CHECK (salary_min >= 0 AND salary_max >= salary_min)`,
  );
  await knex.raw(`ALTER TABLE jobs ADD CONSTRAINT jobs_headcount CHECK (headcount BETWEEN 1 AND 10000)`);
  await knex.raw(`ALTER TABLE jobs ADD CONSTRAINT jobs_state CHECK (state IN ('active','expired'))`);
  await knex.raw(`ALTER TABLE jobs ADD CONSTRAINT jobs_cities CHECK (cardinality(cities) BETWEEN 1 AND 20)`);
  await knex.raw(`CREATE INDEX jobs_active_due ON jobs (expires_on) WHERE state = 'active'`);

  await knex.schema.createTable('job_publications', (t) => {
    t.bigIncrements('id');
    t.integer('site_id').notNullable().references('sites.id');
    t.integer('job_id').notNullable().references('jobs.id').onDelete('CASCADE');
    t.text('status').notNullable().defaultTo('pending');
    t.text('comment');
    t.date('expires_on').notNullable();
    t.timestamp('approved_at', { useTz: true });
    t.timestamp('reviewed_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['job_id', 'site_id']);
  });
  await knex.raw(
    `ALTER TABLE job_publications ADD CONSTRAINT job_publications_status CHECK (status IN ('pending','approved','rejected'))`,
  );
  await knex.raw(
    `ALTER TABLE job_publications ADD CONSTRAINT job_publications_approved_at CHECK ((status = 'approved') = (approved_at IS NOT NULL))`,
  );
  await knex.raw(
    `CREATE INDEX job_publications_listing ON job_publications (site_id, approved_at DESC, job_id) WHERE status = 'approved'`,
  );

  await knex.schema.createTable('announcements', (t) => {
    t.increments('id');
    t.integer('employer_id').notNullable().references('employers.id').onDelete('CASCADE');
    t.text('title').notNullable();
    t.text('body').notNullable();
    t.specificType('attachments', 'uuid[]').notNullable().defaultTo('{}');
    t.integer('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('deleted_at', { useTz: true });
    t.index(['employer_id', 'id']);
  });

  await knex.schema.createTable('announcement_publications', (t) => {
    t.bigIncrements('id');
    t.integer('site_id').notNullable().references('sites.id');
    t.integer('announcement_id').notNullable().references('announcements.id').onDelete('CASCADE');
    t.text('status').notNullable().defaultTo('pending');
    t.text('comment');
    t.timestamp('approved_at', { useTz: true });
    t.timestamp('reviewed_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['announcement_id', 'site_id']);
  });
  await knex.raw(
    `ALTER TABLE announcement_publications ADD CONSTRAINT announcement_publications_status CHECK (status IN ('pending','approved','rejected'))`,
  );
  await knex.raw(
    `ALTER TABLE announcement_publications ADD CONSTRAINT announcement_publications_approved_at CHECK ((status = 'approved') = (approved_at IS NOT NULL))`,
  );
  await knex.raw(
    `CREATE INDEX announcement_publications_listing ON announcement_publications (site_id, approved_at DESC, announcement_id) WHERE status = 'approved'`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('announcement_publications');
  await knex.schema.dropTable('announcements');
  await knex.schema.dropTable('job_publications');
  await knex.schema.dropTable('jobs');
}
