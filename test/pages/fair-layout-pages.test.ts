import { expect } from 'chai';
import { createFair as createFairOf, HOUR } from '../helpers/fairs.js';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { bearer } from '../helpers/employers.js';
import { bulkEmployers } from '../helpers/fixtures.js';
import { get as getPage, Jar, submit } from '../helpers/pages.js';

// Fairs of these tests belong to jsut; jit staff play the other site.

const attendees = [{ name: '张三', phone: '13812345678', title: 'HR' }];

/** The page with `=` unescaped (Handlebars writes it as &#x3D; in attributes). */
async function get(url: string, jar: Jar) {
  const res = await getPage(url, jar);
  return Object.assign(res, { payload: res.payload.replace(/&#x3D;/g, '=') });
}

async function staffJar(username: string): Promise<Jar> {
  const { app } = await getDeployment();
  const { payload } = await app.services.staff!.login(username, 'xiaozhao-demo', '127.0.0.1');
  const jar = new Jar();
  jar.cookies.set('xz_staff', app.principals.sign(payload));
  return jar;
}

const createFair = (over: Record<string, unknown> = {}) => createFairOf('jsut', over);

/** A booking of the booth by a new jsut member; approved when asked. */
async function bookBooth(fairId: number, boothId: number, approve = false): Promise<number> {
  const { app } = await getDeployment();
  const [e] = await bulkEmployers(1, 'jsut');
  const res = await inject({
    method: 'POST',
    url: '/api/v1/employer/fair-bookings',
    headers: bearer(e!.token),
    payload: { fairId, boothId, jobIds: [e!.jobId], attendees },
  });
  expect(res.statusCode, res.payload).to.equal(201);
  const id = json<{ id: number }>(res).id;
  if (approve) {
    const review = await app.db('reviews').where({ subject_type: 'fair_booking', subject_id: id }).first();
    const decided = await inject({
      method: 'POST',
      url: `/api/v1/admin/reviews/${review.id}/decision`,
      headers: bearer(await staffToken('jsut.admin')),
      payload: { decision: 'approve' },
    });
    expect(decided.statusCode, decided.payload).to.equal(200);
  }
  return id;
}

async function codes(venueId: number): Promise<string[]> {
  const { app } = await getDeployment();
  return app.db('fair_booths').where({ venue_id: venueId }).orderBy('code').pluck('code');
}

describe('job-fair pages: staff layout editor', () => {
  it('renames a venue, adds booths by range, removes a booth and a venue', async () => {
    const { app } = await getDeployment();
    const fair = await createFair();
    const [main, side] = fair.venues;
    const jar = await staffJar('jsut.admin');
    const editUrl = `/s/jsut/admin/fairs/${fair.id}`;
    const venueUrl = (v: number, rest: string) => `${editUrl}/venues/${v}${rest}`;
    const page = await get(editUrl, jar);
    expect(page.statusCode).to.equal(200);
    for (const rest of ['/name', '/booths', '/booths/delete', '/delete'])
      expect(page.payload).to.include(`action="${venueUrl(main!.id, rest)}"`);
    expect(page.payload).to.include(`id="xz-f-venue-${main!.id}-name" name="name" value="主会场"`);
    expect(page.payload).to.include(`name="boothId" value="${main!.booths[0]!.id}"`);

    const renamed = await submit(editUrl, venueUrl(side!.id, '/name'), { name: '体育馆' }, jar);
    expect(renamed.statusCode, renamed.payload).to.equal(303);
    expect(renamed.headers.location).to.equal(`${editUrl}?done=venue-renamed`);
    expect((await app.db('fair_venues').where({ id: side!.id }).first()).name).to.equal('体育馆');
    expect((await get(`${editUrl}?done=venue-renamed`, jar)).payload).to.include('分会场名称已保存。');

    const added = await submit(editUrl, venueUrl(main!.id, '/booths'), { booths: 'a04-A06\nA10' }, jar);
    expect(added.statusCode, added.payload).to.equal(303);
    expect(added.headers.location).to.equal(`${editUrl}?done=booths-added`);
    expect(await codes(main!.id)).to.deep.equal(['A01', 'A02', 'A03', 'A04', 'A05', 'A06', 'A10']);

    const removed = await submit(
      editUrl,
      venueUrl(main!.id, '/booths/delete'),
      { boothId: String(main!.booths[1]!.id) },
      jar,
    );
    expect(removed.statusCode, removed.payload).to.equal(303);
    expect(removed.headers.location).to.equal(`${editUrl}?done=booth-removed`);
    expect(await codes(main!.id)).to.deep.equal(['A01', 'A03', 'A04', 'A05', 'A06', 'A10']);

    const gone = await submit(editUrl, venueUrl(side!.id, '/delete'), {}, jar);
    expect(gone.statusCode, gone.payload).to.equal(303);
    expect(gone.headers.location).to.equal(`${editUrl}?done=venue-removed`);
    expect(await app.db('fair_venues').where({ fair_id: fair.id }).pluck('name')).to.deep.equal(['主会场']);
    expect(await app.db('fair_booths').where({ venue_id: side!.id })).to.have.length(0);
    const after = await get(`${editUrl}?done=venue-removed`, jar);
    expect(after.payload).to.include('分会场及其展位已删除。');
    expect(after.payload).to.include('每场招聘会至少保留一个分会场。');
    expect(after.payload).to.not.include(`action="${venueUrl(main!.id, '/delete')}"`);
  });

  it('shows refusals in Chinese next to the venue’s forms with a 4xx status, keeping what was typed', async () => {
    const { app } = await getDeployment();
    const fair = await createFair();
    const [main, side] = fair.venues;
    const booked = main!.booths[0]!;
    await bookBooth(fair.id, booked.id);
    const jar = await staffJar('jsut.admin');
    const editUrl = `/s/jsut/admin/fairs/${fair.id}`;
    const venueUrl = (v: number, rest: string) => `${editUrl}/venues/${v}${rest}`;

    const page = await get(editUrl, jar);
    expect(page.payload).to.include(`data-booth="${booked.id}" title="已有预定记录，不能删除"`);
    expect(page.payload).to.include('该分会场有 1 个展位已有预定记录，不能删除。');

    const dup = await submit(editUrl, venueUrl(side!.id, '/name'), { name: '主会场' }, jar);
    expect(dup.statusCode).to.equal(400);
    expect(dup.payload).to.include(
      `id="xz-f-venue-${side!.id}-name" name="name" value="主会场" maxlength="40" aria-invalid="true"`,
    );
    expect(dup.payload).to.include('本场招聘会已有名为「主会场」的分会场');
    const blank = await submit(editUrl, venueUrl(side!.id, '/name'), { name: '  ' }, jar);
    expect(blank.statusCode).to.equal(400);
    expect(blank.payload).to.include('请填写分会场名称');

    const taken = await submit(editUrl, venueUrl(main!.id, '/booths'), { booths: 'A02-A04' }, jar);
    expect(taken.statusCode).to.equal(400);
    expect(taken.payload).to.include('展位号 A02、A03 已存在');
    expect(taken.payload).to.match(new RegExp(`id="xz-f-venue-${main!.id}-booths"[^>]*>A02-A04</textarea>`));
    const backwards = await submit(editUrl, venueUrl(main!.id, '/booths'), { booths: 'A09-A05' }, jar);
    expect(backwards.statusCode).to.equal(400);
    expect(backwards.payload).to.include('展位号范围 A09-A05 的结束号小于起始号');
    expect(backwards.payload).to.include('>A09-A05</textarea>');
    expect(await codes(main!.id)).to.deep.equal(['A01', 'A02', 'A03']);

    const keep = await submit(
      editUrl,
      venueUrl(main!.id, '/booths/delete'),
      { boothId: String(booked.id) },
      jar,
    );
    expect(keep.statusCode).to.equal(409);
    expect(keep.payload).to.include('该展位已有预定记录，不能删除');
    expect(keep.payload).to.include(`id="xz-f-venue-${main!.id}-remove-booths" open`);
    const noBooth = await submit(editUrl, venueUrl(main!.id, '/booths/delete'), { boothId: 'x' }, jar);
    expect(noBooth.statusCode).to.equal(400);
    expect(noBooth.payload).to.include('请选择要删除的展位');

    const venueKept = await submit(editUrl, venueUrl(main!.id, '/delete'), {}, jar);
    expect(venueKept.statusCode).to.equal(409);
    expect(venueKept.payload).to.include('该分会场的展位已有预定记录，不能删除');
    expect((await submit(editUrl, venueUrl(side!.id, '/delete'), {}, jar)).statusCode).to.equal(303);
    const last = await submit(editUrl, venueUrl(main!.id, '/delete'), {}, jar);
    expect(last.statusCode).to.equal(409);
    expect(last.payload).to.include('每场招聘会至少保留一个分会场，不能删除最后一个分会场');
    expect(await codes(main!.id)).to.deep.equal(['A01', 'A02', 'A03']);
    expect(await app.db('fair_venues').where({ fair_id: fair.id }).pluck('name')).to.deep.equal(['主会场']);
  });
});

describe('job-fair pages: staff check-in desk', () => {
  it('checks a unit in with the 签到 button on the fair day, and says why not on another day', async () => {
    const { app } = await getDeployment();
    const fair = await createFair();
    const bookingId = await bookBooth(fair.id, fair.venues[0]!.booths[0]!.id, true);
    const jar = await staffJar('jsut.admin');
    const deskUrl = `/s/jsut/admin/fairs/${fair.id}/check-in`;
    const action = `/s/jsut/admin/fairs/${fair.id}/bookings/${bookingId}/check-in`;

    const before = await get(deskUrl, jar);
    expect(before.statusCode).to.equal(200);
    expect(before.payload).to.not.include(`action="${action}"`);
    const early = await submit(deskUrl, action, {}, jar);
    expect(early.statusCode).to.equal(409);
    expect(early.payload).to.include('只能在招聘会当天签到');
    expect((await app.db('fair_bookings').where({ id: bookingId }).first()).checked_in_at).to.equal(null);

    const row = await app.db('fairs').where({ id: fair.id }).first();
    app.clock.set(new Date(new Date(row.starts_at).getTime() + HOUR));
    try {
      const desk = await get(deskUrl, jar);
      expect(desk.payload).to.include(`action="${action}"`);
      expect(desk.payload).to.match(/data-count="checked-in">0</);
      const ok = await submit(deskUrl, action, {}, jar);
      expect(ok.statusCode, ok.payload).to.equal(303);
      expect(ok.headers.location).to.equal(`${deskUrl}?done=desk-checked-in`);
      const after = await get(`${deskUrl}?done=desk-checked-in`, jar);
      expect(after.payload).to.include('已为该单位签到。');
      expect(after.payload).to.match(/data-count="checked-in">1</);
      expect(after.payload).to.not.include(`action="${action}"`);
    } finally {
      app.clock.set(null);
    }
    expect((await app.db('fair_bookings').where({ id: bookingId }).first()).checked_in_at).to.not.equal(null);
  });
});

describe('job-fair pages: another site’s staff', () => {
  it('answers 403 to the layout and check-in forms of this site’s fairs, and 404 on their own console', async () => {
    const { app } = await getDeployment();
    const fair = await createFair();
    const [main, side] = fair.venues;
    const bookingId = await bookBooth(fair.id, main!.booths[0]!.id, true);
    const other = await staffJar('jit.admin');
    const own = '/s/jit/admin/fairs';
    const posts: [string, Record<string, string>][] = [
      [`/venues/${main!.id}/name`, { name: '他校改名' }],
      [`/venues/${main!.id}/booths`, { booths: 'X1-X3' }],
      [`/venues/${main!.id}/booths/delete`, { boothId: String(main!.booths[2]!.id) }],
      [`/venues/${side!.id}/delete`, {}],
      [`/bookings/${bookingId}/check-in`, {}],
    ];
    const row = await app.db('fairs').where({ id: fair.id }).first();
    app.clock.set(new Date(new Date(row.starts_at).getTime() + HOUR));
    try {
      for (const [rest, fields] of posts) {
        const forbidden = await submit(own, `/s/jsut/admin/fairs/${fair.id}${rest}`, fields, other);
        expect(forbidden.statusCode, rest).to.equal(403);
        expect(forbidden.payload, rest).to.not.include('页面已过期');
        const elsewhere = await submit(own, `/s/jit/admin/fairs/${fair.id}${rest}`, fields, other);
        expect(elsewhere.statusCode, `${rest} on jit`).to.equal(404);
      }
    } finally {
      app.clock.set(null);
    }
    expect(await app.db('fair_venues').where({ fair_id: fair.id }).orderBy('id').pluck('name')).to.deep.equal(
      ['主会场', '分会场'],
    );
    expect(await codes(main!.id)).to.deep.equal(['A01', 'A02', 'A03']);
    expect(await codes(side!.id)).to.deep.equal(['B01', 'B02']);
    expect((await app.db('fair_bookings').where({ id: bookingId }).first()).checked_in_at).to.equal(null);
  });
});
