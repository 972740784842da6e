// npm run worker: processes queued background tasks (bull) in its own process (needs REDIS_URL) and relays the outbox too.
import { loadConfig } from '../config.js';
import { bootDeployment } from './deployment.js';

const config = loadConfig();
if (!config.redisUrl) {
  console.error(
    'xiaozhao worker: REDIS_URL is not set. Without Redis the web process runs background tasks itself; no worker is needed.',
  );
  process.exit(1);
}
const deployment = await bootDeployment(config);
await deployment.server.initialize();
deployment.app.tasks.startRelay();
deployment.app.tasks.startWorker(config.workerConcurrency);
deployment.app.log.info({ topics: deployment.app.tasks.topics() }, 'worker started');

const shutdown = async () => {
  await deployment.stop();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
