// npm run bench:signing — online signing under load, on PostgreSQL, through hapi's inject (auth, validation, the
// signing guard, the service, the transition table, the outbox): 1,000 invitations sent in batches of 50 (two offers
// from two employers for each of 500 students), then every student accepts both of their offers at the same moment.
// Prints throughput and p50/p99 of the batches and of the acceptances, the same measures for a baseline measured in
// this run (GET /student/agreements, an authenticated read through the same stack) with their ratio, and the most
// agreements in force any student holds — which must be ≤ 1 (the partial unique index guarantees it).
import { randomUUID } from 'node:crypto';
import { bootDeployment } from '../core/cli/deployment.js';
import { loadConfig } from '../core/config.js';
import { freshDatabase } from './support.js';
import { idNumberCheckChar } from '../core/identifiers.js';
import { service } from '../core/app.js';

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 500);
const BATCH = Number(process.env.BENCH_BATCH ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const DB_NAME = 'xiaozhao_bench_signing';
const SECRET = 'bench-signing-secret-bench-signing-secret';

const databaseUrl = await freshDatabase(DB_NAME);

console.log(
  `bench:signing — ${STUDENTS * 2} invitations in batches of ${BATCH}, ${STUDENTS} students accepting two offers at once, concurrency ${CONCURRENCY}, Node ${process.version}`,
);
const deployment = await bootDeployment(
  loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: '',
    LOG_LEVEL: 'warn',
    SEED_DEMO: '0',
    JWT_SECRET: SECRET,
  }),
);
const { app, server } = deployment;
await server.initialize();
const db = app.db;
const site = app.sites.require('nju').id;

// two employers with an approved signing authorisation valid for a year
const employers: { id: number; token: string }[] = [];
for (const n of [1, 2]) {
  const [e] = await db('employers')
    .insert({
      name: `签约压测单位${n}`,
      uscc: `91320100${String(n).padStart(9, '0')}0`,
      uscc_check_passed: true,
      contact_name: '联系人',
      contact_phone: `1350000000${n}`,
    })
    .returning('id');
  const employerId = (e as { id: number }).id;
  const [a] = await db('employer_accounts')
    .insert({
      employer_id: employerId,
      phone: `1350000000${n}`,
      name: '联系人',
      is_admin: true,
      password_hash: 'x',
    })
    .returning(['id', 'token_version']);
  const [r] = await db('employer_roles')
    .insert({ employer_id: employerId, name: '签约', builtin: false, permissions: ['signing'] })
    .returning('id');
  await db('employer_account_roles').insert({
    account_id: (a as { id: number }).id,
    role_id: (r as { id: number }).id,
  });
  const fileId = randomUUID();
  await db('files').insert({
    id: fileId,
    employer_id: employerId,
    purpose: 'authorization-letter',
    name: '授权委托书.pdf',
    size: 1,
    mime: 'application/pdf',
    sha256: '0'.repeat(64),
    storage_key: `bench/${fileId}`,
  });
  const first17 = `32010219900101${String(100 + n)}`;
  await db('signing_authorizations').insert({
    employer_id: employerId,
    status: 'approved',
    letter_file_id: fileId,
    agent_name: '压测经办',
    agent_id_number: first17 + idNumberCheckChar(first17),
    agent_phone: '13912345678',
    requested_valid_until: db.raw(`current_date + 365`),
    valid_from: db.raw('current_date'),
    valid_until: db.raw(`current_date + 365`),
    decided_at: db.fn.now(),
  });
  const account = (await service(app, 'accounts').byId((a as { id: number }).id))!;
  employers.push({ id: employerId, token: app.principals.sign(service(app, 'accounts').payload(account)) });
}

// the students, e-sign eligible, each with a token
const rows = Array.from({ length: STUDENTS }, (_, i) => {
  const birth = new Date(Date.UTC(2000, 0, 1) + (i % 365) * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  const first17 = `320104${birth}${String(Math.floor(i / 365)).padStart(3, '0')}`;
  return {
    site_id: site,
    student_no: `B${String(i).padStart(8, '0')}`,
    name: `压测学生${i}`,
    id_number: first17 + idNumberCheckChar(first17),
    gender: '女',
    degree: '本科',
    major: '计算机科学与技术',
    graduation_year: 2027,
    phone: `158${String(i).padStart(8, '0')}`,
    e_sign_eligible: true,
  };
});
const students: { id: number; token_version: number }[] = [];
for (let i = 0; i < rows.length; i += 500)
  students.push(
    ...((await db('students')
      .insert(rows.slice(i, i + 500))
      .returning(['id', 'token_version'])) as { id: number; token_version: number }[]),
  );
const tokens = new Map(
  students.map((s) => [
    s.id,
    app.principals.sign({ kind: 'student', sub: String(s.id), tv: s.token_version }),
  ]),
);

// each employer first finds each student by 身份证号, as 发送签约邀请 does (not timed): an invitation may name only a
// student the employer found, offered or signed with before
const idNumbers = rows.map((r) => r.id_number);
for (const e of employers)
  for (let i = 0; i < idNumbers.length; i += CONCURRENCY)
    await Promise.all(
      idNumbers.slice(i, i + CONCURRENCY).map(async (q) => {
        const res = await server.inject({
          url: `/api/v1/employer/signing/candidates?q=${q}`,
          headers: { authorization: `Bearer ${e.token}` },
        });
        if (res.statusCode !== 200) throw new Error(`candidates: ${res.payload}`);
      }),
    );

const today = app.clock.today();
const respondBy = new Date(Date.parse(`${today}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
const offer = (studentId: number, n: number) => ({
  studentId,
  position: `压测岗位${n}`,
  salaryMonthly: 10000,
  probationMonths: 3,
  contractYears: 3,
  workPlace: '南京市',
  archive: { forward: false },
  hukou: { transfer: false },
  respondBy,
});

/** Runs `tasks` with at most `limit` in flight; answers each one's latency in ms and the wall time. */
async function pool(tasks: (() => Promise<number>)[], limit: number) {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const task = tasks[next++]!;
        const t = performance.now();
        const status = await task();
        if (status >= 500) throw new Error(`status ${status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - t0) / 1000 };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const line = (label: string, r: { latencies: number[]; seconds: number }) => {
  const rps = r.latencies.length / r.seconds;
  console.log(
    `${label.padEnd(34)} ${String(r.latencies.length).padStart(5)} req  ${rps.toFixed(0).padStart(6)} req/s  p50 ${pct(r.latencies, 50).toFixed(1)} ms  p99 ${pct(r.latencies, 99).toFixed(1)} ms`,
  );
  return rps;
};

// baseline: an authenticated read through the same stack
const ids = students.map((s) => s.id);
const baseline = await pool(
  ids.map(
    (id) => async () =>
      (
        await server.inject({
          url: '/api/v1/student/agreements',
          headers: { authorization: `Bearer ${tokens.get(id)}` },
        })
      ).statusCode,
  ),
  CONCURRENCY,
);

// 1,000 invitations in batches of 50
const batches: (() => Promise<number>)[] = [];
let created = 0;
for (const [n, e] of employers.entries())
  for (let i = 0; i < ids.length; i += BATCH) {
    const slice = ids.slice(i, i + BATCH);
    batches.push(async () => {
      const res = await server.inject({
        method: 'POST',
        url: '/api/v1/employer/agreements',
        headers: { authorization: `Bearer ${e.token}` },
        payload: { invitations: slice.map((id) => offer(id, n + 1)) },
      });
      created += (JSON.parse(res.payload) as { created?: unknown[] }).created?.length ?? 0;
      return res.statusCode;
    });
  }
const invited = await pool(batches, 4);

// every student accepts both offers at the same moment
const offers = (await db('agreements').where('status', 'invited').select('id', 'student_id')) as {
  id: number;
  student_id: number;
}[];
const outcome = { 200: 0, 409: 0 } as Record<number, number>;
const accepts = offers.map((a) => async () => {
  const res = await server.inject({
    method: 'POST',
    url: `/api/v1/student/agreements/${a.id}/accept`,
    headers: { authorization: `Bearer ${tokens.get(a.student_id)}` },
    payload: {},
  });
  outcome[res.statusCode] = (outcome[res.statusCode] ?? 0) + 1;
  return res.statusCode;
});
// both offers of one student next to each other, so they race
const byStudent = [...accepts.keys()].sort((x, y) => offers[x]!.student_id - offers[y]!.student_id);
const accepted = await pool(
  byStudent.map((i) => accepts[i]!),
  CONCURRENCY,
);

const base = line('baseline GET /student/agreements', baseline);
line(`POST /employer/agreements (×${BATCH})`, invited);
console.log(
  `${''.padEnd(34)} invitations created: ${created} (${(created / invited.seconds).toFixed(0)} invitations/s)`,
);
const acc = line('POST /student/agreements/{id}/accept', accepted);
console.log(
  `accept throughput vs baseline read: ${(acc / base).toFixed(2)}×  (200: ${outcome[200]}, 409: ${outcome[409]})`,
);
const max = (await db('agreements')
  .whereIn('status', ['accepted', 'signed', 'terminating', 'termination_refused'])
  .groupBy('student_id')
  .select(db.raw('count(*) AS n'))
  .orderBy('n', 'desc')
  .first()) as { n: number } | undefined;
const most = Number(max?.n ?? 0);
console.log(`max agreements in force per student: ${most} (must be ≤ 1)`);
await deployment.stop();
if (most > 1 || created !== STUDENTS * 2) process.exit(1);
