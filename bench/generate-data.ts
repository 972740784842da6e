// Listing data at scale: `scale` × (20k employers, 200k jobs, 2M publications: every job on main and 9 schools),
// generated inside PostgreSQL with generate_series (minutes, not hours, even at 10×). 80 % of copies approved,
// 10 % pending, 10 % rejected; 30 % of jobs already expired. Each scale gets its own database; a finished one is
// reused. Usage: tsx bench/generate-data.ts [scale]   (database xiaozhao_bench_<scale>x)
import pg from 'pg';
import { bootDeployment } from '../core/cli/deployment.js';
import { loadConfig } from '../core/config.js';

const PG_ADMIN = process.env.BENCH_PG_ADMIN ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function benchDatabaseUrl(scale: number): string {
  const url = new URL(PG_ADMIN);
  url.pathname = `/xiaozhao_bench_${scale}x`;
  return url.toString();
}

async function exists(scale: number): Promise<boolean> {
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
    `xiaozhao_bench_${scale}x`,
  ]);
  await admin.end();
  if (found.rowCount === 0) return false;
  const db = new pg.Client({ connectionString: benchDatabaseUrl(scale) });
  await db.connect();
  try {
    const done = await db.query(`SELECT 1 FROM bench_generated WHERE scale = $1`, [scale]);
    return (done.rowCount ?? 0) > 0;
  } catch {
    return false;
  } finally {
    await db.end();
  }
}

function step(label: string) {
  const started = performance.now();
  process.stdout.write(`  ${label} … `);
  return () => console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
}

export async function generate(scale: number): Promise<string> {
  const url = benchDatabaseUrl(scale);
  if (await exists(scale)) {
    console.log(`bench data ×${scale}: reusing ${url}`);
    return url;
  }
  console.log(`bench data ×${scale}: generating into ${url}`);
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "xiaozhao_bench_${scale}x"`);
  await admin.query(`CREATE DATABASE "xiaozhao_bench_${scale}x"`);
  await admin.end();

  let done = step('schema and 176 sites');
  const deployment = await bootDeployment(
    loadConfig({ ...process.env, DATABASE_URL: url, REDIS_URL: '', LOG_LEVEL: 'warn', SEED_DEMO: '0' }),
  );
  await deployment.stop();
  done();

  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const employers = 20_000 * scale;
  const jobs = 200_000 * scale;
  await db.query('SET synchronous_commit = off');
  await db.query('SET maintenance_work_mem = 1048576');

  done = step(`${employers.toLocaleString()} employers`);
  await db.query(
    `INSERT INTO employers (name, uscc, uscc_check_passed, contact_name, contact_phone, nature, industry, scale, region_code, address, intro, profile_submitted_at)
     SELECT '基准测试单位' || g, '91320100' || lpad(g::text, 9, '0') || '0', true, '联系人', '13' || lpad(g::text, 9, '0'),
            '民营企业', '信息技术', '150-500人', '320100', '江苏省南京市', '基准测试数据', now()
     FROM generate_series(1, $1) g`,
    [employers],
  );
  done();

  done = step(`${jobs.toLocaleString()} jobs`);
  const batch = 200_000;
  for (let from = 1; from <= jobs; from += batch) {
    const to = Math.min(jobs, from + batch - 1);
    await db.query(
      `INSERT INTO jobs (employer_id, title, category, description, headcount, salary_min, salary_max, cities, degree, majors, expires_on, state)
       SELECT 1 + (g % $3), (ARRAY['软件开发工程师','硬件工程师','产品经理','市场专员','财务专员','数据分析师','机械工程师','人力资源专员','销售代表','运营专员'])[1 + g % 10] || ' ' || g,
              (ARRAY['技术研发','生产制造','产品','市场营销','财务会计','销售','运营','人力资源'])[1 + g % 8],
              '基准测试职位描述，负责相关工作，欢迎应届毕业生。', 1 + g % 5, 5000 + (g % 10) * 500, 9000 + (g % 10) * 1000,
              ARRAY[(ARRAY['320100','320500','320200','320400','310000','320600'])[1 + g % 6]], (ARRAY['本科','硕士','大专','不限','博士'])[1 + g % 5],
              ARRAY['计算机科学与技术'], current_date + (g % 100) - 30, CASE WHEN (g % 100) - 30 <= 0 THEN 'expired' ELSE 'active' END
       FROM generate_series($1::int, $2::int) g`,
      [from, to, employers],
    );
    process.stdout.write(`${Math.round((to / jobs) * 100)}% `);
  }
  done();

  done = step(`${(jobs * 10).toLocaleString()} publications (main + 9 schools per job)`);
  for (let from = 1; from <= jobs; from += batch) {
    const to = Math.min(jobs, from + batch - 1);
    await db.query(
      `WITH schools AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM sites WHERE slug <> 'main'),
            main AS (SELECT id FROM sites WHERE slug = 'main'),
            targets AS (
              SELECT j.id AS job_id, j.expires_on, (SELECT id FROM main) AS site_id, 0 AS k FROM jobs j WHERE j.id BETWEEN $1 AND $2
              UNION ALL
              SELECT j.id, j.expires_on, s.id, k + 1 FROM jobs j CROSS JOIN generate_series(0, 8) k
                JOIN schools s ON s.n = (j.id * 7 + k * 19) % 175 WHERE j.id BETWEEN $1 AND $2)
       INSERT INTO job_publications (site_id, job_id, status, expires_on, approved_at, reviewed_at)
       SELECT site_id, job_id,
              CASE WHEN (job_id * 31 + k) % 10 < 8 THEN 'approved' WHEN (job_id * 31 + k) % 10 = 8 THEN 'pending' ELSE 'rejected' END,
              expires_on,
              CASE WHEN (job_id * 31 + k) % 10 < 8 THEN now() - ((job_id::bigint * 7919 + k * 104729) % 7776000) * interval '1 second' END,
              CASE WHEN (job_id * 31 + k) % 10 <> 8 THEN now() END
       FROM targets`,
      [from, to],
    );
    process.stdout.write(`${Math.round((to / jobs) * 100)}% `);
  }
  done();

  done = step('VACUUM ANALYZE');
  await db.query('VACUUM ANALYZE employers, jobs, job_publications');
  done();
  await db.query(
    `CREATE TABLE bench_generated (scale int PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())`,
  );
  await db.query(`INSERT INTO bench_generated (scale) VALUES ($1)`, [scale]);
  await db.end();
  return url;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scale = Number(process.argv[2] ?? 1);
  await generate(scale);
}
