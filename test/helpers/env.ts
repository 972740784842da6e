// Test configuration: the real PostgreSQL (database xiaozhao_test) and Redis (db 15) on this machine.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../core/config.js';

/** Uploaded files of this run go to a temporary folder, never to ./data. */
export const TEST_DATA_DIR = mkdtempSync(join(tmpdir(), 'xz-test-data-'));

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/xiaozhao_test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: TEST_DATABASE_URL,
    REDIS_URL: TEST_REDIS_URL,
    JWT_SECRET: 'test-secret-test-secret-test-secret',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    OUTBOX_POLL_MS: '50',
    SEED_DEMO: '0',
    DATA_DIR: TEST_DATA_DIR,
    ...overrides,
  });
}
