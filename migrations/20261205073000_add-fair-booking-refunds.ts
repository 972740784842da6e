// Payment states of fair bookings, guarded by the database: a fee paid (receipt submitted or confirmed) on a booking
// that ends — cancelled by the employer or rejected by the site — becomes `refund_due` and, once staff marked the money
// returned, `refunded` (with when and by whom). So an ended booking never holds a live payment state, a refund state
// only belongs to an ended booking, every paid state keeps its receipt, and `refunded` always says when.
// Existing rows: ended bookings with a submitted or confirmed receipt become `refund_due`.
// Safe to re-run: columns are added only once and each constraint is dropped before it is added again.
import type { Knex } from 'knex';

const PAYMENT_STATES = `'not_required','not_due','unpaid','returned','submitted','confirmed','refund_due','refunded'`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE fair_bookings ADD COLUMN IF NOT EXISTS refunded_at timestamptz`);
  await knex.raw(
    `ALTER TABLE fair_bookings ADD COLUMN IF NOT EXISTS refunded_by integer REFERENCES staff_accounts (id)`,
  );
  await knex.raw(`ALTER TABLE fair_bookings DROP CONSTRAINT IF EXISTS fair_bookings_payment`);
  await knex.raw(
    `UPDATE fair_bookings SET payment_status = 'refund_due'
      WHERE status IN ('cancelled','rejected') AND payment_status IN ('submitted','confirmed')`,
  );
  const checks: [string, string][] = [
    ['fair_bookings_payment', `payment_status IN (${PAYMENT_STATES})`],
    [
      'fair_bookings_ended_payment',
      `status NOT IN ('cancelled','rejected') OR payment_status NOT IN ('submitted','confirmed')`,
    ],
    [
      'fair_bookings_refund_ended',
      `payment_status NOT IN ('refund_due','refunded') OR status IN ('cancelled','rejected')`,
    ],
    [
      'fair_bookings_paid_receipt',
      `payment_status NOT IN ('submitted','confirmed','refund_due','refunded') OR receipt_file_id IS NOT NULL`,
    ],
    ['fair_bookings_refunded_at', `(payment_status = 'refunded') = (refunded_at IS NOT NULL)`],
  ];
  for (const [name, check] of checks) {
    await knex.raw(`ALTER TABLE fair_bookings DROP CONSTRAINT IF EXISTS ${name}`);
    await knex.raw(`ALTER TABLE fair_bookings ADD CONSTRAINT ${name} CHECK (${check})`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const name of [
    'fair_bookings_refunded_at',
    'fair_bookings_paid_receipt',
    'fair_bookings_refund_ended',
    'fair_bookings_ended_payment',
    'fair_bookings_payment',
  ])
    await knex.raw(`ALTER TABLE fair_bookings DROP CONSTRAINT IF EXISTS ${name}`);
  await knex.raw(
    `UPDATE fair_bookings SET payment_status = 'confirmed' WHERE payment_status IN ('refund_due','refunded')`,
  );
  await knex.raw(
    `ALTER TABLE fair_bookings ADD CONSTRAINT fair_bookings_payment CHECK (payment_status IN ('not_required','not_due','unpaid','submitted','confirmed','returned'))`,
  );
  await knex.raw(`ALTER TABLE fair_bookings DROP COLUMN IF EXISTS refunded_by`);
  await knex.raw(`ALTER TABLE fair_bookings DROP COLUMN IF EXISTS refunded_at`);
}
