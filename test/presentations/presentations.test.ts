import { expect } from 'chai';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { bearer, memberOf, waitFor, type Registered } from '../helpers/employers.js';
import { createRoom, dayAhead } from '../helpers/presentations.js';

interface RoomJson {
  id: number;
  name: string;
  building: string;
  capacity: number;
  bookable: boolean;
  hours: { opens: string; closes: string };
}
interface PresentationJson {
  id: number;
  status: string;
  mode: string;
  title: string;
  startsAt: string;
  endsAt: string;
  description: string;
  room: { id: number } | null;
  liveUrl: string | null;
  review: { id: number; status: string; comment: string | null } | null;
}

const at = (date: string, time: string) => `${date}T${time}:00+08:00`;

const apply = (token: string, payload: Record<string, unknown>) =>
  inject({ method: 'POST', url: '/api/v1/employer/presentations', headers: bearer(token), payload });

const offline = (
  roomId: number,
  date: string,
  from: string,
  to: string,
  over: Record<string, unknown> = {},
) => ({
  siteSlug: 'nju',
  mode: 'offline',
  roomId,
  title: '2027 届校园招聘宣讲会',
  startsAt: at(date, from),
  endsAt: at(date, to),
  description: '招聘简章：研发、测试、产品岗位',
  jobIds: [],
  contacts: [{ name: '李四', phone: '13912345678' }],
  expectedAudience: 120,
  ...over,
});

async function decide(presentationId: number, decision: 'approve' | 'reject', comment?: string) {
  const { app } = await getDeployment();
  const review = await app
    .db('reviews')
    .where({ subject_type: 'presentation', subject_id: presentationId })
    .first();
  const res = await inject({
    method: 'POST',
    url: `/api/v1/admin/reviews/${review.id}/decision`,
    headers: bearer(await staffToken('nju.admin')),
    payload: { decision, comment },
  });
  expect(res.statusCode, res.payload).to.equal(200);
}

describe('info sessions: rooms (staff)', () => {
  it('creates, lists and edits rooms; hours default to 08:00–21:30; a name is unique per site', async () => {
    const room = await createRoom<RoomJson>('nju', { name: '逸夫楼 101' });
    expect(room.hours).to.deep.equal({ opens: '08:00', closes: '21:30' });
    const token = await staffToken('nju.admin');
    const dup = await inject({
      method: 'POST',
      url: '/api/v1/admin/sites/nju/rooms',
      headers: bearer(token),
      payload: { name: '逸夫楼 101', capacity: 50 },
    });
    expect(dup.statusCode).to.equal(409);
    expect(json(dup).code).to.equal('ROOM_NAME_TAKEN');
    await createRoom<RoomJson>('seu', { name: '逸夫楼 101' });

    const put = await inject({
      method: 'PUT',
      url: `/api/v1/admin/rooms/${room.id}`,
      headers: bearer(token),
      payload: { name: '逸夫楼 102', capacity: 80, bookable: false, opens: '09:00', closes: '18:00' },
    });
    expect(put.statusCode, put.payload).to.equal(200);
    expect(json<RoomJson>(put)).to.include({ name: '逸夫楼 102', capacity: 80, bookable: false });
    const list = json<RoomJson[]>(
      await inject({ url: '/api/v1/admin/sites/nju/rooms', headers: bearer(token) }),
    );
    const listed = list.find((r) => r.id === room.id)!;
    expect(listed.hours).to.deep.equal({ opens: '09:00', closes: '18:00' });
    const { app } = await getDeployment();
    const row = await app.db('rooms').where('id', room.id).first();
    expect(row.site_id).to.equal(app.sites.get('nju')!.id);

    const badHours = await inject({
      method: 'PUT',
      url: `/api/v1/admin/rooms/${room.id}`,
      headers: bearer(token),
      payload: { name: '逸夫楼 102', capacity: 80, bookable: true, opens: '18:00', closes: '09:00' },
    });
    expect(badHours.statusCode).to.equal(400);
    expect(json<{ details: { path: string }[] }>(badHours).details[0]!.path).to.equal('closes');
  });

  it("refuses another site's staff: listing, creating and editing its rooms", async () => {
    const room = await createRoom<RoomJson>('nju');
    const seu = await staffToken('seu.admin');
    const list = await inject({ url: '/api/v1/admin/sites/nju/rooms', headers: bearer(seu) });
    expect(list.statusCode).to.equal(403);
    const create = await inject({
      method: 'POST',
      url: '/api/v1/admin/sites/nju/rooms',
      headers: bearer(seu),
      payload: { name: '越权', capacity: 10 },
    });
    expect(create.statusCode).to.equal(403);
    const put = await inject({
      method: 'PUT',
      url: `/api/v1/admin/rooms/${room.id}`,
      headers: bearer(seu),
      payload: { name: '越权', capacity: 10, bookable: true },
    });
    expect(put.statusCode).to.equal(403);
    const { app } = await getDeployment();
    expect((await app.db('rooms').where('id', room.id).first()).name).to.equal(room.name);
    const calendar = await inject({ url: '/api/v1/admin/sites/nju/presentations', headers: bearer(seu) });
    expect(calendar.statusCode).to.equal(403);
  });
});

describe('info sessions: employers', () => {
  let member: Registered;
  before(async function () {
    this.timeout(60_000);
    member = await memberOf(['nju']);
  });

  it('refuses a school the employer has not joined with 403 SITE_NOT_JOINED (rooms view and application)', async () => {
    const room = await createRoom<RoomJson>('seu');
    const date = await dayAhead(5);
    const view = await inject({
      url: `/api/v1/employer/sites/seu/rooms?date=${date}`,
      headers: bearer(member.token),
    });
    expect(view.statusCode).to.equal(403);
    expect(json(view).code).to.equal('SITE_NOT_JOINED');
    const res = await apply(member.token, offline(room.id, date, '10:00', '11:00', { siteSlug: 'seu' }));
    expect(res.statusCode).to.equal(403);
    expect(json(res).code).to.equal('SITE_NOT_JOINED');
    const { app } = await getDeployment();
    expect(await app.db('presentations').where('room_id', room.id)).to.have.length(0);
  });

  it('validates in Chinese, all field errors at once', async () => {
    const room = await createRoom<RoomJson>('nju');
    const date = await dayAhead(6);
    const res = await apply(
      member.token,
      offline(room.id, date, '10:00', '10:10', { mode: 'online', roomId: null }),
    );
    expect(res.statusCode).to.equal(400);
    const body = json<{ code: string; message: string; details: { path: string; message: string }[] }>(res);
    expect(body.code).to.equal('VALIDATION');
    expect(body.details.map((d) => d.path)).to.deep.equal(['liveUrl', 'endsAt']);
    expect(body.details[1]!.message).to.equal('宣讲会时长应在 30 分钟至 4 小时之间');
    const missing = await apply(member.token, { siteSlug: 'nju', mode: 'offline' });
    expect(missing.statusCode).to.equal(400);
    expect(json(missing).message).to.match(/[\u4e00-\u9fff]/);
  });

  it('refuses a time outside the room’s hours with 422 OUTSIDE_HOURS', async () => {
    const room = await createRoom<RoomJson>('nju', { opens: '09:00', closes: '18:00' });
    const date = await dayAhead(7);
    for (const [from, to] of [
      ['08:30', '10:00'],
      ['17:00', '18:30'],
    ]) {
      const res = await apply(member.token, offline(room.id, date, from!, to!));
      expect(res.statusCode).to.equal(422);
      expect(json(res).code).to.equal('OUTSIDE_HOURS');
    }
    const edge = await apply(member.token, offline(room.id, date, '16:00', '18:00'));
    expect(edge.statusCode, edge.payload).to.equal(201);
  });

  it('applies, shows busy intervals, refuses an overlap with 409 ROOM_TAKEN, allows back-to-back; approval reaches the employer', async () => {
    const room = await createRoom<RoomJson>('nju');
    const date = await dayAhead(8);
    const res = await apply(member.token, offline(room.id, date, '14:00', '16:00'));
    expect(res.statusCode, res.payload).to.equal(201);
    const p = json<PresentationJson>(res);
    expect(p.status).to.equal('pending');
    expect(p.review?.status).to.equal('pending');

    const taken = await apply(member.token, offline(room.id, date, '15:00', '17:00'));
    expect(taken.statusCode).to.equal(409);
    expect(json(taken).code).to.equal('ROOM_TAKEN');
    const next = await apply(member.token, offline(room.id, date, '16:00', '17:00'));
    expect(next.statusCode, next.payload).to.equal(201);

    const view = await inject({
      url: `/api/v1/employer/sites/nju/rooms?date=${date}`,
      headers: bearer(member.token),
    });
    expect(view.statusCode).to.equal(200);
    const mine = json<(RoomJson & { busy: { startsAt: string; endsAt: string; status: string }[] })[]>(
      view,
    ).find((r) => r.id === room.id)!;
    expect(mine.busy).to.deep.equal([
      {
        startsAt: new Date(at(date, '14:00')).toISOString(),
        endsAt: new Date(at(date, '16:00')).toISOString(),
        status: 'pending',
      },
      {
        startsAt: new Date(at(date, '16:00')).toISOString(),
        endsAt: new Date(at(date, '17:00')).toISOString(),
        status: 'pending',
      },
    ]);

    await decide(p.id, 'approve');
    const { app } = await getDeployment();
    expect((await app.db('presentations').where('id', p.id).first()).status).to.equal('approved');
    const message = await waitFor('approval message', () =>
      app
        .db('messages')
        .where({ employer_id: member.employerId, subject_type: 'presentation', subject_id: p.id })
        .first(),
    );
    expect(message.title).to.equal('南京大学：宣讲会申请已通过审核');

    const staffView = await inject({
      url: `/api/v1/admin/sites/nju/presentations?from=${date}&to=${date}&status=approved`,
      headers: bearer(await staffToken('nju.admin')),
    });
    expect(staffView.statusCode).to.equal(200);
    const items = json<{ items: (PresentationJson & { employer: { name: string } })[] }>(staffView).items;
    expect(items.map((i) => i.id)).to.include(p.id);
    expect(items.find((i) => i.id === p.id)!.employer.name).to.equal(member.name);
  });

  it('rejection reaches the employer with the comment and frees the room', async () => {
    const room = await createRoom<RoomJson>('nju');
    const date = await dayAhead(9);
    const p = json<PresentationJson>(await apply(member.token, offline(room.id, date, '10:00', '12:00')));
    await decide(p.id, 'reject', '时间与学校活动冲突');
    const got = json<PresentationJson>(
      await inject({ url: `/api/v1/employer/presentations/${p.id}`, headers: bearer(member.token) }),
    );
    expect(got.status).to.equal('rejected');
    expect(got.review).to.include({ status: 'rejected', comment: '时间与学校活动冲突' });
    const { app } = await getDeployment();
    const message = await waitFor('rejection message', () =>
      app
        .db('messages')
        .where({ employer_id: member.employerId, subject_type: 'presentation', subject_id: p.id })
        .first(),
    );
    expect(message.body).to.include('时间与学校活动冲突');
    const again = await apply(member.token, offline(room.id, date, '10:00', '12:00'));
    expect(again.statusCode, again.payload).to.equal(201);
  });

  it('edits time and room while pending; once approved they are locked (409 PRESENTATION_LOCKED) but the 招聘简章 is not', async () => {
    const room = await createRoom<RoomJson>('nju');
    const other = await createRoom<RoomJson>('nju');
    const date = await dayAhead(10);
    const p = json<PresentationJson>(await apply(member.token, offline(room.id, date, '10:00', '12:00')));
    const moved = await inject({
      method: 'PUT',
      url: `/api/v1/employer/presentations/${p.id}`,
      headers: bearer(member.token),
      payload: { roomId: other.id, startsAt: at(date, '13:00'), endsAt: at(date, '14:30') },
    });
    expect(moved.statusCode, moved.payload).to.equal(200);
    expect(json<PresentationJson>(moved).room!.id).to.equal(other.id);
    await decide(p.id, 'approve');

    const locked = await inject({
      method: 'PUT',
      url: `/api/v1/employer/presentations/${p.id}`,
      headers: bearer(member.token),
      payload: { startsAt: at(date, '15:00'), endsAt: at(date, '16:00') },
    });
    expect(locked.statusCode).to.equal(409);
    expect(json(locked).code).to.equal('PRESENTATION_LOCKED');
    const online = await inject({
      method: 'PUT',
      url: `/api/v1/employer/presentations/${p.id}`,
      headers: bearer(member.token),
      payload: { mode: 'online', liveUrl: 'https://live.example.com/1' },
    });
    expect(json(online).code).to.equal('PRESENTATION_LOCKED');
    const text = await inject({
      method: 'PUT',
      url: `/api/v1/employer/presentations/${p.id}`,
      headers: bearer(member.token),
      payload: { description: '更新后的招聘简章' },
    });
    expect(text.statusCode, text.payload).to.equal(200);
    const { app } = await getDeployment();
    const row = await app.db('presentations').where('id', p.id).first();
    expect(row).to.include({
      status: 'approved',
      room_id: other.id,
      description: '更新后的招聘简章',
      mode: 'offline',
    });
    expect(new Date(row.starts_at).toISOString()).to.equal(new Date(at(date, '13:00')).toISOString());
  });

  it('cancels pending and approved-not-started sessions, freeing the room; refuses the rest with 409 NOT_CANCELLABLE', async () => {
    const room = await createRoom<RoomJson>('nju');
    const date = await dayAhead(11);
    const p = json<PresentationJson>(await apply(member.token, offline(room.id, date, '10:00', '12:00')));
    const cancel = (id: number) =>
      inject({
        method: 'POST',
        url: `/api/v1/employer/presentations/${id}/cancel`,
        headers: bearer(member.token),
        payload: {},
      });
    const res = await cancel(p.id);
    expect(res.statusCode, res.payload).to.equal(200);
    expect(json<PresentationJson>(res).status).to.equal('cancelled');
    const { app } = await getDeployment();
    const review = await app.db('reviews').where({ subject_type: 'presentation', subject_id: p.id }).first();
    expect(review.status).to.equal('withdrawn');
    expect((await cancel(p.id)).statusCode).to.equal(409);

    const q = json<PresentationJson>(await apply(member.token, offline(room.id, date, '11:00', '12:00')));
    await decide(q.id, 'approve');
    expect(json<PresentationJson>(await cancel(q.id)).status).to.equal('cancelled');
    const r = json<PresentationJson>(await apply(member.token, offline(room.id, date, '10:30', '12:00')));
    await app.db('presentations').where('id', r.id).update({ status: 'approved' });
    app.clock.set(new Date(Date.parse(at(date, '11:00'))));
    try {
      const late = await cancel(r.id);
      expect(late.statusCode).to.equal(409);
      expect(json(late).code).to.equal('NOT_CANCELLABLE');
    } finally {
      app.clock.set(null);
    }
    expect((await app.db('presentations').where('id', r.id).first()).status).to.equal('approved');
  });

  it('lists the employer’s own sessions by status, search and site; another employer sees none of them', async () => {
    const room = await createRoom<RoomJson>('nju');
    const date = await dayAhead(12);
    const title = `空中宣讲 ${Math.random().toString(36).slice(2, 8)}`;
    const online = await apply(member.token, {
      ...offline(room.id, date, '19:00', '20:00', { title }),
      mode: 'online',
      roomId: null,
      liveUrl: 'https://live.example.com/xz',
    });
    expect(online.statusCode, online.payload).to.equal(201);
    const id = json<PresentationJson>(online).id;
    const list = json<{ items: PresentationJson[]; total: number }>(
      await inject({
        url: `/api/v1/employer/presentations?status=pending&site=nju&q=${encodeURIComponent(title)}`,
        headers: bearer(member.token),
      }),
    );
    expect(list.items.map((i) => i.id)).to.deep.equal([id]);
    expect(list.items[0]).to.include({ mode: 'online', liveUrl: 'https://live.example.com/xz' });
    // The site filter reaches the route (the CORS layer reads ?site= too, and leaves it to routes that filter by it).
    const elsewhere = json<{ total: number }>(
      await inject({
        url: `/api/v1/employer/presentations?site=seu&q=${encodeURIComponent(title)}`,
        headers: bearer(member.token),
      }),
    );
    expect(elsewhere.total).to.equal(0);
    const stranger = await memberOf(['nju']);
    const theirs = await inject({
      url: `/api/v1/employer/presentations/${id}`,
      headers: bearer(stranger.token),
    });
    expect(theirs.statusCode).to.equal(404);
    const none = json<{ total: number }>(
      await inject({ url: '/api/v1/employer/presentations', headers: bearer(stranger.token) }),
    );
    expect(none.total).to.equal(0);
  });
});
