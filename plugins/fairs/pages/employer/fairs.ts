// 招聘会 › 预定展位: the fairs the employer may book now (joined site, booking window open), a fair's booth map per
// venue (分会场 tabs are links, a free booth links to the booking form; in 选展 mode free booths are the buttons of a
// form), and the booking form itself (预定报名). Every rule — membership, window, free booth, published jobs, one
// booking per fair — is the fairs service's; this file only shows its answers in Chinese.
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idParams, rowId } from '../../../../core/http/schemas.js';
import { service, type App } from '../../../../core/app.js';
import { appError } from '../../../../core/http/errors.js';
import type { EmployerCredentials } from '../../../accounts/permissions.js';
import {
  bookingFormView,
  bookingSummary,
  eligibleJobs,
  readBookingForm,
  type BookingFormErrors,
  type BookingFormValues,
} from '../booking-form.js';
import {
  BOOKING_STATUS,
  boothMap,
  fairFacts,
  PAYMENT_STATUS,
  type Booking,
  type PublicFair,
} from '../format.js';
import { failure, render, seeOther } from '../../../../core/pages/index.js';
import { employerOf } from '../../../accounts/permissions.js';
import { flash } from '../flash.js';

const page = { audience: 'employer', permission: 'fairs' } as const;

/** The employer's booking of this fair that still holds (pending or approved), if any. */
export function activeBooking(bookings: Booking[], fairId: number): Booking | undefined {
  return bookings.find((b) => b.fair.id === fairId && (b.status === 'pending' || b.status === 'approved'));
}

/** Why this employer cannot book this fair now, or null when it can. */
async function bookingBlock(
  app: App,
  c: EmployerCredentials,
  fair: PublicFair,
  active: Booking | undefined,
): Promise<string | null> {
  if (active) return null;
  if (!fair.bookingOpen) return '不在本场招聘会的预定时间内。';
  const bookable = await service(app, 'fairs').bookable(c);
  if (!bookable.items.some((f) => f.id === fair.id))
    return `尚未入驻举办学校（${fair.site.name}）的站点，审核通过后才能预定展位。`;
  return null;
}

interface BookForm {
  values?: BookingFormValues;
  errors?: BookingFormErrors;
  message?: string;
}

async function bookPage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  fairId: number,
  boothId: number | undefined,
  form: BookForm,
  status = 200,
) {
  const fairs = service(app, 'fairs');
  const fair = await fairs.publicFair(fairId);
  const now = app.clock.now();
  const mine = await fairs.mine(c);
  const active = activeBooking(mine.items, fair.id);
  const block = await bookingBlock(app, c, fair, active);
  // A fee paid on an ended booking of this fair is refunded; its receipt is not carried to a new booking.
  const earlierPaid = active
    ? undefined
    : mine.items.find(
        (b) =>
          b.fair.id === fair.id && (b.payment.status === 'refund_due' || b.payment.status === 'refunded'),
      );
  const atBooking = fair.boothSelection === 'at_booking';
  const booth = atBooking
    ? fair.venues
        .flatMap((v) => v.booths.map((b) => ({ ...b, venue: v.name, venueId: v.id })))
        .find((b) => b.id === boothId)
    : undefined;
  let problem: string | null = block;
  if (!problem && active) problem = '贵单位已预定本场招聘会，不能重复预定。';
  if (!problem && atBooking && !booth) problem = '请先在展位图中选择一个空闲展位。';
  if (!problem && booth && booth.state !== 'free') problem = '该展位已被预定，请选择其他展位。';
  const jobs = problem ? [] : await eligibleJobs(app, c);
  const values = form.values ?? { jobIds: [], attendees: [] };
  const errors = form.errors ?? { rows: {} };
  return render(request, h, 'fairs/book', {
    data: {
      fair: fairFacts(fair, now),
      alerts: {
        message: form.message ?? problem ?? undefined,
        summary: bookingSummary(errors),
      },
      problem,
      earlierPaid: earlierPaid
        ? { id: earlierPaid.id, label: PAYMENT_STATUS[earlierPaid.payment.status]!.label }
        : null,
      active: active
        ? { id: active.id, status: BOOKING_STATUS[active.status] ?? BOOKING_STATUS.pending }
        : null,
      booth: booth ? { id: booth.id, code: booth.code, venue: booth.venue } : null,
      atBooking,
      mapHref: `/employer/fairs/${fair.id}${booth ? `?venue=${booth.venueId}` : ''}`,
      noJobs: !problem && jobs.length === 0,
      form: {
        action: `/employer/fairs/${fair.id}/book`,
        boothId: booth?.id,
        submit: '提交预定',
        ...bookingFormView(jobs, values, errors),
      },
    },
    title: `预定展位：${fair.title}`,
    status: status,
    menu: 'fairs',
  });
}

export function employerFairPages(app: App): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/employer/fairs',
      options: {
        app: { page },
        validate: { query: Joi.object({ done: Joi.string().max(40) }).unknown(true) },
        handler: async (request, h) => {
          const c = employerOf(request);
          const [bookable, mine] = await Promise.all([
            service(app, 'fairs').bookable(c),
            service(app, 'fairs').mine(c),
          ]);
          const now = app.clock.now();
          return render(request, h, 'fairs/fairs', {
            data: {
              alerts: { flash: flash((request.query as { done?: string }).done) },
              rows: bookable.items.map((f) => {
                const booked = activeBooking(mine.items, f.id);
                return {
                  ...fairFacts(f, now),
                  booked: booked
                    ? { id: booked.id, status: BOOKING_STATUS[booked.status] ?? BOOKING_STATUS.pending }
                    : null,
                };
              }),
            },
            title: '预定展位',
            menu: 'fairs',
          });
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/fairs/{id}',
      options: {
        app: { page },
        validate: {
          params: idParams,
          query: Joi.object({ venue: rowId, choose: rowId, done: Joi.string().max(40) }).unknown(true),
        },
        handler: async (request, h) => {
          const c = employerOf(request);
          const id = (request.params as { id: number }).id;
          const q = request.query as { venue?: number; choose?: number; done?: string };
          return mapPage(app, request, h, c, id, q);
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/fairs/{id}/book',
      options: {
        app: { page },
        validate: { params: idParams, query: Joi.object({ booth: rowId }).unknown(true) },
        handler: async (request, h) => {
          const c = employerOf(request);
          const id = (request.params as { id: number }).id;
          return bookPage(app, request, h, c, id, (request.query as { booth?: number }).booth, {});
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/fairs/{id}/book',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) => {
          const id = (request.params as { id: number }).id;
          const c = employerOf(request);
          const rawBooth = (request.payload as Record<string, unknown> | null)?.boothId;
          const boothId =
            typeof rawBooth === 'string' && /^[1-9]\d{0,9}$/.test(rawBooth) ? Number(rawBooth) : undefined;
          const parsed = readBookingForm(request.payload);
          if (!parsed.ok)
            return bookPage(
              app,
              request,
              h,
              c,
              id,
              boothId,
              { values: parsed.values, errors: parsed.errors },
              400,
            );
          try {
            await service(app, 'fairs').book(c, { fairId: id, boothId: boothId ?? null, ...parsed.input });
          } catch (err) {
            const f = failure(err, ['jobIds', 'attendees', 'boothId'], { JOB_NOT_ACTIVE: 'jobIds' });
            const errors: BookingFormErrors = { rows: {}, jobIds: f.errors.jobIds };
            const message = f.message ?? (f.errors.boothId || f.errors.attendees);
            return bookPage(
              app,
              request,
              h,
              c,
              id,
              boothId,
              { values: parsed.values, errors, message },
              f.status,
            );
          }
          return seeOther(request, h, '/employer/fair-bookings', 'booked');
        },
      },
    },
  ];
}

export async function mapPage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  id: number,
  q: { venue?: number; choose?: number; done?: string },
  extra: { message?: string; status?: number } = {},
) {
  const fairs = service(app, 'fairs');
  const fair = await fairs.publicFair(id);
  const now = app.clock.now();
  const mine = await fairs.mine(c);
  const active = activeBooking(mine.items, fair.id);
  let choose: { booking: Booking; problem: string | null } | null = null;
  if (q.choose) {
    const booking = await fairs.get(c, q.choose);
    if (booking.fair.id !== fair.id) throw appError(404, 'NOT_FOUND', '预定记录不存在');
    const problem =
      fair.boothSelection !== 'after_approval'
        ? '本场招聘会在预定时选择展位，不能另行选展。'
        : booking.status !== 'approved'
          ? '预定审核通过后才能选展。'
          : booking.booth
            ? `已选择展位 ${booking.booth.code ?? ''}，不能重复选展。`
            : now.getTime() >= new Date(fair.startsAt).getTime()
              ? '招聘会已开始，不能再选展。'
              : null;
    choose = { booking, problem };
  }
  const block = await bookingBlock(app, c, fair, active);
  // A fee paid on an ended booking of this fair is refunded; its receipt is not carried to a new booking.
  const earlierPaid = active
    ? undefined
    : mine.items.find(
        (b) =>
          b.fair.id === fair.id && (b.payment.status === 'refund_due' || b.payment.status === 'refunded'),
      );
  const canBook = !choose && !block && !active && fair.boothSelection === 'at_booking';
  const chooseOpen = !!choose && !choose.problem;
  const map = boothMap(fair, {
    venueId: q.venue,
    path: `/employer/fairs/${fair.id}`,
    keep: { choose: q.choose },
    bookHref: canBook ? (boothId) => `/employer/fairs/${fair.id}/book?booth=${boothId}` : undefined,
    choose: chooseOpen,
    mineBoothId: active?.booth?.id ?? null,
  });
  return render(request, h, 'fairs/fair', {
    data: {
      alerts: { flash: flash(q.done), message: extra.message ?? choose?.problem ?? undefined },
      fair: fairFacts(fair, now),
      map,
      chooseAction: chooseOpen ? `/employer/fair-bookings/${choose!.booking.id}/booth` : undefined,
      choosing: chooseOpen,
      active: active
        ? {
            id: active.id,
            status: BOOKING_STATUS[active.status] ?? BOOKING_STATUS.pending,
            booth: active.booth?.code ?? null,
          }
        : null,
      block: choose ? null : block,
      earlierPaid:
        earlierPaid && !choose
          ? { id: earlierPaid.id, label: PAYMENT_STATUS[earlierPaid.payment.status]!.label }
          : null,
      canBook,
      applyHref:
        !choose && !block && !active && fair.boothSelection === 'after_approval'
          ? `/employer/fairs/${fair.id}/book`
          : null,
    },
    title: chooseOpen ? `选展：${fair.title}` : fair.title,
    status: extra.status ?? 200,
    menu: 'fairs',
  });
}
