import { expect } from 'chai';
import { hashPassword } from '../../core/auth/password.js';
import { bookBooth, createFair } from '../helpers/fairs.js';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { bearer, PDF, uploadFile } from '../helpers/employers.js';
import { bulkEmployers, type FixtureEmployer } from '../helpers/fixtures.js';
import { get, Jar, submit } from '../helpers/pages.js';

interface BookingJson {
  id: number;
  status: string;
  payment: {
    status: string;
    receiptFileId: string | null;
    refundedAt: string | null;
    refundNote: string | null;
    comment: string | null;
  };
}

const post = async (url: string, token: string, payload: object = {}) =>
  inject({ method: 'POST', url, headers: bearer(token), payload });

const row = async (id: number) => {
  const { app } = await getDeployment();
  return (await app.db('fair_bookings').where({ id }).first()) as {
    status: string;
    payment_status: string;
    receipt_file_id: string | null;
    refunded_at: Date | null;
    refunded_by: number | null;
    payment_comment: string | null;
    refund_note: string | null;
  };
};

/** A ¥500 fair paid at booking on cpu, an employer's booking of its first booth, with a receipt uploaded. */
async function paidBooking(e: FixtureEmployer, boothIndex = 0) {
  const fair = await createFair('cpu', { fee: { amount: 500, payment: 'at_booking' } });
  const booked = await bookBooth(e, fair.id, fair.venues[0]!.booths[boothIndex]!.id);
  expect(booked.statusCode, booked.payload).to.equal(201);
  const booking = json<BookingJson>(booked);
  expect(booking.payment.status).to.equal('unpaid');
  const file = json<{ id: string }>(await uploadFile(e.token, PDF, '缴费凭证.pdf', 'payment-receipt'));
  const up = await post(`/api/v1/employer/fair-bookings/${booking.id}/receipt`, e.token, { fileId: file.id });
  expect(json<BookingJson>(up).payment.status).to.equal('submitted');
  return { fair, booking, fileId: file.id };
}

const confirmPayment = async (bookingId: number) =>
  post(`/api/v1/admin/fair-bookings/${bookingId}/payment`, await staffToken('cpu.admin'), {
    decision: 'confirm',
  });

describe('fair booking payments: states, refunds and ended bookings', () => {
  it('cancelling a booking with a confirmed fee makes it refund_due; staff then mark it refunded', async () => {
    const [e] = await bulkEmployers(1, 'cpu');
    const { booking, fileId } = await paidBooking(e!);
    expect((await confirmPayment(booking.id)).statusCode).to.equal(200);
    const cancelled = await post(`/api/v1/employer/fair-bookings/${booking.id}/cancel`, e!.token);
    expect(cancelled.statusCode).to.equal(200);
    expect(json<BookingJson>(cancelled).payment.status).to.equal('refund_due');
    expect(await row(booking.id)).to.include({
      status: 'cancelled',
      payment_status: 'refund_due',
      receipt_file_id: fileId,
      refunded_at: null,
    });

    const staff = await staffToken('cpu.admin');
    const refunded = await post(`/api/v1/admin/fair-bookings/${booking.id}/refund`, staff, {
      note: '转账流水 2026120500001',
    });
    expect(refunded.statusCode, refunded.payload).to.equal(200);
    expect(json<BookingJson>(refunded).payment).to.include({
      status: 'refunded',
      refundNote: '转账流水 2026120500001',
    });
    const after = await row(booking.id);
    expect(after.payment_status).to.equal('refunded');
    expect(after.refunded_at).to.be.instanceOf(Date);
    const { app } = await getDeployment();
    const admin = await app.db('staff_accounts').where({ username: 'cpu.admin' }).first('id');
    expect(after.refunded_by).to.equal(admin.id);
    expect(after.receipt_file_id).to.equal(fileId);

    const again = await post(`/api/v1/admin/fair-bookings/${booking.id}/refund`, staff);
    expect(again.statusCode).to.equal(409);
    expect(json(again)).to.include({ code: 'NOT_REFUND_DUE', message: '该预定没有待退款的费用' });
  });

  it('refuses 确认缴费, 退回, receipts, edits and check-in on a cancelled booking with 409 BOOKING_ENDED', async () => {
    const [e] = await bulkEmployers(1, 'cpu');
    const { booking } = await paidBooking(e!);
    await post(`/api/v1/employer/fair-bookings/${booking.id}/cancel`, e!.token);
    // A receipt submitted but not confirmed is owed back as well: the employer says it paid.
    expect((await row(booking.id)).payment_status).to.equal('refund_due');
    const staff = await staffToken('cpu.admin');
    const attempts = [
      await confirmPayment(booking.id),
      await post(`/api/v1/admin/fair-bookings/${booking.id}/payment`, staff, {
        decision: 'return',
        comment: '金额不符',
      }),
      await post(`/api/v1/admin/fair-bookings/${booking.id}/check-in`, staff),
      await post(`/api/v1/employer/fair-bookings/${booking.id}/receipt`, e!.token, {
        fileId: json<{ id: string }>(await uploadFile(e!.token, PDF, '凭证2.pdf', 'payment-receipt')).id,
      }),
      await inject({
        method: 'PUT',
        url: `/api/v1/employer/fair-bookings/${booking.id}`,
        headers: bearer(e!.token),
        payload: { jobIds: [e!.jobId], attendees: [{ name: '李四', phone: '13812345679' }] },
      }),
    ];
    for (const res of attempts) {
      expect(res.statusCode, res.payload).to.equal(409);
      expect(json(res).code).to.equal('BOOKING_ENDED');
      expect(json<{ message: string }>(res).message).to.match(/已取消或未通过审核/);
    }
    expect((await row(booking.id)).payment_status).to.equal('refund_due');
  });

  it('keeps unpaid fees unpaid on cancel; a rejected booking with a confirmed fee becomes refund_due', async () => {
    const [a, b] = await bulkEmployers(2, 'cpu');
    const fair = await createFair('cpu', { fee: { amount: 500, payment: 'at_booking' } });
    const unpaid = json<BookingJson>(await bookBooth(a!, fair.id, fair.venues[0]!.booths[0]!.id));
    await post(`/api/v1/employer/fair-bookings/${unpaid.id}/cancel`, a!.token);
    expect(await row(unpaid.id)).to.include({ status: 'cancelled', payment_status: 'unpaid' });
    const refund = await post(
      `/api/v1/admin/fair-bookings/${unpaid.id}/refund`,
      await staffToken('cpu.admin'),
    );
    expect(refund.statusCode).to.equal(409);
    expect(json(refund).code).to.equal('NOT_REFUND_DUE');

    const { booking } = await paidBooking(b!);
    await confirmPayment(booking.id);
    const { app } = await getDeployment();
    const review = await app
      .db('reviews')
      .where({ subject_type: 'fair_booking', subject_id: booking.id })
      .first('id');
    const decided = await post(`/api/v1/admin/reviews/${review.id}/decision`, await staffToken('cpu.admin'), {
      decision: 'reject',
      comment: '展位已满',
    });
    expect(decided.statusCode, decided.payload).to.equal(200);
    expect(await row(booking.id)).to.include({ status: 'rejected', payment_status: 'refund_due' });
    const refunded = await post(
      `/api/v1/admin/fair-bookings/${booking.id}/refund`,
      await staffToken('cpu.admin'),
      { note: '已原路退回' },
    );
    expect(refunded.statusCode, refunded.payload).to.equal(200);
    // The refund note does not replace the reason of the rejection.
    expect(await row(booking.id)).to.include({
      payment_status: 'refunded',
      payment_comment: '展位已满',
      refund_note: '已原路退回',
    });
  });

  it('answers 403 to another site’s staff marking a refund', async () => {
    const [e] = await bulkEmployers(1, 'cpu');
    const { booking } = await paidBooking(e!);
    await post(`/api/v1/employer/fair-bookings/${booking.id}/cancel`, e!.token);
    const res = await post(
      `/api/v1/admin/fair-bookings/${booking.id}/refund`,
      await staffToken('njmu.admin'),
    );
    expect(res.statusCode).to.equal(403);
    expect((await row(booking.id)).payment_status).to.equal('refund_due');
  });

  it('rebooking starts unpaid: the receipt stays with the cancelled booking', async () => {
    const [e] = await bulkEmployers(1, 'cpu');
    const { fair, booking, fileId } = await paidBooking(e!);
    await confirmPayment(booking.id);
    await post(`/api/v1/employer/fair-bookings/${booking.id}/cancel`, e!.token);
    const again = await bookBooth(e!, fair.id, fair.venues[0]!.booths[1]!.id);
    expect(again.statusCode, again.payload).to.equal(201);
    const second = json<BookingJson>(again);
    expect(second.payment).to.include({ status: 'unpaid', receiptFileId: null });
    expect(await row(booking.id)).to.include({ payment_status: 'refund_due', receipt_file_id: fileId });
  });

  it('the database refuses live payment states on ended bookings, unknown states and refunds without a time', async () => {
    const [e] = await bulkEmployers(1, 'cpu');
    const { booking } = await paidBooking(e!);
    await confirmPayment(booking.id);
    await post(`/api/v1/employer/fair-bookings/${booking.id}/cancel`, e!.token);
    const { app } = await getDeployment();
    const attempts: [string, Record<string, unknown>][] = [
      ['fair_bookings_ended_payment', { payment_status: 'confirmed' }],
      ['fair_bookings_payment', { payment_status: 'paid' }],
      ['fair_bookings_refunded_at', { payment_status: 'refunded' }],
      ['fair_bookings_paid_receipt', { receipt_file_id: null }],
      ['fair_bookings_refund_ended', { status: 'pending' }],
    ];
    for (const [constraint, patch] of attempts) {
      const err = await app
        .db('fair_bookings')
        .where({ id: booking.id })
        .update(patch)
        .then(
          () => null,
          (e: { constraint?: string }) => e,
        );
      expect(err?.constraint, JSON.stringify(patch)).to.equal(constraint);
    }
    expect((await row(booking.id)).payment_status).to.equal('refund_due');
  });
});

describe('fair booking payment pages', () => {
  const PASSWORD = 'secret123';

  async function employerJar(e: FixtureEmployer): Promise<Jar> {
    const { app } = await getDeployment();
    await app
      .db('employer_accounts')
      .where({ id: e.accountId })
      .update({ password_hash: await hashPassword(PASSWORD) });
    const account = await app.db('employer_accounts').where({ id: e.accountId }).first();
    const jar = new Jar();
    const res = await submit(
      '/s/cpu/employer/login',
      '/s/cpu/employer/login',
      { mode: 'password', phone: account.phone, password: PASSWORD },
      jar,
    );
    expect(res.statusCode).to.equal(303);
    return jar;
  }

  async function staffJar(): Promise<Jar> {
    const { app } = await getDeployment();
    const { payload } = await app.services.staff!.login('cpu.admin', 'xiaozhao-demo', '127.0.0.1');
    const jar = new Jar();
    jar.cookies.set('xz_staff', app.principals.sign(payload));
    return jar;
  }

  it('confirms before cancelling a paid booking, says it is refunded, and the rebooking page says the receipt stays', async () => {
    const [e] = await bulkEmployers(1, 'cpu');
    const { fair, booking } = await paidBooking(e!);
    await confirmPayment(booking.id);
    const jar = await employerJar(e!);
    const page = await get(`/s/cpu/employer/fair-bookings/${booking.id}/cancel`, jar);
    expect(page.statusCode).to.equal(200);
    expect(page.payload).to.include('¥500').and.include('待退款').and.include('不会转入新的预定');
    expect(page.payload).to.include('name="confirm" value="yes"');
    const res = await submit(
      `/s/cpu/employer/fair-bookings/${booking.id}/cancel`,
      `/s/cpu/employer/fair-bookings/${booking.id}/cancel`,
      { confirm: 'yes' },
      jar,
    );
    expect(res.statusCode).to.equal(303);
    expect(res.headers.location).to.equal('/s/cpu/employer/fair-bookings?done=cancelled-refund');
    expect(await row(booking.id)).to.include({ status: 'cancelled', payment_status: 'refund_due' });
    const detail = await get(`/s/cpu/employer/fair-bookings/${booking.id}`, jar);
    expect(detail.payload).to.include('待退款').and.include('不转入新的预定');
    const book = await get(
      `/s/cpu/employer/fairs/${fair.id}/book?booth=${fair.venues[0]!.booths[1]!.id}`,
      jar,
    );
    expect(book.statusCode).to.equal(200);
    expect(book.payload).to.include('不会转入新的预定');
  });

  it('hides 确认缴费 on a cancelled booking, offers 登记已退款, and the refund shows to the employer', async () => {
    const [e] = await bulkEmployers(1, 'cpu');
    const { fair, booking } = await paidBooking(e!);
    await post(`/api/v1/employer/fair-bookings/${booking.id}/cancel`, e!.token);
    const jar = await staffJar();
    const url = `/s/cpu/admin/fairs/${fair.id}/bookings`;
    const page = await get(url, jar);
    expect(page.statusCode).to.equal(200);
    const rowHtml = new RegExp(`<tr data-booking="${booking.id}">([\\s\\S]*?)</tr>`).exec(page.payload)![1]!;
    expect(rowHtml).to.not.include('确认缴费');
    expect(rowHtml).to.not.include('退回缴费凭证');
    expect(rowHtml).to.include('待退款').and.include('登记已退款');

    // A stale page still posting 确认缴费 gets the Chinese refusal.
    const stale = await submit(url, `${url}/${booking.id}/payment`, { decision: 'confirm' }, jar);
    expect(stale.statusCode).to.equal(409);
    expect(stale.payload).to.include('该预定已取消或未通过审核');

    const done = await submit(url, `${url}/${booking.id}/refund`, { note: '已原路退回' }, jar);
    expect(done.statusCode).to.equal(303);
    expect(done.headers.location).to.equal(`${url}?done=refunded`);
    expect(await row(booking.id)).to.include({ payment_status: 'refunded', refund_note: '已原路退回' });
    const after = await get(url, jar);
    const afterRow = new RegExp(`<tr data-booking="${booking.id}">([\\s\\S]*?)</tr>`).exec(
      after.payload,
    )![1]!;
    expect(afterRow).to.include('已退款').and.not.include('登记已退款');

    const mine = await get(`/s/cpu/employer/fair-bookings/${booking.id}`, await employerJar(e!));
    expect(mine.payload).to.include('退还费用').and.include('已原路退回');
  });
});
