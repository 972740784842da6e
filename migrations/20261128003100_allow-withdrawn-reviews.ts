// A review whose subject was deleted by the employer (an announcement) is withdrawn, not deleted: the history stays.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE reviews DROP CONSTRAINT reviews_status`);
  await knex.raw(
    `ALTER TABLE reviews ADD CONSTRAINT reviews_status CHECK (status IN ('pending','approved','rejected','withdrawn'))`,
  );
  await knex.raw(`ALTER TABLE review_events DROP CONSTRAINT review_events_action`);
  await knex.raw(
    `ALTER TABLE review_events ADD CONSTRAINT review_events_action CHECK (action IN ('submitted','resubmitted','approved','rejected','held','uscc_override','withdrawn'))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DELETE FROM review_events WHERE action = 'withdrawn'`);
  await knex.raw(`DELETE FROM reviews WHERE status = 'withdrawn'`);
  await knex.raw(`ALTER TABLE reviews DROP CONSTRAINT reviews_status`);
  await knex.raw(
    `ALTER TABLE reviews ADD CONSTRAINT reviews_status CHECK (status IN ('pending','approved','rejected'))`,
  );
  await knex.raw(`ALTER TABLE review_events DROP CONSTRAINT review_events_action`);
  await knex.raw(
    `ALTER TABLE review_events ADD CONSTRAINT review_events_action CHECK (action IN ('submitted','resubmitted','approved','rejected','held','uscc_override'))`,
  );
}
