// Sites choose what an edit does to a posting they approved (reviewPolicies.job.afterApproval): locked (default),
// a grace period in which edits keep the job online, or revise — the edit goes back to the site's review.
import { expect } from 'chai';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { approvePending, bearer, memberOf, type Registered } from '../helpers/employers.js';
import { createJob, JOB } from '../helpers/jobs.js';

async function manualSites(count: number): Promise<string[]> {
  const { app } = await getDeployment();
  return app.sites
    .schools()
    .filter((s) => s.reviewPolicies.job.plugin === 'review-policy-manual')
    .slice(-count)
    .map((s) => s.slug);
}

async function setAfterApproval(slug: string, afterApproval?: object) {
  const res = await inject({
    method: 'PUT',
    url: `/api/v1/admin/sites/${slug}/settings`,
    headers: bearer(await staffToken(`${slug}.admin`)),
    payload: { reviewPolicies: { job: { plugin: 'review-policy-manual', options: {}, afterApproval } } },
  });
  expect(res.statusCode, res.payload).to.equal(200);
}

const edit = (reg: Registered, id: number, title: string) =>
  inject({
    method: 'PUT',
    url: `/api/v1/employer/jobs/${id}`,
    headers: bearer(reg.token),
    payload: { ...JOB, title },
  });

async function copyOn(slug: string, jobId: number) {
  const { app } = await getDeployment();
  const copy = await app
    .db('job_publications')
    .where({ job_id: jobId, site_id: app.sites.get(slug)!.id })
    .first();
  const review = await app
    .db('reviews')
    .where({ subject_type: 'job', subject_id: copy.id, site_id: copy.site_id })
    .first();
  const actions = await app.db('review_events').where({ review_id: review.id }).orderBy('id').pluck('action');
  return { copy, review, actions };
}

const publicTitles = async (slug: string) =>
  json<{ items: { title: string }[] }>(
    await inject(`/api/v1/public/sites/${slug}/jobs?pageSize=100`),
  ).items.map((i) => i.title);

describe('editing a job a site approved (afterApproval)', () => {
  let grace: string;
  let revise: string;
  before(async () => {
    [grace, revise] = (await manualSites(2)) as [string, string];
    await setAfterApproval(grace, { mode: 'grace', graceMinutes: 30 });
    await setAfterApproval(revise, { mode: 'revise' });
  });
  after(async () => {
    await setAfterApproval(grace);
    await setAfterApproval(revise);
  });

  it('keeps the job online when edited within the grace period, and locks it once the period is over', async () => {
    const { app } = await getDeployment();
    const reg = await memberOf([grace]);
    const job = await createJob(reg, { siteSlugs: [grace], title: '宽限期职位' });
    await approvePending(grace, (r) => r.subject_type === 'job' && r.employer_id === reg.employerId);
    const page = await inject({
      url: `/employer/jobs/${job.id}`,
      headers: { cookie: `xz_employer=${reg.token}`, accept: 'text/html' },
    });
    expect(page.payload).to.include(`/employer/jobs/${job.id}/edit`);

    const res = await edit(reg, job.id, '宽限期职位（修正错别字）');
    expect(res.statusCode, res.payload).to.equal(200);
    const after = await copyOn(grace, job.id);
    expect(after.copy.status).to.equal('approved');
    expect(after.review.status).to.equal('approved');
    expect(after.actions.at(-1)).to.equal('edited');
    expect(await publicTitles(grace)).to.include('宽限期职位（修正错别字）');
    expect((await copyOn('main', job.id)).copy.status).to.equal('pending');

    await app
      .db('job_publications')
      .where({ id: after.copy.id })
      .update({ approved_at: app.db.raw(`now() - interval '31 minutes'`) });
    const late = await edit(reg, job.id, '宽限期职位（再次修改）');
    expect(late.statusCode).to.equal(409);
    expect(json(late).code).to.equal('JOB_LOCKED');
    expect((await app.db('jobs').where({ id: job.id }).first()).title).to.equal('宽限期职位（修正错别字）');
  });

  it('sends a revised job back to review on a site that asks for revisions, taking it offline there', async () => {
    const reg = await memberOf([revise]);
    const job = await createJob(reg, { siteSlugs: [revise], title: '修订职位' });
    await approvePending(revise, (r) => r.subject_type === 'job' && r.employer_id === reg.employerId);
    expect(await publicTitles(revise)).to.include('修订职位');

    const res = await edit(reg, job.id, '修订职位（新版）');
    expect(res.statusCode, res.payload).to.equal(200);
    const after = await copyOn(revise, job.id);
    expect(after.copy.status).to.equal('pending');
    expect(after.review.status).to.equal('pending');
    expect(after.actions.slice(-1)).to.deep.equal(['resubmitted']);
    const titles = await publicTitles(revise);
    expect(titles).to.not.include('修订职位');
    expect(titles).to.not.include('修订职位（新版）');
  });

  it('refuses an edit with 409 JOB_LOCKED when any approving site locks (the default)', async () => {
    const [locked] = await manualSites(3);
    const reg = await memberOf([locked!, grace]);
    const job = await createJob(reg, { siteSlugs: [locked!, grace], title: '默认锁定' });
    for (const slug of [locked!, grace])
      await approvePending(slug, (r) => r.subject_type === 'job' && r.employer_id === reg.employerId);
    const res = await edit(reg, job.id, '默认锁定（修改）');
    expect(res.statusCode).to.equal(409);
    expect(json(res).code).to.equal('JOB_LOCKED');
  });
});
