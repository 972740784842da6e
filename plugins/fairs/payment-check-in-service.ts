// Payments and check-in (缴费与签到). Fees are paid offline: the employer uploads a receipt, the fair's site confirms
// or returns it (with a reason). A booking that ended (cancelled, rejected) takes no payment, confirmation or check-in
// (409 BOOKING_ENDED); a fee it had paid is `refund_due` until staff mark it refunded. On the fair's day (Asia/Shanghai) an approved booking checks in, by the employer or at
// the staff desk, under the same rules; a second check-in keeps the first time. Every change locks the booking row.
import type { Knex } from 'knex';
import type { StaffCredentials } from '../../core/auth/principals.js';
import { shanghaiDate } from '../../core/clock.js';
import { validationError } from '../../core/http/errors.js';
import type { EmployerCredentials } from '../accounts/permissions.js';
import type { FileService } from '../files/file-service.js';
import type { BookingService } from './booking-service.js';
import { fail } from './errors.js';
import { ENDED, type FairContext } from './fair-context.js';
import { FairBooking } from './models/fair-booking.js';

export class PaymentCheckInService {
  constructor(
    private readonly ctx: FairContext,
    private readonly bookings: BookingService,
    private readonly files: FileService,
  ) {}

  /** The booking of this id locked for update, for staff of its fair's site only. */
  private async staffLocked(trx: Knex.Transaction, staff: StaffCredentials, bookingId: number) {
    const b = await FairBooking.query(trx).findById(bookingId).forUpdate();
    if (!b) throw fail('BOOKING_NOT_FOUND');
    this.ctx.assertStaff(staff, b.siteId);
    return b;
  }

  async uploadReceipt(c: EmployerCredentials, id: number, fileId: string) {
    if (!(await this.files.ownedBy(fileId, c.employerId)))
      throw validationError([{ path: 'fileId', message: '缴费凭证文件不存在，请重新上传' }]);
    await this.ctx.db.transaction(async (trx) => {
      const b = await this.bookings.own(trx, c, id, true);
      if (ENDED.includes(b.status)) throw fail('BOOKING_ENDED');
      if (!['unpaid', 'returned', 'submitted'].includes(b.paymentStatus)) throw fail('PAYMENT_NOT_REQUIRED');
      await b.$query(trx).patch({
        receiptFileId: fileId,
        paymentStatus: 'submitted',
        paymentComment: null,
        updatedAt: trx.fn.now(),
      });
    });
    return this.bookings.get(c, id);
  }

  async confirmPayment(
    staff: StaffCredentials,
    bookingId: number,
    decision: 'confirm' | 'return',
    comment: string | null,
  ) {
    if (decision === 'return' && !comment?.trim())
      throw validationError([{ path: 'comment', message: '退回缴费凭证时必须说明原因' }]);
    await this.ctx.db.transaction(async (trx) => {
      const b = await this.staffLocked(trx, staff, bookingId);
      if (ENDED.includes(b.status)) throw fail('BOOKING_ENDED');
      if (b.paymentStatus !== 'submitted') throw fail('PAYMENT_NOT_SUBMITTED');
      await b.$query(trx).patch({
        paymentStatus: decision === 'confirm' ? 'confirmed' : 'returned',
        paymentComment: comment?.trim() || null,
        updatedAt: trx.fn.now(),
      });
    });
    return this.bookings.staffBooking(staff, bookingId);
  }

  /**
   * Staff of the fair's site record that the fee of an ended booking was paid back (`refund_due` → `refunded`, with
   * time, staff and an optional note such as the transfer number); 409 NOT_REFUND_DUE otherwise.
   */
  async markRefunded(staff: StaffCredentials, bookingId: number, note: string | null) {
    await this.ctx.db.transaction(async (trx) => {
      const b = await this.staffLocked(trx, staff, bookingId);
      if (b.paymentStatus !== 'refund_due') throw fail('NOT_REFUND_DUE');
      await b.$query(trx).patch({
        paymentStatus: 'refunded',
        refundedAt: this.ctx.clock.now().toISOString(),
        refundedBy: staff.id,
        refundNote: note?.trim() || null,
        updatedAt: trx.fn.now(),
      });
    });
    return this.bookings.staffBooking(staff, bookingId);
  }

  /** Checks in a locked booking: approved only, on the fair's day (Asia/Shanghai); a second check-in changes nothing. */
  private async checkInLocked(trx: Knex.Transaction, b: FairBooking) {
    const f = await this.ctx.fair(b.fairId, trx);
    if (ENDED.includes(b.status)) throw fail('BOOKING_ENDED');
    if (b.status !== 'approved') throw fail('CHECK_IN_NOT_APPROVED');
    const today = this.ctx.clock.today();
    if (today < shanghaiDate(new Date(f.startsAt)) || today > shanghaiDate(new Date(f.endsAt)))
      throw fail('NOT_FAIR_DAY');
    if (!b.checkedInAt)
      await b.$query(trx).patch({ checkedInAt: this.ctx.clock.now().toISOString(), updatedAt: trx.fn.now() });
  }

  /** Check-in on the fair's day (Asia/Shanghai), approved bookings only. */
  async checkIn(c: EmployerCredentials, id: number) {
    await this.ctx.db.transaction(async (trx) =>
      this.checkInLocked(trx, await this.bookings.own(trx, c, id, true)),
    );
    return this.bookings.get(c, id);
  }

  /** Check-in at the desk by staff of the fair's site: the same rules as the employer's own check-in. */
  async staffCheckIn(staff: StaffCredentials, bookingId: number) {
    await this.ctx.db.transaction(async (trx) =>
      this.checkInLocked(trx, await this.staffLocked(trx, staff, bookingId)),
    );
    return this.bookings.staffBooking(staff, bookingId);
  }

  /** Approved bookings of a fair for the day's check-in desk. */
  async checkInList(staff: StaffCredentials, fairId: number) {
    const { fair, items } = await this.bookings.bookings(staff, fairId, { status: 'approved' });
    return {
      fair,
      items: items.map((i) => ({
        bookingId: i.id,
        employer: i.employer,
        booth: i.booth,
        attendees: i.attendees,
        checkedInAt: i.checkedInAt,
        payment: i.payment,
      })),
      checkedIn: items.filter((i) => i.checkedInAt).length,
      total: items.length,
    };
  }
}
