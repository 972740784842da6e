import { expect } from 'chai';
import { getDeployment } from '../helpers/deployment.js';
import { memberOf, type Registered } from '../helpers/employers.js';
import { get as getPage, Jar, submit } from '../helpers/pages.js';
import { applySession, createRoom, dayAhead } from '../helpers/presentations.js';

// 申请宣讲会 and 宣讲会管理 of the employer centre, driven like a browser on nju (whose presentation review is manual, so
// sessions stay 待审核 until staff decide). Rooms are made through the staff API.

/** The page as a browser reads it (Handlebars escapes `=` and `&` in attributes). */
async function get(url: string, jar: Jar) {
  const res = await getPage(url, jar);
  return Object.assign(res, { payload: res.payload.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&') });
}

async function jarOf(e: Registered): Promise<Jar> {
  const { app } = await getDeployment();
  const row = (await app.services.accounts!.byId(e.accountId))!;
  const jar = new Jar();
  jar.cookies.set('xz_employer', app.principals.sign(app.services.accounts!.payload(row)));
  return jar;
}

const NEW = '/s/nju/employer/presentations/new';

const offlineForm = (roomId: number, date: string, over: Record<string, string | string[]> = {}) => ({
  site: 'nju',
  mode: 'offline',
  roomId: String(roomId),
  date,
  startTime: '10:00',
  endTime: '12:00',
  title: '2027 届校园招聘宣讲会',
  description: '招聘简章：研发、测试岗位',
  contactName: ['李四', ''],
  contactPhone: ['13912345678', ''],
  expectedAudience: '120',
  ...over,
});

describe('employer pages: 宣讲会', () => {
  it('step 1 offers only the schools the employer joined; another school is refused', async () => {
    const e = await memberOf(['nju']);
    const jar = await jarOf(e);
    const res = await get(NEW, jar);
    expect(res.statusCode).to.equal(200);
    expect(res.payload).to.include('href="/s/nju/employer/presentations/new?site=nju"');
    expect(res.payload).to.not.include('?site=seu');
    expect(res.payload).to.not.include('?site=main');
    expect(res.payload).to.include('申请宣讲会');
    expect((await get(`${NEW}?site=seu`, jar)).statusCode).to.equal(403);
  });

  it('applies for an offline session: a pending row, a redirect to it, and the room shows busy that day', async () => {
    const e = await memberOf(['nju']);
    const jar = await jarOf(e);
    const room = await createRoom('nju');
    const date = await dayAhead(5);
    const form = await get(`${NEW}?site=nju&date=${date}`, jar);
    expect(form.statusCode).to.equal(200);
    expect(form.payload).to.include(`name="roomId" value="${room.id}"`);
    expect(form.payload).to.include('08:00–21:30');

    const res = await submit(`${NEW}?site=nju`, NEW, offlineForm(room.id, date), jar);
    expect(res.statusCode, res.payload).to.equal(303);
    const { app } = await getDeployment();
    const row = await app.db('presentations').where({ employer_id: e.employerId }).first();
    expect(row).to.include({
      status: 'pending',
      mode: 'offline',
      room_id: room.id,
      title: '2027 届校园招聘宣讲会',
    });
    expect(row.contacts).to.deep.equal([{ name: '李四', phone: '13912345678' }]);
    expect(res.headers.location).to.equal(
      `/s/nju/employer/presentations/${row.id}?done=presentation-created`,
    );

    const detail = await get(res.headers.location as string, jar);
    expect(detail.payload).to.include('待审核');
    expect(detail.payload).to.include(room.name);

    const later = await get(`${NEW}?site=nju&date=${date}&title=${encodeURIComponent('保留的标题')}`, jar);
    expect(later.payload).to.include('10:00–12:00（待审核）');
    expect(later.payload).to.include('value="保留的标题"');

    const list = await get('/s/nju/employer/presentations?status=pending', jar);
    expect(list.payload).to.include(`data-presentation="${row.id}"`);
    expect(list.payload).to.match(/待审核 <span class="xz-tab__count">1<\/span>/);
  });

  it('shows every field error at once with the typed values kept, and ROOM_TAKEN on the room', async () => {
    const e = await memberOf(['nju']);
    const jar = await jarOf(e);
    const room = await createRoom('nju');
    const date = await dayAhead(6);
    const bad = await submit(
      `${NEW}?site=nju`,
      NEW,
      offlineForm(room.id, date, {
        roomId: '',
        title: '',
        endTime: '09:00',
        description: '保留的招聘简章',
        contactPhone: ['123', ''],
      }),
      jar,
    );
    expect(bad.statusCode).to.equal(400);
    for (const text of [
      '线下宣讲会请选择场地',
      '请填写宣讲会标题',
      '结束时间必须晚于开始时间',
      '手机号格式不正确',
    ])
      expect(bad.payload).to.include(text);
    expect(bad.payload).to.include('保留的招聘简章');
    expect(bad.payload).to.include('value="李四"');
    const { app } = await getDeployment();
    expect(await app.db('presentations').where({ employer_id: e.employerId })).to.have.length(0);

    await applySession(e, room.id, date);
    const taken = await submit(
      `${NEW}?site=nju`,
      NEW,
      offlineForm(room.id, date, { startTime: '15:00', endTime: '17:00', title: '第二场' }),
      jar,
    );
    expect(taken.statusCode).to.equal(409);
    expect(taken.payload).to.include('该场地在所选时间已被占用');
    expect(taken.payload).to.include('id="xz-f-p-roomId-error"');
    expect(taken.payload).to.include('value="第二场"');
  });

  it('refuses a date that does not exist rather than moving the session to another day', async () => {
    const e = await memberOf(['nju']);
    const jar = await jarOf(e);
    const room = await createRoom('nju');
    const res = await submit(`${NEW}?site=nju`, NEW, offlineForm(room.id, '2027-02-31'), jar);
    expect(res.statusCode).to.equal(400);
    expect(res.payload).to.include('日期不存在，请重新选择');
    const { app } = await getDeployment();
    expect(await app.db('presentations').where({ employer_id: e.employerId })).to.have.length(0);
  });

  it('once approved, the edit form disables time, room and mode but still saves the 招聘简章', async () => {
    const e = await memberOf(['nju']);
    const jar = await jarOf(e);
    const room = await createRoom('nju');
    const date = await dayAhead(7);
    const id = await applySession(e, room.id, date, { approve: true });
    const url = `/s/nju/employer/presentations/${id}/edit`;
    const form = await get(url, jar);
    expect(form.statusCode).to.equal(200);
    expect(form.payload).to.include('宣讲方式、时间和场地不能再修改');
    expect(form.payload).to.match(/name="startTime" type="time" value="14:00" step="300" disabled/);
    expect(form.payload).to.match(/name="date" type="date" value="[\d-]+" min="[\d-]+" disabled/);

    const res = await submit(
      url,
      url,
      { title: '秋季宣讲会', description: '新的招聘简章', contactName: '王五', contactPhone: '13812345678' },
      jar,
    );
    expect(res.statusCode, res.payload).to.equal(303);
    const { app } = await getDeployment();
    const row = await app.db('presentations').where({ id }).first();
    expect(row).to.include({ status: 'approved', description: '新的招聘简章', room_id: room.id });
    expect(new Date(row.starts_at).toISOString()).to.equal(new Date(`${date}T14:00:00+08:00`).toISOString());
  });

  it('cancels after a confirmation page, freeing the room', async () => {
    const e = await memberOf(['nju']);
    const jar = await jarOf(e);
    const room = await createRoom('nju');
    const date = await dayAhead(8);
    const id = await applySession(e, room.id, date);
    const url = `/s/nju/employer/presentations/${id}/cancel`;
    const confirm = await get(url, jar);
    expect(confirm.statusCode).to.equal(200);
    expect(confirm.payload).to.include('确认取消宣讲会');
    const { app } = await getDeployment();
    expect((await app.db('presentations').where({ id }).first()).status).to.equal('pending');

    const res = await submit(url, url, {}, jar);
    expect(res.statusCode, res.payload).to.equal(303);
    expect(res.headers.location).to.equal(`/s/nju/employer/presentations/${id}?done=presentation-cancelled`);
    expect((await app.db('presentations').where({ id }).first()).status).to.equal('cancelled');
    const again = await get(`${NEW}?site=nju&date=${date}`, jar);
    expect(again.payload).to.not.include('14:00–16:00（待审核）');
  });

  it("answers 404 for another employer's session", async () => {
    const owner = await memberOf(['nju']);
    const other = await memberOf(['nju']);
    const room = await createRoom('nju');
    const id = await applySession(owner, room.id, await dayAhead(9));
    const jar = await jarOf(other);
    for (const path of ['', '/edit', '/cancel'])
      expect((await get(`/s/nju/employer/presentations/${id}${path}`, jar)).statusCode).to.equal(404);
    const { app } = await getDeployment();
    const before = await app.db('presentations').where({ id }).first();
    const post = await submit(`${NEW}?site=nju`, `/s/nju/employer/presentations/${id}/cancel`, {}, jar);
    expect(post.statusCode).to.equal(404);
    expect((await app.db('presentations').where({ id }).first()).status).to.equal(before.status);
  });
});
