// Demo info sessions: rooms at nju and seu (buildings, capacities, one room not bookable) and sessions of the demo
// employers in the coming two weeks — online and offline, some approved by the site, some still 待审核 — all made
// through the services (review engine included), so the staff calendar, the employer centre, the public pages, the
// iCal feed and <xz-presentation-list> show them as they would real ones. Idempotent: a site that already has rooms
// is left alone.
import type { App } from '../../core/app.js';
import { service } from '../../core/app.js';
import type { StaffCredentials } from '../../core/auth/principals.js';
import { addDays } from '../../core/clock.js';
import type { EmployerCredentials } from '../accounts/permissions.js';
import type { PresentationService } from './presentation-service.js';
import type { RoomService } from './room-service.js';

interface RoomPlan {
  name: string;
  building: string;
  capacity: number;
  bookable?: boolean;
  opens?: string;
  closes?: string;
}

interface SessionPlan {
  /** demo employer n (phone 139000000nn) */
  employer: number;
  days: number;
  from: string;
  to: string;
  /** index into the site's rooms; none = online */
  room?: number;
  approve: boolean;
  title: string;
  audience?: number;
}

const PLANS: { slug: string; rooms: RoomPlan[]; sessions: SessionPlan[] }[] = [
  {
    slug: 'nju',
    rooms: [
      { name: '逸夫楼报告厅', building: '仙林校区 逸夫楼', capacity: 400 },
      { name: '教学楼 A101', building: '仙林校区 教学楼', capacity: 180 },
      { name: '教学楼 B203', building: '仙林校区 教学楼', capacity: 90 },
      {
        name: '费彝民楼 多功能厅',
        building: '鼓楼校区 费彝民楼',
        capacity: 220,
        opens: '09:00',
        closes: '20:00',
      },
      { name: '大活 小剧场（维修中）', building: '仙林校区 大学生活动中心', capacity: 300, bookable: false },
    ],
    sessions: [
      {
        employer: 1,
        days: 2,
        from: '14:00',
        to: '16:00',
        room: 0,
        approve: true,
        title: '2027 届校园招聘宣讲会',
        audience: 300,
      },
      { employer: 2, days: 3, from: '19:00', to: '20:30', approve: true, title: '空中宣讲会：研发岗位专场' },
      {
        employer: 3,
        days: 5,
        from: '10:00',
        to: '11:30',
        room: 1,
        approve: true,
        title: '管培生项目宣讲',
        audience: 150,
      },
      {
        employer: 4,
        days: 6,
        from: '14:00',
        to: '15:30',
        room: 3,
        approve: false,
        title: '2027 届春招提前批宣讲',
        audience: 120,
      },
      {
        employer: 1,
        days: 8,
        from: '18:30',
        to: '20:00',
        room: 2,
        approve: false,
        title: '技术开放日暨实习生招聘',
        audience: 80,
      },
      { employer: 3, days: 10, from: '15:00', to: '16:00', approve: false, title: '空中宣讲会：海外业务部' },
      {
        employer: 2,
        days: 12,
        from: '14:00',
        to: '16:00',
        room: 0,
        approve: true,
        title: '校园大使与实习生招聘宣讲',
        audience: 260,
      },
    ],
  },
  {
    slug: 'seu',
    rooms: [
      { name: '礼东报告厅', building: '九龙湖校区 礼东楼', capacity: 350 },
      { name: '教一 105', building: '九龙湖校区 教学楼一', capacity: 150 },
      { name: '四牌楼 大礼堂', building: '四牌楼校区', capacity: 800, opens: '09:00', closes: '21:00' },
    ],
    sessions: [
      {
        employer: 5,
        days: 2,
        from: '10:00',
        to: '12:00',
        room: 0,
        approve: true,
        title: '2027 届校园招聘宣讲会',
        audience: 280,
      },
      {
        employer: 6,
        days: 4,
        from: '19:00',
        to: '20:00',
        approve: true,
        title: '空中宣讲会：算法与数据岗位',
      },
      {
        employer: 7,
        days: 7,
        from: '14:00',
        to: '16:00',
        room: 2,
        approve: false,
        title: '综合岗位校园宣讲',
        audience: 500,
      },
      {
        employer: 5,
        days: 9,
        from: '15:00',
        to: '16:30',
        room: 1,
        approve: false,
        title: '实习生招聘专场',
        audience: 100,
      },
      { employer: 6, days: 11, from: '10:00', to: '11:00', approve: false, title: '空中宣讲会：管培生答疑' },
    ],
  },
];

async function staffOf(app: App, slug: string): Promise<StaffCredentials | null> {
  const row = await app
    .db('staff_accounts')
    .where({ username: `${slug}.admin` })
    .first();
  const site = app.sites.get(slug);
  return row && site
    ? { kind: 'staff', id: row.id, username: row.username, siteId: site.id, site: slug, roles: row.roles }
    : null;
}

async function employer(app: App, n: number): Promise<EmployerCredentials | null> {
  const accounts = service(app, 'accounts');
  const account = await accounts.byPhone(`139000000${String(n).padStart(2, '0')}`);
  return account ? ((await accounts.resolve(accounts.payload(account))) as EmployerCredentials) : null;
}

async function approve(app: App, presentationId: number): Promise<void> {
  const review = await app
    .db('reviews')
    .where({ subject_type: 'presentation', subject_id: presentationId, status: 'pending' })
    .first('id');
  if (review)
    await app.db.transaction((trx) =>
      service(app, 'reviews').decideAs(trx, Number(review.id), 'approved', '演示数据：审核通过', {
        kind: 'system',
        id: null,
      }),
    );
}

export async function seedDemoPresentations(
  app: App,
  rooms: RoomService,
  presentations: PresentationService,
): Promise<void> {
  const today = app.clock.today();
  for (const plan of PLANS) {
    const site = app.sites.get(plan.slug);
    const staff = await staffOf(app, plan.slug);
    if (!site || !staff || (await app.db('rooms').where({ site_id: site.id }).first('id'))) continue;
    const created = [];
    for (const r of plan.rooms)
      created.push(
        await rooms.create(staff, site, {
          name: r.name,
          building: r.building,
          capacity: r.capacity,
          bookable: r.bookable ?? true,
          opens: r.opens ?? '08:00',
          closes: r.closes ?? '21:30',
        }),
      );
    for (const [i, s] of plan.sessions.entries()) {
      const c = await employer(app, s.employer);
      if (!c) continue;
      const ids = (await app
        .db('jobs')
        .where({ employer_id: c.employerId })
        .orderBy('id')
        .pluck('id')) as number[];
      const jobIds = (await service(app, 'jobs').activePublished(c.employerId, ids)).slice(0, 3);
      const date = addDays(today, s.days);
      const p = await presentations.create(c, {
        siteSlug: site.slug,
        mode: s.room === undefined ? 'online' : 'offline',
        roomId: s.room === undefined ? null : created[s.room]!.id,
        liveUrl: s.room === undefined ? `https://live.demo${s.employer}.example.com/xjh/${i + 1}` : null,
        title: s.title,
        startsAt: `${date}T${s.from}:00+08:00`,
        endsAt: `${date}T${s.to}:00+08:00`,
        description: `${site.name}专场。\n招聘岗位：研发、测试、产品、运营等。\n宣讲结束后现场答疑，欢迎 2027 届同学参加。`,
        jobIds,
        contacts: [{ name: `联系人${s.employer}`, phone: `139000000${String(s.employer).padStart(2, '0')}` }],
        expectedAudience: s.audience ?? null,
      });
      if (s.approve) await approve(app, p.id);
    }
  }
}
