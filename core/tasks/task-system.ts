// Background tasks: outbox rows → relay → bull (REDIS_URL set) or the processor in-process (embedded profile). ("jobs" in this codebase means job postings; these are tasks.)
// The relay claims rows with FOR UPDATE SKIP LOCKED, so any number of web and worker processes may run it.
// A relay claims only the topics its process defines, so a process of an older version leaves new work alone.
//
// The guarantee is at-least-once: a committed outbox row is processed, possibly more than once, never lost.
// Processors must therefore be idempotent on `outboxId` (SMS: sms_deliveries.outbox_id; messages: source_outbox_id).
// - The bull job id is the row's UUID, unique across databases: a restored or recreated database never meets an
//   old job under a reused id, and a worker runs a job only if its UUID names a row of this database.
// - Redis may lose jobs (restart without persistence, eviction, FLUSHDB). The relay checks rows that have been
//   `dispatched` for LOST_AFTER_MS: one whose bull job is gone is dispatched again, within seconds; one whose job
//   failed for good but whose row missed it is marked failed.
import Bull from 'bull';
import type { Logger } from 'pino';
import type { Db } from '../db/knex.js';

export interface TaskContext {
  outboxId: number;
  attempt: number;
  site: string | null;
  db: Db;
  log: Logger;
}

export interface TaskDefinition<P = unknown> {
  /** `<plugin>.<verb-noun>` */
  topic: string;
  attempts?: number;
  /** First retry delay; doubles on every further attempt. */
  backoffMs?: number;
  process(payload: P, ctx: TaskContext): Promise<void>;
}

interface OutboxRow {
  id: number;
  uuid: string;
  topic: string;
  payload: unknown;
  site_slug: string | null;
  attempts: number;
}

interface BullData {
  outboxId: number;
  /** Absent on jobs of the old `outbox-<id>` scheme, which are not run (their rows are dispatched again). */
  outboxUuid?: string;
  payload: unknown;
  site: string | null;
}

const QUEUE_NAME = 'xz-outbox';
/** Inline mode only: a row a crashed process left `dispatched` runs again after this long. */
const STALE_DISPATCH_MINUTES = 10;
/** Bull mode: a row `dispatched` this long has its bull job looked up (a healthy job exists within milliseconds). */
export const LOST_AFTER_MS = 5000;
/** How often a relay looks for lost jobs, and how many rows it looks at in one pass. */
const LOST_CHECK_EVERY_MS = 1000;
const LOST_CHECK_BATCH = 100;
/** A lost-job pass gives up (and holds no row locks) if Redis does not answer within this. */
const LOST_CHECK_REDIS_TIMEOUT_MS = 2000;

export interface TaskSystemOptions {
  redisUrl: string | null;
  pollMs: number;
  /** Bull queue name (tests use their own so the deployment's worker leaves their jobs alone). */
  queueName?: string;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class TaskSystem {
  private readonly definitions = new Map<string, Required<TaskDefinition>>();
  private queue: Bull.Queue<BullData> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private readonly periodic: { name: string; intervalMs: number; task: () => Promise<unknown> }[] = [];
  private periodicTimers: NodeJS.Timeout[] = [];
  private lastLostCheck = 0;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly options: TaskSystemOptions,
  ) {}

  get mode(): 'bull' | 'inline' {
    return this.options.redisUrl ? 'bull' : 'inline';
  }

  define<P>(def: TaskDefinition<P>): void {
    if (this.definitions.has(def.topic)) throw new Error(`xiaozhao: job ${def.topic} defined twice`);
    this.definitions.set(def.topic, {
      attempts: 5,
      backoffMs: 1000,
      ...def,
    } as Required<TaskDefinition>);
  }

  topics(): string[] {
    return [...this.definitions.keys()];
  }

  private getQueue(): Bull.Queue<BullData> {
    if (!this.queue) {
      this.queue = new Bull<BullData>(this.options.queueName ?? QUEUE_NAME, this.options.redisUrl!, {
        prefix: 'xz',
      });
      this.queue.on('error', (err) => this.log.warn({ err: err.message }, 'bull queue error'));
    }
    return this.queue;
  }

  /**
   * A periodic task (e.g. moving postings past their date to 已失效). Runs in every process that relays, so it must
   * be idempotent; started and stopped with the relay.
   */
  every(name: string, intervalMs: number, task: () => Promise<unknown>): void {
    this.periodic.push({ name, intervalMs, task });
  }

  private startPeriodic(): void {
    for (const p of this.periodic) {
      const run = () =>
        void p.task().catch((err: Error) => this.log.error({ err, task: p.name }, 'periodic task failed'));
      this.periodicTimers.push(setInterval(run, p.intervalMs));
      setTimeout(run, 0);
    }
  }

  /** Starts the relay loop (web and worker processes) and the periodic tasks. */
  startRelay(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.startPeriodic();
    const loop = async () => {
      while (!this.stopped) {
        await this.tick().catch((err: Error) => this.log.error({ err }, 'outbox relay failed'));
        if (this.stopped) break;
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          this.timer = setTimeout(resolve, this.options.pollMs);
        });
        this.wake = null;
      }
    };
    this.loop = loop();
  }

  /** Runs the relay now instead of at the next poll (after a commit that enqueued work). */
  kick(): void {
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
  }

  /** One relay pass: claims due rows, hands them to bull or runs them. Returns how many rows it claimed. */
  async tick(): Promise<number> {
    if (this.running) {
      await this.running;
    }
    let claimed = 0;
    const pass = (async () => {
      if (this.mode === 'bull') {
        if (Date.now() - this.lastLostCheck >= LOST_CHECK_EVERY_MS) {
          this.lastLostCheck = Date.now();
          await this.recoverLostJobs().catch((err: Error) =>
            this.log.warn({ err: err.message }, 'lost-job check failed'),
          );
        }
      } else {
        await this.db('outbox')
          .where('status', 'dispatched')
          .whereIn('topic', this.topics())
          .where('dispatched_at', '<', this.db.raw(`now() - interval '${STALE_DISPATCH_MINUTES} minutes'`))
          .update({ status: 'pending' });
      }
      const rows = (await this.db('outbox')
        .whereIn(
          'id',
          this.db('outbox')
            .select('id')
            .where('status', 'pending')
            .whereIn('topic', this.topics())
            .where('available_at', '<=', this.db.fn.now())
            .orderBy('id')
            .limit(50)
            .forUpdate()
            .skipLocked(),
        )
        .update({
          status: 'dispatched',
          dispatched_at: this.db.fn.now(),
          attempts: this.db.raw('attempts + 1'),
        })
        .returning(['id', 'uuid', 'topic', 'payload', 'site_slug', 'attempts'])) as OutboxRow[];
      rows.sort((a, b) => a.id - b.id);
      claimed = rows.length;
      for (const row of rows) {
        if (this.mode === 'bull') await this.dispatchToBull(row);
        else await this.runInline(row);
      }
    })();
    this.running = pass;
    try {
      await pass;
    } finally {
      this.running = null;
    }
    return claimed;
  }

  private async dispatchToBull(row: OutboxRow): Promise<void> {
    const def = this.definitions.get(row.topic);
    try {
      await this.getQueue().add(
        row.topic,
        { outboxId: row.id, outboxUuid: row.uuid, payload: row.payload, site: row.site_slug },
        {
          jobId: row.uuid,
          attempts: def?.attempts ?? 1,
          backoff: { type: 'exponential', delay: def?.backoffMs ?? 1000 },
          removeOnComplete: 1000,
          removeOnFail: 5000,
        },
      );
    } catch (err) {
      await this.db('outbox')
        .where('id', row.id)
        .update({
          status: 'pending',
          last_error: `enqueue: ${(err as Error).message}`.slice(0, 1000),
          available_at: this.db.raw(`now() + interval '5 seconds'`),
        });
    }
  }

  /**
   * Bull mode: looks at up to LOST_CHECK_BATCH rows `dispatched` for LOST_AFTER_MS (each row at most once per that
   * period, oldest check first) and asks bull for their jobs. A row whose job is gone goes back to `pending`, so the
   * same pass dispatches it again; a row whose job failed for good is marked failed. Rows are locked with SKIP LOCKED,
   * so relays share the work. Returns how many rows were sent again.
   */
  async recoverLostJobs(): Promise<number> {
    if (this.mode !== 'bull') return 0;
    const queue = this.getQueue();
    const seconds = LOST_AFTER_MS / 1000;
    return this.db.transaction(async (trx) => {
      const rows = (await trx('outbox')
        .select('id', 'uuid')
        .where('status', 'dispatched')
        .whereIn('topic', this.topics())
        .where('dispatched_at', '<', trx.raw(`now() - make_interval(secs => ?)`, [seconds]))
        .where((q) => {
          void q
            .whereNull('checked_at')
            .orWhere('checked_at', '<', trx.raw(`now() - make_interval(secs => ?)`, [seconds]));
        })
        .orderByRaw('checked_at NULLS FIRST, id')
        .limit(LOST_CHECK_BATCH)
        .forUpdate()
        .skipLocked()) as { id: number; uuid: string }[];
      if (rows.length === 0) return 0;
      const states = await withTimeout(
        Promise.all(
          rows.map(async (row) => {
            const job = await queue.getJob(row.uuid);
            if (!job) return { row, state: 'lost' as const };
            if (job.finishedOn && (await job.isFailed()))
              return { row, state: 'failed' as const, reason: job.failedReason ?? 'failed' };
            return { row, state: 'alive' as const };
          }),
        ),
        LOST_CHECK_REDIS_TIMEOUT_MS,
        'lost-job check',
      );
      const ids = (state: string) => states.filter((s) => s.state === state).map((s) => s.row.id);
      const lost = ids('lost');
      if (lost.length > 0) {
        this.log.warn({ outboxIds: lost }, 'bull jobs lost: dispatching their outbox rows again');
        await trx('outbox').whereIn('id', lost).update({
          status: 'pending',
          available_at: trx.fn.now(),
          checked_at: null,
          last_error: 'bull job lost; dispatched again',
        });
      }
      for (const s of states) {
        if (s.state === 'failed')
          await trx('outbox')
            .where('id', s.row.id)
            .update({ status: 'failed', last_error: String(s.reason).slice(0, 1000) });
      }
      const alive = ids('alive');
      if (alive.length > 0) await trx('outbox').whereIn('id', alive).update({ checked_at: trx.fn.now() });
      return lost.length;
    });
  }

  private async runInline(row: OutboxRow): Promise<void> {
    const def = this.definitions.get(row.topic);
    if (!def) {
      await this.db('outbox')
        .where('id', row.id)
        .update({ status: 'failed', last_error: `no processor for ${row.topic}` });
      return;
    }
    try {
      await def.process(row.payload, this.context(row.id, row.attempts, row.site_slug));
      await this.db('outbox')
        .where('id', row.id)
        .update({ status: 'done', processed_at: this.db.fn.now(), last_error: null });
    } catch (err) {
      const final = row.attempts >= def.attempts;
      const delayMs = def.backoffMs * 2 ** (row.attempts - 1);
      this.log.warn({ err, topic: row.topic, outboxId: row.id, attempt: row.attempts, final }, 'job failed');
      await this.db('outbox')
        .where('id', row.id)
        .update({
          status: final ? 'failed' : 'pending',
          last_error: String((err as Error).message).slice(0, 1000),
          available_at: this.db.raw(`now() + make_interval(secs => ?)`, [delayMs / 1000]),
        });
    }
  }

  private context(outboxId: number, attempt: number, site: string | null): TaskContext {
    return { outboxId, attempt, site, db: this.db, log: this.log.child({ outboxId }) };
  }

  /** Runs processors for bull jobs in this process (the worker; tests too). */
  startWorker(concurrency = 4): void {
    if (this.mode !== 'bull') throw new Error('xiaozhao: the worker needs REDIS_URL');
    const queue = this.getQueue();
    void queue.process('*', concurrency, async (job) => {
      const def = this.definitions.get(job.name);
      if (!def) throw new Error(`no processor for ${job.name}`);
      const { outboxId, outboxUuid, payload, site } = job.data;
      // A job from another database (restored, recreated) or of the old id scheme names no row here: not run.
      const row = outboxUuid
        ? await this.db('outbox').where({ id: outboxId, uuid: outboxUuid }).first('id')
        : undefined;
      if (!row) {
        this.log.warn({ jobId: job.id, outboxId }, 'bull job names no outbox row of this database: skipped');
        return;
      }
      await def.process(payload, this.context(outboxId, job.attemptsMade + 1, site));
      await this.db('outbox')
        .where({ id: outboxId, uuid: outboxUuid })
        .update({ status: 'done', processed_at: this.db.fn.now(), last_error: null });
    });
    queue.on('failed', (job, err) => {
      const final = job.attemptsMade >= (job.opts.attempts ?? 1);
      if (!job.data.outboxUuid) return;
      void this.db('outbox')
        .where({ id: job.data.outboxId, uuid: job.data.outboxUuid })
        .update({ last_error: String(err.message).slice(0, 1000), ...(final ? { status: 'failed' } : {}) })
        .catch(() => undefined);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.periodicTimers) clearInterval(t);
    this.periodicTimers = [];
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    await this.loop;
    if (this.running) await this.running.catch(() => undefined);
    if (this.queue) await this.queue.close();
    this.queue = null;
  }
}
