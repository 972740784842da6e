import { expect } from 'chai';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import { approvePending, bearer, memberOf, type Registered } from '../helpers/employers.js';
import { JOB } from '../helpers/jobs.js';
import { get, Jar, submit } from '../helpers/pages.js';

// 删除职位: a posting no site has approved yet can be deleted (its pending reviews withdrawn); once any site approved
// it, 409 JOB_LOCKED and the posting stays. Through the API and through the 管理招聘职位 pages.

async function create(reg: Registered, title: string): Promise<number> {
  const res = await inject({
    method: 'POST',
    url: '/api/v1/employer/jobs',
    headers: bearer(reg.token),
    payload: { ...JOB, title },
  });
  expect(res.statusCode, res.payload).to.equal(201);
  return json<{ id: number }>(res).id;
}

const remove = (reg: Registered, id: number) =>
  inject({ method: 'DELETE', url: `/api/v1/employer/jobs/${id}`, headers: bearer(reg.token) });

async function jobRow(id: number) {
  const { app } = await getDeployment();
  return app.db('jobs').where({ id }).first();
}

async function reviewsOf(id: number) {
  const { app } = await getDeployment();
  return app
    .db('reviews as r')
    .join('job_publications as p', 'p.id', 'r.subject_id')
    .where({ 'r.subject_type': 'job', 'p.job_id': id })
    .select('r.id', 'r.status');
}

async function approveOnMain(reg: Registered, id: number) {
  const { app } = await getDeployment();
  const copies = (await app.db('job_publications').where({ job_id: id }).pluck('id')) as number[];
  await approvePending('main', (r) => r.subject_type === 'job' && copies.includes(Number(r.subject_id)));
  const status = await app.db('job_publications').where({ job_id: id }).pluck('status');
  expect(status).to.deep.equal(['approved']);
}

describe('DELETE /api/v1/employer/jobs/{id}', () => {
  let reg: Registered;
  let other: Registered;

  before(async function () {
    this.timeout(60_000);
    [reg, other] = await Promise.all([memberOf([]), memberOf([])]);
  });

  it('deletes a posting no site has approved: 204, the row is gone and its pending review withdrawn', async () => {
    const { app } = await getDeployment();
    const id = await create(reg, '待删除的职位');
    const [review] = await reviewsOf(id);
    expect(review).to.include({ status: 'pending' });
    const res = await remove(reg, id);
    expect(res.statusCode, res.payload).to.equal(204);
    expect(await jobRow(id)).to.equal(undefined);
    expect(await app.db('job_publications').where({ job_id: id })).to.have.length(0);
    expect(await app.db('reviews').where({ id: review!.id }).first()).to.include({ status: 'withdrawn' });
    expect(
      (await inject({ url: `/api/v1/employer/jobs/${id}`, headers: bearer(reg.token) })).statusCode,
    ).to.equal(404);
  });

  it('refuses once a site approved it: 409 JOB_LOCKED in Chinese, and the posting stays', async () => {
    const id = await create(reg, '已通过的职位');
    await approveOnMain(reg, id);
    const res = await remove(reg, id);
    expect(res.statusCode).to.equal(409);
    expect(json(res)).to.include({
      code: 'JOB_LOCKED',
      message: '该职位已有站点审核通过，不能删除。如需下线，请设置失效',
    });
    expect(await jobRow(id)).to.include({ id, title: '已通过的职位' });
  });

  it("answers 404 for another employer's posting and leaves it", async () => {
    const id = await create(reg, '别人不能删的职位');
    const res = await remove(other, id);
    expect(res.statusCode).to.equal(404);
    expect(json(res).code).to.equal('NOT_FOUND');
    expect(await jobRow(id)).to.include({ id });
  });
});

describe('删除职位 pages', () => {
  let reg: Registered;
  let jar: Jar;

  before(async function () {
    this.timeout(60_000);
    reg = await memberOf([]);
    jar = new Jar();
    const res = await submit(
      '/s/nju/employer/login',
      '/s/nju/employer/login',
      { mode: 'password', phone: reg.phone, password: reg.password },
      jar,
    );
    expect(res.statusCode, res.payload).to.equal(303);
  });

  it('offers 删除 on the list only for postings no site approved, and deletes after confirming', async () => {
    const pending = await create(reg, '页面删除的职位');
    const approved = await create(reg, '页面不能删的职位');
    await approveOnMain(reg, approved);
    const list = await get('/s/nju/employer/jobs', jar);
    expect(list.statusCode).to.equal(200);
    expect(list.payload).to.include(`href="/s/nju/employer/jobs/${pending}/delete"`);
    expect(list.payload).to.not.include(`href="/s/nju/employer/jobs/${approved}/delete"`);
    const confirm = await get(`/s/nju/employer/jobs/${pending}/delete`, jar);
    expect(confirm.payload).to.include('确定删除职位“页面删除的职位”吗？');
    const res = await submit(
      `/s/nju/employer/jobs/${pending}/delete`,
      `/s/nju/employer/jobs/${pending}/delete`,
      {},
      jar,
    );
    expect(res.statusCode, res.payload).to.equal(303);
    expect(res.headers.location).to.equal('/s/nju/employer/jobs?done=job-deleted');
    expect(await jobRow(pending)).to.equal(undefined);
    const after = await get(String(res.headers.location), jar);
    expect(after.payload).to.include('职位已删除');
  });

  it('says why an approved posting cannot be deleted and keeps it', async () => {
    const id = await create(reg, '页面已通过的职位');
    const page = await get(`/s/nju/employer/jobs/${id}/delete`, jar);
    await approveOnMain(reg, id);
    expect(page.statusCode).to.equal(200);
    const res = await submit(
      `/s/nju/employer/jobs/${id}/delete`,
      `/s/nju/employer/jobs/${id}/delete`,
      {},
      jar,
    );
    expect(res.statusCode).to.equal(409);
    expect(res.payload).to.include('该职位已有站点审核通过，不能删除。如需下线，请设置失效');
    expect(res.payload).to.include(`href="/s/nju/employer/jobs/${id}/expire"`);
    expect(await jobRow(id)).to.include({ id });
  });
});
