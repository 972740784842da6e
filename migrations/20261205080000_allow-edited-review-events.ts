// An employer may edit a posting a site approved within the site's grace period (reviewPolicies.<type>.afterApproval):
// the copy stays online and its history records the edit as `edited`. Safe to re-run (the constraint is replaced).
import type { Knex } from 'knex';

const ACTIONS = ['submitted', 'resubmitted', 'approved', 'rejected', 'held', 'uscc_override', 'withdrawn'];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE review_events DROP CONSTRAINT IF EXISTS review_events_action`);
  await knex.raw(
    `ALTER TABLE review_events ADD CONSTRAINT review_events_action CHECK (action IN (${[...ACTIONS, 'edited']
      .map((a) => `'${a}'`)
      .join(',')}))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DELETE FROM review_events WHERE action = 'edited'`);
  await knex.raw(`ALTER TABLE review_events DROP CONSTRAINT IF EXISTS review_events_action`);
  await knex.raw(
    `ALTER TABLE review_events ADD CONSTRAINT review_events_action CHECK (action IN (${ACTIONS.map((a) => `'${a}'`).join(',')}))`,
  );
}
