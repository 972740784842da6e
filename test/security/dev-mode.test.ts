import { expect } from 'chai';
import { bootDeployment } from '../../core/cli/deployment.js';
import type { Deployment } from '../../core/server.js';
import { getDeployment } from '../helpers/deployment.js';
import { testConfig } from '../helpers/env.js';

/** A deployment on the test database and Redis with NODE_ENV unset (development) and these variables. */
async function withDeployment<T>(env: Record<string, string>, fn: (d: Deployment) => Promise<T>): Promise<T> {
  const shared = await getDeployment();
  const d = await bootDeployment(testConfig({ NODE_ENV: 'development', ...env }), {
    db: shared.app.db,
    migrate: false,
  });
  try {
    await d.server.initialize();
    return await fn(d);
  } finally {
    await d.stop();
  }
}

describe('GET /api/v1/dev/sms with real services', () => {
  it('is not mounted with DATABASE_URL, REDIS_URL and JWT_SECRET set and no XZ_DEV', async () => {
    await withDeployment({}, async ({ server, app }) => {
      expect(app.config).to.include({ env: 'development', devMode: false, smsDriver: 'log' });
      expect(server.match('GET', '/api/v1/dev/sms')).to.equal(null);
      const res = await server.inject('/api/v1/dev/sms');
      expect(res.statusCode).to.equal(404);
      expect(res.payload).not.to.include('"items"');
    });
  });

  it('is mounted when XZ_DEV=1 asks for development helpers', async () => {
    await withDeployment({ XZ_DEV: '1' }, async ({ server }) => {
      expect(server.match('GET', '/api/v1/dev/sms')).not.to.equal(null);
      const res = await server.inject('/api/v1/dev/sms?phone=13700000099');
      expect(res.statusCode).to.equal(200);
      expect(JSON.parse(res.payload)).to.deep.equal({ items: [] });
    });
  });
});
