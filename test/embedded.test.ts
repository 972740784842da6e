// The zero-configuration profile: embedded PGlite under a data folder, no Redis, jobs in-process, demo seed.
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../core/paths.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

describe('embedded profile (PGlite, no Redis): from boot to the first page', function () {
  this.timeout(180_000);
  let child: ChildProcess;
  let dataDir: string;
  let base: string;
  let output = '';

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'xz-embedded-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    delete env.SEED_DEMO;
    child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'core/cli/start.ts')], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('is running')) resolve();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
    });
  });

  after(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the URLs to open', () => {
    expect(output).to.include('embedded PGlite').and.include('tasks inline').and.include('/widgets/demo');
  });

  it('serves the main site and a school site', async () => {
    const main = await fetch(`${base}/`);
    expect(main.status).to.equal(200);
    expect(await main.text()).to.include('江苏省高校毕业生就业网');
    const nju = await fetch(`${base}/s/nju/`);
    expect(nju.status).to.equal(200);
    expect(await nju.text()).to.include('南京大学');
  });

  it('reports PGlite and in-process jobs in /healthz', async () => {
    const res = await fetch(`${base}/healthz`);
    const body = (await res.json()) as {
      database: { driver: string; ok: boolean };
      redis: { mode: string };
      jobs: string;
    };
    expect(res.status).to.equal(200);
    expect(body.database).to.include({ driver: 'pglite', ok: true });
    expect(body.redis.mode).to.equal('embedded');
    expect(body.jobs).to.equal('inline');
  });

  it('gives calendar dates as YYYY-MM-DD, as PostgreSQL does, and renders every listed job, announcement and fair', async () => {
    const broken: string[] = [];
    const visit = async (path: string) => {
      const res = await fetch(`${base}${path}`, { headers: { accept: 'text/html' } });
      if (res.status !== 200) broken.push(`${path} → ${res.status}`);
      return res.text();
    };
    for (const slug of ['main', 'nju']) {
      const prefix = slug === 'main' ? '' : `/s/${slug}`;
      const jobs = (await (await fetch(`${base}/api/v1/public/sites/${slug}/jobs?pageSize=100`)).json()) as {
        items: { id: number; expiresOn: string }[];
      };
      expect(jobs.items.length, `demo jobs on ${slug}`).to.be.greaterThan(0);
      for (const job of jobs.items) expect(job.expiresOn).to.match(/^\d{4}-\d{2}-\d{2}$/);
      for (const list of ['/jobs', '/announcements', '/fairs']) {
        const html = await visit(`${prefix}${list}`);
        const links = new Set(
          [...html.matchAll(new RegExp(`href="${prefix}${list}/(\\d+)"`, 'g'))].map((m) => m[1]),
        );
        for (const id of links) await visit(`${prefix}${list}/${id}`);
      }
    }
    expect(broken, broken.join('\n')).to.deep.equal([]);
  });

  it('has seeded the demo staff accounts', async () => {
    const res = await fetch(`${base}/api/v1/auth/staff-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'suda.admin', password: 'xiaozhao-demo' }),
    });
    expect(res.status).to.equal(200);
    expect(((await res.json()) as { staff: { site: string } }).staff.site).to.equal('suda');
  });
});
