import { expect } from 'chai';
import {
  ATTENDEES,
  book,
  bookBooth,
  createFair as createFairOf,
  HOUR,
  type FairJson,
} from '../helpers/fairs.js';
import { getDeployment, inject, json, listeningBase, staffToken } from '../helpers/deployment.js';
import { bearer, waitFor } from '../helpers/employers.js';
import { bulkEmployers } from '../helpers/fixtures.js';

// Fairs of these tests belong to jsut; jit staff play the other site.

const createFair = (over: Record<string, unknown> = {}) => createFairOf('jsut', over);

const fairUrl = (fairId: number, rest = '', slug = 'jsut') =>
  `/api/v1/admin/sites/${slug}/fairs/${fairId}${rest}`;

async function staff(method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, who = 'jsut.admin') {
  return inject({ method, url, headers: bearer(await staffToken(who)), payload });
}

async function approve(bookingId: number) {
  const { app } = await getDeployment();
  const review = await app
    .db('reviews')
    .where({ subject_type: 'fair_booking', subject_id: bookingId })
    .first();
  const res = await staff('POST', `/api/v1/admin/reviews/${review.id}/decision`, { decision: 'approve' });
  expect(res.statusCode, res.payload).to.equal(200);
}

async function boothCodes(venueId: number): Promise<string[]> {
  const { app } = await getDeployment();
  return app.db('fair_booths').where({ venue_id: venueId }).orderBy('code').pluck('code');
}

/** Messages published on the fair's channel while `fn` runs (and shortly after). */
async function published(fairId: number, fn: () => Promise<void>): Promise<unknown[]> {
  const { app } = await getDeployment();
  const seen: unknown[] = [];
  const stop = await app.pubsub.subscribe(app.services.fairs!.channel(fairId), (m) => seen.push(m));
  try {
    await fn();
    await waitFor('a message on the fair channel', async () => seen.length > 0, 3000);
  } finally {
    await stop();
  }
  return seen;
}

describe('POST /api/v1/admin/sites/{slug}/fairs/{id}/venues/{venueId}/booths', () => {
  it('adds booths to the venue (codes upper-cased) and tells open maps to read the layout again', async () => {
    const fair = await createFair();
    const venue = fair.venues[0]!;
    let res: Awaited<ReturnType<typeof inject>> | undefined;
    const messages = await published(fair.id, async () => {
      res = await staff('POST', fairUrl(fair.id, `/venues/${venue.id}/booths`), {
        booths: [{ code: 'a04' }, { code: 'A05', x: 4, y: 0 }],
      });
    });
    expect(res!.statusCode, res!.payload).to.equal(201);
    const body = json<FairJson>(res!);
    expect(body.venues[0]!.booths.map((b) => b.code)).to.deep.equal(['A01', 'A02', 'A03', 'A04', 'A05']);
    expect(body.venues[0]!.booths.find((b) => b.code === 'A04')!.state).to.equal('free');
    expect(await boothCodes(venue.id)).to.deep.equal(['A01', 'A02', 'A03', 'A04', 'A05']);
    const { app } = await getDeployment();
    expect(
      await app.db('fair_booths').where({ venue_id: venue.id, code: 'A05' }).first('fair_id', 'x', 'y'),
    ).to.deep.equal({ fair_id: fair.id, x: 4, y: 0 });
    expect(messages).to.deep.include({ type: 'layout', fairId: fair.id });
  });

  it('refuses a code the venue already has or one typed twice, naming it; another venue may use it', async () => {
    const fair = await createFair();
    const [main, side] = fair.venues;
    const taken = await staff('POST', fairUrl(fair.id, `/venues/${main!.id}/booths`), {
      booths: [{ code: 'A09' }, { code: 'a02' }],
    });
    expect(taken.statusCode).to.equal(400);
    expect(json(taken)).to.deep.include({ code: 'VALIDATION' });
    expect(json<{ details: { path: string; message: string }[] }>(taken).details).to.deep.equal([
      { path: 'booths', message: '展位号 A02 已存在' },
    ]);
    const twice = await staff('POST', fairUrl(fair.id, `/venues/${main!.id}/booths`), {
      booths: [{ code: 'A09' }, { code: 'a09' }],
    });
    expect(twice.statusCode).to.equal(400);
    expect(json<{ details: { message: string }[] }>(twice).details[0]!.message).to.equal('展位号 A09 重复');
    expect(await boothCodes(main!.id)).to.deep.equal(['A01', 'A02', 'A03']);

    const elsewhere = await staff('POST', fairUrl(fair.id, `/venues/${side!.id}/booths`), {
      booths: [{ code: 'A01' }],
    });
    expect(elsewhere.statusCode, elsewhere.payload).to.equal(201);
    expect(await boothCodes(side!.id)).to.deep.equal(['A01', 'B01', 'B02']);
  });

  it('checks booths with the venue schema: bad codes, empty lists and more than 1000 booths in a venue', async () => {
    const fair = await createFair();
    const venue = fair.venues[1]!;
    const url = fairUrl(fair.id, `/venues/${venue.id}/booths`);
    const bad = await staff('POST', url, { booths: [{ code: 'A 1' }] });
    expect(bad.statusCode).to.equal(400);
    expect(json<{ details: { path: string; message: string }[] }>(bad).details[0]).to.deep.equal({
      path: 'booths.0.code',
      message: '展位号只能包含字母、数字和连字符，如 A01',
    });
    expect((await staff('POST', url, { booths: [] })).statusCode).to.equal(400);
    const many = Array.from({ length: 999 }, (_, i) => ({ code: `C${i}` }));
    const full = await staff('POST', url, { booths: many });
    expect(full.statusCode).to.equal(400);
    expect(json<{ details: { message: string }[] }>(full).details[0]!.message).to.equal(
      '每个分会场最多 1000 个展位，本分会场已有 2 个',
    );
    expect(await boothCodes(venue.id)).to.deep.equal(['B01', 'B02']);
    expect((await staff('POST', url, { booths: many.slice(0, 998) })).statusCode).to.equal(201);
    expect(await boothCodes(venue.id)).to.have.length(1000);
  });

  it('answers 404 for a venue of another fair', async () => {
    const fair = await createFair();
    const other = await createFair();
    const res = await staff('POST', fairUrl(fair.id, `/venues/${other.venues[0]!.id}/booths`), {
      booths: [{ code: 'Z1' }],
    });
    expect(res.statusCode).to.equal(404);
    expect(json(res)).to.deep.include({ code: 'NOT_FOUND', message: '分会场不存在' });
    expect(await boothCodes(other.venues[0]!.id)).to.deep.equal(['A01', 'A02', 'A03']);
  });
});

describe('PUT /api/v1/admin/sites/{slug}/fairs/{id}/venues/{venueId}', () => {
  it('renames a venue and refuses a name another venue of the fair has', async () => {
    const { app } = await getDeployment();
    const fair = await createFair();
    const [main, side] = fair.venues;
    let res: Awaited<ReturnType<typeof inject>> | undefined;
    const messages = await published(fair.id, async () => {
      res = await staff('PUT', fairUrl(fair.id, `/venues/${side!.id}`), { name: '  体育馆  ' });
    });
    expect(res!.statusCode, res!.payload).to.equal(200);
    expect(json<FairJson>(res!).venues.map((v) => v.name)).to.deep.equal(['主会场', '体育馆']);
    expect(messages).to.deep.include({ type: 'layout', fairId: fair.id });

    const dup = await staff('PUT', fairUrl(fair.id, `/venues/${side!.id}`), { name: '主会场' });
    expect(dup.statusCode).to.equal(400);
    expect(json(dup)).to.deep.include({ code: 'VALIDATION' });
    expect(json<{ details: { path: string; message: string }[] }>(dup).details).to.deep.equal([
      { path: 'name', message: '本场招聘会已有名为「主会场」的分会场' },
    ]);
    const empty = await staff('PUT', fairUrl(fair.id, `/venues/${main!.id}`), { name: ' ' });
    expect(empty.statusCode).to.equal(400);
    expect(await app.db('fair_venues').where({ fair_id: fair.id }).orderBy('id').pluck('name')).to.deep.equal(
      ['主会场', '体育馆'],
    );
  });
});

describe('DELETE /api/v1/admin/sites/{slug}/fairs/{id}/venues/{venueId}/booths/{boothId}', () => {
  it('removes a booth no booking references', async () => {
    const fair = await createFair();
    const venue = fair.venues[0]!;
    let res: Awaited<ReturnType<typeof inject>> | undefined;
    const messages = await published(fair.id, async () => {
      res = await staff('DELETE', fairUrl(fair.id, `/venues/${venue.id}/booths/${venue.booths[2]!.id}`));
    });
    expect(res!.statusCode, res!.payload).to.equal(200);
    expect(json<FairJson>(res!).venues[0]!.booths.map((b) => b.code)).to.deep.equal(['A01', 'A02']);
    expect(await boothCodes(venue.id)).to.deep.equal(['A01', 'A02']);
    expect(messages).to.deep.include({ type: 'layout', fairId: fair.id });
    const again = await staff(
      'DELETE',
      fairUrl(fair.id, `/venues/${venue.id}/booths/${venue.booths[2]!.id}`),
    );
    expect(again.statusCode).to.equal(404);
    expect(json(again).message).to.equal('展位不存在');
  });

  it('keeps booths with bookings, also cancelled ones, with 409 BOOTH_HAS_BOOKINGS, and the last booth of a venue', async () => {
    const { app } = await getDeployment();
    const fair = await createFair();
    const venue = fair.venues[0]!;
    const [a, b] = await bulkEmployers(2, 'jsut');
    const [a01, a02] = venue.booths;
    const pending = json<{ id: number }>(await bookBooth(a!, fair.id, a01!.id));
    const cancelled = json<{ id: number }>(await bookBooth(b!, fair.id, a02!.id));
    await inject({
      method: 'POST',
      url: `/api/v1/employer/fair-bookings/${cancelled.id}/cancel`,
      headers: bearer(b!.token),
    });
    for (const booth of [a01!, a02!]) {
      const res = await staff('DELETE', fairUrl(fair.id, `/venues/${venue.id}/booths/${booth.id}`));
      expect(res.statusCode, booth.code).to.equal(409);
      expect(json(res)).to.deep.include({
        code: 'BOOTH_HAS_BOOKINGS',
        message: '该展位已有预定记录，不能删除',
      });
    }
    expect(await boothCodes(venue.id)).to.deep.equal(['A01', 'A02', 'A03']);
    expect(
      await app.db('fair_bookings').whereIn('id', [pending.id, cancelled.id]).orderBy('id').pluck('booth_id'),
    ).to.deep.equal([a01!.id, a02!.id]);

    const side = fair.venues[1]!;
    expect(
      (await staff('DELETE', fairUrl(fair.id, `/venues/${side.id}/booths/${side.booths[0]!.id}`))).statusCode,
    ).to.equal(200);
    const last = await staff('DELETE', fairUrl(fair.id, `/venues/${side.id}/booths/${side.booths[1]!.id}`));
    expect(last.statusCode).to.equal(409);
    expect(json(last).code).to.equal('LAST_BOOTH');
    expect(await boothCodes(side.id)).to.deep.equal(['B02']);
  });

  it('never answers 500 when bookings race the removal of their booths: each booth is either booked or gone', async function () {
    this.timeout(60_000);
    const { app } = await getDeployment();
    const n = 20;
    const fair = await createFair({
      venues: [{ name: '竞争会场', booths: Array.from({ length: n + 1 }, (_, i) => ({ code: `R${i}` })) }],
    });
    const venue = fair.venues[0]!;
    const booths = venue.booths.slice(0, n);
    const employers = await bulkEmployers(n, 'jsut');
    const token = await staffToken('jsut.admin');
    const results = await Promise.all(
      booths.flatMap((booth, i) => [
        book(employers[i]!.token, {
          fairId: fair.id,
          boothId: booth.id,
          jobIds: [employers[i]!.jobId],
          attendees: ATTENDEES,
        }),
        inject({
          method: 'DELETE',
          url: fairUrl(fair.id, `/venues/${venue.id}/booths/${booth.id}`),
          headers: bearer(token),
        }),
      ]),
    );
    const left = new Set(await app.db('fair_booths').where({ venue_id: venue.id }).pluck('id'));
    const bookings = await app.db('fair_bookings').where({ fair_id: fair.id });
    booths.forEach((booth, i) => {
      const [booking, removal] = [results[2 * i]!, results[2 * i + 1]!];
      expect(
        `${booking.statusCode}/${removal.statusCode}`,
        `${booking.payload} ${removal.payload}`,
      ).to.be.oneOf(['201/409', '404/200']);
      if (booking.statusCode === 201) {
        expect(json(removal).code).to.equal('BOOTH_HAS_BOOKINGS');
        expect(left.has(booth.id)).to.equal(true);
        expect(bookings.filter((b: { booth_id: number }) => b.booth_id === booth.id)).to.have.length(1);
      } else {
        expect(json(booking).code).to.equal('NOT_FOUND');
        expect(left.has(booth.id)).to.equal(false);
      }
    });
    expect(bookings).to.have.length(results.filter((r, i) => i % 2 === 0 && r.statusCode === 201).length);
  });
});

describe('DELETE /api/v1/admin/sites/{slug}/fairs/{id}/venues/{venueId}', () => {
  it('removes a venue with its booths', async () => {
    const { app } = await getDeployment();
    const fair = await createFair();
    const side = fair.venues[1]!;
    let res: Awaited<ReturnType<typeof inject>> | undefined;
    const messages = await published(fair.id, async () => {
      res = await staff('DELETE', fairUrl(fair.id, `/venues/${side.id}`));
    });
    expect(res!.statusCode, res!.payload).to.equal(200);
    expect(json<FairJson>(res!).venues.map((v) => v.name)).to.deep.equal(['主会场']);
    expect(await app.db('fair_venues').where({ id: side.id })).to.have.length(0);
    expect(await app.db('fair_booths').where({ venue_id: side.id })).to.have.length(0);
    expect(await boothCodes(fair.venues[0]!.id)).to.deep.equal(['A01', 'A02', 'A03']);
    expect(messages).to.deep.include({ type: 'layout', fairId: fair.id });
  });

  it('refuses with 409 VENUE_HAS_BOOKINGS when a booking references a booth, and 409 LAST_VENUE for the last venue', async () => {
    const { app } = await getDeployment();
    const fair = await createFair();
    const [main, side] = fair.venues;
    const [a] = await bulkEmployers(1, 'jsut');
    const booking = json<{ id: number }>(await bookBooth(a!, fair.id, side!.booths[1]!.id));
    const refused = await staff('DELETE', fairUrl(fair.id, `/venues/${side!.id}`));
    expect(refused.statusCode).to.equal(409);
    expect(json(refused)).to.deep.include({
      code: 'VENUE_HAS_BOOKINGS',
      message: '该分会场的展位已有预定记录，不能删除',
    });
    expect(await boothCodes(side!.id)).to.deep.equal(['B01', 'B02']);
    expect((await app.db('fair_bookings').where({ id: booking.id }).first()).booth_id).to.equal(
      side!.booths[1]!.id,
    );

    expect((await staff('DELETE', fairUrl(fair.id, `/venues/${main!.id}`))).statusCode).to.equal(200);
    const otherFair = await createFair({ venues: [{ name: '唯一会场', booths: [{ code: 'A1' }] }] });
    const last = await staff('DELETE', fairUrl(otherFair.id, `/venues/${otherFair.venues[0]!.id}`));
    expect(last.statusCode).to.equal(409);
    expect(json(last)).to.deep.include({
      code: 'LAST_VENUE',
      message: '每场招聘会至少保留一个分会场，不能删除最后一个分会场',
    });
    expect(await app.db('fair_venues').where({ fair_id: otherFair.id })).to.have.length(1);
  });

  it('keeps one venue when both venues are removed at once', async () => {
    const { app } = await getDeployment();
    const fair = await createFair();
    const token = await staffToken('jsut.admin');
    const results = await Promise.all(
      fair.venues.map((v) =>
        inject({ method: 'DELETE', url: fairUrl(fair.id, `/venues/${v.id}`), headers: bearer(token) }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).to.deep.equal([200, 409]);
    expect(json(results.find((r) => r.statusCode === 409)!).code).to.equal('LAST_VENUE');
    expect(await app.db('fair_venues').where({ fair_id: fair.id })).to.have.length(1);
  });
});

describe('POST /api/v1/admin/fair-bookings/{id}/check-in', () => {
  it('checks in an approved booking on the fair day only, once', async () => {
    const { app } = await getDeployment();
    const fair = await createFair();
    const [a] = await bulkEmployers(1, 'jsut');
    const booking = json<{ id: number }>(await bookBooth(a!, fair.id, fair.venues[0]!.booths[0]!.id));
    const url = `/api/v1/admin/fair-bookings/${booking.id}/check-in`;
    const pending = await staff('POST', url);
    expect(pending.statusCode).to.equal(409);
    expect(json(pending)).to.deep.include({ code: 'NOT_APPROVED', message: '预定审核通过后才能签到' });
    await approve(booking.id);
    const early = await staff('POST', url);
    expect(early.statusCode).to.equal(409);
    expect(json(early)).to.deep.include({ code: 'NOT_FAIR_DAY', message: '只能在招聘会当天签到' });
    expect((await app.db('fair_bookings').where({ id: booking.id }).first()).checked_in_at).to.equal(null);

    const row = await app.db('fairs').where({ id: fair.id }).first();
    const at = new Date(new Date(row.starts_at).getTime() + HOUR);
    app.clock.set(at);
    try {
      const ok = await staff('POST', url);
      expect(ok.statusCode, ok.payload).to.equal(200);
      const body = json<{ id: number; status: string; checkedInAt: string; booth: { code: string } }>(ok);
      expect(body).to.deep.include({ id: booking.id, status: 'approved', checkedInAt: at.toISOString() });
      expect(body.booth).to.include({ code: 'A01' });
      app.clock.set(new Date(at.getTime() + HOUR));
      const again = await staff('POST', url);
      expect(again.statusCode).to.equal(200);
      expect(json(again).checkedInAt).to.equal(at.toISOString());
    } finally {
      app.clock.set(null);
    }
    const stored = await app.db('fair_bookings').where({ id: booking.id }).first();
    expect(new Date(stored.checked_in_at).toISOString()).to.equal(at.toISOString());
    expect((await staff('POST', '/api/v1/admin/fair-bookings/999999999/check-in')).statusCode).to.equal(404);
  });
});

describe('fair layout and check-in: another site’s staff', () => {
  it('cannot change or remove this site’s venues and booths, or check in its bookings', async () => {
    const { app } = await getDeployment();
    const fair = await createFair();
    const [main, side] = fair.venues;
    const [a] = await bulkEmployers(1, 'jsut');
    const booking = json<{ id: number }>(await bookBooth(a!, fair.id, main!.booths[0]!.id));
    await approve(booking.id);
    const attempts: ['POST' | 'PUT' | 'DELETE', string, object?][] = [
      ['POST', `/venues/${main!.id}/booths`, { booths: [{ code: 'X1' }] }],
      ['PUT', `/venues/${main!.id}`, { name: '他校改名' }],
      ['DELETE', `/venues/${main!.id}/booths/${main!.booths[2]!.id}`],
      ['DELETE', `/venues/${side!.id}`],
    ];
    for (const [method, rest, payload] of attempts) {
      const forbidden = await staff(method, fairUrl(fair.id, rest), payload, 'jit.admin');
      expect(forbidden.statusCode, `${method} ${rest}`).to.equal(403);
      expect(json(forbidden).code).to.equal('FORBIDDEN');
      const elsewhere = await staff(method, fairUrl(fair.id, rest, 'jit'), payload, 'jit.admin');
      expect(elsewhere.statusCode, `${method} ${rest} via jit`).to.equal(404);
    }
    const row = await app.db('fairs').where({ id: fair.id }).first();
    app.clock.set(new Date(new Date(row.starts_at).getTime() + HOUR));
    try {
      const checkIn = await staff(
        'POST',
        `/api/v1/admin/fair-bookings/${booking.id}/check-in`,
        undefined,
        'jit.admin',
      );
      expect(checkIn.statusCode).to.equal(403);
      expect(json(checkIn).code).to.equal('FORBIDDEN');
    } finally {
      app.clock.set(null);
    }
    expect(await app.db('fair_venues').where({ fair_id: fair.id }).orderBy('id').pluck('name')).to.deep.equal(
      ['主会场', '分会场'],
    );
    expect(await boothCodes(main!.id)).to.deep.equal(['A01', 'A02', 'A03']);
    expect(await boothCodes(side!.id)).to.deep.equal(['B01', 'B02']);
    expect((await app.db('fair_bookings').where({ id: booking.id }).first()).checked_in_at).to.equal(null);
  });
});

describe('GET /api/v1/public/fairs/{id}/events: layout changes', () => {
  it('sends a layout event, which booth-only clients ignore, when staff change venues or booths', async function () {
    this.timeout(30_000);
    const base = await listeningBase();
    const fair = await createFair();
    const controller = new AbortController();
    const res = await fetch(`${base}/api/v1/public/fairs/${fair.id}/events`, {
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    let text = '';
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        text += new TextDecoder().decode(value);
      }
    })();
    try {
      await waitFor('the stream to open', async () => text.includes(`connected to fair ${fair.id}`), 5000);
      const renamed = await staff('PUT', fairUrl(fair.id, `/venues/${fair.venues[1]!.id}`), {
        name: '报告厅',
      });
      expect(renamed.statusCode).to.equal(200);
      await waitFor('the layout event', async () => text.includes('event: layout'), 5000);
      expect(text).to.include(
        `event: layout\ndata: ${JSON.stringify({ type: 'layout', fairId: fair.id })}\n\n`,
      );
      expect(text).to.not.include('event: booth');
      // a whole new venue changes the layout too
      const layoutEvents = () => text.split('event: layout').length - 1;
      const before = layoutEvents();
      const added = await staff('POST', fairUrl(fair.id, '/venues'), {
        name: '新增会场',
        booths: [{ code: 'C01' }],
      });
      expect(added.statusCode, added.payload).to.equal(201);
      await waitFor('a layout event for the new venue', async () => layoutEvents() > before, 5000);
    } finally {
      controller.abort();
      await reading;
    }
  });
});
