// 招聘会 › 我的预定: every booking of the employer with its status, booth and payment, and the actions the user guide
// lists — 编辑 (until the fair starts), 取消预定 (pending only, after a confirmation page that says what happens to the
// booth and to a fee already paid: refunded by the site, the receipt staying with the cancelled booking), 上传缴费凭证 (when a fee is due; the file is stored
// first, then attached), 选展 (after-approval fairs, approved, no booth yet: the map in choose mode), 签到 (on the
// fair's day), 查看. Which actions a row offers is only a hint: the fairs service decides and its Chinese refusal is
// shown on the list.
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idParams } from '../../../../core/http/schemas.js';
import { service, type App } from '../../../../core/app.js';
import { appError } from '../../../../core/http/errors.js';
import type { EmployerCredentials } from '../../../accounts/permissions.js';
import { MAX_FILE_BYTES } from '../../../files/file-service.js';
import {
  bookingFormView,
  bookingSummary,
  eligibleJobs,
  readBookingForm,
  valuesOf,
  type BookingFormErrors,
  type BookingFormValues,
} from '../booking-form.js';
import {
  BOOKING_STATUS,
  feeText,
  onFairDay,
  PAYMENT_STATUS,
  SELECTION_LABELS,
  timeRange,
  type Booking,
  type PublicFair,
} from '../format.js';
import { mapPage } from './fairs.js';
import {
  dateTime,
  failure,
  pick,
  render,
  seeOther,
  sessionOf,
  toLogin,
  uploads,
} from '../../../../core/pages/index.js';
import { employerOf } from '../../../accounts/permissions.js';
import { flash } from '../flash.js';

const page = { audience: 'employer', permission: 'fairs' } as const;

/** The fairs of these bookings (times, site, fee), each read once. */
async function fairsOf(app: App, bookings: Booking[]): Promise<Map<number, PublicFair>> {
  const fairs = service(app, 'fairs');
  const ids = [...new Set(bookings.map((b) => b.fair.id))];
  const loaded = await Promise.all(ids.map((id) => fairs.publicFair(id)));
  return new Map(loaded.map((f) => [f.id, f]));
}

/** A booking as the list and the detail page show it, with the actions open to it now. */
function bookingRow(b: Booking, fair: PublicFair, now: Date) {
  const started = now.getTime() >= new Date(fair.startsAt).getTime();
  const live = b.status === 'pending' || b.status === 'approved';
  const payment = PAYMENT_STATUS[b.payment.status] ?? { label: b.payment.status, tone: 'muted' };
  const paymentDue = live && ['unpaid', 'returned', 'submitted'].includes(b.payment.status);
  const refundedAt = b.payment.refundedAt;
  return {
    id: b.id,
    fair: {
      id: fair.id,
      title: fair.title,
      site: fair.site.name,
      time: timeRange(fair.startsAt, fair.endsAt),
      selection: SELECTION_LABELS[fair.boothSelection],
      fee: feeText(fair.fee),
    },
    status: BOOKING_STATUS[b.status] ?? { label: b.status, tone: 'muted' },
    rejected: b.status === 'rejected',
    booth: b.booth ? `${b.booth.venue ?? ''} ${b.booth.code ?? ''}`.trim() : null,
    boothPending: !b.booth && b.fair.boothSelection === 'after_approval' && live,
    jobs: b.jobs,
    attendees: b.attendees,
    payment: {
      ...payment,
      status: b.payment.status,
      amount: b.payment.amount,
      amountText: `¥${b.payment.amount.toLocaleString('zh-CN')}`,
      comment: b.payment.comment,
      returned: b.payment.status === 'returned',
      due: ['unpaid', 'returned', 'not_due'].includes(b.payment.status),
      refundDue: b.payment.status === 'refund_due',
      refunded: b.payment.status === 'refunded',
      refundedAt: refundedAt ? dateTime(refundedAt) : null,
      refundNote: b.payment.refundNote,
      receipt: b.payment.receiptFileId ? `/employer/fair-bookings/${b.id}/receipt` : null,
    },
    comment: b.payment.comment,
    checkedInAt: b.checkedInAt ? dateTime(b.checkedInAt) : null,
    createdAt: dateTime(b.createdAt),
    can: {
      edit: live && !started,
      cancel: b.status === 'pending',
      receipt: paymentDue,
      reupload: b.payment.status === 'submitted',
      choose: fair.boothSelection === 'after_approval' && b.status === 'approved' && !b.booth && !started,
      checkIn: b.status === 'approved' && !b.checkedInAt && onFairDay(fair, now),
    },
    chooseHref: `/employer/fairs/${fair.id}?choose=${b.id}`,
  };
}

async function listPage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  extra: { flash?: string; message?: string; status?: number } = {},
) {
  const mine = await service(app, 'fairs').mine(c);
  const fairs = await fairsOf(app, mine.items);
  const now = app.clock.now();
  return render(request, h, 'fairs/bookings', {
    data: {
      alerts: { flash: extra.flash, message: extra.message },
      rows: mine.items.map((b) => bookingRow(b, fairs.get(b.fair.id)!, now)),
      maxMb: Math.round(MAX_FILE_BYTES / 1024 / 1024),
    },
    title: '我的预定',
    status: extra.status ?? 200,
    menu: 'fair-bookings',
  });
}

/** 取消预定: what cancelling does (booth, review, and a paid fee: refunded, receipt not carried over), then 确认取消. */
async function cancelPage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  id: number,
  extra: { message?: string; status?: number } = {},
) {
  const booking = await service(app, 'fairs').get(c, id);
  const fair = (await fairsOf(app, [booking])).get(booking.fair.id)!;
  const row = bookingRow(booking, fair, app.clock.now());
  const paid = booking.payment.status === 'submitted' || booking.payment.status === 'confirmed';
  return render(request, h, 'fairs/booking-cancel', {
    data: {
      booking: row,
      refund: paid ? { confirmed: booking.payment.status === 'confirmed' } : null,
      alerts: {
        message:
          extra.message ??
          (row.can.cancel ? undefined : '只有待审核的预定可以取消；如需取消已通过的预定，请联系主办学校。'),
      },
    },
    title: `取消预定：${fair.title}`,
    status: extra.status ?? 200,
    menu: 'fair-bookings',
  });
}

interface EditForm {
  values?: BookingFormValues;
  errors?: BookingFormErrors;
  message?: string;
}

async function editPage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  id: number,
  form: EditForm,
  status = 200,
) {
  const booking = await service(app, 'fairs').get(c, id);
  const fair = (await fairsOf(app, [booking])).get(booking.fair.id)!;
  const row = bookingRow(booking, fair, app.clock.now());
  const jobs = await eligibleJobs(app, c);
  // Jobs already listed stay visible even when they have since expired, so the user sees what to replace.
  for (const j of booking.jobs)
    if (!jobs.some((x) => x.id === j.id))
      jobs.push({ id: j.id, title: `${j.title}（已失效或未通过审核）`, expiresOn: '', category: '' });
  const errors = form.errors ?? { rows: {} };
  return render(request, h, 'fairs/booking-edit', {
    data: {
      booking: row,
      alerts: {
        message: form.message ?? (row.can.edit ? undefined : '招聘会已开始或预定已结束，不能再修改预定。'),
        summary: bookingSummary(errors),
      },
      form: {
        action: `/employer/fair-bookings/${id}/edit`,
        submit: '保存',
        ...bookingFormView(jobs, form.values ?? valuesOf(booking), errors),
      },
    },
    title: `编辑预定：${fair.title}`,
    status: status,
    menu: 'fair-bookings',
  });
}

/** A POST action on one booking: the service call, then back to the list with a flash, or its refusal. */
function action(
  app: App,
  path: string,
  done: string,
  run: (c: EmployerCredentials, id: number, request: Request) => Promise<unknown>,
): ServerRoute {
  return {
    method: 'POST',
    path,
    options: {
      app: { page },
      validate: { params: idParams },
      handler: async (request, h) => {
        const c = employerOf(request);
        const id = (request.params as { id: number }).id;
        try {
          await run(c, id, request);
        } catch (err) {
          const f = failure(err, []);
          if (f.status === 404) throw err;
          return listPage(app, request, h, c, {
            message: f.message ?? Object.values(f.errors)[0],
            status: f.status,
          });
        }
        return seeOther(request, h, `/employer/fair-bookings`, done);
      },
    },
  };
}

export function employerBookingPages(app: App): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/employer/fair-bookings',
      options: {
        app: { page },
        validate: { query: Joi.object({ done: Joi.string().max(40) }).unknown(true) },
        handler: async (request, h) => {
          const c = employerOf(request);
          return listPage(app, request, h, c, { flash: flash((request.query as { done?: string }).done) });
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/fair-bookings/{id}',
      options: {
        app: { page },
        validate: { params: idParams, query: Joi.object({ done: Joi.string().max(40) }).unknown(true) },
        handler: async (request, h) => {
          const c = employerOf(request);
          const booking = await service(app, 'fairs').get(c, (request.params as { id: number }).id);
          const fair = (await fairsOf(app, [booking])).get(booking.fair.id)!;
          return render(request, h, 'fairs/booking', {
            data: {
              alerts: { flash: flash((request.query as { done?: string }).done) },
              booking: bookingRow(booking, fair, app.clock.now()),
              maxMb: Math.round(MAX_FILE_BYTES / 1024 / 1024),
            },
            title: `预定详情：${fair.title}`,
            menu: 'fair-bookings',
          });
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/fair-bookings/{id}/edit',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) => {
          const c = employerOf(request);
          return editPage(app, request, h, c, (request.params as { id: number }).id, {});
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/fair-bookings/{id}/edit',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) => {
          const id = (request.params as { id: number }).id;
          const c = employerOf(request);
          const parsed = readBookingForm(request.payload);
          if (!parsed.ok)
            return editPage(app, request, h, c, id, { values: parsed.values, errors: parsed.errors }, 400);
          try {
            await service(app, 'fairs').edit(c, id, parsed.input);
          } catch (err) {
            const f = failure(err, ['jobIds', 'attendees'], { JOB_NOT_ACTIVE: 'jobIds' });
            if (f.status === 404) throw err;
            return editPage(
              app,
              request,
              h,
              c,
              id,
              {
                values: parsed.values,
                errors: { rows: {}, jobIds: f.errors.jobIds },
                message: f.message ?? f.errors.attendees,
              },
              f.status,
            );
          }
          return seeOther(request, h, `/employer/fair-bookings/${id}`, 'updated');
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/fair-bookings/{id}/cancel',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) =>
          cancelPage(app, request, h, employerOf(request), (request.params as { id: number }).id),
      },
    },
    {
      method: 'POST',
      path: '/employer/fair-bookings/{id}/cancel',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) => {
          const c = employerOf(request);
          const id = (request.params as { id: number }).id;
          // Cancelling happens only from the confirmation page, which says what it does to the booth and the fee.
          if (pick(request.payload, ['confirm']).confirm !== 'yes')
            return seeOther(request, h, `/employer/fair-bookings/${id}/cancel`);
          let after: Booking;
          try {
            after = await service(app, 'fairs').cancel(c, id);
          } catch (err) {
            const f = failure(err, []);
            if (f.status === 404) throw err;
            return cancelPage(app, request, h, c, id, {
              message: f.message ?? Object.values(f.errors)[0],
              status: f.status,
            });
          }
          return seeOther(
            request,
            h,
            '/employer/fair-bookings',
            after.payment.status === 'refund_due' ? 'cancelled-refund' : 'cancelled',
          );
        },
      },
    },
    action(app, '/employer/fair-bookings/{id}/check-in', 'checked-in', (c, id) =>
      service(app, 'fairs').checkIn(c, id),
    ),
    {
      method: 'POST',
      path: '/employer/fair-bookings/{id}/receipt',
      options: {
        app: { page },
        validate: { params: idParams },
        payload: {
          output: 'data',
          parse: true,
          multipart: { output: 'annotated' },
          maxBytes: MAX_FILE_BYTES + 256 * 1024,
          // A file far over the limit never reaches files.store: answer with the list, not a bare 413.
          failAction: async (request, h, err) => {
            // The payload is read before the page access check: a visitor who is not signed in goes to the login page.
            const c = sessionOf<EmployerCredentials>(request, 'employer');
            if (!c) return toLogin(request, h, 'employer', '/employer/fair-bookings').takeover();
            const status = (err as { output?: { statusCode?: number } })?.output?.statusCode ?? 400;
            const message = status === 413 ? '文件不能超过 10 MB' : '上传失败，请重新选择文件';
            return (await listPage(app, request, h, c, { message, status })).takeover();
          },
        },
        handler: async (request, h) => {
          const c = employerOf(request);
          const id = (request.params as { id: number }).id;
          const payload = (request.payload ?? {}) as Record<string, unknown>;
          const upload = uploads(payload.receipt)[0] ?? null;
          if (!upload) return listPage(app, request, h, c, { message: '请选择缴费凭证文件', status: 400 });
          let storedId: string | undefined;
          try {
            await service(app, 'fairs').get(c, id);
            const stored = await service(app, 'files').store({
              employerId: c.employerId,
              accountId: c.id,
              purpose: 'payment-receipt',
              filename: upload.filename || '缴费凭证',
              data: upload.payload!,
            });
            storedId = stored.id;
            await service(app, 'fairs').uploadReceipt(c, id, stored.id);
          } catch (err) {
            if (storedId) await service(app, 'files').discard([storedId], c.employerId);
            const f = failure(err, ['fileId']);
            if (f.status === 404) throw err;
            return listPage(app, request, h, c, {
              message: f.message ?? f.errors.fileId,
              status: f.status,
            });
          }
          return seeOther(request, h, '/employer/fair-bookings', 'receipt');
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/fair-bookings/{id}/receipt',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) => {
          const c = employerOf(request);
          const booking = await service(app, 'fairs').get(c, (request.params as { id: number }).id);
          const file = booking.payment.receiptFileId
            ? await service(app, 'files').find(booking.payment.receiptFileId)
            : undefined;
          if (!file || file.employerId !== c.employerId) throw appError(404, 'NOT_FOUND', '文件不存在');
          return h
            .response(await service(app, 'files').read(file.storageKey))
            .type(file.mime)
            .header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`)
            .header('X-Content-Type-Options', 'nosniff')
            .header('Cache-Control', 'private, no-store');
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/fair-bookings/{id}/booth',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) => {
          const id = (request.params as { id: number }).id;
          const c = employerOf(request);
          const raw = (request.payload as Record<string, unknown> | null)?.boothId;
          const booking = await service(app, 'fairs').get(c, id);
          const back = { choose: id };
          if (typeof raw !== 'string' || !/^[1-9]\d{0,9}$/.test(raw))
            return mapPage(app, request, h, c, booking.fair.id, back, {
              message: '请选择一个空闲展位',
              status: 400,
            });
          try {
            await service(app, 'fairs').chooseBooth(c, id, Number(raw));
          } catch (err) {
            const f = failure(err, []);
            return mapPage(app, request, h, c, booking.fair.id, back, {
              message: f.message ?? Object.values(f.errors)[0],
              status: f.status,
            });
          }
          return seeOther(request, h, '/employer/fair-bookings', 'chosen');
        },
      },
    },
  ];
}
