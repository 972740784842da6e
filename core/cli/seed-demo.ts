// npm run seed:demo: creates the demo accounts and data (idempotent: running it again changes nothing).
import { loadConfig } from '../config.js';
import { runSeeders } from '../seed.js';
import { bootDeployment } from './deployment.js';

const config = loadConfig();
const deployment = await bootDeployment(config);
const ran = await runSeeders(deployment.app);
console.log(
  `demo data ready (${ran.join(', ')}); password for every demo account: DEMO_PASSWORD (default xiaozhao-demo)`,
);
await deployment.stop();
