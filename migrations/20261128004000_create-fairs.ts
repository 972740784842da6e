// Job fairs (招聘会/双选会) held by a site: venues (分会场) with booth maps, booking windows, fees, and bookings.
// The database guards the invariants: one active (pending or approved) booking per booth, one active booking per
// employer per fair; a cancelled or rejected booking frees its booth because it leaves the partial unique indexes.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('fairs', (t) => {
    t.increments('id');
    t.integer('site_id').notNullable().references('sites.id');
    t.text('title').notNullable();
    t.text('description').notNullable().defaultTo('');
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.timestamp('ends_at', { useTz: true }).notNullable();
    t.timestamp('booking_opens_at', { useTz: true }).notNullable();
    t.timestamp('booking_closes_at', { useTz: true }).notNullable();
    t.text('booth_selection').notNullable();
    t.integer('fee_amount').notNullable().defaultTo(0);
    t.text('payment_mode').notNullable().defaultTo('none');
    t.integer('created_by').references('staff_accounts.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['site_id', 'starts_at']);
  });
  await knex.raw(
    `ALTER TABLE fairs ADD CONSTRAINT fairs_times CHECK (ends_at > starts_at AND booking_closes_at > booking_opens_at AND booking_closes_at <= starts_at)`,
  );
  await knex.raw(
    `ALTER TABLE fairs ADD CONSTRAINT fairs_selection CHECK (booth_selection IN ('at_booking','after_approval'))`,
  );
  await knex.raw(
    `ALTER TABLE fairs ADD CONSTRAINT fairs_payment CHECK (payment_mode IN ('none','at_booking','after_approval') AND fee_amount >= 0 AND ((payment_mode = 'none') = (fee_amount = 0)))`,
  );

  await knex.schema.createTable('fair_venues', (t) => {
    t.increments('id');
    t.integer('fair_id').notNullable().references('fairs.id').onDelete('CASCADE');
    t.text('name').notNullable();
    t.integer('position').notNullable().defaultTo(0);
    t.unique(['fair_id', 'name']);
  });

  await knex.schema.createTable('fair_booths', (t) => {
    t.increments('id');
    t.integer('fair_id').notNullable().references('fairs.id').onDelete('CASCADE');
    t.integer('venue_id').notNullable().references('fair_venues.id').onDelete('CASCADE');
    t.text('code').notNullable();
    t.integer('x');
    t.integer('y');
    t.unique(['venue_id', 'code']);
    t.unique(['id', 'fair_id']);
  });
  await knex.raw(
    `ALTER TABLE fair_booths ADD CONSTRAINT fair_booths_code CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{0,9}$')`,
  );

  await knex.schema.createTable('fair_bookings', (t) => {
    t.increments('id');
    t.integer('fair_id').notNullable().references('fairs.id').onDelete('CASCADE');
    t.integer('site_id').notNullable().references('sites.id');
    t.integer('employer_id').notNullable().references('employers.id').onDelete('CASCADE');
    t.integer('booth_id');
    t.text('status').notNullable().defaultTo('pending');
    t.jsonb('attendees').notNullable();
    t.text('payment_status').notNullable();
    t.uuid('receipt_file_id').references('files.id');
    t.text('payment_comment');
    t.timestamp('checked_in_at', { useTz: true });
    t.integer('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['employer_id', 'id']);
    t.index(['fair_id', 'status']);
  });
  await knex.raw(
    `ALTER TABLE fair_bookings ADD CONSTRAINT fair_bookings_booth FOREIGN KEY (booth_id, fair_id) REFERENCES fair_booths (id, fair_id)`,
  );
  await knex.raw(
    `ALTER TABLE fair_bookings ADD CONSTRAINT fair_bookings_status CHECK (status IN ('pending','approved','rejected','cancelled'))`,
  );
  await knex.raw(
    `ALTER TABLE fair_bookings ADD CONSTRAINT fair_bookings_payment CHECK (payment_status IN ('not_required','not_due','unpaid','submitted','confirmed','returned'))`,
  );
  await knex.raw(
    `ALTER TABLE fair_bookings ADD CONSTRAINT fair_bookings_check_in CHECK (checked_in_at IS NULL OR status = 'approved')`,
  );
  await knex.raw(
    `CREATE UNIQUE INDEX fair_bookings_one_per_booth ON fair_bookings (booth_id) WHERE booth_id IS NOT NULL AND status IN ('pending','approved')`,
  );
  await knex.raw(
    `CREATE UNIQUE INDEX fair_bookings_one_per_employer ON fair_bookings (fair_id, employer_id) WHERE status IN ('pending','approved')`,
  );

  await knex.schema.createTable('fair_booking_jobs', (t) => {
    t.integer('booking_id').notNullable().references('fair_bookings.id').onDelete('CASCADE');
    t.integer('job_id').notNullable().references('jobs.id').onDelete('CASCADE');
    t.primary(['booking_id', 'job_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('fair_booking_jobs');
  await knex.schema.dropTable('fair_bookings');
  await knex.schema.dropTable('fair_booths');
  await knex.schema.dropTable('fair_venues');
  await knex.schema.dropTable('fairs');
}
