import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { bootDeployment } from '../../core/cli/deployment.js';
import { ATTENDEES, book, bookBooth, createFair as createFairOf, HOUR, iso } from '../helpers/fairs.js';
import { getDeployment, inject, json, listeningBase, staffToken } from '../helpers/deployment.js';
import { bearer, PDF, uploadFile, waitFor } from '../helpers/employers.js';
import { testConfig } from '../helpers/env.js';
import { bulkEmployers } from '../helpers/fixtures.js';

/** This file's fairs: a lower-case booth code (stored upper-cased) and one booth in 分会场. */
const createFair = (slug: string, over: Record<string, unknown> = {}) =>
  createFairOf(slug, {
    venues: [
      { name: '主会场', booths: [{ code: 'A01' }, { code: 'A02' }, { code: 'a03' }] },
      { name: '分会场', booths: [{ code: 'B01' }] },
    ],
    ...over,
  });

const boothState = async (fairId: number, boothId: number) =>
  json<{ venues: { booths: { id: number; state: string }[] }[] }>(
    await inject(`/api/v1/public/fairs/${fairId}`),
  )
    .venues.flatMap((v) => v.booths)
    .find((b) => b.id === boothId)!.state;

async function decideBooking(
  slug: string,
  bookingId: number,
  decision: 'approve' | 'reject',
  comment?: string,
) {
  const { app } = await getDeployment();
  const review = await app
    .db('reviews')
    .where({ subject_type: 'fair_booking', subject_id: bookingId })
    .first();
  const res = await inject({
    method: 'POST',
    url: `/api/v1/admin/reviews/${review.id}/decision`,
    headers: bearer(await staffToken(`${slug}.admin`)),
    payload: { decision, comment },
  });
  expect(res.statusCode, res.payload).to.equal(200);
}

describe('job fairs: staff', () => {
  it('creates a fair with venues and booth maps; booth codes are upper-cased and unique per venue', async () => {
    const fair = await createFair('cpu');
    expect(fair.venues.map((v) => v.name)).to.deep.equal(['主会场', '分会场']);
    expect(fair.venues[0]!.booths.map((b) => b.code)).to.deep.equal(['A01', 'A02', 'A03']);
    for (const b of fair.venues.flatMap((v) => v.booths)) expect(b.state).to.equal('free');
    const dup = await inject({
      method: 'POST',
      url: '/api/v1/admin/sites/cpu/fairs',
      headers: bearer(await staffToken('cpu.admin')),
      payload: {
        title: '重复展位',
        startsAt: iso(Date.now() + 2 * HOUR),
        endsAt: iso(Date.now() + 3 * HOUR),
        bookingOpensAt: iso(Date.now()),
        bookingClosesAt: iso(Date.now() + HOUR),
        boothSelection: 'at_booking',
        fee: { amount: 0, payment: 'none' },
        venues: [{ name: 'x', booths: [{ code: 'A1' }, { code: 'A1' }] }],
      },
    });
    expect(dup.statusCode).to.equal(400);
    expect(json<{ details: { path: string }[] }>(dup).details[0]!.path).to.equal('venues.0.booths');
  });

  it('refuses inconsistent times and fees with field errors', async () => {
    const token = await staffToken('cpu.admin');
    const now = Date.now();
    const base = {
      title: '时间错误',
      boothSelection: 'at_booking',
      venues: [{ name: 'v', booths: [{ code: 'A1' }] }],
    };
    const bad = await inject({
      method: 'POST',
      url: '/api/v1/admin/sites/cpu/fairs',
      headers: bearer(token),
      payload: {
        ...base,
        startsAt: iso(now + 2 * HOUR),
        endsAt: iso(now + 3 * HOUR),
        bookingOpensAt: iso(now),
        bookingClosesAt: iso(now + 5 * HOUR),
        fee: { amount: 0, payment: 'none' },
      },
    });
    expect(json<{ details: { path: string }[] }>(bad).details[0]!.path).to.equal('bookingClosesAt');
    const fee = await inject({
      method: 'POST',
      url: '/api/v1/admin/sites/cpu/fairs',
      headers: bearer(token),
      payload: {
        ...base,
        startsAt: iso(now + 2 * HOUR),
        endsAt: iso(now + 3 * HOUR),
        bookingOpensAt: iso(now),
        bookingClosesAt: iso(now + HOUR),
        fee: { amount: 0, payment: 'at_booking' },
      },
    });
    expect(json<{ details: { path: string }[] }>(fee).details[0]!.path).to.equal('fee.amount');
  });

  it('keeps one site’s staff out of another site’s fairs', async () => {
    const fair = await createFair('cpu');
    const other = await staffToken('njmu.admin');
    expect(
      (await inject({ url: `/api/v1/admin/sites/cpu/fairs/${fair.id}/bookings`, headers: bearer(other) }))
        .statusCode,
    ).to.equal(403);
    expect(
      (await inject({ url: `/api/v1/admin/sites/njmu/fairs/${fair.id}/bookings`, headers: bearer(other) }))
        .statusCode,
    ).to.equal(404);
    expect(
      (
        await inject({
          method: 'POST',
          url: '/api/v1/admin/sites/cpu/fairs',
          headers: bearer(other),
          payload: {},
        })
      ).statusCode,
    ).to.equal(403);
  });
});

describe('job fairs: booking', () => {
  it('books a free booth (held while pending, taken once approved) and refuses a second booking of it or by the same employer', async () => {
    const fair = await createFair('cpu');
    const [a, b] = await bulkEmployers(2, 'cpu');
    const [a01, a02] = fair.venues[0]!.booths;
    const res = await bookBooth(a!, fair.id, a01!.id);
    expect(res.statusCode, res.payload).to.equal(201);
    const booking = json<{ id: number; status: string; booth: { id: number; code: string } }>(res);
    expect(booking).to.deep.include({ status: 'pending' });
    expect(booking.booth).to.include({ id: a01!.id, code: 'A01' });
    expect(await boothState(fair.id, a01!.id)).to.equal('held');

    const taken = await bookBooth(b!, fair.id, a01!.id);
    expect(taken.statusCode).to.equal(409);
    expect(json(taken)).to.deep.include({ code: 'BOOTH_TAKEN', message: '该展位已被预定，请选择其他展位' });
    const twice = await bookBooth(a!, fair.id, a02!.id);
    expect(twice.statusCode).to.equal(409);
    expect(json(twice).code).to.equal('ALREADY_BOOKED');

    await decideBooking('cpu', booking.id, 'approve');
    expect(await boothState(fair.id, a01!.id)).to.equal('taken');
  });

  it('leaves exactly one winner when 60 employers book the same booth at once', async function () {
    this.timeout(60_000);
    const { app } = await getDeployment();
    const fair = await createFair('cpu');
    const booth = fair.venues[0]!.booths[1]!;
    const employers = await bulkEmployers(60, 'cpu');
    const results = await Promise.all(employers.map((e) => bookBooth(e, fair.id, booth.id)));
    const codes = results.map((r) => (r.statusCode === 201 ? 'created' : json(r).code));
    expect(codes.filter((c) => c === 'created')).to.have.length(1);
    expect(codes.filter((c) => c === 'BOOTH_TAKEN')).to.have.length(59);
    const active = await app
      .db('fair_bookings')
      .where({ booth_id: booth.id })
      .whereIn('status', ['pending', 'approved']);
    expect(active).to.have.length(1);
    expect(await app.db('fair_bookings').where({ fair_id: fair.id })).to.have.length(1);
  });

  it('frees the booth when a pending booking is cancelled or rejected; approved ones cannot be cancelled', async () => {
    const fair = await createFair('cpu');
    const [a, b, c] = await bulkEmployers(3, 'cpu');
    const [x, y] = fair.venues[0]!.booths;
    const first = json<{ id: number }>(await bookBooth(a!, fair.id, x!.id));
    const cancel = await inject({
      method: 'POST',
      url: `/api/v1/employer/fair-bookings/${first.id}/cancel`,
      headers: bearer(a!.token),
    });
    expect(json(cancel).status).to.equal('cancelled');
    expect(await boothState(fair.id, x!.id)).to.equal('free');
    const second = json<{ id: number }>(await bookBooth(b!, fair.id, x!.id));
    await decideBooking('cpu', second.id, 'reject', '展位已预留给合作单位');
    expect(await boothState(fair.id, x!.id)).to.equal('free');
    expect((await bookBooth(c!, fair.id, x!.id)).statusCode).to.equal(201);
    const approved = json<{ id: number }>(await bookBooth(a!, fair.id, y!.id));
    await decideBooking('cpu', approved.id, 'approve');
    const refused = await inject({
      method: 'POST',
      url: `/api/v1/employer/fair-bookings/${approved.id}/cancel`,
      headers: bearer(a!.token),
    });
    expect(refused.statusCode).to.equal(409);
    expect(json(refused).code).to.equal('NOT_CANCELLABLE');
  });

  it('refuses outside the booking window, at sites not joined, and jobs not published or expired', async () => {
    const { app } = await getDeployment();
    const fair = await createFair('cpu', {
      bookingOpensAt: iso(Date.now() + HOUR),
      bookingClosesAt: iso(Date.now() + 2 * HOUR),
    });
    const [a] = await bulkEmployers(1, 'cpu');
    const closed = await bookBooth(a!, fair.id, fair.venues[0]!.booths[0]!.id);
    expect(closed.statusCode).to.equal(409);
    expect(json(closed).code).to.equal('BOOKING_CLOSED');
    const open = await createFair('cpu');
    const [other] = await bulkEmployers(1, 'njmu');
    const notJoined = await bookBooth(other!, open.id, open.venues[0]!.booths[0]!.id);
    expect(notJoined.statusCode).to.equal(403);
    expect(json(notJoined).code).to.equal('SITE_NOT_JOINED');
    await app
      .db('job_publications')
      .where({ job_id: a!.jobId })
      .update({ status: 'pending', approved_at: null });
    const unpublished = await bookBooth(a!, open.id, open.venues[0]!.booths[0]!.id);
    expect(unpublished.statusCode).to.equal(422);
    expect(json(unpublished).code).to.equal('JOB_NOT_ACTIVE');
  });

  it('lets the booking be edited until the fair starts, and checks in only on the day, approved only', async () => {
    const { app } = await getDeployment();
    const fair = await createFair('cpu');
    const [a] = await bulkEmployers(1, 'cpu');
    const booking = json<{ id: number }>(await bookBooth(a!, fair.id, fair.venues[1]!.booths[0]!.id));
    const edit = await inject({
      method: 'PUT',
      url: `/api/v1/employer/fair-bookings/${booking.id}`,
      headers: bearer(a!.token),
      payload: { jobIds: [a!.jobId], attendees: [...ATTENDEES, { name: '李四', phone: '13912345678' }] },
    });
    expect(edit.statusCode).to.equal(200);
    expect(json<{ attendees: unknown[] }>(edit).attendees).to.have.length(2);
    const shown = json<{ fair: { site: { slug: string; name: string }; startsAt: string; endsAt: string } }>(
      edit,
    );
    expect(shown.fair.site).to.deep.equal({ slug: 'cpu', name: app.sites.get('cpu')!.name });
    expect(new Date(shown.fair.endsAt).getTime()).to.be.greaterThan(new Date(shown.fair.startsAt).getTime());
    const early = await inject({
      method: 'POST',
      url: `/api/v1/employer/fair-bookings/${booking.id}/check-in`,
      headers: bearer(a!.token),
    });
    expect(json(early).code).to.equal('NOT_APPROVED');
    await decideBooking('cpu', booking.id, 'approve');
    const notToday = await inject({
      method: 'POST',
      url: `/api/v1/employer/fair-bookings/${booking.id}/check-in`,
      headers: bearer(a!.token),
    });
    expect(notToday.statusCode).to.equal(409);
    expect(json(notToday).code).to.equal('NOT_FAIR_DAY');
    const row = await app.db('fairs').where({ id: fair.id }).first();
    app.clock.set(new Date(new Date(row.starts_at).getTime() + HOUR));
    try {
      const started = await inject({
        method: 'PUT',
        url: `/api/v1/employer/fair-bookings/${booking.id}`,
        headers: bearer(a!.token),
        payload: { jobIds: [a!.jobId], attendees: ATTENDEES },
      });
      expect(json(started).code).to.equal('FAIR_STARTED');
      const ok = await inject({
        method: 'POST',
        url: `/api/v1/employer/fair-bookings/${booking.id}/check-in`,
        headers: bearer(a!.token),
      });
      expect(ok.statusCode).to.equal(200);
      expect(json<{ checkedInAt: string }>(ok).checkedInAt).to.be.a('string');
    } finally {
      app.clock.set(null);
    }
    const list = json<{ items: { bookingId: number; checkedInAt: string | null }[]; checkedIn: number }>(
      await inject({
        url: `/api/v1/admin/sites/cpu/fairs/${fair.id}/check-in`,
        headers: bearer(await staffToken('cpu.admin')),
      }),
    );
    expect(list.items.find((i) => i.bookingId === booking.id)!.checkedInAt).to.be.a('string');
    expect(list.checkedIn).to.equal(1);
  });

  it('chooses the booth after approval in after-approval fairs, and takes payment against a receipt', async () => {
    const fair = await createFair('cpu', {
      boothSelection: 'after_approval',
      fee: { amount: 300, payment: 'after_approval' },
    });
    const [a, b] = await bulkEmployers(2, 'cpu');
    const withBooth = await bookBooth(a!, fair.id, fair.venues[0]!.booths[0]!.id);
    expect(withBooth.statusCode).to.equal(400);
    const booking = json<{ id: number; payment: { status: string } }>(
      await book(a!.token, { fairId: fair.id, jobIds: [a!.jobId], attendees: ATTENDEES }),
    );
    expect(booking.payment.status).to.equal('not_due');
    const early = await inject({
      method: 'POST',
      url: `/api/v1/employer/fair-bookings/${booking.id}/booth`,
      headers: bearer(a!.token),
      payload: { boothId: fair.venues[0]!.booths[0]!.id },
    });
    expect(json(early).code).to.equal('NOT_APPROVED');
    await decideBooking('cpu', booking.id, 'approve');
    const chosen = await inject({
      method: 'POST',
      url: `/api/v1/employer/fair-bookings/${booking.id}/booth`,
      headers: bearer(a!.token),
      payload: { boothId: fair.venues[0]!.booths[0]!.id },
    });
    expect(chosen.statusCode).to.equal(200);
    expect(await boothState(fair.id, fair.venues[0]!.booths[0]!.id)).to.equal('taken');
    const other = json<{ id: number }>(
      await book(b!.token, { fairId: fair.id, jobIds: [b!.jobId], attendees: ATTENDEES }),
    );
    await decideBooking('cpu', other.id, 'approve');
    const clash = await inject({
      method: 'POST',
      url: `/api/v1/employer/fair-bookings/${other.id}/booth`,
      headers: bearer(b!.token),
      payload: { boothId: fair.venues[0]!.booths[0]!.id },
    });
    expect(json(clash).code).to.equal('BOOTH_TAKEN');

    const file = json<{ id: string }>(await uploadFile(a!.token, PDF, '缴费凭证.pdf', 'payment-receipt'));
    const receipt = await inject({
      method: 'POST',
      url: `/api/v1/employer/fair-bookings/${booking.id}/receipt`,
      headers: bearer(a!.token),
      payload: { fileId: file.id },
    });
    expect(json<{ payment: { status: string } }>(receipt).payment.status).to.equal('submitted');
    const staff = await staffToken('cpu.admin');
    const noReason = await inject({
      method: 'POST',
      url: `/api/v1/admin/fair-bookings/${booking.id}/payment`,
      headers: bearer(staff),
      payload: { decision: 'return' },
    });
    expect(noReason.statusCode).to.equal(400);
    const returned = await inject({
      method: 'POST',
      url: `/api/v1/admin/fair-bookings/${booking.id}/payment`,
      headers: bearer(staff),
      payload: { decision: 'return', comment: '金额不符' },
    });
    expect(json<{ payment: { status: string; comment: string } }>(returned).payment).to.include({
      status: 'returned',
      comment: '金额不符',
    });
    await inject({
      method: 'POST',
      url: `/api/v1/employer/fair-bookings/${booking.id}/receipt`,
      headers: bearer(a!.token),
      payload: { fileId: file.id },
    });
    const elsewhere = await inject({
      method: 'POST',
      url: `/api/v1/admin/fair-bookings/${booking.id}/payment`,
      headers: bearer(await staffToken('njmu.admin')),
      payload: { decision: 'confirm' },
    });
    expect(elsewhere.statusCode).to.equal(403);
    const confirmed = await inject({
      method: 'POST',
      url: `/api/v1/admin/fair-bookings/${booking.id}/payment`,
      headers: bearer(staff),
      payload: { decision: 'confirm' },
    });
    expect(json<{ payment: { status: string } }>(confirmed).payment.status).to.equal('confirmed');
  });

  it('keeps employers apart: B cannot see or change A’s booking', async () => {
    const fair = await createFair('cpu');
    const [a, b] = await bulkEmployers(2, 'cpu');
    const booking = json<{ id: number }>(await bookBooth(a!, fair.id, fair.venues[0]!.booths[2]!.id));
    for (const [method, url, payload] of [
      ['GET', `/api/v1/employer/fair-bookings/${booking.id}`, undefined],
      ['POST', `/api/v1/employer/fair-bookings/${booking.id}/cancel`, undefined],
      ['PUT', `/api/v1/employer/fair-bookings/${booking.id}`, { jobIds: [b!.jobId], attendees: ATTENDEES }],
    ] as const) {
      expect(
        (await inject({ method, url, headers: bearer(b!.token), payload })).statusCode,
        `${method} ${url}`,
      ).to.equal(404);
    }
  });

  it('exports the bookings to Excel', async () => {
    const fair = await createFair('cpu');
    const [a] = await bulkEmployers(1, 'cpu');
    await bookBooth(a!, fair.id, fair.venues[0]!.booths[0]!.id);
    const res = await inject({
      url: `/api/v1/admin/sites/cpu/fairs/${fair.id}/bookings.xlsx`,
      headers: bearer(await staffToken('cpu.admin')),
    });
    expect(res.statusCode).to.equal(200);
    expect(res.headers['content-type']).to.include('spreadsheetml');
    const book2 = new ExcelJS.Workbook();
    await book2.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book2.getWorksheet('预定')!;
    expect(sheet.getRow(1).getCell(2).value).to.equal('单位名称');
    expect(String(sheet.getRow(2).getCell(2).value)).to.include('并发测试单位');
    expect(sheet.getRow(2).getCell(4).value).to.equal('主会场 A01');
  });
});

describe('job fairs: live booth states', () => {
  async function openStream(base: string, fairId: number) {
    const controller = new AbortController();
    const res = await fetch(`${base}/api/v1/public/fairs/${fairId}/events`, { signal: controller.signal });
    expect(res.headers.get('content-type')).to.include('text/event-stream');
    const reader = res.body!.getReader();
    const events: { boothId: number; state: string }[] = [];
    let buffer = '';
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buffer += new TextDecoder().decode(value);
        let i: number;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (/^event: booth$/m.test(block) && data) events.push(JSON.parse(data));
        }
      }
    })();
    return { events, close: () => controller.abort() };
  }

  it('streams a booth change to open maps, also when another process made it', async function () {
    this.timeout(30_000);
    const base = await listeningBase();
    const fair = await createFair('cpu');
    const [a, b] = await bulkEmployers(2, 'cpu');
    const stream = await openStream(base, fair.id);
    try {
      const booth = fair.venues[0]!.booths[0]!;
      const started = Date.now();
      await bookBooth(a!, fair.id, booth.id);
      const held = await waitFor(
        'the held event',
        async () => stream.events.find((e) => e.boothId === booth.id && e.state === 'held'),
        5000,
      );
      expect(held).to.include({ state: 'held' });
      expect(Date.now() - started).to.be.lessThan(1000);

      const other = await bootDeployment(testConfig(), { migrate: false });
      try {
        const second = fair.venues[0]!.booths[1]!;
        const res = await other.server.inject({
          method: 'POST',
          url: '/api/v1/employer/fair-bookings',
          headers: bearer(b!.token),
          payload: { fairId: fair.id, boothId: second.id, jobIds: [b!.jobId], attendees: ATTENDEES },
        });
        expect(res.statusCode).to.equal(201);
        await waitFor(
          'the event from the other process',
          async () => stream.events.find((e) => e.boothId === second.id && e.state === 'held'),
          5000,
        );
      } finally {
        await other.stop();
      }
    } finally {
      stream.close();
    }
  });

  it('answers 404 for the events of an unknown fair', async () => {
    expect((await inject('/api/v1/public/fairs/999999/events')).statusCode).to.equal(404);
  });
});
