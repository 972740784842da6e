// npm run bench:listing — the public jobs API under load, and the list query as the data grows.
//  1. Throughput: 100 connections against GET /api/v1/public/sites/nju/jobs (answered by the response cache in front
//     of hapi) beside a bare node:http server sending the same body, measured in this run; prints the ratio (goal ≥
//     0.45) and p99 (goal ≤ 15 ms). Median of 3 runs of 10 s each; then the same with Accept-Encoding: gzip, as
//     browsers ask (for information: the bare server sends the same body gzipped once).
//  2. Scale: the list query itself (cache bypassed) on 1× and 10× data (bench/generate-data.ts), p50 of 200 runs per
//     query shape; prints the 10×/1× ratio (goal ≤ 1.5).
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootDeployment } from '../core/cli/deployment.js';
import { loadConfig } from '../core/config.js';
import { ROOT } from '../core/paths.js';
import { JobService, type PublicJobQuery } from '../plugins/jobs/job-service.js';
import type { ListingCache } from '../plugins/postings/listing-cache.js';
import { generate } from './generate-data.js';

const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/14';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function startChild(script: string, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [join(ROOT, script)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('is running')) resolve();
    });
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}\n${out}`)));
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function load(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ rps: number; p99: number; errors: number }> {
  const result = await autocannon({ url, headers, connections: 100, duration: DURATION, pipelining: 1 });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

async function throughput(databaseUrl: string) {
  console.log(`\n1. throughput: 100 connections, ${DURATION} s, median of ${RUNS}`);
  const port = await freePort();
  const platform = await startChild('dist/core/cli/start.js', {
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SEED_DEMO: '0',
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
    SMS_DRIVER: 'log',
  });
  const url = `http://127.0.0.1:${port}/api/v1/public/sites/nju/jobs`;
  const body = Buffer.from(await (await fetch(url)).arrayBuffer());
  const bodyFile = join(tmpdir(), `xz-bench-body-${process.pid}.json`);
  writeFileSync(bodyFile, body);
  const barePort = await freePort();
  const bare = await startChild('dist/bench/bare-http.js', { PORT: String(barePort), BODY_FILE: bodyFile });
  await load(url);
  const measure = async (headers: Record<string, string>) => {
    const samples: {
      platform: { rps: number; p99: number; errors: number };
      bare: { rps: number; p99: number };
    }[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      samples.push({
        bare: await load(`http://127.0.0.1:${barePort}/`, headers),
        platform: await load(url, headers),
      });
    }
    return {
      rps: median(samples.map((s) => s.platform.rps)),
      bareRps: median(samples.map((s) => s.bare.rps)),
      p99: median(samples.map((s) => s.platform.p99)),
      bareP99: median(samples.map((s) => s.bare.p99)),
      errors: samples.reduce((n, s) => n + s.platform.errors, 0),
    };
  };
  const plain = await measure({});
  const gzip = await measure({ 'accept-encoding': 'gzip, deflate, br' });
  await platform.stop();
  await bare.stop();
  const line = (label: string, rps: number, p99: number, extra = '') =>
    console.log(`   ${label.padEnd(32)} ${rps.toFixed(0).padStart(7)} req/s   p99 ${p99} ms${extra}`);
  console.log(`   body ${body.length} bytes (20 jobs)`);
  line('bare node:http', plain.bareRps, plain.bareP99);
  line('xiaozhao public jobs', plain.rps, plain.p99, `   errors ${plain.errors}`);
  const ratio = plain.rps / plain.bareRps;
  console.log(
    `   ratio ${ratio.toFixed(2)} (goal ≥ 0.45: ${ratio >= 0.45 ? 'met' : 'NOT met'})   p99 ${plain.p99} ms (goal ≤ 15 ms: ${plain.p99 <= 15 ? 'met' : 'NOT met'})`,
  );
  line('bare node:http, gzip', gzip.bareRps, gzip.bareP99);
  line('xiaozhao public jobs, gzip', gzip.rps, gzip.p99, `   errors ${gzip.errors}`);
  console.log(`   ratio with gzip ${(gzip.rps / gzip.bareRps).toFixed(2)}`);
}

/** The cache left out: every call runs the query. */
const noCache = {
  fetch: async (_k: string, _s: string, _q: string, loader: () => Promise<unknown>) =>
    JSON.stringify(await loader()),
} as unknown as ListingCache;

const SHAPES: [string, string, PublicJobQuery][] = [
  ['main, page 1', 'main', { page: 1, pageSize: 20 }],
  ['main, page 10', 'main', { page: 10, pageSize: 20 }],
  ['school, page 1', 'nju', { page: 1, pageSize: 20 }],
  ['school, city filter', 'nju', { city: '320500', page: 1, pageSize: 20 }],
  ['school, category filter', 'nju', { category: '产品', page: 1, pageSize: 20 }],
];

async function queryTimes(databaseUrl: string): Promise<number[]> {
  const deployment = await bootDeployment(
    loadConfig({
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: '',
      LOG_LEVEL: 'warn',
      SEED_DEMO: '0',
    }),
    { migrate: false },
  );
  const { app } = deployment;
  const jobs = new JobService(app.db, app.sites, app.clock, undefined as never, noCache, async () => '');
  const p50s: number[] = [];
  for (const [, slug, query] of SHAPES) {
    const site = app.sites.get(slug)!;
    for (let i = 0; i < 20; i += 1) await jobs.publicList(site, query);
    const times: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      const t = performance.now();
      await jobs.publicList(site, query);
      times.push(performance.now() - t);
    }
    p50s.push(median(times));
  }
  await deployment.stop();
  return p50s;
}

async function scale(one: string, ten: string) {
  console.log('\n2. list query p50 (cache bypassed), 200 runs per shape after 20 warm-up runs');
  const a = await queryTimes(one);
  const b = await queryTimes(ten);
  SHAPES.forEach(([label], i) => {
    console.log(
      `   ${label.padEnd(26)} 1× ${a[i]!.toFixed(2).padStart(7)} ms   10× ${b[i]!.toFixed(2).padStart(7)} ms   ratio ${(b[i]! / a[i]!).toFixed(2)}`,
    );
  });
  const ratio = b[0]! / a[0]!;
  console.log(
    `   the list query (main, page 1): ratio ${ratio.toFixed(2)} (goal ≤ 1.5: ${ratio <= 1.5 ? 'met' : 'NOT met'})`,
  );
}

console.log(`bench:listing — Node ${process.version}`);
const part = process.env.BENCH_PART ?? 'all'; // all | throughput | scale
const one = await generate(1);
if (part !== 'scale') await throughput(one);
if (part !== 'throughput') await scale(one, await generate(10));
process.exit(0);
