import { expect } from 'chai';
import { inject, json } from '../helpers/deployment.js';
import {
  bearer,
  memberOf,
  nextName,
  nextPhone,
  nextUscc,
  smsCode,
  type Registered,
} from '../helpers/employers.js';
import { JOB } from '../helpers/jobs.js';
import { getDeployment } from '../helpers/deployment.js';

describe('Idempotency-Key on creating POSTs', () => {
  let a: Registered;
  let b: Registered;

  before(async function () {
    this.timeout(60_000);
    [a, b] = await Promise.all([memberOf([]), memberOf([])]);
  });

  const createJob = (reg: Registered, key: string | undefined, title: string, extra = {}) =>
    inject({
      method: 'POST',
      url: '/api/v1/employer/jobs',
      headers: { ...bearer(reg.token), ...(key === undefined ? {} : { 'idempotency-key': key }) },
      payload: { ...JOB, title, ...extra },
    });
  const jobRows = async (reg: Registered, title: string) => {
    const { app } = await getDeployment();
    return Number(
      (await app.db('jobs').where({ employer_id: reg.employerId, title }).count({ n: '*' }))[0]!.n,
    );
  };
  const unique = (what: string) => `${what} ${process.hrtime.bigint()}`;

  it('answers a sequential retry with the first answer and creates one job', async () => {
    const title = unique('幂等职位');
    const first = await createJob(a, 'retry-1', title);
    expect(first.statusCode, first.payload).to.equal(201);
    expect(first.headers['idempotent-replayed']).to.equal(undefined);
    const second = await createJob(a, 'retry-1', title);
    expect(second.statusCode).to.equal(201);
    expect(second.payload).to.equal(first.payload);
    expect(second.headers['idempotent-replayed']).to.equal('true');
    expect(await jobRows(a, title)).to.equal(1);
  });

  it('runs ten parallel requests with one key once, and gives all ten the same answer', async () => {
    const title = unique('并发幂等职位');
    const answers = await Promise.all(Array.from({ length: 10 }, () => createJob(a, 'parallel-1', title)));
    expect(answers.map((r) => r.statusCode)).to.deep.equal(Array(10).fill(201));
    expect(new Set(answers.map((r) => r.payload)).size).to.equal(1);
    expect(await jobRows(a, title)).to.equal(1);
  });

  it('keeps keys of different employers apart', async () => {
    const title = unique('两家单位同一幂等键');
    const ofA = await createJob(a, 'shared-key', title);
    const ofB = await createJob(b, 'shared-key', title);
    expect([ofA.statusCode, ofB.statusCode]).to.deep.equal([201, 201]);
    expect(json<{ id: number }>(ofA).id).to.not.equal(json<{ id: number }>(ofB).id);
    expect(await jobRows(a, title)).to.equal(1);
    expect(await jobRows(b, title)).to.equal(1);
  });

  it('creates again without a key', async () => {
    const title = unique('无幂等键');
    expect((await createJob(a, undefined, title)).statusCode).to.equal(201);
    expect((await createJob(a, undefined, title)).statusCode).to.equal(201);
    expect(await jobRows(a, title)).to.equal(2);
  });

  it('refuses the same key with a different body (422 IDEMPOTENCY_KEY_REUSED) and creates nothing more', async () => {
    const title = unique('幂等键复用');
    expect((await createJob(a, 'reused-1', title)).statusCode).to.equal(201);
    const other = await createJob(a, 'reused-1', title, { headcount: 9 });
    expect(other.statusCode).to.equal(422);
    expect(json(other)).to.include({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await jobRows(a, title)).to.equal(1);
  });

  it('refuses a malformed key with 400 VALIDATION on the header', async () => {
    const title = unique('非法幂等键');
    for (const key of ['x'.repeat(101), '键']) {
      const res = await createJob(a, key, title);
      expect(res.statusCode, key).to.equal(400);
      expect(json<{ code: string; details: { path: string }[] }>(res).details[0]!.path).to.include(
        'idempotency-key',
      );
    }
    expect(await jobRows(a, title)).to.equal(0);
  });

  it('keeps a refusal the service decided (404 unknown site) and replays it', async () => {
    const title = unique('未知站点');
    const first = await createJob(a, 'unknown-site', title, { siteSlugs: ['no-such-site'] });
    expect(first.statusCode).to.equal(404);
    const again = await createJob(a, 'unknown-site', title, { siteSlugs: ['no-such-site'] });
    expect(again.statusCode).to.equal(404);
    expect(again.payload).to.equal(first.payload);
    expect(again.headers['idempotent-replayed']).to.equal('true');
  });

  it('replays a registration: one employer, the same answer, and the stored answer is sealed', async () => {
    const phone = nextPhone();
    const payload = {
      name: nextName(),
      uscc: nextUscc(),
      contactName: '张三',
      contactPhone: phone,
      smsCode: await smsCode(phone, 'register'),
      password: 'secret123',
      enableESign: false,
    };
    const send = () =>
      inject({
        method: 'POST',
        url: '/api/v1/employers',
        headers: { 'idempotency-key': `reg-${phone}` },
        payload,
      });
    const first = await send();
    expect(first.statusCode, first.payload).to.equal(201);
    const second = await send();
    expect(second.statusCode).to.equal(201);
    expect(second.payload).to.equal(first.payload);
    const { app } = await getDeployment();
    expect(
      Number((await app.db('employers').where({ name: payload.name }).count({ n: '*' }))[0]!.n),
    ).to.equal(1);
    const row = await app
      .db('idempotency_keys')
      .where({ key: `reg-${phone}` })
      .first();
    expect(row).to.include({ principal: 'anonymous', route: 'POST /api/v1/employers', status: 'done' });
    expect(row.response_status).to.equal(201);
    expect(row.response_body).to.not.include(json<{ token: string }>(first).token);
  });

  it('documents the header in the OpenAPI document', async () => {
    const doc = json<{ paths: Record<string, { post?: { parameters?: { name: string; in: string }[] } }> }>(
      await inject('/swagger.json'),
    );
    for (const path of [
      '/employer/jobs',
      '/employer/announcements',
      '/employers',
      '/employer/fair-bookings',
    ]) {
      const params = doc.paths[path]?.post?.parameters ?? [];
      expect(
        params.some((p) => p.name === 'idempotency-key' && p.in === 'header'),
        `${path}: ${JSON.stringify(params.map((p) => p.name))}`,
      ).to.equal(true);
    }
  });
});
