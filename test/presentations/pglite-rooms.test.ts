// The embedded profile keeps the same room guard: PGlite loads btree_gist, runs the presentations migration, and its
// exclusion constraint refuses a second session in one room at overlapping times (SQLSTATE 23P01), as PostgreSQL does.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exclusionViolation } from '../../core/db/errors.js';
import { createDb, type Db } from '../../core/db/knex.js';
import { migrateLatest } from '../../core/db/migrate.js';

describe('rooms on embedded PGlite', function () {
  this.timeout(180_000);
  let dir: string;
  let db: Db;
  let roomId: number;
  let siteId: number;
  let employerId: number;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xz-pglite-rooms-'));
    db = createDb({ databaseUrl: null, dataDir: dir });
    await migrateLatest(db);
    [{ id: siteId }] = await db('sites')
      .insert({ key: 'x', slug: 'x', name: '测试学校', city: '南京', level: 'school', manifest: {} })
      .returning('id');
    [{ id: employerId }] = await db('employers')
      .insert({
        name: '测试单位',
        uscc: '91320000000000000X',
        uscc_check_passed: true,
        contact_name: '张三',
        contact_phone: '13800000000',
      })
      .returning('id');
    [{ id: roomId }] = await db('rooms')
      .insert({ site_id: siteId, name: '报告厅', capacity: 200 })
      .returning('id');
  });

  after(async () => {
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const session = (startsAt: string, endsAt: string, status = 'pending') =>
    db('presentations')
      .insert({
        site_id: siteId,
        employer_id: employerId,
        mode: 'offline',
        room_id: roomId,
        title: '宣讲会',
        starts_at: startsAt,
        ends_at: endsAt,
        status,
      })
      .returning('id');

  it('refuses an overlapping session in the same room, allows back-to-back, and a cancelled one frees the room', async () => {
    const [{ id: first }] = await session('2027-03-01T10:00:00+08:00', '2027-03-01T12:00:00+08:00');
    let err: unknown;
    try {
      await session('2027-03-01T11:00:00+08:00', '2027-03-01T13:00:00+08:00', 'approved');
    } catch (e) {
      err = e;
    }
    expect(exclusionViolation(err)).to.equal('presentations_room_free');
    await session('2027-03-01T12:00:00+08:00', '2027-03-01T13:00:00+08:00');
    await db('presentations').where('id', first).update({ status: 'cancelled' });
    await session('2027-03-01T09:00:00+08:00', '2027-03-01T11:30:00+08:00');
    const holders = await db('presentations')
      .where({ room_id: roomId })
      .whereIn('status', ['pending', 'approved'])
      .orderBy('starts_at')
      .select('starts_at');
    expect(holders).to.have.length(2);
  });
});
