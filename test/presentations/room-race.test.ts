// The room guard under a race: many employers' requests for overlapping slots of one room arrive at once; the
// exclusion constraint in PostgreSQL lets exactly one session hold each instant, and the others are refused.
import { expect } from 'chai';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { bearer, memberOf } from '../helpers/employers.js';

const MINUTE = 60_000;

describe('info sessions: simultaneous applications for one room', function () {
  this.timeout(120_000);

  it('of 60 overlapping requests, the accepted never overlap, every refusal is 409 ROOM_TAKEN, and a cancellation frees the slot', async () => {
    const { app } = await getDeployment();
    const [a, b] = await Promise.all([memberOf(['nju']), memberOf(['nju'])]);
    const room = json<{ id: number }>(
      await inject({
        method: 'POST',
        url: '/api/v1/admin/sites/nju/rooms',
        headers: bearer(await staffToken('nju.admin')),
        payload: { name: `并发报告厅 ${Date.now()}`, capacity: 500 },
      }),
    );
    const date = new Date(Date.parse(`${app.clock.today()}T00:00:00+08:00`) + 20 * 86_400_000 + 8 * 3_600_000)
      .toISOString()
      .slice(0, 10);
    const first = Date.parse(`${date}T09:00:00+08:00`);
    const slots = Array.from({ length: 60 }, (_, k) => ({
      startsAt: new Date(first + k * 7 * MINUTE).toISOString(),
      endsAt: new Date(first + k * 7 * MINUTE + 60 * MINUTE).toISOString(),
    }));
    const responses = await Promise.all(
      slots.map((slot, k) =>
        inject({
          method: 'POST',
          url: '/api/v1/employer/presentations',
          headers: bearer((k % 2 ? a : b).token),
          payload: {
            siteSlug: 'nju',
            mode: 'offline',
            roomId: room.id,
            title: `并发宣讲会 ${k}`,
            ...slot,
            contacts: [{ name: '王五', phone: '13712345678' }],
          },
        }),
      ),
    );
    const accepted = responses.filter((r) => r.statusCode === 201);
    const refused = responses.filter((r) => r.statusCode !== 201);
    expect(accepted.length).to.be.greaterThan(0);
    for (const r of refused) {
      expect(r.statusCode, r.payload).to.equal(409);
      expect(json(r).code).to.equal('ROOM_TAKEN');
    }

    const holders = (await app
      .db('presentations')
      .where({ room_id: room.id })
      .whereIn('status', ['pending', 'approved'])
      .orderBy('starts_at')
      .select('id', 'starts_at', 'ends_at')) as { id: number; starts_at: Date; ends_at: Date }[];
    expect(holders.map((h) => h.id).sort()).to.deep.equal(
      accepted.map((r) => json<{ id: number }>(r).id).sort(),
    );
    for (let minute = 0; minute < 60 * 7 + 60; minute++) {
      const instant = first + minute * MINUTE;
      const holding = holders.filter(
        (h) => new Date(h.starts_at).getTime() <= instant && instant < new Date(h.ends_at).getTime(),
      );
      expect(holding.length, new Date(instant).toISOString()).to.be.at.most(1);
    }
    const overlapping = await app.db.raw(
      `SELECT count(*)::int AS n FROM presentations x JOIN presentations y ON x.id < y.id AND x.room_id = y.room_id
       WHERE x.room_id = ? AND x.status IN ('pending','approved') AND y.status IN ('pending','approved')
       AND tstzrange(x.starts_at, x.ends_at, '[)') && tstzrange(y.starts_at, y.ends_at, '[)')`,
      [room.id],
    );
    expect(overlapping.rows[0].n).to.equal(0);
    // Each refused slot is held, at some instant, by an accepted session.
    for (const [k, r] of responses.entries()) {
      if (r.statusCode === 201) continue;
      const s = Date.parse(slots[k]!.startsAt);
      const e = Date.parse(slots[k]!.endsAt);
      expect(
        holders.some((h) => new Date(h.starts_at).getTime() < e && s < new Date(h.ends_at).getTime()),
      ).to.equal(true);
    }

    const holder = holders[0]!;
    const owner =
      (await app.db('presentations').where('id', holder.id).first()).employer_id === a.employerId ? a : b;
    const cancel = await inject({
      method: 'POST',
      url: `/api/v1/employer/presentations/${holder.id}/cancel`,
      headers: bearer(owner.token),
      payload: {},
    });
    expect(cancel.statusCode, cancel.payload).to.equal(200);
    const retaken = await inject({
      method: 'POST',
      url: '/api/v1/employer/presentations',
      headers: bearer(b.token),
      payload: {
        siteSlug: 'nju',
        mode: 'offline',
        roomId: room.id,
        title: '释放后重新申请',
        startsAt: new Date(holder.starts_at).toISOString(),
        endsAt: new Date(holder.ends_at).toISOString(),
        contacts: [{ name: '王五', phone: '13712345678' }],
      },
    });
    expect(retaken.statusCode, retaken.payload).to.equal(201);
  });
});
