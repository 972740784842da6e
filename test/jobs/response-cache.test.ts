// The response cache in front of hapi (core/http/response-cache.ts), over real HTTP: a repeated public listing
// request is answered from memory with exactly what hapi sent, and never once the listing has changed.
import { expect } from 'chai';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import Hapi, { type Request } from '@hapi/hapi';
import { cacheResponse, ResponseCache } from '../../core/http/response-cache.js';
import { connectRedis } from '../../core/redis.js';
import { RedisStore } from '../../core/kv.js';
import { RedisPubSub } from '../../core/pubsub.js';
import { ListingCache } from '../../plugins/postings/listing-cache.js';
import { getDeployment, listeningBase, inject, json } from '../helpers/deployment.js';
import { TEST_REDIS_URL } from '../helpers/env.js';
import { approvePending, bearer, memberOf } from '../helpers/employers.js';
import { approveJobs, createJob } from '../helpers/jobs.js';

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let base = '';
/** Paths of the requests hapi itself answered (the cache answers the others before hapi sees them). */
const reachedHapi: string[] = [];

function get(path: string, headers: Record<string, string> = {}, origin = base): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${origin}${path}`, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** Requests `path` and reports whether hapi answered it. */
async function probe(path: string, headers: Record<string, string> = {}) {
  const before = reachedHapi.length;
  const res = await get(path, headers);
  return { res, viaHapi: reachedHapi.length > before };
}

const without = (h: IncomingHttpHeaders, ...names: string[]) =>
  Object.fromEntries(Object.entries(h).filter(([k]) => !names.includes(k)));

const ids = (res: Raw, gzip = false) =>
  (
    JSON.parse((gzip ? gunzipSync(res.body) : res.body).toString('utf8')) as { items: { id: number }[] }
  ).items.map((i) => i.id);

/** A school whose staff review jobs by hand, from the end of the list (the other job tests take the first ones). */
async function quietSchool(): Promise<string> {
  const { app } = await getDeployment();
  return app.sites
    .schools()
    .filter((s) => (s.reviewPolicies.job as { plugin: string }).plugin === 'review-policy-manual')
    .at(-1)!.slug;
}

describe('response cache for public listings', () => {
  before(async () => {
    base = await listeningBase();
    const { server } = await getDeployment();
    server.events.on('response', (request: Request) => reachedHapi.push(request.path));
  });

  it('answers a repeated listing request from memory with the headers and body hapi sent', async () => {
    const slug = await quietSchool();
    const path = `/api/v1/public/sites/${slug}/jobs?pageSize=7`;
    const first = await probe(path);
    expect(first.viaHapi).to.equal(true);
    expect(first.res.status).to.equal(200);
    const second = await probe(path);
    expect(second.viaHapi).to.equal(false);
    expect(second.res.status).to.equal(200);
    expect(second.res.body.equals(first.res.body)).to.equal(true);
    expect(without(second.res.headers, 'date')).to.deep.equal(without(first.res.headers, 'date'));
    expect(second.res.headers['cache-control']).to.equal('public, max-age=30');
    expect(second.res.headers['x-content-type-options']).to.equal('nosniff');
  });

  it('serves gzip to clients that accept it, the same content hapi compressed', async () => {
    const slug = await quietSchool();
    // enough jobs that the body passes hapi's 1 KB compression threshold
    const reg = await memberOf([slug]);
    for (let i = 0; i < 4; i += 1) await createJob(reg, { title: `响应缓存压缩测试${i}`, siteSlugs: [slug] });
    await approveJobs(slug, reg);
    const path = `/api/v1/public/sites/${slug}/jobs?pageSize=8`;
    const headers = { 'accept-encoding': 'gzip, deflate, br' };
    const first = await probe(path, headers);
    expect(first.viaHapi).to.equal(true);
    expect(first.res.headers['content-encoding']).to.equal('gzip');
    const second = await probe(path, headers);
    expect(second.viaHapi).to.equal(false);
    expect(second.res.headers['content-encoding']).to.equal(first.res.headers['content-encoding']);
    expect(gunzipSync(second.res.body).equals(gunzipSync(first.res.body))).to.equal(true);
    // hapi streams compressed bodies chunked; the cache knows the length
    expect(without(second.res.headers, 'date', 'content-length')).to.deep.equal(
      without(first.res.headers, 'date', 'transfer-encoding'),
    );
    expect(Number(second.res.headers['content-length'])).to.equal(second.res.body.length);
    // an identity client of the same URL gets its own entry, uncompressed
    const plain = await get(path);
    expect(plain.headers['content-encoding']).to.equal(undefined);
    expect(plain.body.equals(gunzipSync(first.res.body))).to.equal(true);
  });

  it('shows an approval on the very next request', async () => {
    const slug = await quietSchool();
    const reg = await memberOf([slug]);
    const job = await createJob(reg, { title: '响应缓存审核测试', siteSlugs: [slug] });
    const path = `/api/v1/public/sites/${slug}/jobs?pageSize=100`;
    await get(path);
    const warm = await probe(path);
    expect(warm.viaHapi).to.equal(false);
    expect(ids(warm.res)).to.not.include(job.id);
    await approveJobs(slug, reg);
    const after = await probe(path);
    expect(after.viaHapi).to.equal(true);
    expect(ids(after.res)).to.include(job.id);
  });

  it('drops a job at midnight Asia/Shanghai on its expiry date though the listing is cached', async () => {
    const { app } = await getDeployment();
    const slug = await quietSchool();
    const reg = await memberOf([slug]);
    app.clock.set(new Date('2031-05-19T15:00:00Z')); // 23:00 Beijing time, 19 May
    try {
      const job = await createJob(reg, {
        title: '响应缓存午夜测试',
        siteSlugs: [slug],
        expiresOn: '2031-05-20',
      });
      await approveJobs(slug, reg);
      const path = `/api/v1/public/sites/${slug}/jobs?pageSize=100&page=1`;
      expect(ids(await get(path))).to.include(job.id);
      const cached = await probe(path);
      expect(cached.viaHapi).to.equal(false);
      expect(ids(cached.res)).to.include(job.id);
      app.clock.set(new Date('2031-05-19T16:00:00Z')); // 00:00 Beijing time, 20 May
      const next = await probe(path);
      expect(next.viaHapi).to.equal(true);
      expect(ids(next.res)).to.not.include(job.id);
    } finally {
      app.clock.set(null);
    }
  });

  it('sees a change another process made, through pub/sub', async () => {
    const { app } = await getDeployment();
    const slug = await quietSchool();
    const path = `/api/v1/public/sites/${slug}/jobs?pageSize=9`;
    await get(path);
    expect((await probe(path)).viaHapi).to.equal(false);
    const redis = await connectRedis(TEST_REDIS_URL, app.log);
    const pubsub = new RedisPubSub(redis, app.log);
    try {
      await new ListingCache(new RedisStore(redis), pubsub).bump('jobs', [slug]);
      const deadline = Date.now() + 2000;
      let reached = false;
      while (!reached && Date.now() < deadline) reached = (await probe(path)).viaHapi;
      expect(reached).to.equal(true);
    } finally {
      await pubsub.close();
      await redis.quit();
    }
  });

  it('leaves requests with Origin, Range or conditional headers, and other methods, to hapi', async () => {
    const { app } = await getDeployment();
    const site = app.sites.schools().find((s) => s.widgetOrigins.length > 0)!;
    const path = `/api/v1/public/sites/${site.slug}/jobs?pageSize=6`;
    await get(path);
    expect((await probe(path)).viaHapi).to.equal(false);
    const origin = site.widgetOrigins[0]!;
    const cors = await probe(path, { origin });
    expect(cors.viaHapi).to.equal(true);
    expect(cors.res.headers['access-control-allow-origin']).to.equal('*');
    expect((await probe(path, { range: 'bytes=0-9' })).viaHapi).to.equal(true);
    expect((await probe(path, { 'if-none-match': '"x"' })).viaHapi).to.equal(true);
    expect((await probe(path, { 'accept-encoding': 'deflate' })).viaHapi).to.equal(true);
  });

  it('serves announcement listings the same way, and drops a deleted announcement on the next request', async () => {
    const { app } = await getDeployment();
    const slug = app.sites
      .schools()
      .filter((s) => (s.reviewPolicies.announcement as { plugin: string }).plugin === 'review-policy-manual')
      .at(-1)!.slug;
    const reg = await memberOf([slug]);
    const created = await inject({
      method: 'POST',
      url: '/api/v1/employer/announcements',
      headers: bearer(reg.token),
      payload: {
        title: '响应缓存公告测试',
        body: '欢迎各专业应届毕业生关注本单位校园招聘。',
        siteSlugs: [slug],
      },
    });
    expect(created.statusCode, created.payload).to.equal(201);
    const ann = json<{ id: number }>(created);
    await approvePending(slug, (r) => r.subject_type === 'announcement' && r.employer_id === reg.employerId);
    const path = `/api/v1/public/sites/${slug}/announcements?pageSize=100`;
    expect(ids(await get(path))).to.include(ann.id);
    const cached = await probe(path);
    expect(cached.viaHapi).to.equal(false);
    expect(ids(cached.res)).to.include(ann.id);
    const deleted = await inject({
      method: 'DELETE',
      url: `/api/v1/employer/announcements/${ann.id}`,
      headers: bearer(reg.token),
    });
    expect(deleted.statusCode, deleted.payload).to.be.oneOf([200, 204]);
    const after = await probe(path);
    expect(after.viaHapi).to.equal(true);
    expect(ids(after.res)).to.not.include(ann.id);
  });

  it('answers a client revalidating an unchanged list with 304, and a changed one with the new list', async () => {
    const slug = await quietSchool();
    const reg = await memberOf([slug]);
    const path = `/api/v1/public/sites/${slug}/jobs?pageSize=100&page=1&q=`;
    const first = await get(path);
    const etag = first.headers.etag!;
    expect(etag).to.match(/^"[\w-]+"$/);
    const unchanged = await get(path, { 'if-none-match': etag });
    expect(unchanged.status).to.equal(304);
    expect(unchanged.body.length).to.equal(0);
    const zipped = await get(path, {
      'accept-encoding': 'gzip',
      'if-none-match': etag.replace(/"$/, '-gzip"'),
    });
    expect(zipped.status).to.equal(304);
    const job = await createJob(reg, { title: '响应缓存验证测试', siteSlugs: [slug] });
    await approveJobs(slug, reg);
    const changed = await get(path, { 'if-none-match': etag });
    expect(changed.status).to.equal(200);
    expect(changed.headers.etag).to.not.equal(etag);
    expect(ids(changed)).to.include(job.id);
  });

  it('never keeps an error response', async () => {
    const path = '/api/v1/public/sites/no-such-site/jobs';
    const first = await probe(path);
    expect(first.res.status).to.equal(404);
    const second = await probe(path);
    expect(second.viaHapi).to.equal(true);
    expect(JSON.parse(second.res.body.toString()).code).to.equal('NOT_FOUND');
    const bad = await probe(`/api/v1/public/sites/nju/jobs?city=abc`);
    expect(bad.res.status).to.equal(400);
    expect((await probe(`/api/v1/public/sites/nju/jobs?city=abc`)).viaHapi).to.equal(true);
  });
});

describe('response cache bounds', () => {
  it('holds at most its byte budget, starting over when a new body would pass it', async () => {
    const server = Hapi.server({ host: '127.0.0.1', port: 0 });
    const cache = new ResponseCache(5000);
    cache.install(server);
    let handled = 0;
    server.route({
      method: 'GET',
      path: '/{name}',
      handler: (request, h) => {
        handled += 1;
        cacheResponse(request, () => true);
        return h.response(randomBytes(2000)).type('application/octet-stream');
      },
    });
    await server.start();
    try {
      const at = (path: string) => get(path, {}, `http://127.0.0.1:${server.info.port}`);
      await at('/a');
      await at('/b');
      expect(cache.heldBytes).to.equal(4000);
      await at('/a');
      expect(handled).to.equal(2);
      await at('/c'); // 6000 > 5000: starts over with /c alone
      expect(cache.heldBytes).to.equal(2000);
      await at('/a');
      expect(handled).to.equal(4);
    } finally {
      await server.stop();
    }
  });
});

describe('listing versions across processes', () => {
  it('ignores a bump message overtaken by a newer version, so an older listing is never taken as current', async () => {
    const { app } = await getDeployment();
    const redis = await connectRedis(TEST_REDIS_URL, app.log);
    const pubsub = new RedisPubSub(redis, app.log);
    const site = `order-test-${process.pid}`;
    try {
      const cache = new ListingCache(new RedisStore(redis), pubsub);
      await cache.follow();
      await cache.bump('jobs', [site]);
      await cache.bump('jobs', [site]);
      const newest = await redis.get(`xz:cache:ver:jobs:${site}`);
      const older = String(Number(newest) - 1);
      await pubsub.publish('listings.bumped', { kind: 'jobs', site, version: older });
      // the message comes back through Redis: give it time to arrive
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(cache.isCurrent('jobs', site, newest!)).to.equal(true);
      expect(cache.isCurrent('jobs', site, older)).to.equal(false);
    } finally {
      await redis.del(`xz:cache:ver:jobs:${site}`);
      await pubsub.close();
      await redis.quit();
    }
  });

  it('runs one load for concurrent misses of the same listing, and loads again after a bump', async () => {
    const { app } = await getDeployment();
    const redis = await connectRedis(TEST_REDIS_URL, app.log);
    const pubsub = new RedisPubSub(redis, app.log);
    const site = `stampede-test-${process.pid}`;
    try {
      const cache = new ListingCache(new RedisStore(redis), pubsub);
      let loads = 0;
      const loader = async () => {
        loads += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
        return { items: [loads] };
      };
      const texts = await Promise.all(
        Array.from({ length: 20 }, () => cache.fetch('jobs', site, 'q', loader)),
      );
      expect(loads).to.equal(1);
      expect(new Set(texts)).to.deep.equal(new Set(['{"items":[1]}']));
      await cache.bump('jobs', [site]);
      await Promise.all(Array.from({ length: 5 }, () => cache.fetch('jobs', site, 'q', loader)));
      expect(loads).to.equal(2);
    } finally {
      for (const key of await redis.keys(`xz:cache:*${site}*`)) await redis.del(key);
      await pubsub.close();
      await redis.quit();
    }
  });
});
