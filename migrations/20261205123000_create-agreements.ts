// Online signing (网签): the tripartite agreement (三方协议) between an employer, a student and the student's school, from
// the employer's invitation to signing and termination. `site_id` is the student's school, which confirms it.
// The database guarantees ONE agreement in force per student: a partial unique index over the states in which the
// student is bound (accepted, signed, terminating, and termination_refused — a refused termination leaves the signed
// agreement in force). Two offers accepted at once cannot both pass it, whatever the code does. An employer holds at
// most one live invitation or agreement per student. Every change of state appends a row to `agreement_events`, which
// no one may update or delete (a trigger raises).
import type { Knex } from 'knex';

const STATUSES = [
  'invited',
  'accepted',
  'signed',
  'declined',
  'expired',
  'rejected',
  'withdrawn',
  'terminating',
  'terminated',
  'termination_refused',
];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(',');

export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE SEQUENCE agreement_no_seq');
  await knex.schema.createTable('agreements', (t) => {
    t.increments('id');
    t.integer('employer_id').notNullable().references('employers.id');
    t.integer('student_id').notNullable().references('students.id');
    // the student's school: it confirms the agreement and its termination
    t.integer('site_id').notNullable().references('sites.id');
    t.text('status').notNullable().defaultTo('invited');
    t.text('agreement_no')
      .notNullable()
      .defaultTo(
        knex.raw(
          `('JS' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY') || lpad(nextval('agreement_no_seq')::text, 8, '0'))`,
        ),
      );
    // the offer
    t.text('position').notNullable();
    t.integer('salary_monthly').notNullable();
    t.integer('probation_months').notNullable();
    t.integer('contract_years').notNullable();
    t.text('work_place').notNullable();
    t.boolean('archive_forward').notNullable();
    t.text('archive_address');
    t.boolean('hukou_transfer').notNullable();
    t.text('hukou_address');
    t.date('respond_by').notNullable();
    t.text('note');
    // who sent it, and from which earlier agreement (再次邀约)
    t.integer('invited_by');
    t.integer('reinvited_from').references('agreements.id');
    // the three confirmations: the employer's is the invitation itself
    t.timestamp('employer_signed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('accepted_at', { useTz: true });
    t.timestamp('school_confirmed_at', { useTz: true });
    t.integer('school_confirmed_by');
    t.timestamp('closed_at', { useTz: true });
    t.text('school_comment');
    // termination (解约)
    t.text('termination_requested_by');
    t.text('termination_reason');
    t.timestamp('termination_requested_at', { useTz: true });
    t.timestamp('termination_agreed_at', { useTz: true });
    t.text('termination_note');
    t.timestamp('terminated_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['agreement_no'], { indexName: 'agreements_agreement_no_unique' });
    t.index(['employer_id', 'status', 'id']);
    t.index(['site_id', 'status', 'id']);
    t.index(['student_id', 'status']);
  });
  await knex.raw(
    `ALTER TABLE agreements ADD CONSTRAINT agreements_values CHECK (
       status IN (${list(STATUSES)})
       AND length(position) BETWEEN 1 AND 60
       AND salary_monthly BETWEEN 0 AND 1000000
       AND probation_months BETWEEN 0 AND 12
       AND contract_years BETWEEN 0 AND 20
       AND length(work_place) BETWEEN 1 AND 100
       AND (NOT archive_forward OR archive_address IS NOT NULL)
       AND (NOT hukou_transfer OR hukou_address IS NOT NULL)
       AND (termination_requested_by IS NULL OR termination_requested_by IN ('employer','student'))
       AND (status <> 'signed' OR school_confirmed_at IS NOT NULL))`,
  );
  await knex.raw(
    `CREATE UNIQUE INDEX agreements_one_active_per_student ON agreements (student_id)
       WHERE status IN ('accepted','signed','terminating','termination_refused')`,
  );
  await knex.raw(
    `CREATE UNIQUE INDEX agreements_one_live_per_employer ON agreements (employer_id, student_id)
       WHERE status IN ('invited','accepted','signed','terminating','termination_refused')`,
  );
  await knex.raw(
    `CREATE INDEX agreements_invited_respond_by ON agreements (respond_by) WHERE status = 'invited'`,
  );

  await knex.schema.createTable('agreement_events', (t) => {
    t.bigIncrements('id');
    t.integer('agreement_id').notNullable().references('agreements.id');
    t.text('from_status');
    t.text('to_status').notNullable();
    t.text('actor_kind').notNullable();
    t.integer('actor_id');
    t.text('note');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['agreement_id', 'id']);
  });
  await knex.raw(
    `ALTER TABLE agreement_events ADD CONSTRAINT agreement_events_actor CHECK (actor_kind IN ('employer','student','staff','system'))`,
  );
  await knex.raw(`
    CREATE FUNCTION agreement_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'agreement_events is append-only'; END $$`);
  await knex.raw(
    `CREATE TRIGGER agreement_events_no_change BEFORE UPDATE OR DELETE ON agreement_events FOR EACH ROW EXECUTE FUNCTION agreement_events_append_only()`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('agreement_events');
  await knex.raw('DROP FUNCTION IF EXISTS agreement_events_append_only()');
  await knex.schema.dropTable('agreements');
  await knex.raw('DROP SEQUENCE IF EXISTS agreement_no_seq');
}
