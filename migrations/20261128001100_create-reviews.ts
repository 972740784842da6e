// The review engine: one review per (site, subject), and an append-only history of every submission and decision.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('reviews', (t) => {
    t.bigIncrements('id');
    t.integer('site_id').notNullable().references('sites.id');
    t.text('subject_type').notNullable();
    t.bigInteger('subject_id').notNullable();
    t.integer('employer_id').references('employers.id').onDelete('CASCADE');
    t.text('summary').notNullable();
    t.text('status').notNullable();
    t.text('comment');
    t.text('decided_by_kind');
    t.integer('decided_by');
    t.text('policy');
    t.timestamp('submitted_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('decided_at', { useTz: true });
    t.unique(['site_id', 'subject_type', 'subject_id']);
  });
  await knex.raw(`CREATE INDEX reviews_queue ON reviews (site_id, status, subject_type, submitted_at)`);
  await knex.raw(
    `ALTER TABLE reviews ADD CONSTRAINT reviews_status CHECK (status IN ('pending','approved','rejected'))`,
  );
  await knex.raw(
    `ALTER TABLE reviews ADD CONSTRAINT reviews_subject_type CHECK (subject_type IN ('membership','job','announcement','fair_booking','presentation','signing_authorization'))`,
  );
  await knex.raw(
    `ALTER TABLE reviews ADD CONSTRAINT reviews_reject_has_comment CHECK (status <> 'rejected' OR coalesce(btrim(comment), '') <> '')`,
  );

  await knex.schema.createTable('review_events', (t) => {
    t.bigIncrements('id');
    t.bigInteger('review_id').notNullable().references('reviews.id').onDelete('CASCADE');
    t.integer('site_id').notNullable();
    t.text('action').notNullable();
    t.text('comment');
    t.text('actor_kind').notNullable();
    t.integer('actor_id');
    t.text('policy');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['review_id', 'id']);
  });
  await knex.raw(
    `ALTER TABLE review_events ADD CONSTRAINT review_events_action CHECK (action IN ('submitted','resubmitted','approved','rejected','held','uscc_override'))`,
  );
  await knex.raw(
    `ALTER TABLE review_events ADD CONSTRAINT review_events_actor CHECK (actor_kind IN ('employer','staff','policy','system'))`,
  );
  // History is append-only: no updates, no deletes (except with its review).
  await knex.raw(`
    CREATE FUNCTION review_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'review_events is append-only'; END $$`);
  await knex.raw(
    `CREATE TRIGGER review_events_no_update BEFORE UPDATE ON review_events FOR EACH ROW EXECUTE FUNCTION review_events_append_only()`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('review_events');
  await knex.raw('DROP FUNCTION IF EXISTS review_events_append_only()');
  await knex.schema.dropTable('reviews');
}
