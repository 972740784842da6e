// Demo fairs: an upcoming fair with two venues on nju (booth chosen at booking) and one on seu (booth chosen after
// approval, fee paid after approval), some booths already booked. Idempotent: skipped when the site has fairs.
import type { App } from '../../core/app.js';
import { service } from '../../core/app.js';
import type { StaffCredentials } from '../../core/auth/principals.js';
import type { EmployerCredentials } from '../accounts/permissions.js';
import type { FairService } from './fair-service.js';

const DAY = 86_400_000;
const booths = (prefix: string, n: number, perRow = 10) =>
  Array.from({ length: n }, (_, i) => ({
    code: `${prefix}${String(i + 1).padStart(2, '0')}`,
    x: (i % perRow) * 100,
    y: Math.floor(i / perRow) * 100,
  }));

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

async function approvedJobIds(app: App, employerId: number): Promise<number[]> {
  const ids = (await app.db('jobs').where({ employer_id: employerId }).orderBy('id').pluck('id')) as number[];
  return (await service(app, 'jobs').activePublished(employerId, ids)).slice(0, 2);
}

async function approve(app: App, bookingId: number): Promise<void> {
  const reviews = service(app, 'reviews');
  const review = await app
    .db('reviews')
    .where({ subject_type: 'fair_booking', subject_id: bookingId, status: 'pending' })
    .first('id');
  if (review)
    await app.db.transaction((trx) =>
      reviews.decideAs(trx, Number(review.id), 'approved', '演示数据：审核通过', {
        kind: 'system',
        id: null,
      }),
    );
}

export async function seedDemoFairs(app: App, fairs: FairService): Promise<void> {
  const now = app.clock.now().getTime();
  const at = (days: number, hour = 1) =>
    new Date(now - (now % DAY) + days * DAY + hour * 3_600_000).toISOString();
  const plans = [
    {
      slug: 'nju',
      input: {
        title: '南京大学 2027 届毕业生秋季大型双选会',
        description: '面向 2027 届本科生和研究生，设主会场与分会场。',
        startsAt: at(14),
        endsAt: at(14, 9),
        bookingOpensAt: at(-3),
        bookingClosesAt: at(12),
        boothSelection: 'at_booking' as const,
        fee: { amount: 0, payment: 'none' as const },
        venues: [
          { name: '仙林校区体育馆主会场', booths: booths('A', 20) },
          { name: '鼓楼校区分会场', booths: booths('B', 15) },
        ],
      },
      employers: [1, 2, 3, 4, 5],
      approve: [1, 2, 3],
    },
    {
      slug: 'seu',
      input: {
        title: '东南大学 2027 届毕业生冬季双选会',
        description: '审核通过并缴费后选择展位。',
        startsAt: at(21),
        endsAt: at(21, 8),
        bookingOpensAt: at(-2),
        bookingClosesAt: at(18),
        boothSelection: 'after_approval' as const,
        fee: { amount: 500, payment: 'after_approval' as const },
        venues: [{ name: '九龙湖校区体育馆', booths: booths('C', 30) }],
      },
      employers: [6, 7, 8],
      approve: [6, 7],
    },
  ];
  for (const plan of plans) {
    const site = app.sites.get(plan.slug);
    const staff = await staffOf(app, plan.slug);
    if (!site || !staff || (await app.db('fairs').where({ site_id: site.id }).first('id'))) continue;
    const fair = await fairs.create(staff, site, plan.input);
    const free = fair.venues.flatMap((v) => v.booths);
    for (const [i, n] of plan.employers.entries()) {
      const c = await employer(app, n);
      if (!c) continue;
      const jobIds = await approvedJobIds(app, c.employerId);
      if (jobIds.length === 0) continue;
      const booking = await fairs.book(c, {
        fairId: fair.id,
        boothId: plan.input.boothSelection === 'at_booking' ? free[i]!.id : null,
        jobIds,
        attendees: [{ name: `参会人${n}`, phone: `1391000${String(1000 + n).slice(-4)}`, title: 'HR' }],
      });
      if (plan.approve.includes(n)) await approve(app, booking.id);
    }
    await fairs.announce(
      fair.id,
      free.map((b) => b.id),
    );
  }
}
