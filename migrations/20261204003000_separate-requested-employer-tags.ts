// Employer tags (单位标记) an employer picks when applying are a request; only tags staff confirmed may drive a review
// policy. `memberships.tag_ids` keeps its name and becomes the confirmed set (so every reader of it — review policies,
// fair bookings, postings — reads only what staff confirmed); `requested_tag_ids` holds what the employer asked for.
// Existing rows: every tag becomes a request; it stays confirmed only where the membership is approved and its review
// was decided by a staff member (who saw the tags on the review page). Tags of memberships approved by a policy,
// pending or rejected are requests only: those employers keep their membership, and staff confirm tags afresh.
// Safe to re-run: the column is added only once, the backfill only touches rows whose request is still empty.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `ALTER TABLE memberships ADD COLUMN IF NOT EXISTS requested_tag_ids text[] NOT NULL DEFAULT '{}'`,
  );
  await knex.raw(`
    UPDATE memberships m
       SET requested_tag_ids = m.tag_ids,
           tag_ids = CASE
             WHEN m.status = 'approved' AND EXISTS (
               SELECT 1 FROM reviews r
                WHERE r.site_id = m.site_id AND r.subject_type = 'membership' AND r.subject_id = m.id
                  AND r.status = 'approved' AND r.decided_by_kind = 'staff')
             THEN m.tag_ids
             ELSE '{}'::text[]
           END
     WHERE cardinality(m.tag_ids) > 0 AND cardinality(m.requested_tag_ids) = 0`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    UPDATE memberships SET tag_ids = requested_tag_ids
     WHERE cardinality(tag_ids) = 0 AND cardinality(requested_tag_ids) > 0`);
  await knex.raw(`ALTER TABLE memberships DROP COLUMN requested_tag_ids`);
}
