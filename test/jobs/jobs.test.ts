import { expect } from 'chai';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { approvePending, bearer, memberOf, registerEmployer, submitProfile } from '../helpers/employers.js';
import { JOB } from '../helpers/jobs.js';

async function site(
  pick: (s: {
    slug: string;
    reviewPolicies: Record<string, { plugin: string; options: Record<string, unknown> }>;
  }) => boolean,
  not: string[] = [],
) {
  const { app } = await getDeployment();
  return app.sites.schools().find((s) => pick(s as never) && !not.includes(s.slug))!.slug;
}
const manualJobs = (not: string[] = []) =>
  site((s) => s.reviewPolicies.job!.plugin === 'review-policy-manual', not);

async function publicJobs(slug: string, query = '') {
  return json<{ items: { id: number; title: string }[]; total: number }>(
    await inject(`/api/v1/public/sites/${slug}/jobs${query}`),
  );
}

async function reviewOf(slug: string, jobId: number) {
  const { app } = await getDeployment();
  return app
    .db('reviews as r')
    .join('job_publications as p', 'p.id', 'r.subject_id')
    .where({ 'r.subject_type': 'job', 'p.job_id': jobId, 'r.site_id': app.sites.get(slug)!.id })
    .first('r.*');
}

async function decide(slug: string, jobId: number, decision: 'approve' | 'reject', comment?: string) {
  const review = await reviewOf(slug, jobId);
  const res = await inject({
    method: 'POST',
    url: `/api/v1/admin/reviews/${review.id}/decision`,
    headers: bearer(await staffToken(`${slug}.admin`)),
    payload: { decision, comment },
  });
  expect(res.statusCode, res.payload).to.equal(200);
}

const post = (token: string, body: object) =>
  inject({ method: 'POST', url: '/api/v1/employer/jobs', headers: bearer(token), payload: body });

describe('POST /api/v1/employer/jobs', () => {
  it('refuses an employer not certified on main (403 NOT_CERTIFIED)', async () => {
    const reg = await registerEmployer();
    await submitProfile(reg.token);
    const res = await post(reg.token, JOB);
    expect(res.statusCode).to.equal(403);
    expect(json(res)).to.deep.include({ code: 'NOT_CERTIFIED' });
  });

  it('publishes to main plus the chosen joined sites, each copy with its own review', async () => {
    const a = await manualJobs();
    const b = await manualJobs([a]);
    const reg = await memberOf([a, b]);
    const res = await post(reg.token, { ...JOB, siteSlugs: [a] });
    expect(res.statusCode).to.equal(201);
    const job = json<{
      id: number;
      publications: { site: { slug: string }; status: string }[];
      expiresOn: string;
    }>(res);
    expect(job.publications.map((p) => p.site.slug).sort()).to.deep.equal(['main', a].sort());
    for (const p of job.publications) expect(p.status).to.equal('pending');
    const { app } = await getDeployment();
    expect(job.expiresOn > app.clock.today()).to.equal(true);
    expect(await reviewOf(a, job.id)).to.include({ status: 'pending', subject_type: 'job' });
  });

  it('refuses a site the employer has not joined (403 SITE_NOT_JOINED) and creates nothing', async () => {
    const { app } = await getDeployment();
    const reg = await memberOf([]);
    const res = await post(reg.token, { ...JOB, siteSlugs: ['nju'] });
    expect(res.statusCode).to.equal(403);
    expect(json(res).code).to.equal('SITE_NOT_JOINED');
    expect(await app.db('jobs').where({ employer_id: reg.employerId })).to.have.length(0);
  });

  it('validates fields with Chinese messages', async () => {
    const reg = await memberOf([]);
    const res = await post(reg.token, { ...JOB, salaryMin: 9000, salaryMax: 5000, cities: ['999999'] });
    expect(res.statusCode).to.equal(400);
    expect(json<{ details: { path: string; message: string }[] }>(res).details).to.deep.include({
      path: 'cities.0',
      message: '工作地点须为行政区划代码（如南京市 320100）',
    });
    const res2 = await post(reg.token, { ...JOB, salaryMin: 9000, salaryMax: 5000 });
    expect(json<{ details: { path: string }[] }>(res2).details[0]!.path).to.equal('salaryMax');
  });

  it('lets the content screen reject a discriminatory posting at once where a site uses it', async () => {
    const screened = await site(
      (s) =>
        s.reviewPolicies.job!.plugin === 'review-policy-content-screen' &&
        s.reviewPolicies.job!.options.onMatch === 'reject',
    );
    const reg = await memberOf([screened]);
    const res = await post(reg.token, {
      ...JOB,
      description: '要求985、211院校毕业，仅限男性。',
      siteSlugs: [screened],
    });
    const job = json<{ publications: { site: { slug: string }; status: string; comment: string }[] }>(res);
    const copy = job.publications.find((p) => p.site.slug === screened)!;
    expect(copy.status).to.equal('rejected');
    expect(copy.comment).to.include('985');
    expect(job.publications.find((p) => p.site.slug === 'main')!.status).to.equal('rejected');
  });
});

describe('job visibility on public listings', () => {
  it('shows a job exactly where it was approved and not expired', async () => {
    const a = await manualJobs();
    const b = await manualJobs([a]);
    const reg = await memberOf([a, b]);
    const job = json<{ id: number }>(
      await post(reg.token, { ...JOB, title: '可见性测试职位', siteSlugs: [a, b] }),
    );
    const seen = async () => ({
      main: (await publicJobs('main', '?pageSize=100&q=' + encodeURIComponent('可见性测试'))).items.some(
        (i) => i.id === job.id,
      ),
      a: (await publicJobs(a, '?pageSize=100')).items.some((i) => i.id === job.id),
      b: (await publicJobs(b, '?pageSize=100')).items.some((i) => i.id === job.id),
    });
    expect(await seen()).to.deep.equal({ main: false, a: false, b: false });
    await decide(a, job.id, 'approve');
    await decide(b, job.id, 'reject', '岗位描述不完整');
    expect(await seen()).to.deep.equal({ main: false, a: true, b: false });
    expect((await inject(`/api/v1/public/sites/${a}/jobs/${job.id}`)).statusCode).to.equal(200);
    expect((await inject(`/api/v1/public/sites/${b}/jobs/${job.id}`)).statusCode).to.equal(404);
    expect((await inject(`/api/v1/public/sites/main/jobs/${job.id}`)).statusCode).to.equal(404);
    await decide('main', job.id, 'approve');
    expect(await seen()).to.deep.equal({ main: true, a: true, b: false });

    const expired = await inject({
      method: 'POST',
      url: `/api/v1/employer/jobs/${job.id}/expire`,
      headers: bearer(reg.token),
      payload: {},
    });
    expect(expired.statusCode).to.equal(200);
    expect(await seen()).to.deep.equal({ main: false, a: false, b: false });
    expect((await inject(`/api/v1/public/sites/${a}/jobs/${job.id}`)).statusCode).to.equal(404);
    const tabs = json<{ items: { id: number }[] }>(
      await inject({ url: '/api/v1/employer/jobs?tab=expired', headers: bearer(reg.token) }),
    );
    expect(tabs.items.map((i) => i.id)).to.include(job.id);
  });

  it('stops showing a job at 00:00 Asia/Shanghai on its expiry date', async () => {
    const { app } = await getDeployment();
    const a = await manualJobs();
    const reg = await memberOf([a]);
    app.clock.set(new Date('2030-03-09T12:00:00Z'));
    try {
      const job = json<{ id: number }>(
        await post(reg.token, { ...JOB, title: '午夜边界测试', siteSlugs: [a], expiresOn: '2030-03-10' }),
      );
      await decide(a, job.id, 'approve');
      app.clock.set(new Date('2030-03-09T15:59:59Z')); // 23:59:59 Beijing time, 9 March
      expect((await publicJobs(a, '?pageSize=100')).items.map((i) => i.id)).to.include(job.id);
      app.clock.set(new Date('2030-03-09T16:00:00Z')); // 00:00 Beijing time, 10 March
      expect((await publicJobs(a, '?pageSize=100')).items.map((i) => i.id)).to.not.include(job.id);
      expect((await inject(`/api/v1/public/sites/${a}/jobs/${job.id}`)).statusCode).to.equal(404);
      expect(await app.services.jobs!.expireDue()).to.be.at.least(1);
      expect((await app.db('jobs').where({ id: job.id }).first()).state).to.equal('expired');
    } finally {
      app.clock.set(null);
    }
  });

  it('filters by keyword, city, degree and category, and pages', async () => {
    const a = await manualJobs();
    const reg = await memberOf([a]);
    const one = json<{ id: number }>(
      await post(reg.token, {
        ...JOB,
        title: '苏州硬件岗',
        cities: ['320500'],
        degree: '硕士',
        category: '生产制造',
        siteSlugs: [a],
      }),
    );
    const two = json<{ id: number }>(
      await post(reg.token, {
        ...JOB,
        title: '南京软件岗',
        cities: ['320100'],
        degree: '本科',
        siteSlugs: [a],
      }),
    );
    await decide(a, one.id, 'approve');
    await decide(a, two.id, 'approve');
    const ids = async (q: string) => (await publicJobs(a, q)).items.map((i) => i.id);
    expect(await ids('?city=320500&pageSize=100'))
      .to.include(one.id)
      .and.not.include(two.id);
    expect(await ids('?degree=' + encodeURIComponent('本科') + '&pageSize=100'))
      .to.include(two.id)
      .and.not.include(one.id);
    expect(await ids('?category=' + encodeURIComponent('生产制造') + '&pageSize=100'))
      .to.include(one.id)
      .and.not.include(two.id);
    expect(await ids('?q=' + encodeURIComponent('南京软件'))).to.deep.equal([two.id]);
    const page1 = await publicJobs(a, '?pageSize=1&page=1');
    const page2 = await publicJobs(a, '?pageSize=1&page=2');
    expect(page1.items[0]!.id).to.not.equal(page2.items[0]!.id);
    expect((await inject(`/api/v1/public/sites/${a}/jobs?city=abc`)).statusCode).to.equal(400);
  });

  it('serves listings from the cache and shows a change on the very next request', async () => {
    const { app } = await getDeployment();
    const a = await manualJobs();
    const reg = await memberOf([a]);
    const job = json<{ id: number }>(await post(reg.token, { ...JOB, title: '缓存测试', siteSlugs: [a] }));
    const before = await publicJobs(a, '?pageSize=100');
    expect(before.items.map((i) => i.id)).to.not.include(job.id);
    const version = await app.kv.get(`cache:ver:jobs:${a}`);
    await decide(a, job.id, 'approve');
    expect(await app.kv.get(`cache:ver:jobs:${a}`)).to.not.equal(version);
    expect((await publicJobs(a, '?pageSize=100')).items.map((i) => i.id)).to.include(job.id);
    // a cached entry is served without touching the database
    const cachedKeys = await app.redis!.keys(`xz:cache:jobs:${a}:*`);
    expect(cachedKeys.length).to.be.greaterThan(0);
  });
});

describe('editing, pushing and expiring jobs', () => {
  it('allows edits until a site approves, then refuses with 409 JOB_LOCKED', async () => {
    const a = await manualJobs();
    const reg = await memberOf([a]);
    const job = json<{ id: number }>(await post(reg.token, { ...JOB, siteSlugs: [a] }));
    await decide(a, job.id, 'reject', '请补充岗位要求');
    const edited = await inject({
      method: 'PUT',
      url: `/api/v1/employer/jobs/${job.id}`,
      headers: bearer(reg.token),
      payload: { ...JOB, title: '后端开发工程师（已修改）' },
    });
    expect(edited.statusCode).to.equal(200);
    const body = json<{ title: string; publications: { status: string; comment: string | null }[] }>(edited);
    expect(body.title).to.equal('后端开发工程师（已修改）');
    for (const p of body.publications) expect(p).to.include({ status: 'pending', comment: null });
    const { app } = await getDeployment();
    const review = await reviewOf(a, job.id);
    expect(
      await app.db('review_events').where({ review_id: review.id }).orderBy('id').pluck('action'),
    ).to.deep.equal(['submitted', 'rejected', 'resubmitted']);

    await decide(a, job.id, 'approve');
    const locked = await inject({
      method: 'PUT',
      url: `/api/v1/employer/jobs/${job.id}`,
      headers: bearer(reg.token),
      payload: JOB,
    });
    expect(locked.statusCode).to.equal(409);
    expect(json(locked)).to.deep.include({
      code: 'JOB_LOCKED',
      message: '该职位已有站点审核通过，不允许修改。如需调整，请设置失效后重新发布',
    });
    expect((await app.db('jobs').where({ id: job.id }).first()).title).to.equal('后端开发工程师（已修改）');
  });

  it('pushes jobs to more joined sites, refusing sites not joined', async () => {
    const a = await manualJobs();
    const b = await manualJobs([a]);
    const reg = await memberOf([a, b]);
    const one = json<{ id: number }>(await post(reg.token, JOB));
    const two = json<{ id: number }>(await post(reg.token, JOB));
    const notJoined = await manualJobs([a, b]);
    const refused = await inject({
      method: 'POST',
      url: '/api/v1/employer/jobs/push',
      headers: bearer(reg.token),
      payload: { jobIds: [one.id], siteSlugs: [a, notJoined] },
    });
    expect(refused.statusCode).to.equal(403);
    expect(json(refused).code).to.equal('SITE_NOT_JOINED');
    const { app } = await getDeployment();
    await app
      .db('job_publications')
      .whereIn('job_id', [one.id, two.id])
      .whereNot('site_id', app.sites.main().id)
      .delete();
    const res = await inject({
      method: 'POST',
      url: '/api/v1/employer/jobs/push',
      headers: bearer(reg.token),
      payload: { jobIds: [one.id, two.id], siteSlugs: [a, b] },
    });
    expect(res.statusCode).to.equal(200);
    expect(json(res)).to.deep.equal({ created: 4 });
    const again = await inject({
      method: 'POST',
      url: '/api/v1/employer/jobs/push',
      headers: bearer(reg.token),
      payload: { jobIds: [one.id], siteSlugs: [a] },
    });
    expect(json(again)).to.deep.equal({ created: 0 });
    const list = json<{ items: { id: number; publicationCounts: { pending: number } }[] }>(
      await inject({ url: '/api/v1/employer/jobs', headers: bearer(reg.token) }),
    );
    expect(list.items.find((i) => i.id === one.id)!.publicationCounts.pending).to.equal(3);
  });

  it('expires on a chosen date and prefills a new posting from a template', async () => {
    const { app } = await getDeployment();
    const reg = await memberOf([]);
    const job = json<{ id: number }>(await post(reg.token, JOB));
    const past = await inject({
      method: 'POST',
      url: `/api/v1/employer/jobs/${job.id}/expire`,
      headers: bearer(reg.token),
      payload: { on: '2020-01-01' },
    });
    expect(past.statusCode).to.equal(400);
    const later = await inject({
      method: 'POST',
      url: `/api/v1/employer/jobs/${job.id}/expire`,
      headers: bearer(reg.token),
      payload: { on: '2099-12-31' },
    });
    expect(json(later)).to.deep.include({ expiresOn: '2099-12-31', expired: false });
    expect((await app.db('job_publications').where({ job_id: job.id }).first()).expires_on).to.equal(
      '2099-12-31',
    );
    const today = await inject({
      method: 'POST',
      url: `/api/v1/employer/jobs/${job.id}/expire`,
      headers: bearer(reg.token),
      payload: {},
    });
    expect(json(today)).to.deep.include({ expired: true });
    const revive = await inject({
      method: 'POST',
      url: `/api/v1/employer/jobs/${job.id}/expire`,
      headers: bearer(reg.token),
      payload: { on: '2099-12-31' },
    });
    expect(revive.statusCode).to.equal(409);
    expect(json(revive).code).to.equal('JOB_EXPIRED');
    expect((await app.db('jobs').where({ id: job.id }).first()).state).to.equal('expired');
    const template = json<Record<string, unknown>>(
      await inject({ url: `/api/v1/employer/jobs/${job.id}/template`, headers: bearer(reg.token) }),
    );
    expect(template).to.deep.include({
      title: JOB.title,
      category: JOB.category,
      salaryMin: JOB.salaryMin,
      cities: JOB.cities,
    });
    expect((template.expiresOn as string) > app.clock.today()).to.equal(true);
  });

  it('keeps employers apart: B cannot read, edit, push or expire A’s job', async () => {
    const a = await memberOf([]);
    const b = await memberOf([]);
    const job = json<{ id: number }>(await post(a.token, JOB));
    expect(
      (await inject({ url: `/api/v1/employer/jobs/${job.id}`, headers: bearer(b.token) })).statusCode,
    ).to.equal(404);
    expect(
      (
        await inject({
          method: 'PUT',
          url: `/api/v1/employer/jobs/${job.id}`,
          headers: bearer(b.token),
          payload: JOB,
        })
      ).statusCode,
    ).to.equal(404);
    expect(
      (
        await inject({
          method: 'POST',
          url: `/api/v1/employer/jobs/${job.id}/expire`,
          headers: bearer(b.token),
          payload: {},
        })
      ).statusCode,
    ).to.equal(404);
    expect(
      (
        await inject({
          method: 'POST',
          url: '/api/v1/employer/jobs/push',
          headers: bearer(b.token),
          payload: { jobIds: [job.id], siteSlugs: ['main'] },
        })
      ).statusCode,
    ).to.equal(404);
    expect(
      (await inject({ url: `/api/v1/employer/jobs/${job.id}/template`, headers: bearer(b.token) }))
        .statusCode,
    ).to.equal(404);
    expect(
      json<{ items: { id: number }[] }>(
        await inject({ url: '/api/v1/employer/jobs', headers: bearer(b.token) }),
      ).items,
    ).to.have.length(0);
  });
});

describe('announcements', () => {
  const ANN = { title: '2027届校园招聘公告', body: '欢迎各专业应届毕业生关注本单位校园招聘。' };
  it('publishes, locks after approval, and deletion removes it from every site', async () => {
    const a = await site((s) => s.reviewPolicies.announcement!.plugin === 'review-policy-manual');
    const reg = await memberOf([a]);
    const res = await inject({
      method: 'POST',
      url: '/api/v1/employer/announcements',
      headers: bearer(reg.token),
      payload: { ...ANN, siteSlugs: [a] },
    });
    expect(res.statusCode).to.equal(201);
    const ann = json<{ id: number; publications: { site: { slug: string } }[] }>(res);
    expect(ann.publications.map((p) => p.site.slug).sort()).to.deep.equal(['main', a].sort());
    await approvePending(a, (r) => r.subject_type === 'announcement' && r.employer_id === reg.employerId);
    const list = json<{ items: { id: number }[] }>(
      await inject(`/api/v1/public/sites/${a}/announcements?pageSize=100`),
    );
    expect(list.items.map((i) => i.id)).to.include(ann.id);
    const detail = json<{ acceptsApplications: boolean }>(
      await inject(`/api/v1/public/sites/${a}/announcements/${ann.id}`),
    );
    expect(detail.acceptsApplications).to.equal(false);

    const locked = await inject({
      method: 'PUT',
      url: `/api/v1/employer/announcements/${ann.id}`,
      headers: bearer(reg.token),
      payload: ANN,
    });
    expect(locked.statusCode).to.equal(409);
    expect(json(locked).code).to.equal('ANNOUNCEMENT_LOCKED');

    const searched = json<{ items: { id: number }[] }>(
      await inject({
        url: `/api/v1/employer/announcements?q=${encodeURIComponent('校园招聘')}`,
        headers: bearer(reg.token),
      }),
    );
    expect(searched.items.map((i) => i.id)).to.include(ann.id);

    expect(
      (
        await inject({
          method: 'DELETE',
          url: `/api/v1/employer/announcements/${ann.id}`,
          headers: bearer(reg.token),
        })
      ).statusCode,
    ).to.equal(204);
    expect(
      json<{ items: { id: number }[] }>(
        await inject(`/api/v1/public/sites/${a}/announcements?pageSize=100`),
      ).items.map((i) => i.id),
    ).to.not.include(ann.id);
    expect((await inject(`/api/v1/public/sites/${a}/announcements/${ann.id}`)).statusCode).to.equal(404);
    const { app } = await getDeployment();
    const pendingOnMain = await app
      .db('reviews')
      .where({ site_id: app.sites.main().id, subject_type: 'announcement', employer_id: reg.employerId })
      .first();
    expect(pendingOnMain.status).to.equal('withdrawn');
    expect(
      (await inject({ url: `/api/v1/employer/announcements/${ann.id}`, headers: bearer(reg.token) }))
        .statusCode,
    ).to.equal(404);
  });

  it('keeps employers apart', async () => {
    const a = await memberOf([]);
    const b = await memberOf([]);
    const ann = json<{ id: number }>(
      await inject({
        method: 'POST',
        url: '/api/v1/employer/announcements',
        headers: bearer(a.token),
        payload: ANN,
      }),
    );
    expect(
      (
        await inject({
          method: 'DELETE',
          url: `/api/v1/employer/announcements/${ann.id}`,
          headers: bearer(b.token),
        })
      ).statusCode,
    ).to.equal(404);
    expect(
      (
        await inject({
          method: 'PUT',
          url: `/api/v1/employer/announcements/${ann.id}`,
          headers: bearer(b.token),
          payload: ANN,
        })
      ).statusCode,
    ).to.equal(404);
  });
});
