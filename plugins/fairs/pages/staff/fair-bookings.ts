// 管理控制台 › 招聘会 › 预定管理 and 签到: the bookings of one fair (employer, booth, jobs, attendees, review link,
// payment with receipt and 确认缴费 / 退回 — offered only while the booking is live — and 已退款 for the fee of a
// cancelled or rejected booking), the Excel export and the day's 签到名单 with a 签到 button per unit. A fair
// of another site is "not found" here; the fairs service checks the same again.
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idParams, rowId } from '../../../../core/http/schemas.js';
import { service, type App } from '../../../../core/app.js';
import type { StaffCredentials } from '../../../../core/auth/principals.js';
import { shanghaiDate } from '../../../../core/clock.js';
import { appError } from '../../../../core/http/errors.js';
import { bookingsWorkbook } from '../../export.js';
import { BOOKING_STATUS, fairFacts, onFairDay, PAYMENT_STATUS } from '../format.js';
import { dateTime, failure, pick, render, seeOther, staffOf } from '../../../../core/pages/index.js';
import { flash } from '../flash.js';
import { fairHere } from './fair-here.js';

const STATUS_FILTERS = [
  { value: '', label: '全部' },
  { value: 'pending', label: '待审核' },
  { value: 'approved', label: '已通过' },
  { value: 'rejected', label: '未通过' },
  { value: 'cancelled', label: '已取消' },
] as const;

async function checkInPage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: StaffCredentials,
  id: number,
  extra: { flash?: string; message?: string; status?: number } = {},
) {
  const fairs = service(app, 'fairs');
  const fair = await fairHere(app, request, id);
  const list = await fairs.checkInList(c, id);
  const now = app.clock.now();
  const onDay = onFairDay(fair, now);
  const code = (b: { booth: { code?: string; venue?: string } | null }) =>
    b.booth ? `${b.booth.venue ?? ''} ${b.booth.code ?? ''}`.trim() : '';
  return render(request, h, 'fairs/staff-check-in', {
    data: {
      alerts: { flash: extra.flash, message: extra.message },
      fair: fairFacts(fair, now),
      today: shanghaiDate(now),
      onDay,
      counts: { checkedIn: list.checkedIn, total: list.total, waiting: list.total - list.checkedIn },
      rows: [...list.items]
        .sort((a, b) => code(a).localeCompare(code(b), 'zh', { numeric: true }))
        .map((i) => ({
          bookingId: i.bookingId,
          employer: i.employer.name,
          booth: code(i) || null,
          attendees: i.attendees,
          payment: PAYMENT_STATUS[i.payment.status] ?? { label: i.payment.status, tone: 'muted' },
          checkedInAt: i.checkedInAt ? dateTime(i.checkedInAt) : null,
          checkInAction:
            !i.checkedInAt && onDay ? `/admin/fairs/${id}/bookings/${i.bookingId}/check-in` : null,
        })),
    },
    title: `签到名单：${fair.title}`,
    status: extra.status ?? 200,
    menu: 'fairs',
  });
}

async function bookingsPage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: StaffCredentials,
  id: number,
  q: { status?: string; done?: string },
  extra: { message?: string; status?: number; open?: number; comment?: string } = {},
) {
  const fair = await fairHere(app, request, id);
  const fairs = service(app, 'fairs');
  const all = await fairs.bookings(c, id);
  const items = q.status ? all.items.filter((b) => b.status === q.status) : all.items;
  const count = (s: string) => all.items.filter((b) => b.status === s).length;
  const now = app.clock.now();
  const query = (status: string) => (status ? `?status=${status}` : '');
  return render(request, h, 'fairs/staff-bookings', {
    data: {
      alerts: { flash: flash(q.done), message: extra.message },
      fair: fairFacts(fair, now),
      tabs: STATUS_FILTERS.map((f) => ({
        label: f.label,
        href: `/admin/fairs/${id}/bookings${query(f.value)}`,
        current: (q.status ?? '') === f.value,
        count: f.value ? count(f.value) : all.items.length,
      })),
      status: q.status ?? '',
      exportHref: `/admin/fairs/${id}/bookings.xlsx`,
      rows: items.map((b) => {
        const payment = PAYMENT_STATUS[b.payment.status] ?? { label: b.payment.status, tone: 'muted' };
        const ended = b.status === 'cancelled' || b.status === 'rejected';
        return {
          id: b.id,
          employer: b.employer.name,
          booth: b.booth ? `${b.booth.venue ?? ''} ${b.booth.code ?? ''}`.trim() : null,
          jobs: b.jobs,
          attendees: b.attendees,
          status: BOOKING_STATUS[b.status] ?? { label: b.status, tone: 'muted' },
          pending: b.status === 'pending',
          reviewHref: b.reviewId ? `/admin/reviews/${b.reviewId}` : null,
          payment: {
            ...payment,
            amount: b.payment.amount,
            amountText: `¥${b.payment.amount.toLocaleString('zh-CN')}`,
            comment: b.payment.comment,
            receipt: b.payment.receiptFileId ? `/admin/files/${b.payment.receiptFileId}` : null,
            submitted: b.payment.status === 'submitted' && !ended,
            returned: b.payment.status === 'returned',
            refundDue: b.payment.status === 'refund_due',
            refunded: b.payment.status === 'refunded',
            refundedAt: b.payment.refundedAt ? dateTime(b.payment.refundedAt) : null,
            refundNote: b.payment.refundNote,
          },
          ended,
          rejected: b.status === 'rejected',
          checkedInAt: b.checkedInAt ? dateTime(b.checkedInAt) : null,
          createdAt: dateTime(b.createdAt),
          open: extra.open === b.id,
          comment: extra.open === b.id ? (extra.comment ?? '') : '',
          paymentAction: `/admin/fairs/${id}/bookings/${b.id}/payment`,
          refundAction: `/admin/fairs/${id}/bookings/${b.id}/refund`,
        };
      }),
    },
    title: `预定管理：${fair.title}`,
    status: extra.status ?? 200,
    menu: 'fairs',
  });
}

/** 预定管理, its payment decisions and Excel export, and the 签到名单 of one fair. */
export function staffBookingPages(app: App): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/admin/fairs/{id}/bookings',
      options: {
        app: { page: { audience: 'staff' } },
        validate: {
          params: idParams,
          query: Joi.object({
            status: Joi.string().valid('pending', 'approved', 'rejected', 'cancelled', ''),
            done: Joi.string().max(40),
          }).unknown(true),
        },
        handler: async (request, h) => {
          const c = staffOf(request);
          return bookingsPage(
            app,
            request,
            h,
            c,
            (request.params as { id: number }).id,
            request.query as { status?: string; done?: string },
          );
        },
      },
    },
    {
      method: 'POST',
      path: '/admin/fairs/{id}/bookings/{bookingId}/payment',
      options: {
        app: { page: { audience: 'staff' } },
        validate: {
          params: Joi.object({
            id: rowId.required(),
            bookingId: rowId.required(),
          }),
        },
        handler: async (request, h) => {
          const { id, bookingId } = request.params as { id: number; bookingId: number };
          const c = staffOf(request);
          await fairHere(app, request, id);
          const { items } = await service(app, 'fairs').bookings(c, id);
          if (!items.some((b) => b.id === bookingId)) throw appError(404, 'NOT_FOUND', '预定记录不存在');
          const input = pick(request.payload, ['decision', 'comment']);
          const decision =
            input.decision === 'return' ? 'return' : input.decision === 'confirm' ? 'confirm' : null;
          const comment = (input.comment ?? '').trim();
          const again = (message: string, status: number) =>
            bookingsPage(app, request, h, c, id, {}, { message, status, open: bookingId, comment });
          if (!decision) return again('请选择确认缴费或退回', 400);
          if (comment.length > 500) return again('退回原因不能超过 500 字', 400);
          try {
            await service(app, 'fairs').confirmPayment(c, bookingId, decision, comment || null);
          } catch (err) {
            const f = failure(err, ['comment']);
            if (f.status === 403 || f.status === 404) throw err;
            return again(f.message ?? f.errors.comment ?? '操作失败', f.status);
          }
          return seeOther(
            request,
            h,
            `/admin/fairs/${id}/bookings`,
            decision === 'confirm' ? 'payment-confirmed' : 'payment-returned',
          );
        },
      },
    },
    {
      method: 'POST',
      path: '/admin/fairs/{id}/bookings/{bookingId}/refund',
      options: {
        app: { page: { audience: 'staff' } },
        validate: { params: Joi.object({ id: rowId.required(), bookingId: rowId.required() }) },
        handler: async (request, h) => {
          const { id, bookingId } = request.params as { id: number; bookingId: number };
          const c = staffOf(request);
          await fairHere(app, request, id);
          const { items } = await service(app, 'fairs').bookings(c, id);
          if (!items.some((b) => b.id === bookingId)) throw appError(404, 'NOT_FOUND', '预定记录不存在');
          const note = (pick(request.payload, ['note']).note ?? '').trim();
          const again = (message: string, status: number) =>
            bookingsPage(app, request, h, c, id, {}, { message, status, open: bookingId, comment: note });
          if (note.length > 500) return again('退款说明不能超过 500 字', 400);
          try {
            await service(app, 'fairs').markRefunded(c, bookingId, note || null);
          } catch (err) {
            const f = failure(err, []);
            if (f.status === 403 || f.status === 404) throw err;
            return again(f.message ?? '操作失败', f.status);
          }
          return seeOther(request, h, `/admin/fairs/${id}/bookings`, 'refunded');
        },
      },
    },
    {
      method: 'GET',
      path: '/admin/fairs/{id}/bookings.xlsx',
      options: {
        app: { page: { audience: 'staff' } },
        validate: { params: idParams },
        handler: async (request, h) => {
          const id = (request.params as { id: number }).id;
          const c = staffOf(request);
          await fairHere(app, request, id);
          const data = await service(app, 'fairs').bookings(c, id);
          return h
            .response(await bookingsWorkbook(data))
            .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .header(
              'Content-Disposition',
              `attachment; filename*=UTF-8''${encodeURIComponent(`${data.fair.title}-预定.xlsx`)}`,
            )
            .header('Cache-Control', 'private, no-store');
        },
      },
    },
    {
      method: 'GET',
      path: '/admin/fairs/{id}/check-in',
      options: {
        app: { page: { audience: 'staff' } },
        validate: { params: idParams, query: Joi.object({ done: Joi.string().max(40) }).unknown(true) },
        handler: async (request, h) => {
          const c = staffOf(request);
          return checkInPage(app, request, h, c, (request.params as { id: number }).id, {
            flash: flash((request.query as { done?: string }).done),
          });
        },
      },
    },
    {
      method: 'POST',
      path: '/admin/fairs/{id}/bookings/{bookingId}/check-in',
      options: {
        app: { page: { audience: 'staff' } },
        validate: { params: Joi.object({ id: rowId.required(), bookingId: rowId.required() }) },
        handler: async (request, h) => {
          const { id, bookingId } = request.params as { id: number; bookingId: number };
          const c = staffOf(request);
          await fairHere(app, request, id);
          const { items } = await service(app, 'fairs').bookings(c, id);
          if (!items.some((b) => b.id === bookingId)) throw appError(404, 'NOT_FOUND', '预定记录不存在');
          try {
            await service(app, 'fairs').staffCheckIn(c, bookingId);
          } catch (err) {
            const f = failure(err, []);
            if (f.status === 403 || f.status === 404) throw err;
            return checkInPage(app, request, h, c, id, {
              message: f.message ?? '签到失败',
              status: f.status,
            });
          }
          return seeOther(request, h, `/admin/fairs/${id}/check-in`, 'desk-checked-in');
        },
      },
    },
  ];
}
