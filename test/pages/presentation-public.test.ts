// The public side of info sessions: the JSON list and the iCal feed show approved sessions of that site only, and
// the theme pages (list, week view, detail with its Event JSON-LD) do so in a school of every theme; a session not
// approved there is a 404.
import { expect } from 'chai';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { bearer, memberOf, type Registered } from '../helpers/employers.js';
import { dayAhead } from '../helpers/presentations.js';

interface Item {
  id: number;
  mode: string;
  title: string;
  startsAt: string;
  endsAt: string;
  site: { slug: string };
  room: { name: string } | null;
  url: string;
}

const at = (date: string, time: string) => `${date}T${time}:00+08:00`;

async function room(slug: string): Promise<number> {
  const res = await inject({
    method: 'POST',
    url: `/api/v1/admin/sites/${slug}/rooms`,
    headers: bearer(await staffToken(`${slug}.admin`)),
    payload: {
      name: `报告厅 ${Math.random().toString(36).slice(2, 8)}`,
      building: '仙林校区, 图书馆',
      capacity: 300,
    },
  });
  expect(res.statusCode, res.payload).to.equal(201);
  return json<{ id: number }>(res).id;
}

/** Applies through the API; approves through the review engine when `approve` (and the policy left it pending). */
async function session(
  employer: Registered,
  slug: string,
  over: Record<string, unknown>,
  approve = true,
): Promise<number> {
  const res = await inject({
    method: 'POST',
    url: '/api/v1/employer/presentations',
    headers: bearer(employer.token),
    payload: {
      siteSlug: slug,
      mode: 'online',
      liveUrl: 'https://live.example.com/room/1',
      title: '2027 届校园招聘宣讲会',
      description: '招聘简章：研发; 测试, 产品\n第二段',
      jobIds: [],
      contacts: [{ name: '李四', phone: '13912345678' }],
      ...over,
    },
  });
  expect(res.statusCode, res.payload).to.equal(201);
  const { id, status } = json<{ id: number; status: string }>(res);
  if (approve && status === 'pending') {
    const { app } = await getDeployment();
    const review = await app
      .db('reviews')
      .where({ subject_type: 'presentation', subject_id: id, status: 'pending' })
      .first();
    const decided = await inject({
      method: 'POST',
      url: `/api/v1/admin/reviews/${review.id}/decision`,
      headers: bearer(await staffToken(`${slug}.admin`)),
      payload: { decision: 'approve' },
    });
    expect(decided.statusCode, decided.payload).to.equal(200);
  }
  if (!approve) expect(status).to.equal('pending');
  return id;
}

/** Unfolds iCalendar content lines (RFC 5545 §3.1). */
const unfold = (text: string) => text.replace(/\r\n /g, '');

describe('info sessions: public API and iCal', () => {
  let employer: Registered;
  let date: string;
  let approvedOffline: number;
  let approvedOnline: number;
  let pending: number;
  let other: number;

  before(async function () {
    this.timeout(30_000);
    employer = await memberOf(['nju', 'seu']);
    date = await dayAhead(3);
    const roomId = await room('nju');
    approvedOffline = await session(employer, 'nju', {
      mode: 'offline',
      roomId,
      liveUrl: null,
      title: '线下宣讲：研发, 测试; 产品',
      startsAt: at(date, '14:00'),
      endsAt: at(date, '16:00'),
    });
    approvedOnline = await session(employer, 'nju', {
      title: '空中宣讲会 A',
      startsAt: at(date, '09:30'),
      endsAt: at(date, '10:30'),
    });
    pending = await session(
      employer,
      'nju',
      { title: '待审核宣讲会', startsAt: at(date, '18:00'), endsAt: at(date, '19:00') },
      false,
    );
    other = await session(employer, 'seu', {
      title: '东大宣讲会',
      startsAt: at(date, '10:00'),
      endsAt: at(date, '11:00'),
    });
  });

  it('lists only the approved sessions of that site, soonest first, filtered by mode and keyword', async () => {
    const res = await inject({
      url: `/api/v1/public/sites/nju/presentations?from=${date}&to=${date}`,
      headers: { origin: 'https://students.example.org' },
    });
    expect(res.statusCode, res.payload).to.equal(200);
    expect(res.headers['access-control-allow-origin']).to.equal('*');
    const { items } = json<{ items: Item[] }>(res);
    const ids = items.map((i) => i.id);
    expect(ids).to.include.members([approvedOffline, approvedOnline]);
    expect(ids).not.to.include(pending);
    expect(ids).not.to.include(other);
    expect(ids.indexOf(approvedOnline)).to.be.lessThan(ids.indexOf(approvedOffline));
    expect(items.every((i) => i.site.slug === 'nju')).to.equal(true);
    const offline = items.find((i) => i.id === approvedOffline)!;
    expect(offline.startsAt).to.equal(new Date(at(date, '14:00')).toISOString());
    expect(offline.room).to.not.equal(null);
    expect(JSON.stringify(items)).not.to.include('13912345678');

    const online = json<{ items: Item[] }>(
      await inject(`/api/v1/public/sites/nju/presentations?from=${date}&to=${date}&mode=online`),
    ).items;
    expect(online.map((i) => i.id))
      .to.include(approvedOnline)
      .and.not.include(approvedOffline);
    const found = json<{ items: Item[] }>(
      await inject(`/api/v1/public/sites/nju/presentations?from=${date}&to=${date}&q=空中宣讲会 A`),
    ).items;
    expect(found.map((i) => i.id)).to.deep.equal([approvedOnline]);

    const seu = json<{ items: Item[] }>(
      await inject(`/api/v1/public/sites/seu/presentations?from=${date}&to=${date}`),
    ).items;
    expect(seu.map((i) => i.id))
      .to.include(other)
      .and.not.include(approvedOffline);
  });

  it('answers 400 VALIDATION for a bad date and 404 for an unknown site', async () => {
    const bad = await inject('/api/v1/public/sites/nju/presentations?from=tomorrow');
    expect(bad.statusCode).to.equal(400);
    expect(json(bad).code).to.equal('VALIDATION');
    // a date of the right shape that does not exist is refused here, not passed on to PostgreSQL
    for (const day of ['2026-13-45', '2027-02-31']) {
      const impossible = await inject(`/api/v1/public/sites/nju/presentations?to=${day}`);
      expect(impossible.statusCode, impossible.payload).to.equal(400);
      expect(json(impossible).message).to.include('日期不存在');
    }
    const reversed = await inject(`/api/v1/public/sites/nju/presentations?from=${date}&to=2000-01-01`);
    expect(reversed.statusCode).to.equal(400);
    const unknown = await inject('/api/v1/public/sites/no-such-school/presentations');
    expect(unknown.statusCode).to.equal(404);
  });

  it('serves an iCalendar feed: one VEVENT per approved session, UTC times, escaped text, folded lines', async () => {
    const res = await inject(`/api/v1/public/sites/nju/presentations.ics?from=${date}&to=${date}`);
    expect(res.statusCode, res.payload).to.equal(200);
    expect(res.headers['content-type']).to.match(/^text\/calendar/);
    const raw = res.payload;
    for (const line of raw.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).to.be.at.most(75);
    expect(raw.endsWith('END:VCALENDAR\r\n')).to.equal(true);
    const text = unfold(raw);
    expect(text).to.match(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
    expect(text).to.include('X-WR-CALNAME:南京大学宣讲会');
    const events = text.split('BEGIN:VEVENT').slice(1);
    const uids = events.map((e) => /UID:presentation-(\d+)@/.exec(e)![1]).map(Number);
    expect(uids).to.include.members([approvedOffline, approvedOnline]);
    expect(uids).not.to.include(pending);
    expect(uids).not.to.include(other);
    const offline = events.find((e) => e.includes(`UID:presentation-${approvedOffline}@`))!;
    // 14:00–16:00 Beijing time is 06:00–08:00 UTC
    expect(offline).to.include(`DTSTART:${date.replace(/-/g, '')}T060000Z`);
    expect(offline).to.include(`DTEND:${date.replace(/-/g, '')}T080000Z`);
    expect(offline).to.match(/DTSTAMP:\d{8}T\d{6}Z/);
    expect(offline).to.include('SUMMARY:');
    expect(offline).to.include('线下宣讲：研发\\, 测试\\; 产品');
    expect(offline).to.include('LOCATION:仙林校区\\, 图书馆 报告厅');
    expect(offline).to.include(`URL:`);
    expect(offline).to.include(`/presentations/${approvedOffline}`);
    expect(offline).to.include('招聘简章：研发\\; 测试\\, 产品\\n第二段');
    const online = events.find((e) => e.includes(`UID:presentation-${approvedOnline}@`))!;
    expect(online).to.include('LOCATION:线上');
  });
});

describe('info sessions: public pages in every theme', () => {
  it('list, week view and detail with Event JSON-LD; a pending session or another site’s is 404', async function () {
    this.timeout(60_000);
    const { app } = await getDeployment();
    const schools = app.themes
      .names()
      .map((theme) => app.sites.schools().find((s) => s.theme.name === theme && s.slug !== 'nju')!.slug);
    expect(schools).to.have.length.greaterThan(2);
    const employer = await memberOf(schools);
    const date = await dayAhead(4);
    for (const slug of schools) {
      const roomId = await room(slug);
      const offline = await session(employer, slug, {
        mode: 'offline',
        roomId,
        liveUrl: null,
        title: `线下宣讲 ${slug}`,
        startsAt: at(date, '14:00'),
        endsAt: at(date, '16:00'),
      });
      const online = await session(employer, slug, {
        title: `空中宣讲 ${slug}`,
        startsAt: at(date, '19:00'),
        endsAt: at(date, '20:00'),
      });
      const pending = await session(
        employer,
        slug,
        { title: `待审核 ${slug}`, startsAt: at(date, '09:00'), endsAt: at(date, '10:00') },
        false,
      );
      const page = (path: string) => inject({ url: `/s/${slug}${path}`, headers: { accept: 'text/html' } });

      const list = await page(`/presentations?from=${date}&to=${date}`);
      expect(list.statusCode, `${slug}: ${list.payload}`).to.equal(200);
      expect(list.payload).to.include(`线下宣讲 ${slug}`).and.include(`空中宣讲 ${slug}`);
      expect(list.payload).not.to.include(`待审核 ${slug}`);
      expect(list.payload).to.include(`href="/s/${slug}/presentations"`); // the nav entry
      expect(list.payload.indexOf(`线下宣讲 ${slug}`)).to.be.lessThan(
        list.payload.indexOf(`空中宣讲 ${slug}`),
      );
      // a date that does not exist is dropped from the filter, the page still answers
      const impossible = await page(`/presentations?from=2026-13-45&to=2027-02-31`);
      expect(impossible.statusCode, impossible.payload.slice(0, 300)).to.equal(200);
      const onlineOnly = await page(`/presentations?from=${date}&to=${date}&mode=online`);
      expect(onlineOnly.payload).to.include(`空中宣讲 ${slug}`).and.not.include(`线下宣讲 ${slug}`);

      const week = await page(`/presentations?view=week&week=${date}`);
      expect(week.statusCode).to.equal(200);
      expect(week.payload).to.include(`data-date="${date}"`).and.include(`线下宣讲 ${slug}`);
      expect(week.payload).not.to.include(`待审核 ${slug}`);

      for (const [id, mode] of [
        [offline, 'Offline'],
        [online, 'Online'],
      ] as const) {
        const detail = await page(`/presentations/${id}`);
        expect(detail.statusCode, detail.payload).to.equal(200);
        const ld = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(detail.payload);
        expect(ld, slug).to.not.equal(null);
        const event = JSON.parse(ld![1]!) as {
          '@type': string;
          eventAttendanceMode: string;
          location: { '@type': string };
          organizer: { name: string };
          startDate: string;
        };
        expect(event['@type']).to.equal('Event');
        expect(event.eventAttendanceMode).to.equal(`https://schema.org/${mode}EventAttendanceMode`);
        expect(event.location['@type']).to.equal(mode === 'Online' ? 'VirtualLocation' : 'Place');
        expect(event.organizer.name).to.equal(employer.name);
        expect(new Date(event.startDate).getTime()).to.equal(
          new Date(at(date, mode === 'Online' ? '19:00' : '14:00')).getTime(),
        );
      }
      expect((await page(`/presentations/${pending}`)).statusCode).to.equal(404);
      const elsewhere = schools.find((s) => s !== slug)!;
      const other = await inject({
        url: `/s/${elsewhere}/presentations/${offline}`,
        headers: { accept: 'text/html' },
      });
      expect(other.statusCode).to.equal(404);
    }
  });
});
