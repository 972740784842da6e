import { expect } from 'chai';
import pino from 'pino';
import { TaskSystem } from '../../core/tasks/task-system.js';
import { enqueue } from '../../core/tasks/outbox.js';
import { getDeployment, inject, json } from '../helpers/deployment.js';

async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | null | false>,
  ms = 8000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('jobs: outbox → relay → bull → processor', () => {
  it('delivers an SMS written in a transaction, visible in the dev outbox', async () => {
    const { app } = await getDeployment();
    const phone = '13700000001';
    const outboxId = await app.db.transaction((trx) =>
      app.services.sms!.send(trx, {
        phone,
        template: 'verification-code',
        params: { code: '482913', purpose: 'register' },
      }),
    );
    expect(await app.db('outbox').where({ id: outboxId }).first()).to.include({ topic: 'sms.send-message' });
    await app.tasks.tick(); // the running relay may already have claimed it
    expect((await app.db('outbox').where({ id: outboxId }).first()).status).to.be.oneOf([
      'dispatched',
      'done',
    ]);

    const item = await waitFor('the SMS', async () => {
      const res = await inject(`/api/v1/dev/sms?phone=${phone}`);
      return json<{ items: { code: string; purpose: string; phone: string; sentAt: string }[] }>(res)
        .items[0];
    });
    expect(item).to.include({ phone, code: '482913', purpose: 'register' });
    const row = await waitFor('outbox done', async () => {
      const r = await app.db('outbox').where({ id: outboxId }).first();
      return r.status === 'done' ? r : null;
    });
    expect(row.processed_at).to.be.instanceOf(Date);
    const delivery = await app.db('sms_deliveries').where({ outbox_id: outboxId }).first();
    expect(delivery).to.include({ phone, template: 'verification-code', status: 'sent' });
  });

  it('sends nothing when the transaction rolls back', async () => {
    const { app } = await getDeployment();
    const phone = '13700000002';
    await app.db
      .transaction(async (trx) => {
        await app.services.sms!.send(trx, {
          phone,
          template: 'verification-code',
          params: { code: '111111', purpose: 'login' },
        });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    await app.tasks.tick();
    expect(await app.db('outbox').whereRaw(`payload->>'phone' = ?`, [phone])).to.have.length(0);
    expect(json<{ items: unknown[] }>(await inject(`/api/v1/dev/sms?phone=${phone}`)).items).to.have.length(
      0,
    );
  });

  it('sends a message once even when its job runs twice', async () => {
    const { app } = await getDeployment();
    const phone = '13700000003';
    const payload = {
      phone,
      template: 'verification-code' as const,
      params: { code: '222222', purpose: 'reset' },
    };
    const outboxId = await enqueue(app.db, 'test.not-relayed', payload);
    const job = app.services.sms!.task();
    const ctx = { outboxId, attempt: 1, site: null, db: app.db, log: app.log };
    await job.process(payload, ctx);
    await job.process(payload, { ...ctx, attempt: 2 });
    expect(json<{ items: unknown[] }>(await inject(`/api/v1/dev/sms?phone=${phone}`)).items).to.have.length(
      1,
    );
    expect(await app.db('sms_deliveries').where({ outbox_id: outboxId })).to.have.length(1);
  });

  it('refuses the dev outbox query with a malformed phone', async () => {
    const res = await inject('/api/v1/dev/sms?phone=123');
    expect(res.statusCode).to.equal(400);
    expect(json(res).code).to.equal('VALIDATION');
  });
});

describe('jobs: in-process relay (embedded profile)', () => {
  it('retries a failing job with growing backoff, then marks it done', async () => {
    const { app } = await getDeployment();
    const inline = new TaskSystem(app.db, pino({ level: 'silent' }), { redisUrl: null, pollMs: 50 });
    let calls = 0;
    inline.define<{ n: number }>({
      topic: 'test.flaky',
      attempts: 4,
      backoffMs: 200,
      process: async () => {
        calls += 1;
        if (calls < 3) throw new Error(`flaky ${calls}`);
      },
    });
    const id = await enqueue(app.db, 'test.flaky', { n: 1 });
    expect(await inline.tick()).to.equal(1);
    let row = await app.db('outbox').where({ id }).first();
    expect(row).to.include({ status: 'pending', attempts: 1, last_error: 'flaky 1' });
    const firstDelay = new Date(row.available_at).getTime() - Date.now();
    expect(firstDelay).to.be.within(50, 260);

    expect(await inline.tick()).to.equal(0);
    await app.db('outbox').where({ id }).update({ available_at: app.db.fn.now() });
    await inline.tick();
    row = await app.db('outbox').where({ id }).first();
    expect(row).to.include({ status: 'pending', attempts: 2, last_error: 'flaky 2' });
    const secondDelay = new Date(row.available_at).getTime() - Date.now();
    expect(secondDelay).to.be.greaterThan(firstDelay + 100);

    await app.db('outbox').where({ id }).update({ available_at: app.db.fn.now() });
    await inline.tick();
    row = await app.db('outbox').where({ id }).first();
    expect(row).to.include({ status: 'done', attempts: 3, last_error: null });
    expect(calls).to.equal(3);
  });

  it('marks a job failed after its last attempt', async () => {
    const { app } = await getDeployment();
    const inline = new TaskSystem(app.db, pino({ level: 'silent' }), { redisUrl: null, pollMs: 50 });
    inline.define({
      topic: 'test.broken',
      attempts: 2,
      backoffMs: 10,
      process: async () => Promise.reject(new Error('always')),
    });
    const id = await enqueue(app.db, 'test.broken', {});
    await inline.tick();
    await app.db('outbox').where({ id }).update({ available_at: app.db.fn.now() });
    await inline.tick();
    expect(await app.db('outbox').where({ id }).first()).to.include({
      status: 'failed',
      attempts: 2,
      last_error: 'always',
    });
  });
});
