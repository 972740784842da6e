// npm start: the web process. Embedded profile (no DATABASE_URL) migrates, seeds demo data on first start and
// runs background tasks in-process; with DATABASE_URL/REDIS_URL it serves and relays, and `npm run worker` processes them.
import { loadConfig } from '../config.js';
import { isUnseeded, runSeeders } from '../seed.js';
import { bootDeployment } from './deployment.js';

const started = performance.now();
const config = loadConfig();
const deployment = await bootDeployment(config);
const { app, server } = deployment;
if (config.seedDemo && (await isUnseeded(app))) {
  app.log.info('seeding demo data (first start)…');
  await runSeeders(app);
}
await deployment.start();

const port = server.info.port;
const base = (host: string) => `http://${host}${port === 80 ? '' : `:${port}`}`;
const main = app.sites.main();
const lines = [
  '',
  `江苏省高校毕业生就业网 · 校招网络 is running (${app.sites.size} sites, ${config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`}, tasks ${app.tasks.mode}) in ${Math.round(performance.now() - started)} ms`,
  '',
  `  主站 main site          ${base(main.hosts[0]!)}/`,
  `  南京大学 by host         ${base(`nju.${config.baseDomain}`)}/`,
  `  东南大学 by path         ${base(config.baseDomain)}/s/seu/`,
  `  widget demo             ${base(config.baseDomain)}/widgets/demo`,
  `  API documentation       ${base(config.baseDomain)}/documentation`,
  `  health                  ${base(config.baseDomain)}/healthz`,
  ...(config.smsDriver === 'memory'
    ? [`  dev SMS outbox          ${base(config.baseDomain)}/api/v1/dev/sms`]
    : []),
  '',
  `  staff logins: <slug>.admin (e.g. nju.admin, main.admin), password from DEMO_PASSWORD (default xiaozhao-demo)`,
  '',
];
console.log(lines.join('\n'));

const shutdown = async (signal: string) => {
  app.log.info({ signal }, 'shutting down');
  await deployment.stop();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
