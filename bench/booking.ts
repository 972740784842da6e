// npm run bench:booking — 500 employers book 50 booths of one fair at the same moment, over HTTP, against the
// platform running on PostgreSQL and Redis. Prints successes (must be 50), duplicate holders (must be 0) and latency.
import Jwt from '@hapi/jwt';
import pg from 'pg';
import { bootDeployment } from '../core/cli/deployment.js';
import { loadConfig } from '../core/config.js';
import { freshDatabase, startServer } from './support.js';

const ATTEMPTS = Number(process.env.BENCH_ATTEMPTS ?? 500);
const BOOTHS = Number(process.env.BENCH_BOOTHS ?? 50);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/14';
const SECRET = 'bench-booking-secret-bench-booking-secret';
const DB_NAME = 'xiaozhao_bench_booking';

const databaseUrl = await freshDatabase(DB_NAME);

console.log(`bench:booking — ${ATTEMPTS} concurrent attempts on ${BOOTHS} booths, Node ${process.version}`);
const setup = await bootDeployment(
  loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: '',
    LOG_LEVEL: 'warn',
    SEED_DEMO: '0',
    JWT_SECRET: SECRET,
  }),
);
await setup.stop();

const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
const site = (await db.query(`SELECT id FROM sites WHERE slug = 'nju'`)).rows[0].id as number;
const main = (await db.query(`SELECT id FROM sites WHERE slug = 'main'`)).rows[0].id as number;
await db.query(
  `INSERT INTO employers (name, uscc, uscc_check_passed, contact_name, contact_phone)
   SELECT '预定压测单位' || g, '91320100' || lpad(g::text, 9, '0') || '0', true, '联系人', '135' || lpad(g::text, 8, '0') FROM generate_series(1, $1) g`,
  [ATTEMPTS],
);
await db.query(
  `INSERT INTO employer_accounts (employer_id, phone, name, is_admin, password_hash, last_login_at) SELECT id, contact_phone, '联系人', true, 'x', now() FROM employers`,
);
await db.query(
  `INSERT INTO employer_roles (employer_id, name, builtin, permissions) SELECT id, '单位管理员', true,
   ARRAY['profile','sites','accounts','jobs','announcements','fairs','presentations','applications','signing'] FROM employers`,
);
await db.query(
  `INSERT INTO employer_account_roles (account_id, role_id) SELECT a.id, r.id FROM employer_accounts a JOIN employer_roles r ON r.employer_id = a.employer_id`,
);
await db.query(
  `INSERT INTO memberships (site_id, employer_id, status, decided_at) SELECT s, e.id, 'approved', now() FROM employers e CROSS JOIN unnest(ARRAY[$1::int, $2::int]) s`,
  [main, site],
);
await db.query(
  `INSERT INTO jobs (employer_id, title, category, description, headcount, salary_min, salary_max, cities, degree, expires_on)
   SELECT id, '压测职位', '技术研发', '压测职位描述', 1, 5000, 8000, ARRAY['320100'], '本科', current_date + 30 FROM employers`,
);
await db.query(
  `INSERT INTO job_publications (site_id, job_id, status, expires_on, approved_at) SELECT $1, id, 'approved', expires_on, now() FROM jobs`,
  [main],
);
const fair = (
  await db.query(
    `INSERT INTO fairs (site_id, title, starts_at, ends_at, booking_opens_at, booking_closes_at, booth_selection)
     VALUES ($1, '压测双选会', now() + interval '2 days', now() + interval '2 days 8 hours', now() - interval '1 hour', now() + interval '1 day', 'at_booking') RETURNING id`,
    [site],
  )
).rows[0].id as number;
const venue = (
  await db.query(`INSERT INTO fair_venues (fair_id, name) VALUES ($1, '主会场') RETURNING id`, [fair])
).rows[0].id as number;
await db.query(
  `INSERT INTO fair_booths (fair_id, venue_id, code) SELECT $1, $2, 'A' || lpad(g::text, 3, '0') FROM generate_series(1, $3) g`,
  [fair, venue, BOOTHS],
);
const booths = (await db.query(`SELECT id FROM fair_booths WHERE fair_id = $1 ORDER BY id`, [fair])).rows.map(
  (r) => r.id as number,
);
const accounts = (
  await db.query(
    `SELECT a.id, j.id AS job FROM employer_accounts a JOIN jobs j ON j.employer_id = a.employer_id ORDER BY a.id`,
  )
).rows as {
  id: number;
  job: number;
}[];

const { child, port } = await startServer({ DATABASE_URL: databaseUrl, REDIS_URL, JWT_SECRET: SECRET });

const token = (id: number) =>
  Jwt.token.generate(
    { kind: 'employer', sub: String(id), tv: 1, aud: 'xiaozhao', iss: 'xiaozhao' },
    { key: SECRET, algorithm: 'HS256' },
    { ttlSec: 3600 },
  );
const requests = accounts.slice(0, ATTEMPTS).map((a, i) => ({
  token: token(a.id),
  body: JSON.stringify({
    fairId: fair,
    boothId: booths[i % booths.length],
    jobIds: [a.job],
    attendees: [{ name: '压测', phone: '13800000000' }],
  }),
}));

const started = performance.now();
const results = await Promise.all(
  requests.map(async (r) => {
    const t = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/employer/fair-bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${r.token}` },
      body: r.body,
    });
    const body = (await res.json()) as { code?: string };
    return { status: res.status, code: body.code, ms: performance.now() - t };
  }),
);
const wall = performance.now() - started;

const successes = results.filter((r) => r.status === 201).length;
const taken = results.filter((r) => r.code === 'BOOTH_TAKEN').length;
const other = results.filter((r) => r.status !== 201 && r.code !== 'BOOTH_TAKEN');
const duplicates = (
  await db.query(
    `SELECT count(*)::int AS n FROM (SELECT booth_id FROM fair_bookings WHERE status IN ('pending','approved') GROUP BY booth_id HAVING count(*) > 1) d`,
  )
).rows[0].n as number;
const held = (
  await db.query(
    `SELECT count(DISTINCT booth_id)::int AS n FROM fair_bookings WHERE status IN ('pending','approved')`,
  )
).rows[0].n as number;
const times = results.map((r) => r.ms).sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;

console.log(
  `   successes            ${successes} (must be ${Math.min(BOOTHS, ATTEMPTS)}: ${successes === Math.min(BOOTHS, ATTEMPTS) ? 'ok' : 'FAILED'})`,
);
console.log(`   BOOTH_TAKEN          ${taken}`);
console.log(
  `   other answers        ${other.length}${other.length ? ` ${JSON.stringify(other.slice(0, 3))}` : ''}`,
);
console.log(
  `   duplicate holders    ${duplicates} (must be 0: ${duplicates === 0 ? 'ok' : 'FAILED'}); booths held ${held}/${BOOTHS}`,
);
console.log(
  `   latency p50 ${pct(50).toFixed(0)} ms, p99 ${pct(99).toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms; all ${ATTEMPTS} answered in ${wall.toFixed(0)} ms`,
);

child.kill('SIGTERM');
await db.end();
process.exit(successes === Math.min(BOOTHS, ATTEMPTS) && duplicates === 0 ? 0 : 1);
