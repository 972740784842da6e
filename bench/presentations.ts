// npm run bench:presentations — 300 info-session applications (宣讲会) from 30 employers joined to one school arrive
// at the same moment for random slots of 5 rooms on one day, over HTTP, against the platform running on PostgreSQL
// and Redis. The exclusion constraint decides every race. Prints accepted, refused (by code), overlapping holders
// found by a SQL self-join (must be 0), refusals with no overlapping holder (must be 0) and p50/p99 latency, beside
// two baselines measured in the same run with the same concurrency: the employer's rooms view of that day (a GET on
// the same tables) and 300 applications that cannot conflict (online sessions: no room, the same review engine).
import Jwt from '@hapi/jwt';
import pg from 'pg';
import { bootDeployment } from '../core/cli/deployment.js';
import { loadConfig } from '../core/config.js';
import { freshDatabase, startServer } from './support.js';

const ATTEMPTS = Number(process.env.BENCH_ATTEMPTS ?? 300);
const EMPLOYERS = Number(process.env.BENCH_EMPLOYERS ?? 30);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 5);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/13';
const SECRET = 'bench-presentations-secret-bench-presentations';
const DB_NAME = 'xiaozhao_bench_presentations';
const SLUG = 'nju';

/** A deterministic pseudo-random sequence (the same slots every run). */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const databaseUrl = await freshDatabase(DB_NAME);

console.log(
  `bench:presentations — ${ATTEMPTS} concurrent applications from ${EMPLOYERS} employers for ${ROOMS} rooms of one day, Node ${process.version}`,
);
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
const site = (await db.query(`SELECT id FROM sites WHERE slug = $1`, [SLUG])).rows[0].id as number;
await db.query(
  `INSERT INTO employers (name, uscc, uscc_check_passed, contact_name, contact_phone)
   SELECT '宣讲压测单位' || g, '91320100' || lpad(g::text, 9, '0') || '0', true, '联系人', '135' || lpad(g::text, 8, '0') FROM generate_series(1, $1) g`,
  [EMPLOYERS],
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
  `INSERT INTO memberships (site_id, employer_id, status, decided_at) SELECT $1, id, 'approved', now() FROM employers`,
  [site],
);
const rooms = (
  await db.query(
    `INSERT INTO rooms (site_id, name, building, capacity)
     SELECT $1, '压测报告厅 ' || g, '仙林校区', 100 + g * 50 FROM generate_series(1, $2) g RETURNING id`,
    [site, ROOMS],
  )
).rows.map((r) => r.id as number);
const accounts = (await db.query(`SELECT id FROM employer_accounts ORDER BY id`)).rows.map(
  (r) => r.id as number,
);

// The day: a week from today in school time (Asia/Shanghai, UTC+8).
const day = new Date(Date.now() + 8 * 3_600_000 + 7 * 86_400_000).toISOString().slice(0, 10);
const at = (minutes: number) =>
  `${day}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+08:00`;

const { child, port } = await startServer({ DATABASE_URL: databaseUrl, REDIS_URL, JWT_SECRET: SECRET });

const tokens = accounts.map((id) =>
  Jwt.token.generate(
    { kind: 'employer', sub: String(id), tv: 1, aud: 'xiaozhao', iss: 'xiaozhao' },
    { key: SECRET, algorithm: 'HS256' },
    { ttlSec: 3600 },
  ),
);

interface Answer {
  status: number;
  code?: string;
  id?: number;
  ms: number;
}

async function call(method: 'GET' | 'POST', path: string, token: string, body?: unknown): Promise<Answer> {
  const t = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as { code?: string; id?: number };
  return { status: res.status, code: json.code, id: json.id, ms: performance.now() - t };
}

/** Fires every request at once; the answers and the wall time of the batch. */
async function batch(requests: (() => Promise<Answer>)[]): Promise<{ answers: Answer[]; wall: number }> {
  const started = performance.now();
  const answers = await Promise.all(requests.map((r) => r()));
  return { answers, wall: performance.now() - started };
}

function percentiles(answers: Answer[]) {
  const times = answers.map((r) => r.ms).sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
  return { p50: pct(50), p99: pct(99), max: times.at(-1)! };
}

const application = (i: number, over: Record<string, unknown>) => ({
  siteSlug: SLUG,
  title: `压测宣讲会 ${i}`,
  description: '压测招聘简章',
  jobIds: [],
  contacts: [{ name: '压测', phone: '13800000000' }],
  ...over,
});

// Random slots: a room of the five, a start on the half hour from 08:00 to 19:30, 1–2 hours long (ends by 21:30).
const next = random(20261205);
const slots = Array.from({ length: ATTEMPTS }, () => {
  const start = 8 * 60 + 30 * Math.floor(next() * 24);
  const length = 60 + 30 * Math.floor(next() * 3);
  return { roomId: rooms[Math.floor(next() * rooms.length)]!, start, end: start + length };
});

const token = (i: number) => tokens[i % tokens.length]!;
const roomsView = `/api/v1/employer/sites/${SLUG}/rooms?date=${day}`;

// Warm-up (connections, JIT, caches), not measured.
await batch(Array.from({ length: 50 }, (_, i) => () => call('GET', roomsView, token(i))));

const reads = await batch(Array.from({ length: ATTEMPTS }, (_, i) => () => call('GET', roomsView, token(i))));
const online = await batch(
  Array.from(
    { length: ATTEMPTS },
    (_, i) => () =>
      call(
        'POST',
        '/api/v1/employer/presentations',
        token(i),
        application(i, {
          mode: 'online',
          liveUrl: `https://live.example.com/bench/${i}`,
          startsAt: at(slots[i]!.start),
          endsAt: at(slots[i]!.end),
        }),
      ),
  ),
);
const contested = await batch(
  slots.map(
    (s, i) => () =>
      call(
        'POST',
        '/api/v1/employer/presentations',
        token(i),
        application(i, { mode: 'offline', roomId: s.roomId, startsAt: at(s.start), endsAt: at(s.end) }),
      ),
  ),
);

const accepted = contested.answers.filter((r) => r.status === 201);
const refused = new Map<string, number>();
for (const r of contested.answers.filter((a) => a.status !== 201)) {
  const key = `${r.status} ${r.code ?? '?'}`;
  refused.set(key, (refused.get(key) ?? 0) + 1);
}
const overlaps = (
  await db.query(
    `SELECT count(*)::int AS n FROM presentations a JOIN presentations b
       ON a.room_id = b.room_id AND a.id < b.id
      AND tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')
     WHERE a.status IN ('pending', 'approved') AND b.status IN ('pending', 'approved')`,
  )
).rows[0].n as number;
// Every ROOM_TAKEN must name a real conflict: an accepted session of that room overlapping the asked slot.
const held = slots.filter((_, i) => contested.answers[i]!.status === 201);
const groundless = slots.filter(
  (s, i) =>
    contested.answers[i]!.code === 'ROOM_TAKEN' &&
    !held.some((h) => h.roomId === s.roomId && h.start < s.end && s.start < h.end),
).length;
const onlineAccepted = online.answers.filter((r) => r.status === 201).length;
const minutesHeld = held.reduce((sum, h) => sum + h.end - h.start, 0);

const c = percentiles(contested.answers);
const g = percentiles(reads.answers);
const o = percentiles(online.answers);
const line = (name: string, p: { p50: number; p99: number; max: number }, wall: number) =>
  `   ${name.padEnd(40)} p50 ${p.p50.toFixed(0).padStart(5)} ms  p99 ${p.p99.toFixed(0).padStart(5)} ms  max ${p.max.toFixed(0).padStart(5)} ms  all answered in ${wall.toFixed(0)} ms`;

console.log(`   day ${day}, ${ROOMS} rooms open 08:00–21:30`);
console.log(`   accepted                 ${accepted.length} (${minutesHeld} room-minutes of ${ROOMS * 810})`);
for (const [key, n] of [...refused].sort()) console.log(`   refused ${key.padEnd(16)} ${n}`);
console.log(
  `   overlapping holders      ${overlaps} (SQL self-join; must be 0: ${overlaps === 0 ? 'ok' : 'FAILED'})`,
);
console.log(`   groundless ROOM_TAKEN    ${groundless} (must be 0: ${groundless === 0 ? 'ok' : 'FAILED'})`);
console.log(line(`contested applications (${ATTEMPTS})`, c, contested.wall));
console.log(line(`baseline: rooms view GET (${ATTEMPTS})`, g, reads.wall));
console.log(line(`baseline: online applications (${onlineAccepted}/${ATTEMPTS})`, o, online.wall));
console.log(
  `   ratio p99 contested / rooms view ${(c.p99 / g.p99).toFixed(2)}×, / online applications ${(c.p99 / o.p99).toFixed(2)}×; p50 ${(c.p50 / g.p50).toFixed(2)}× and ${(c.p50 / o.p50).toFixed(2)}×`,
);

child.kill('SIGTERM');
await db.end();
const unexpected = [...refused.keys()].some((k) => !k.endsWith('ROOM_TAKEN'));
process.exit(overlaps === 0 && groundless === 0 && onlineAccepted === ATTEMPTS && !unexpected ? 0 : 1);
