// A message names what it is about: `subject_type` and `subject_id` (a review's subject — for jobs and announcements
// the copy on one site, a publication), so its link can lead to the page of that very thing. Earlier messages get their
// subject from the outbox event that wrote them, and the links of job and announcement messages — which pointed at
// the publication's id as if it were the posting's — are corrected. Safe to re-run: columns are added once, and the
// backfill only touches rows without a subject or with a link that does not match their posting.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE messages ADD COLUMN IF NOT EXISTS subject_type text`);
  await knex.raw(`ALTER TABLE messages ADD COLUMN IF NOT EXISTS subject_id bigint`);
  await knex.raw(`
    UPDATE messages m
       SET subject_type = o.payload->>'type',
           subject_id = (o.payload->>'subjectId')::bigint
      FROM outbox o
     WHERE o.id = m.source_outbox_id AND m.subject_type IS NULL
       AND o.topic = 'reviews.decided' AND o.payload->>'subjectId' IS NOT NULL`);
  await knex.raw(`
    UPDATE messages m
       SET link = '/employer/jobs/' || p.job_id
      FROM job_publications p
     WHERE m.subject_type = 'job' AND p.id = m.subject_id
       AND m.link IS DISTINCT FROM '/employer/jobs/' || p.job_id`);
  await knex.raw(`
    UPDATE messages m
       SET link = '/employer/announcements/' || p.announcement_id
      FROM announcement_publications p
     WHERE m.subject_type = 'announcement' AND p.id = m.subject_id
       AND m.link IS DISTINCT FROM '/employer/announcements/' || p.announcement_id`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE messages DROP COLUMN IF EXISTS subject_id`);
  await knex.raw(`ALTER TABLE messages DROP COLUMN IF EXISTS subject_type`);
}
