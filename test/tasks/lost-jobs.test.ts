import Bull from 'bull';
import { expect } from 'chai';
import pino from 'pino';
import { createClient } from 'redis';
import { enqueue } from '../../core/tasks/outbox.js';
import { TaskSystem } from '../../core/tasks/task-system.js';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import { waitFor } from '../helpers/employers.js';
import { TEST_REDIS_URL } from '../helpers/env.js';

// Each test runs its own relay and worker on its own bull queue, so the deployment's worker leaves its jobs alone.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Seen {
  outboxId: number;
  payload: { marker: string };
}

async function harness(topic: string, attempts = 3) {
  const { app } = await getDeployment();
  const queueName = `xz-test-${topic}-${process.pid}`;
  const seen: Seen[] = [];
  const tasks = new TaskSystem(app.db, pino({ level: 'silent' }), {
    redisUrl: TEST_REDIS_URL,
    pollMs: 50,
    queueName,
  });
  tasks.define<{ marker: string }>({
    topic,
    attempts,
    backoffMs: 100,
    process: async (payload, ctx) => {
      seen.push({ outboxId: ctx.outboxId, payload });
    },
  });
  const queue = new Bull(queueName, TEST_REDIS_URL, { prefix: 'xz' });
  const row = async (id: number) => app.db('outbox').where({ id }).first();
  return {
    app,
    tasks,
    queue,
    seen,
    row,
    async close() {
      await tasks.stop();
      await queue.close();
    },
  };
}

describe('jobs: lost and stale bull jobs', () => {
  it('dispatches a row again within seconds when its bull job vanished from Redis', async function () {
    this.timeout(40_000);
    const h = await harness('test.lost-job');
    try {
      const id = await enqueue(h.app.db, 'test.lost-job', { marker: 'lost' });
      expect(await h.tasks.tick()).to.be.greaterThan(0);
      const dispatched = await h.row(id);
      expect(dispatched).to.include({ status: 'dispatched', attempts: 1 });
      expect(dispatched.uuid).to.match(UUID);
      const job = await h.queue.getJob(dispatched.uuid);
      expect(job, 'the bull job is named by the row uuid').to.not.equal(null);
      await job!.remove();
      expect(await h.queue.getJob(dispatched.uuid)).to.equal(null);

      h.tasks.startRelay();
      h.tasks.startWorker(1);
      const done = await waitFor(
        'the lost row to be processed',
        async () => {
          const r = await h.row(id);
          return r.status === 'done' ? r : null;
        },
        15_000,
      );
      expect(done).to.include({ attempts: 2, last_error: null });
      expect(h.seen.filter((s) => s.outboxId === id)).to.deep.equal([
        { outboxId: id, payload: { marker: 'lost' } },
      ]);
    } finally {
      await h.close();
    }
  });

  it('marks a row failed when its bull job failed for good but the row missed it', async function () {
    this.timeout(40_000);
    const h = await harness('test.doomed-job', 1);
    try {
      const id = await enqueue(h.app.db, 'test.doomed-job', { marker: 'doomed' });
      await h.tasks.tick();
      const { uuid } = await h.row(id);
      // A worker that took the job and failed it, then died before it could write the row.
      const job = await h.queue.getNextJob();
      expect(job?.id).to.equal(uuid);
      await job!.moveToFailed({ message: 'provider refused' }, true);
      expect(await (await h.queue.getJob(uuid))!.isFailed()).to.equal(true);

      h.tasks.startRelay();
      const failed = await waitFor(
        'the row to be marked failed',
        async () => {
          const r = await h.row(id);
          return r.status === 'failed' ? r : null;
        },
        15_000,
      );
      expect(failed).to.include({ attempts: 1, last_error: 'provider refused' });
      expect(h.seen).to.deep.equal([]);
    } finally {
      await h.close();
    }
  });

  it('delivers a new event whose row id an old database already used for a job still in Redis', async function () {
    this.timeout(40_000);
    const h = await harness('test.reused-id');
    try {
      const id = await enqueue(h.app.db, 'test.reused-id', { marker: 'new' });
      // Left in Redis by the database this one replaced: a completed job under the old id scheme
      // (`outbox-<id>`), and a waiting job that names the same row id.
      await h.queue.add(
        'test.reused-id',
        { outboxId: id, payload: { marker: 'old, completed' }, site: null },
        { jobId: `outbox-${id}` },
      );
      const old = await h.queue.getNextJob();
      await old!.moveToCompleted('sent', true, true);
      expect(await (await h.queue.getJob(`outbox-${id}`))!.isCompleted()).to.equal(true);
      await h.queue.add(
        'test.reused-id',
        {
          outboxId: id,
          outboxUuid: '00000000-0000-4000-8000-000000000000',
          payload: { marker: 'old, waiting' },
          site: null,
        },
        { jobId: '00000000-0000-4000-8000-000000000000' },
      );

      h.tasks.startRelay();
      h.tasks.startWorker(1);
      const done = await waitFor(
        'the new event to be processed',
        async () => {
          const r = await h.row(id);
          return r.status === 'done' ? r : null;
        },
        15_000,
      );
      expect(await h.queue.getJob(done.uuid)).to.not.equal(null);
      await waitFor('the stale job to be skipped', async () =>
        (await h.queue.getJob('00000000-0000-4000-8000-000000000000'))!.isCompleted(),
      );
      expect(h.seen).to.deep.equal([{ outboxId: id, payload: { marker: 'new' } }]);
    } finally {
      await h.close();
    }
  });
});

describe('GET /api/v1/dev/sms after Redis lost its keys', () => {
  it('still lists a delivered code: the mailbox is kept in PostgreSQL', async () => {
    const { app } = await getDeployment();
    const phone = '13700000041';
    const outboxId = await app.db.transaction((trx) =>
      app.services.sms!.send(trx, {
        phone,
        template: 'verification-code',
        params: { code: '604213', purpose: 'login' },
      }),
    );
    const inbox = async () =>
      json<{ items: { code: string; purpose: string; text: string }[] }>(
        await inject(`/api/v1/dev/sms?phone=${phone}`),
      ).items;
    await waitFor('the SMS', async () => (await inbox()).length > 0);
    const { uuid } = await app.db('outbox').where({ id: outboxId }).first();

    // Everything but the live queue of the running worker: cache, kv keys, the old mailbox list, this job.
    const redis = createClient({ url: TEST_REDIS_URL });
    await redis.connect();
    try {
      const keys: string[] = [];
      for await (const batch of redis.scanIterator({ MATCH: '*', COUNT: 500 })) keys.push(...[batch].flat());
      const doomed = keys.filter((k) => !k.startsWith('xz:xz-outbox:') || k === `xz:xz-outbox:${uuid}`);
      expect(doomed).to.have.length.greaterThan(0);
      await redis.del(doomed);
      expect(await redis.exists(doomed)).to.equal(0);
    } finally {
      await redis.quit();
    }

    const items = await inbox();
    expect(items).to.have.length(1);
    expect(items[0]).to.include({ code: '604213', purpose: 'login' });
    expect(items[0]!.text).to.include('您的验证码为604213');
  });
});
