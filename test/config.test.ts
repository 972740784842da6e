import { expect } from 'chai';
import { loadConfig } from '../core/config.js';

const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/xz';
const REDIS_URL = 'redis://127.0.0.1:6379/0';
const JWT_SECRET = 'a-secret-of-at-least-32-characters!';

describe('loadConfig', () => {
  it('gives a worker four concurrent tasks unless WORKER_CONCURRENCY says otherwise', () => {
    expect(loadConfig({}).workerConcurrency).to.equal(4);
    expect(loadConfig({ WORKER_CONCURRENCY: '12' }).workerConcurrency).to.equal(12);
  });

  it('refuses a WORKER_CONCURRENCY that is not a positive integer, naming the variable', () => {
    for (const value of ['0', '2.5', 'many']) {
      expect(() => loadConfig({ WORKER_CONCURRENCY: value })).to.throw(/WORKER_CONCURRENCY/);
    }
  });

  describe('development defaults with real services', () => {
    it('refuses to start with DATABASE_URL or REDIS_URL but no JWT_SECRET, in one line naming the variables', () => {
      for (const env of [
        { DATABASE_URL },
        { REDIS_URL },
        { DATABASE_URL, REDIS_URL, NODE_ENV: 'development' },
      ]) {
        let message = '';
        try {
          loadConfig(env);
        } catch (err) {
          message = (err as Error).message;
        }
        expect(message).to.match(
          /^xiaozhao: refusing to start: .*DATABASE_URL.*REDIS_URL.*JWT_SECRET.*XZ_DEV=1/,
        );
        expect(message).not.to.include('\n');
      }
    });

    it('runs the embedded profile (no services) with the development secret and the dev SMS mailbox', () => {
      const config = loadConfig({});
      expect(config).to.include({
        env: 'development',
        devMode: true,
        smsDriver: 'memory',
        databaseUrl: null,
      });
      expect(config.jwtSecret).to.be.a('string').with.length.greaterThan(16);
    });

    it('runs real services with an explicit JWT_SECRET, without development helpers', () => {
      const config = loadConfig({ DATABASE_URL, REDIS_URL, JWT_SECRET });
      expect(config).to.include({
        env: 'development',
        devMode: false,
        smsDriver: 'log',
        jwtSecret: JWT_SECRET,
      });
    });

    it('runs real services with development defaults only when XZ_DEV=1 (or NODE_ENV=test) asks for them', () => {
      const dev = loadConfig({ DATABASE_URL, REDIS_URL, XZ_DEV: '1' });
      expect(dev).to.include({ devMode: true, smsDriver: 'memory', jwtSecret: loadConfig({}).jwtSecret });
      expect(loadConfig({ DATABASE_URL, REDIS_URL, NODE_ENV: 'test' })).to.include({
        devMode: true,
        smsDriver: 'memory',
      });
      expect(() => loadConfig({ DATABASE_URL, XZ_DEV: '0' })).to.throw(/JWT_SECRET/);
    });

    it('refuses SMS_DRIVER=memory (codes readable by anyone) with real services unless XZ_DEV=1', () => {
      expect(() => loadConfig({ DATABASE_URL, JWT_SECRET, SMS_DRIVER: 'memory' })).to.throw(
        /SMS_DRIVER=memory.*XZ_DEV=1/,
      );
      expect(loadConfig({ DATABASE_URL, JWT_SECRET, SMS_DRIVER: 'memory', XZ_DEV: '1' }).smsDriver).to.equal(
        'memory',
      );
    });

    it('refuses XZ_DEV=1 in production, and production without JWT_SECRET', () => {
      expect(() =>
        loadConfig({ NODE_ENV: 'production', DATABASE_URL, REDIS_URL, JWT_SECRET, XZ_DEV: '1' }),
      ).to.throw(/XZ_DEV=1 is not allowed with NODE_ENV=production/);
      expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL, REDIS_URL })).to.throw(/JWT_SECRET/);
      expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL, REDIS_URL, JWT_SECRET }).devMode).to.equal(
        false,
      );
    });
  });
});
