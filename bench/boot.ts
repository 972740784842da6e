// npm run bench:boot — boot-to-ready time and resident memory of the platform with all 176 sites, beside a
// bare hapi server measured in the same run. Each figure is the median of several runs in fresh processes.
// The platform runs against PostgreSQL and Redis (BENCH_DATABASE_URL, BENCH_REDIS_URL); the embedded PGlite
// profile is measured too, for information (PGlite alone holds ~220 MB).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { ROOT } from '../core/paths.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/xiaozhao_bench';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/14';

interface Sample {
  readyMs: number;
  rssMb: number;
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function measure(script: string, env: NodeJS.ProcessEnv): Promise<Sample> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, script)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const readyMs = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('is running')) resolve(performance.now() - started);
    });
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}\n${out}`)));
  });
  await new Promise((r) => setTimeout(r, 300));
  const rssMb = rssOf(child.pid!);
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return { readyMs, rssMb };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function series(label: string, script: string, env: NodeJS.ProcessEnv, runs = RUNS): Promise<Sample> {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i += 1) samples.push(await measure(script, env));
  const result = {
    readyMs: median(samples.map((s) => s.readyMs)),
    rssMb: median(samples.map((s) => s.rssMb)),
  };
  console.log(
    `${label.padEnd(34)} ready ${result.readyMs.toFixed(0).padStart(6)} ms   RSS ${result.rssMb.toFixed(0).padStart(4)} MB   (median of ${runs})`,
  );
  return result;
}

async function ensureDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
}

await ensureDatabase(DATABASE_URL);
const platformEnv = {
  DATABASE_URL,
  REDIS_URL,
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  SEED_DEMO: '0',
  NODE_ENV: 'development',
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
};
await measure('dist/core/cli/start.js', platformEnv); // warm-up: applies migrations once

console.log(`bench:boot — ${RUNS} runs each, Node ${process.version}`);
const bare = await series('bare hapi (baseline)', 'dist/bench/bare-hapi.js', { PORT: '0' });
const full = await series('xiaozhao, 176 sites, PostgreSQL', 'dist/core/cli/start.js', platformEnv);
const { mkdtempSync, rmSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const dataDir = mkdtempSync(join(tmpdir(), 'xz-bench-'));
const embeddedEnv = {
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  SEED_DEMO: '0',
  DATA_DIR: dataDir,
  DATABASE_URL: '',
  REDIS_URL: '',
};
await measure('dist/core/cli/start.js', embeddedEnv); // creates the PGlite data folder
const embedded = await series(
  'xiaozhao, 176 sites, embedded PGlite',
  'dist/core/cli/start.js',
  embeddedEnv,
  3,
);
rmSync(dataDir, { recursive: true, force: true });

console.log('');
console.log(
  `boot ratio (xiaozhao / bare hapi):  ${(full.readyMs / bare.readyMs).toFixed(2)}×   ${full.readyMs.toFixed(0)} ms   goal ≤ 1500 ms: ${full.readyMs <= 1500 ? 'met' : 'NOT met'}`,
);
console.log(
  `memory ratio (xiaozhao / bare hapi): ${(full.rssMb / bare.rssMb).toFixed(2)}×   ${full.rssMb.toFixed(0)} MB   goal ≤ 250 MB: ${full.rssMb <= 250 ? 'met' : 'NOT met'}`,
);
console.log(
  `embedded profile: ${embedded.readyMs.toFixed(0)} ms, ${embedded.rssMb.toFixed(0)} MB (${(embedded.readyMs / bare.readyMs).toFixed(2)}× / ${(embedded.rssMb / bare.rssMb).toFixed(2)}× bare)`,
);
