// Staff decide on what they can read: a review shows the subject's content — a job as the employer wrote it, an
// announcement with its attachments, a fair booking with its booth, jobs and attendees — on the console page and in
// GET /api/v1/admin/reviews/{id}.
import { expect } from 'chai';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { bearer, memberOf, PDF, uploadFile } from '../helpers/employers.js';
import { createFair } from '../helpers/fairs.js';
import { createJob } from '../helpers/jobs.js';

/** A school no other test file uses. */
const SITE = 'hytc';

async function reviewOf(type: string, subjectId: number) {
  const { app } = await getDeployment();
  return app
    .db('reviews')
    .where({ site_id: app.sites.get(SITE)!.id, subject_type: type, subject_id: subjectId })
    .first('id');
}

async function reviewPage(id: number) {
  const token = await staffToken(`${SITE}.admin`);
  const res = await inject({
    url: `/s/${SITE}/admin/reviews/${id}`,
    headers: { accept: 'text/html', cookie: `xz_staff=${token}` },
  });
  expect(res.statusCode, res.payload.slice(0, 300)).to.equal(200);
  return res.payload;
}

async function reviewJson(id: number) {
  const res = await inject({
    url: `/api/v1/admin/reviews/${id}`,
    headers: bearer(await staffToken(`${SITE}.admin`)),
  });
  expect(res.statusCode).to.equal(200);
  return json<{ details: { facts: { label: string; value: string }[]; text?: string } | null }>(res);
}

describe('review details for staff', () => {
  it('shows the job as the employer wrote it', async () => {
    const { app } = await getDeployment();
    const reg = await memberOf([SITE]);
    const job = await createJob(reg, {
      title: '审核内容测试岗',
      description: '第一段职位描述。\n第二段：熟悉 TypeScript。',
      salaryMin: 8000,
      salaryMax: 15000,
      siteSlugs: [SITE],
    });
    const publication = await app
      .db('job_publications')
      .where({ job_id: job.id, site_id: app.sites.get(SITE)!.id })
      .first('id');
    const review = await reviewOf('job', publication.id);
    const html = await reviewPage(review.id);
    expect(html).to.include('审核内容');
    expect(html).to.include('<dt>薪资</dt><dd>8k-15k/月</dd>');
    expect(html).to.include('<dt>职位名称</dt><dd>审核内容测试岗</dd>');
    expect(html).to.include('<p>第一段职位描述。</p>').and.include('<p>第二段：熟悉 TypeScript。</p>');
    const api = await reviewJson(review.id);
    expect(api.details!.facts).to.deep.include({ label: '职位名称', value: '审核内容测试岗' });
    expect(api.details!.text).to.equal('第一段职位描述。\n第二段：熟悉 TypeScript。');
  });

  it('shows an announcement with its attachments, which staff can open', async () => {
    const { app } = await getDeployment();
    const reg = await memberOf([SITE]);
    const uploaded = await uploadFile(reg.token, PDF, '招聘简章.pdf', 'attachment');
    expect(uploaded.statusCode, uploaded.payload).to.equal(201);
    const file = json<{ id: string }>(uploaded);
    const created = await inject({
      method: 'POST',
      url: '/api/v1/employer/announcements',
      headers: bearer(reg.token),
      payload: {
        title: '审核内容测试公告',
        body: '欢迎各专业应届毕业生关注本单位校园招聘。',
        attachments: [file.id],
        siteSlugs: [SITE],
      },
    });
    expect(created.statusCode, created.payload).to.equal(201);
    const publication = await app
      .db('announcement_publications')
      .where({ announcement_id: json<{ id: number }>(created).id, site_id: app.sites.get(SITE)!.id })
      .first('id');
    const review = await reviewOf('announcement', publication.id);
    const html = await reviewPage(review.id);
    expect(html).to.include('<p>欢迎各专业应届毕业生关注本单位校园招聘。</p>');
    expect(html).to.include(`href="/s/${SITE}/admin/files/${file.id}">招聘简章.pdf</a>`);
    const download = await inject({
      url: `/s/${SITE}/admin/files/${file.id}`,
      headers: { cookie: `xz_staff=${await staffToken(`${SITE}.admin`)}` },
    });
    expect(download.statusCode).to.equal(200);
    expect(download.headers['content-type']).to.equal('application/pdf');
  });

  it('shows a fair booking with its booth, jobs and attendees', async () => {
    const reg = await memberOf([SITE]);
    const job = await createJob(reg, { title: '双选会参会岗', siteSlugs: [SITE] });
    const { app } = await getDeployment();
    await app
      .db('job_publications')
      .where({ job_id: job.id })
      .update({ status: 'approved', approved_at: new Date() });
    const fair = await createFair(SITE);
    const booked = await inject({
      method: 'POST',
      url: '/api/v1/employer/fair-bookings',
      headers: bearer(reg.token),
      payload: {
        fairId: fair.id,
        boothId: fair.venues[0]!.booths[0]!.id,
        jobIds: [job.id],
        attendees: [{ name: '王五', phone: '13812345679', title: 'HR' }],
      },
    });
    expect(booked.statusCode, booked.payload).to.equal(201);
    const review = await reviewOf('fair_booking', json<{ id: number }>(booked).id);
    const html = await reviewPage(review.id);
    expect(html).to.include('<dt>展位</dt><dd>主会场 A01</dd>');
    expect(html).to.include('<dt>参会职位</dt><dd>双选会参会岗</dd>');
    expect(html).to.include('王五 13812345679（HR）');
  });
});
