// npm run bench:applications — the employer inbox (收到的简历) with 100k applications across 1k jobs of one employer
// (bench/applications-data.ts), on PostgreSQL. For the first page of the list — without filters, and with each filter
// the page offers — prints p50 and p99 of: the API (GET /api/v1/employer/applications through hapi's inject: auth,
// validation, the service, JSON), the inbox service alone, and the same two queries (page + counts per status)
// written directly in knex — all measured in this run, so the ratios say what the layers cost, not the machine.
import { bootDeployment } from '../core/cli/deployment.js';
import { loadConfig } from '../core/config.js';
import { freshDatabase } from './support.js';
import type { Knex } from 'knex';
import { service } from '../core/app.js';
import { generateApplications } from './applications-data.js';

const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS ?? 100_000);
const JOBS = Number(process.env.BENCH_JOBS ?? 1000);
const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const DB_NAME = 'xiaozhao_bench_applications';
const SECRET = 'bench-applications-secret-bench-applications';

const databaseUrl = await freshDatabase(DB_NAME);

console.log(
  `bench:applications — ${APPLICATIONS} applications, ${JOBS} jobs, ${STUDENTS} students, ${RUNS} runs per shape, Node ${process.version}`,
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
const sites = ['nju', 'seu', 'suda'].map((s) => app.sites.require(s).id);
const t0 = performance.now();
const data = await generateApplications(app.db, {
  applications: APPLICATIONS,
  jobs: JOBS,
  students: STUDENTS,
  sites,
});
console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const accounts = service(app, 'accounts');
const row = (await accounts.byId(data.accountId))!;
const token = app.principals.sign(accounts.payload(row));
const credentials = {
  kind: 'employer' as const,
  id: data.accountId,
  employerId: data.employerId,
  phone: row.phone,
  name: row.name,
  isAdmin: true,
  permissions: ['applications' as const],
  mustSetPassword: false,
};
const inbox = service(app, 'applicationsInbox');
const today = app.clock.today();
const weekAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);

interface Shape {
  name: string;
  query: Record<string, string | number>;
  /** the same filters, written directly in knex on the joined rows */
  where: (q: Knex.QueryBuilder) => void;
}
const midnight = (d: string, plus = 0) => new Date(Date.parse(`${d}T00:00:00+08:00`) + plus * 86_400_000);
const students = () => app.db('students').select('id');
const SHAPES: Shape[] = [
  { name: '无筛选', query: {}, where: () => {} },
  { name: 'status=submitted', query: { status: 'submitted' }, where: () => {} },
  {
    name: `jobId`,
    query: { jobId: data.jobIds[17]! },
    where: (q) => void q.where('a.job_id', data.jobIds[17]!),
  },
  { name: 'site=seu', query: { site: 'seu' }, where: (q) => void q.where('a.site_id', sites[1]!) },
  {
    name: 'degree+major',
    query: { degree: '硕士', major: '软件' },
    where: (q) =>
      void q.whereIn('a.student_id', students().where('degree', '硕士').where('major', 'ilike', '%软件%')),
  },
  {
    name: 'from/to 7 天',
    query: { from: weekAgo, to: today },
    where: (q) =>
      void q.where('a.created_at', '>=', midnight(weekAgo)).where('a.created_at', '<', midnight(today, 1)),
  },
  {
    name: 'q=王明',
    query: { q: '王明' },
    where: (q) =>
      void q.where((w) => {
        void w
          .whereIn(
            'a.student_id',
            students().where('name', 'ilike', '%王明%').orWhere('major', 'ilike', '%王明%'),
          )
          .orWhereIn(
            'a.job_id',
            app
              .db('jobs')
              .select('id')
              .where('employer_id', data.employerId)
              .where('title', 'ilike', '%王明%'),
          );
      }),
  },
];

/** The page and the tab counts, written directly in knex (no service, no view mapping). */
function knexPage(shape: Shape) {
  const base = () => app.db('applications as a').where('a.employer_id', data.employerId).modify(shape.where);
  const status = shape.query.status as string | undefined;
  return Promise.all([
    base()
      .join('students as s', 's.id', 'a.student_id')
      .join('jobs as j', 'j.id', 'a.job_id')
      .modify((q) => {
        if (status) void q.where('a.status', status);
      })
      .orderBy([
        { column: 'a.created_at', order: 'desc' },
        { column: 'a.id', order: 'desc' },
      ])
      .limit(20)
      .select(
        'a.*',
        'j.title as job_title',
        's.name as student_name',
        's.gender',
        's.degree',
        's.major',
        's.graduation_year',
      ),
    base().groupBy('a.status').select('a.status').count({ n: '*' }),
  ]);
}

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 5; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  xs.sort((a, b) => a - b);
  return {
    p50: xs[Math.floor(xs.length * 0.5)]!,
    p99: xs[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]!,
  };
}

const ms = (n: number) => n.toFixed(2).padStart(7);
console.log('\nfirst page (20 rows + counts per status), ms:');
console.log(
  `${'shape'.padEnd(18)}  ${'knex p50'.padStart(8)} ${'p99'.padStart(7)}   ${'service p50'.padStart(11)} ${'p99'.padStart(7)}   ${'API p50'.padStart(8)} ${'p99'.padStart(7)}   API/knex p50`,
);
for (const shape of SHAPES) {
  const qs = new URLSearchParams(Object.entries(shape.query).map(([k, v]) => [k, String(v)])).toString();
  const check = await server.inject({
    url: `/api/v1/employer/applications${qs ? `?${qs}` : ''}`,
    headers: { authorization: `Bearer ${token}` },
  });
  if (check.statusCode !== 200) throw new Error(`${shape.name}: ${check.statusCode} ${check.payload}`);
  const direct = await knexPage(shape);
  const viaService = await inbox.list(credentials, { ...shape.query, page: 1, pageSize: 20 } as never);
  if (direct[0].length !== viaService.items.length)
    throw new Error(`${shape.name}: knex ${direct[0].length} rows, service ${viaService.items.length}`);
  const k = await time(() => knexPage(shape));
  const s = await time(() => inbox.list(credentials, { ...shape.query, page: 1, pageSize: 20 } as never));
  const a = await time(() =>
    server.inject({
      url: `/api/v1/employer/applications${qs ? `?${qs}` : ''}`,
      headers: { authorization: `Bearer ${token}` },
    }),
  );
  console.log(
    `${shape.name.padEnd(18)}  ${ms(k.p50)} ${ms(k.p99)}   ${ms(s.p50).padStart(11)} ${ms(s.p99)}   ${ms(a.p50).padStart(8)} ${ms(a.p99)}   ${(a.p50 / k.p50).toFixed(2)}× (${viaService.total} rows match)`,
  );
}
await deployment.stop();
