// The only module that reads process.env: everything else receives a validated Config.
import Joi from 'joi';
import { isAbsolute, join } from 'node:path';
import { ROOT } from './paths.js';

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Hosts of school sites are `<slug>.<baseDomain>`; the main site answers on `baseDomain` itself. */
  baseDomain: string;
  /** Scheme and port used when building absolute links to a site (one-time login links, feeds). */
  publicScheme: 'http' | 'https';
  publicPort: number | null;
  /** PostgreSQL connection string; when absent the embedded PGlite database under `dataDir` is used. */
  databaseUrl: string | null;
  dataDir: string;
  /** PostgreSQL connections per process. */
  databasePoolMax: number;
  /** Redis connection string; when absent jobs, cache and pub/sub run in-process. */
  redisUrl: string | null;
  jwtSecret: string;
  /**
   * Development conveniences (the development JWT secret may stand in, SMS go to a mailbox anyone can read at
   * GET /api/v1/dev/sms): the embedded profile, NODE_ENV=test, or XZ_DEV=1 with real services. Never in production.
   */
  devMode: boolean;
  demoPassword: string;
  /** Seed demo data when the database has no sites yet (default: on in the embedded profile). */
  seedDemo: boolean;
  smsDriver: 'memory' | 'log';
  logLevel: string;
  /** One log line per completed request (headers with credentials redacted); off in tests unless LOG_REQUESTS=1. */
  logRequests: boolean;
  /** Relay polling interval for the outbox, in milliseconds. */
  outboxPollMs: number;
  /** Tasks a worker process (`npm run worker`) runs at once. */
  workerConcurrency: number;
}

const DEV_JWT_SECRET = 'xiaozhao-development-secret-do-not-use-in-production';

const schema = Joi.object({
  NODE_ENV: Joi.string().valid('development', 'production', 'test').default('development'),
  HOST: Joi.string().default('0.0.0.0'),
  PORT: Joi.number().port().default(3000),
  BASE_DOMAIN: Joi.string().hostname().default('localhost'),
  PUBLIC_SCHEME: Joi.string().valid('http', 'https').default('http'),
  PUBLIC_PORT: Joi.number().port().allow('').optional(),
  DATABASE_URL: Joi.string()
    .uri({ scheme: ['postgres', 'postgresql'] })
    .allow('')
    .optional(),
  DATA_DIR: Joi.string().default('data'),
  DATABASE_POOL_MAX: Joi.number().integer().min(1).max(200).default(10),
  REDIS_URL: Joi.string()
    .uri({ scheme: ['redis', 'rediss'] })
    .allow('')
    .optional(),
  JWT_SECRET: Joi.when('NODE_ENV', {
    is: 'production',
    then: Joi.string().min(32).required(),
    otherwise: Joi.string().min(16).optional(),
  }),
  XZ_DEV: Joi.boolean().truthy('1').falsy('0').default(false),
  DEMO_PASSWORD: Joi.string().min(8).default('xiaozhao-demo'),
  SEED_DEMO: Joi.boolean().truthy('1').falsy('0').optional(),
  SMS_DRIVER: Joi.string().valid('memory', 'log').optional(),
  LOG_LEVEL: Joi.string().valid('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent').default('info'),
  LOG_REQUESTS: Joi.boolean().truthy('1').falsy('0').optional(),
  OUTBOX_POLL_MS: Joi.number().integer().min(10).default(500),
  WORKER_CONCURRENCY: Joi.number().integer().min(1).max(100).default(4),
}).unknown(true);

/** Reads and validates the environment; throws with every offending variable named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const { value, error } = schema.validate(env, { abortEarly: false, convert: true });
  if (error) {
    throw new Error(`xiaozhao: invalid environment: ${error.details.map((d) => d.message).join('; ')}`);
  }
  const nodeEnv = value.NODE_ENV as Config['env'];
  const databaseUrl = value.DATABASE_URL ? String(value.DATABASE_URL) : null;
  const redisUrl = value.REDIS_URL ? String(value.REDIS_URL) : null;
  const dataDir = String(value.DATA_DIR);
  if (nodeEnv === 'production' && value.XZ_DEV) {
    throw new Error('xiaozhao: invalid environment: XZ_DEV=1 is not allowed with NODE_ENV=production');
  }
  // Real services mean real users: the development secret (it is in the source) and the open SMS mailbox
  // only run there when someone asked for them by name.
  const realServices = databaseUrl !== null || redisUrl !== null;
  const devMode = nodeEnv !== 'production' && (value.XZ_DEV || nodeEnv === 'test' || !realServices);
  if (value.JWT_SECRET === undefined && !devMode) {
    throw new Error(
      'xiaozhao: refusing to start: DATABASE_URL or REDIS_URL is set but JWT_SECRET is not; set JWT_SECRET (32+ characters), or XZ_DEV=1 for development defaults',
    );
  }
  const smsDriver = (value.SMS_DRIVER ?? (devMode ? 'memory' : 'log')) as Config['smsDriver'];
  if (nodeEnv === 'production' && smsDriver === 'memory') {
    throw new Error('xiaozhao: invalid environment: SMS_DRIVER=memory is not allowed in production');
  }
  if (smsDriver === 'memory' && !devMode) {
    throw new Error(
      'xiaozhao: invalid environment: SMS_DRIVER=memory shows every code to anyone; with DATABASE_URL or REDIS_URL it needs XZ_DEV=1',
    );
  }
  return {
    env: nodeEnv,
    host: value.HOST,
    port: value.PORT,
    baseDomain: value.BASE_DOMAIN,
    publicScheme: value.PUBLIC_SCHEME,
    publicPort:
      value.PUBLIC_PORT === undefined || value.PUBLIC_PORT === '' ? null : Number(value.PUBLIC_PORT),
    databaseUrl,
    dataDir: isAbsolute(dataDir) ? dataDir : join(ROOT, dataDir),
    databasePoolMax: value.DATABASE_POOL_MAX,
    redisUrl,
    jwtSecret: value.JWT_SECRET ?? DEV_JWT_SECRET,
    devMode,
    demoPassword: value.DEMO_PASSWORD,
    seedDemo: value.SEED_DEMO ?? databaseUrl === null,
    smsDriver,
    logLevel: value.LOG_LEVEL,
    logRequests: value.LOG_REQUESTS ?? nodeEnv !== 'test',
    outboxPollMs: value.OUTBOX_POLL_MS,
    workerConcurrency: value.WORKER_CONCURRENCY,
  };
}
