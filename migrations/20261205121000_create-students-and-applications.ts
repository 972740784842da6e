// Students and their applications (简历). A student belongs to one school site and is imported by its staff from a
// roster: 学号 unique within the school, 身份证号 unique in the province (both constraints, not checks in JS). A student
// signs in on their school's site (学号 or phone + password; a first sign-in by SMS code sets the password).
// An application is a student's résumé sent to one job through their school's site: at most one live application per
// student and job (a partial unique index: a withdrawn one may be followed by a new one), its status one of the
// inbox's states, moved only by the transitions in plugins/applications/transitions.ts. Every employer view and
// download of a résumé is recorded (application_views), visible to the school. Interviews: at most one open
// (invited or accepted) invitation per application. Messages may now go to a student as well as to an employer:
// exactly one recipient. Files may belong to a student (a résumé's PDF attachment).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('students', (t) => {
    t.increments('id');
    t.integer('site_id').notNullable().references('sites.id');
    t.text('student_no').notNullable();
    t.text('name').notNullable();
    t.text('id_number').notNullable();
    t.text('gender').notNullable();
    t.text('degree').notNullable();
    t.text('major').notNullable();
    t.integer('graduation_year').notNullable();
    t.text('phone').notNullable();
    t.boolean('e_sign_eligible').notNullable().defaultTo(false);
    t.text('password_hash');
    t.integer('token_version').notNullable().defaultTo(1);
    t.integer('failed_logins').notNullable().defaultTo(0);
    t.timestamp('locked_until', { useTz: true });
    t.timestamp('disabled_at', { useTz: true });
    t.timestamp('last_login_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['site_id', 'student_no'], { indexName: 'students_site_student_no_unique' });
    t.unique(['id_number'], { indexName: 'students_id_number_unique' });
    t.unique(['site_id', 'phone'], { indexName: 'students_site_phone_unique' });
    t.index(['site_id', 'name']);
  });
  await knex.raw(
    `ALTER TABLE students ADD CONSTRAINT students_values CHECK (
       student_no ~ '^[A-Za-z0-9-]{1,32}$'
       AND length(name) BETWEEN 1 AND 50
       AND id_number ~ '^[0-9]{17}[0-9X]$'
       AND gender IN ('男', '女')
       AND degree IN ('专科', '本科', '硕士', '博士')
       AND graduation_year BETWEEN 2000 AND 2100
       AND phone ~ '^1[3-9][0-9]{9}$')`,
  );

  await knex.schema.createTable('student_resumes', (t) => {
    t.integer('student_id').primary().references('students.id').onDelete('CASCADE');
    t.jsonb('education').notNullable().defaultTo('[]');
    t.jsonb('experience').notNullable().defaultTo('[]');
    t.jsonb('skills').notNullable().defaultTo('[]');
    t.jsonb('awards').notNullable().defaultTo('[]');
    t.text('summary').notNullable().defaultTo('');
    t.text('email');
    t.uuid('attachment_file_id').references('files.id').onDelete('SET NULL');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.alterTable('files', (t) => {
    t.integer('student_id').references('students.id').onDelete('CASCADE');
    t.index(['student_id']);
  });

  await knex.schema.createTable('applications', (t) => {
    t.increments('id');
    t.integer('job_id').notNullable().references('jobs.id').onDelete('CASCADE');
    t.integer('employer_id').notNullable().references('employers.id').onDelete('CASCADE');
    t.integer('student_id').notNullable().references('students.id').onDelete('CASCADE');
    // the student's school site, through which the application was made
    t.integer('site_id').notNullable().references('sites.id');
    t.text('status').notNullable().defaultTo('submitted');
    // the résumé as it was sent: the employer reads this, not the student's later edits
    t.jsonb('resume').notNullable();
    t.timestamp('viewed_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['employer_id', 'created_at', 'id']);
    t.index(['employer_id', 'status']);
    t.index(['job_id']);
    t.index(['student_id', 'created_at']);
    t.index(['site_id', 'student_id']);
  });
  await knex.raw(
    `ALTER TABLE applications ADD CONSTRAINT applications_status CHECK (status IN ('submitted','viewed','interview_invited','interview','offer','rejected','withdrawn'))`,
  );
  await knex.raw(
    `CREATE UNIQUE INDEX applications_one_per_job ON applications (job_id, student_id) WHERE status <> 'withdrawn'`,
  );

  await knex.schema.createTable('application_events', (t) => {
    t.bigIncrements('id');
    t.integer('application_id').notNullable().references('applications.id').onDelete('CASCADE');
    t.text('from_status');
    t.text('to_status').notNullable();
    t.text('actor_kind').notNullable();
    t.integer('actor_id');
    t.text('note');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['application_id', 'id']);
  });
  await knex.raw(
    `ALTER TABLE application_events ADD CONSTRAINT application_events_actor CHECK (actor_kind IN ('student','employer','staff','system'))`,
  );

  await knex.schema.createTable('application_views', (t) => {
    t.bigIncrements('id');
    t.integer('application_id').notNullable().references('applications.id').onDelete('CASCADE');
    t.integer('employer_id').notNullable().references('employers.id').onDelete('CASCADE');
    t.integer('account_id').notNullable();
    t.text('account_name').notNullable();
    t.text('action').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['application_id', 'created_at']);
  });
  await knex.raw(
    `ALTER TABLE application_views ADD CONSTRAINT application_views_action CHECK (action IN ('view','download','export'))`,
  );

  await knex.schema.createTable('interviews', (t) => {
    t.increments('id');
    t.integer('application_id').notNullable().references('applications.id').onDelete('CASCADE');
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.text('mode').notNullable();
    t.text('place');
    t.text('url');
    t.text('contact_name').notNullable();
    t.text('contact_phone').notNullable();
    t.text('note');
    t.text('status').notNullable().defaultTo('invited');
    t.integer('created_by');
    t.timestamp('answered_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['application_id']);
  });
  await knex.raw(
    `ALTER TABLE interviews ADD CONSTRAINT interviews_values CHECK (
       status IN ('invited','accepted','declined','cancelled')
       AND ((mode = 'onsite' AND place IS NOT NULL) OR (mode = 'online' AND url IS NOT NULL)))`,
  );
  await knex.raw(
    `CREATE UNIQUE INDEX interviews_one_open ON interviews (application_id) WHERE status IN ('invited','accepted')`,
  );

  await knex.schema.alterTable('messages', (t) => {
    t.integer('student_id').references('students.id').onDelete('CASCADE');
  });
  await knex.raw('ALTER TABLE messages ALTER COLUMN employer_id DROP NOT NULL');
  await knex.raw(
    `ALTER TABLE messages ADD CONSTRAINT messages_one_recipient CHECK ((employer_id IS NULL) <> (student_id IS NULL))`,
  );
  await knex.raw(
    `CREATE INDEX messages_student ON messages (student_id, created_at DESC) WHERE student_id IS NOT NULL`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS messages_student');
  await knex.raw('ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_one_recipient');
  await knex('messages').whereNotNull('student_id').delete();
  await knex.schema.alterTable('messages', (t) => t.dropColumn('student_id'));
  await knex.raw('ALTER TABLE messages ALTER COLUMN employer_id SET NOT NULL');
  await knex.schema.dropTable('interviews');
  await knex.schema.dropTable('application_views');
  await knex.schema.dropTable('application_events');
  await knex.schema.dropTable('applications');
  await knex.schema.alterTable('files', (t) => t.dropColumn('student_id'));
  await knex.schema.dropTable('student_resumes');
  await knex.schema.dropTable('students');
}
