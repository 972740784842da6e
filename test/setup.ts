// Root hooks: a fresh schema in the real test database, an empty Redis test db, then the demo staff accounts.
import pg from 'pg';
import { createClient } from 'redis';
import { createDb } from '../core/db/knex.js';
import { migrateLatest } from '../core/db/migrate.js';
import { runSeeders } from '../core/seed.js';
import { getDeployment, stopDeployment } from './helpers/deployment.js';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './helpers/env.js';

async function ensureDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(300_000);
    await ensureDatabase(TEST_DATABASE_URL);
    const db = createDb({ databaseUrl: TEST_DATABASE_URL, dataDir: '' });
    await db.raw('DROP SCHEMA public CASCADE');
    await db.raw('CREATE SCHEMA public');
    await migrateLatest(db);
    await db.destroy();
    const redis = createClient({ url: TEST_REDIS_URL });
    await redis.connect();
    await redis.flushDb();
    await redis.quit();
    const { app } = await getDeployment();
    await runSeeders(app);
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(30_000);
    await stopDeployment();
  },
};
