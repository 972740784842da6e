// Review queues: subjects that ended (a job past its expiry date, a booking of a fair that is over) leave the pending
// queue, a decision on one is refused with 409 SUBJECT_ENDED (and withdraws it), nobody is told 已通过 about it, and a
// periodic task withdraws the rest.
import { expect } from 'chai';
import { addDays } from '../../core/clock.js';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { bearer, memberOf, waitFor } from '../helpers/employers.js';
import { bookBooth, createFair, HOUR } from '../helpers/fairs.js';
import { bulkEmployers } from '../helpers/fixtures.js';
import { createJob } from '../helpers/jobs.js';
import { get, Jar, submit } from '../helpers/pages.js';

const DAY = 24 * HOUR;

async function manualJobSite(): Promise<string> {
  const { app } = await getDeployment();
  return app.sites.schools().find((s) => s.reviewPolicies.job.plugin === 'review-policy-manual')!.slug;
}

async function jobReview(slug: string, jobId: number) {
  const { app } = await getDeployment();
  return app
    .db('reviews as r')
    .join('job_publications as p', 'p.id', 'r.subject_id')
    .where({ 'r.subject_type': 'job', 'p.job_id': jobId, 'r.site_id': app.sites.get(slug)!.id })
    .first('r.*');
}

async function pendingIds(slug: string): Promise<number[]> {
  const { app } = await getDeployment();
  const { items } = await app.services.reviews!.list(app.sites.get(slug)!.id, {
    status: 'pending',
    page: 1,
    pageSize: 100_000,
  });
  return items.map((i) => i.id);
}

async function decide(slug: string, reviewId: number, decision = 'approve', comment?: string) {
  return inject({
    method: 'POST',
    url: `/api/v1/admin/reviews/${reviewId}/decision`,
    headers: bearer(await staffToken(`${slug}.admin`)),
    payload: { decision, comment },
  });
}

async function decidedEvents(reviewId: number) {
  const { app } = await getDeployment();
  return app
    .db('outbox')
    .where('topic', 'reviews.decided')
    .whereRaw(`(payload->>'reviewId')::bigint = ?`, [reviewId]);
}

describe('review queues: ended subjects', () => {
  afterEach(async () => (await getDeployment()).app.clock.set(null));

  it('takes a job past its expiry out of the pending queue and refuses to approve it (409, no 已通过)', async () => {
    const { app } = await getDeployment();
    const slug = await manualJobSite();
    const reg = await memberOf([slug]);
    const job = await createJob(reg, { siteSlugs: [slug], expiresOn: addDays(app.clock.today(), 1) });
    const review = await jobReview(slug, job.id);
    expect(await pendingIds(slug)).to.include(Number(review.id));

    app.clock.set(new Date(Date.now() + 2 * DAY));
    expect(await pendingIds(slug)).to.not.include(Number(review.id));
    const res = await decide(slug, review.id);
    expect(res.statusCode).to.equal(409);
    expect(json(res)).to.include({ code: 'SUBJECT_ENDED' });
    expect(json<{ message: string }>(res).message).to.include('该职位已过有效期');

    const after = await app.db('reviews').where({ id: review.id }).first();
    expect(after).to.include({ status: 'withdrawn', decided_by_kind: 'system' });
    expect(after.comment).to.include('自动撤回');
    const copy = await app.db('job_publications').where({ id: review.subject_id }).first();
    expect(copy.status).to.equal('pending');
    expect(await decidedEvents(Number(review.id))).to.have.length(0);
    // a second try meets the withdrawn review, not a decision
    expect(json(await decide(slug, review.id)).code).to.equal('ALREADY_DECIDED');
  });

  it('withdraws ended pending reviews periodically, recording the system as the actor', async () => {
    const { app } = await getDeployment();
    const slug = await manualJobSite();
    const reg = await memberOf([slug]);
    const ending = await createJob(reg, { siteSlugs: [slug], expiresOn: addDays(app.clock.today(), 1) });
    const lasting = await createJob(reg, { siteSlugs: [slug], expiresOn: addDays(app.clock.today(), 10) });
    app.clock.set(new Date(Date.now() + 2 * DAY));
    expect(await app.services.reviews!.withdrawEnded()).to.be.at.least(1);
    const ended = await jobReview(slug, ending.id);
    expect(ended.status).to.equal('withdrawn');
    const events = await app.db('review_events').where({ review_id: ended.id }).orderBy('id');
    expect(events.at(-1)).to.include({ action: 'withdrawn', actor_kind: 'system' });
    expect((await jobReview(slug, lasting.id)).status).to.equal('pending');
    expect(await decidedEvents(Number(ended.id))).to.have.length(0);
  });

  it('refuses a booking of a fair that is over, also in 批量通过 (skipped with the reason)', async () => {
    const { app } = await getDeployment();
    const fair = await createFair('cpu');
    const [a, b] = await bulkEmployers(2, 'cpu');
    const [x, y] = fair.venues[0]!.booths;
    const first = json<{ id: number }>(await bookBooth(a!, fair.id, x!.id));
    const second = json<{ id: number }>(await bookBooth(b!, fair.id, y!.id));
    const reviewOf = (id: number) =>
      app.db('reviews').where({ subject_type: 'fair_booking', subject_id: id }).first();
    const [r1, r2] = [await reviewOf(first.id), await reviewOf(second.id)];

    app.clock.set(new Date(Date.now() + 60 * HOUR)); // the fair ended at +56 h
    const res = await decide('cpu', r1.id);
    expect(res.statusCode).to.equal(409);
    expect(json(res)).to.include({ code: 'SUBJECT_ENDED' });
    expect(json<{ message: string }>(res).message).to.include('招聘会已结束');
    const batch = await inject({
      method: 'POST',
      url: '/api/v1/admin/sites/cpu/reviews/batch-approve',
      headers: bearer(await staffToken('cpu.admin')),
      payload: { ids: [Number(r2.id)] },
    });
    expect(json(batch)).to.deep.include({ approved: [] });
    expect(json<{ skipped: { code: string }[] }>(batch).skipped[0]!.code).to.equal('SUBJECT_ENDED');
    for (const id of [first.id, second.id])
      expect((await app.db('fair_bookings').where({ id }).first()).status).to.equal('pending');
    expect((await reviewOf(second.id)).status).to.equal('withdrawn');
  });
});

/** Attribute values as a browser reads them. */
const decoded = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');

async function staffJar(username: string): Promise<Jar> {
  const { app } = await getDeployment();
  const { payload } = await app.services.staff!.login(username, 'xiaozhao-demo', '127.0.0.1');
  const jar = new Jar();
  jar.cookies.set('xz_staff', app.principals.sign(payload));
  return jar;
}

describe('review queue pages: the filter staff chose', () => {
  it('keeps 事项类型 through a decision: 下一条待审核 is the next job, not an older booth booking', async () => {
    const { app } = await getDeployment();
    const slug = app.sites
      .schools()
      .find(
        (s) =>
          s.reviewPolicies.job.plugin === 'review-policy-manual' &&
          s.reviewPolicies.fair_booking.plugin === 'review-policy-manual',
      )!.slug;
    const fair = await createFair(slug);
    const [booker] = await bulkEmployers(1, slug);
    expect((await bookBooth(booker!, fair.id, fair.venues[0]!.booths[0]!.id)).statusCode).to.equal(201);
    const reg = await memberOf([slug]);
    const first = await createJob(reg, { siteSlugs: [slug], title: '队列筛选一' });
    await createJob(reg, { siteSlugs: [slug], title: '队列筛选二' });
    const review = await jobReview(slug, first.id);

    const jar = await staffJar(`${slug}.admin`);
    const queue = await get(`/s/${slug}/admin/reviews?status=pending&type=job`, jar);
    expect(decoded(queue.payload)).to.match(new RegExp(`href="/s/${slug}/admin/reviews/\\d+\\?type=job"`));
    const page = `/s/${slug}/admin/reviews/${review.id}?type=job`;
    const res = await submit(
      page,
      `/s/${slug}/admin/reviews/${review.id}/decision`,
      {
        decision: 'approve',
        comment: '',
        status: 'pending',
        type: 'job',
      },
      jar,
    );
    expect(res.statusCode).to.equal(303);
    expect(res.headers.location).to.equal(`/s/${slug}/admin/reviews/${review.id}?type=job&done=approved`);
    const after = await get(res.headers.location as string, jar);
    const next = /href="\/s\/[a-z0-9-]+\/admin\/reviews\/(\d+)\?type=job" data-next/.exec(
      decoded(after.payload),
    );
    expect(next, 'a 下一条待审核 link within the filter').to.not.equal(null);
    const nextRow = await app
      .db('reviews')
      .where({ id: Number(next![1]) })
      .first();
    expect(nextRow).to.include({ subject_type: 'job', status: 'pending' });
    expect(decoded(after.payload)).to.include(`href="/s/${slug}/admin/reviews?status=pending&type=job"`);
  });
});

describe('站内消息 about review decisions', () => {
  it('records what a message is about and links to the job itself (not the id of its copy on a site)', async () => {
    const { app } = await getDeployment();
    const slug = await manualJobSite();
    const reg = await memberOf([slug]);
    await createJob(reg, { siteSlugs: [slug], title: '消息链接占位' });
    const job = await createJob(reg, { siteSlugs: [slug], title: '消息链接测试' });
    const review = await jobReview(slug, job.id);
    expect(Number(review.subject_id)).to.not.equal(job.id);
    const res = await decide(slug, review.id, 'reject', '请补充岗位职责');
    expect(res.statusCode).to.equal(200);

    const message = await waitFor('the decision message', () =>
      app.db('messages').where({ employer_id: reg.employerId, kind: 'review.job.rejected' }).first(),
    );
    expect(message).to.include({ subject_type: 'job', link: `/employer/jobs/${job.id}` });
    expect(Number(message.subject_id)).to.equal(Number(review.subject_id));
    const api = json<{ items: { link: string; subject: { type: string; id: number } }[] }>(
      await inject({ url: '/api/v1/employer/messages', headers: bearer(reg.token) }),
    );
    expect(api.items[0]).to.deep.include({
      link: `/employer/jobs/${job.id}`,
      subject: { type: 'job', id: Number(review.subject_id) },
    });
    const page = await inject({
      url: '/employer/messages',
      headers: { cookie: `xz_employer=${reg.token}`, accept: 'text/html' },
    });
    expect(page.statusCode).to.equal(200);
    expect(page.payload).to.match(
      new RegExp(`href="/employer/jobs/${job.id}" data-message-link>查看招聘职位`),
    );
  });
});
