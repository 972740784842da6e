import { expect } from 'chai';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { bearer, memberOf, type Registered } from '../helpers/employers.js';
import { get as getPage, Jar, submit } from '../helpers/pages.js';
import { dayAhead } from '../helpers/presentations.js';

// The staff console's info-session pages on nju: 场地管理 (rooms editor), 宣讲会日程 (day and week calendar) and the
// review page of a session. seu staff and an seu session play the other site.

async function staffJar(username: string): Promise<Jar> {
  const { app } = await getDeployment();
  const { payload } = await app.services.staff!.login(username, 'xiaozhao-demo', '127.0.0.1');
  const jar = new Jar();
  jar.cookies.set('xz_staff', app.principals.sign(payload));
  return jar;
}

/** The page with `=` and `&` unescaped (Handlebars escapes them in attributes). */
async function get(url: string, jar: Jar) {
  const res = await getPage(url, jar);
  return Object.assign(res, { payload: res.payload.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&') });
}

const uid = () => Math.random().toString(36).slice(2, 8);

async function createRoom(slug: string, name: string): Promise<number> {
  const res = await inject({
    method: 'POST',
    url: `/api/v1/admin/sites/${slug}/rooms`,
    headers: bearer(await staffToken(`${slug}.admin`)),
    payload: { name, building: '仙林校区 图书馆', capacity: 300, bookable: true },
  });
  expect(res.statusCode, res.payload).to.equal(201);
  return json<{ id: number }>(res).id;
}

const roomFields = (over: Record<string, string> = {}) => ({
  name: '',
  building: '',
  capacity: '',
  bookable: 'true',
  opens: '08:00',
  closes: '21:30',
  ...over,
});

describe('info sessions: staff pages', () => {
  describe('场地管理', () => {
    it('adds a room, shows all field errors at once and keeps what was typed, and refuses a duplicate name on the name field', async () => {
      const jar = await staffJar('nju.admin');
      const list = await get('/s/nju/admin/rooms', jar);
      expect(list.statusCode).to.equal(200);
      expect(list.payload).to.include('场地管理');

      const bad = await submit(
        '/s/nju/admin/rooms',
        '/s/nju/admin/rooms',
        roomFields({ building: '教学楼 ABC', capacity: '0', opens: '18:00', closes: '09:00' }),
        jar,
      );
      expect(bad.statusCode).to.equal(400);
      expect(bad.payload).to.include('请填写场地名称');
      expect(bad.payload).to.include('容纳人数应为 1–100000 的整数');
      expect(bad.payload).to.include('关闭时间必须晚于开放时间');
      expect(bad.payload).to.include('value="教学楼 ABC"');

      const name = `逸夫楼 ${uid()}`;
      const ok = await submit(
        '/s/nju/admin/rooms',
        '/s/nju/admin/rooms',
        roomFields({ name, building: '逸夫楼', capacity: '120', opens: '09:00', closes: '18:00' }),
        jar,
      );
      expect(ok.statusCode, ok.payload).to.equal(303);
      expect(ok.headers.location).to.equal('/s/nju/admin/rooms?done=room-added');
      const { app } = await getDeployment();
      const row = await app
        .db('rooms')
        .where({ site_id: app.sites.get('nju')!.id, name })
        .first();
      expect(row).to.include({ building: '逸夫楼', capacity: 120, bookable: true });
      expect(row.opens.slice(0, 5)).to.equal('09:00');
      expect(row.closes.slice(0, 5)).to.equal('18:00');
      const after = await get('/s/nju/admin/rooms?done=room-added', jar);
      expect(after.payload).to.include('场地已添加');
      expect(after.payload).to.include(`data-room="${row.id}"`);

      const dup = await submit(
        '/s/nju/admin/rooms',
        '/s/nju/admin/rooms',
        roomFields({ name, capacity: '30' }),
        jar,
      );
      expect(dup.statusCode).to.equal(409);
      expect(dup.payload).to.match(/id="xz-f-room-name-error"[^>]*>本校已有同名场地/);
      expect(await app.db('rooms').where({ site_id: app.sites.get('nju')!.id, name })).to.have.length(1);
    });

    it('edits a room; a name taken by another room of the site is the name field’s error', async () => {
      const jar = await staffJar('nju.admin');
      const taken = `报告厅 ${uid()}`;
      await createRoom('nju', taken);
      const id = await createRoom('nju', `报告厅 ${uid()}`);
      const url = `/s/nju/admin/rooms/${id}`;
      const page = await get(url, jar);
      expect(page.statusCode).to.equal(200);
      expect(page.payload).to.include('value="仙林校区 图书馆"');

      const dup = await submit(url, url, roomFields({ name: taken, capacity: '50' }), jar);
      expect(dup.statusCode).to.equal(409);
      expect(dup.payload).to.match(/id="xz-f-room-name-error"[^>]*>本校已有同名场地/);

      const name = `报告厅 ${uid()}`;
      const ok = await submit(
        url,
        url,
        roomFields({ name, capacity: '80', bookable: 'false', opens: '10:00', closes: '17:30' }),
        jar,
      );
      expect(ok.statusCode, ok.payload).to.equal(303);
      const { app } = await getDeployment();
      const row = await app.db('rooms').where('id', id).first();
      expect(row).to.include({ name, capacity: 80, bookable: false, building: '' });
      expect(row.closes.slice(0, 5)).to.equal('17:30');
    });

    it("does not let another site's staff open this site's rooms or a room's edit page", async () => {
      const id = await createRoom('nju', `报告厅 ${uid()}`);
      const seu = await staffJar('seu.admin');
      expect((await get('/s/nju/admin/rooms', seu)).statusCode).to.equal(403);
      expect((await get(`/s/nju/admin/rooms/${id}`, seu)).statusCode).to.equal(403);
      // on its own site, another site's room is not found and cannot be changed
      expect((await get(`/s/seu/admin/rooms/${id}`, seu)).statusCode).to.equal(404);
      const post = await submit(
        '/s/seu/admin/rooms',
        `/s/seu/admin/rooms/${id}`,
        roomFields({ name: '越权', capacity: '5' }),
        seu,
      );
      expect(post.statusCode).to.equal(404);
      const { app } = await getDeployment();
      expect((await app.db('rooms').where('id', id).first()).name).to.not.equal('越权');
    });
  });

  describe('宣讲会日程 and the review page', () => {
    let member: Registered;
    let date: string;
    let roomName: string;
    const titles = {
      pending: `待审宣讲 ${uid()}`,
      approved: `已过宣讲 ${uid()}`,
      online: `空中宣讲 ${uid()}`,
      seu: `东大宣讲 ${uid()}`,
    };
    const ids: Record<string, number> = {};

    const apply = async (key: keyof typeof titles, payload: Record<string, unknown>) => {
      const res = await inject({
        method: 'POST',
        url: '/api/v1/employer/presentations',
        headers: bearer(member.token),
        payload: {
          siteSlug: 'nju',
          title: titles[key],
          description: '招聘简章：研发、测试岗位，本科及以上。\n欢迎计算机相关专业同学参加。',
          jobIds: [],
          contacts: [{ name: '李四', phone: '13912345678' }],
          expectedAudience: 150,
          ...payload,
        },
      });
      expect(res.statusCode, res.payload).to.equal(201);
      ids[key] = json<{ id: number }>(res).id;
    };
    const reviewOf = async (id: number) => {
      const { app } = await getDeployment();
      return app.db('reviews').where({ subject_type: 'presentation', subject_id: id }).first();
    };

    before(async function () {
      this.timeout(60_000);
      member = await memberOf(['nju', 'seu']);
      date = await dayAhead(23);
      roomName = `日程厅 ${uid()}`;
      const room = await createRoom('nju', roomName);
      const seuRoom = await createRoom('seu', `日程厅 ${uid()}`);
      const at = (t: string) => `${date}T${t}:00+08:00`;
      await apply('pending', { mode: 'offline', roomId: room, startsAt: at('09:00'), endsAt: at('10:30') });
      await apply('approved', { mode: 'offline', roomId: room, startsAt: at('14:00'), endsAt: at('15:00') });
      await apply('online', {
        mode: 'online',
        liveUrl: 'https://live.example.com/abc',
        startsAt: at('19:00'),
        endsAt: at('20:00'),
      });
      await apply('seu', {
        siteSlug: 'seu',
        mode: 'offline',
        roomId: seuRoom,
        startsAt: at('09:00'),
        endsAt: at('10:00'),
      });
      const review = await reviewOf(ids.approved!);
      const res = await inject({
        method: 'POST',
        url: `/api/v1/admin/reviews/${review.id}/decision`,
        headers: bearer(await staffToken('nju.admin')),
        payload: { decision: 'approve' },
      });
      expect(res.statusCode, res.payload).to.equal(200);
    });

    it("the day view lists the site's pending and approved sessions per room, online ones in their own row, never another site's", async () => {
      const jar = await staffJar('nju.admin');
      const page = await get(`/s/nju/admin/presentations?date=${date}&view=day`, jar);
      expect(page.statusCode).to.equal(200);
      const html = page.payload;
      expect(html).to.include(roomName);
      expect(html).to.include(titles.pending);
      expect(html).to.include(titles.approved);
      expect(html).to.not.include(titles.seu);
      const pendingReview = await reviewOf(ids.pending!);
      const li = (id: number) =>
        new RegExp(`<li data-presentation="${id}">([\\s\\S]*?)</li>`).exec(html)?.[1] ?? '';
      expect(li(ids.pending!)).to.include('09:00–10:30').and.include('待审核').and.include(member.name);
      expect(li(ids.pending!)).to.include(`href="/s/nju/admin/reviews/${pendingReview.id}"`);
      expect(li(ids.approved!)).to.include('14:00–15:00').and.include('已通过');
      const online = /data-lane="online">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
      expect(online).to.include(titles.online);
      expect(online).to.not.include(titles.pending);
    });

    it('the week view shows the same sessions; a cancelled one leaves the calendar', async () => {
      const jar = await staffJar('nju.admin');
      const week = await get(`/s/nju/admin/presentations?date=${date}&view=week`, jar);
      expect(week.statusCode).to.equal(200);
      expect(week.payload).to.include(`data-day="${date}"`);
      expect(week.payload).to.include(titles.pending).and.include(titles.approved).and.include(titles.online);
      expect(week.payload).to.not.include(titles.seu);
      const cancel = await inject({
        method: 'POST',
        url: `/api/v1/employer/presentations/${ids.online}/cancel`,
        headers: bearer(member.token),
      });
      expect(cancel.statusCode, cancel.payload).to.equal(200);
      const after = await get(`/s/nju/admin/presentations?date=${date}&view=week`, jar);
      expect(after.payload).to.not.include(titles.online);
      // another site's staff cannot open it; a bad date shows today instead of an error
      expect(
        (await get(`/s/nju/admin/presentations?date=${date}`, await staffJar('seu.admin'))).statusCode,
      ).to.equal(403);
      expect((await get('/s/nju/admin/presentations?date=2026-13-45&view=month', jar)).statusCode).to.equal(
        200,
      );
    });

    it('the review page shows the session’s full content', async () => {
      const jar = await staffJar('nju.admin');
      const review = await reviewOf(ids.pending!);
      const page = await get(`/s/nju/admin/reviews/${review.id}`, jar);
      expect(page.statusCode).to.equal(200);
      const html = page.payload;
      for (const text of [
        titles.pending,
        '线下宣讲会',
        `仙林校区 图书馆 ${roomName}（可容纳 300 人）`,
        `${date} 09:00`,
        '10:30',
        '待审核',
        '李四 13912345678',
        '150 人',
        '招聘简章：研发、测试岗位，本科及以上。',
        '欢迎计算机相关专业同学参加。',
      ])
        expect(html).to.include(text);
    });
  });
});
