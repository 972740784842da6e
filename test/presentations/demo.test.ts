import { expect } from 'chai';
import { runSeeders } from '../../core/seed.js';
import { getDeployment } from '../helpers/deployment.js';

// The demo info sessions that test/setup.ts seeded (npm run seed:demo runs the same seeders).
describe('demo data: info sessions', () => {
  it('gives nju and seu rooms, and pending and approved sessions online and offline in the coming two weeks', async () => {
    const { app } = await getDeployment();
    const today = Date.parse(`${app.clock.today()}T00:00:00+08:00`);
    for (const slug of ['nju', 'seu']) {
      const site = app.sites.get(slug)!;
      const rooms = await app.db('rooms').where({ site_id: site.id });
      const demoRooms = rooms.filter((r) => r.building && /校区/.test(r.building));
      expect(demoRooms.length, slug).to.be.at.least(3);
      const sessions = await app
        .db('presentations as p')
        .join('reviews as r', function () {
          this.on('r.subject_id', 'p.id').andOnVal('r.subject_type', 'presentation');
        })
        .where('p.site_id', site.id)
        .where('p.title', 'not like', '%压测%')
        .where('p.starts_at', '>', new Date(today))
        .where('p.starts_at', '<', new Date(today + 14 * 86_400_000))
        .whereIn('p.description', [
          `${site.name}专场。\n招聘岗位：研发、测试、产品、运营等。\n宣讲结束后现场答疑，欢迎 2027 届同学参加。`,
        ])
        .select('p.id', 'p.mode', 'p.status', 'p.room_id', 'r.status as review');
      const kinds = new Set(sessions.map((s) => `${s.mode}/${s.status}`));
      for (const kind of ['online/approved', 'offline/approved', 'offline/pending', 'online/pending'])
        expect(kinds, `${slug} ${kind}`).to.include(kind);
      for (const s of sessions) expect(s.review, `${slug} ${s.id}`).to.equal(s.status);
      expect(
        sessions.filter((s) => s.mode === 'offline').every((s) => demoRooms.some((r) => r.id === s.room_id)),
      ).to.be.true;
    }
  });

  it('adds nothing when run again', async () => {
    const { app } = await getDeployment();
    const count = async (table: string) =>
      Number((await app.db(table).count<{ count: number }[]>('* as count'))[0]!.count);
    const before = [await count('rooms'), await count('presentations'), await count('reviews')];
    await runSeeders(app);
    expect([await count('rooms'), await count('presentations'), await count('reviews')]).to.deep.equal(
      before,
    );
  });
});
