// One job, one salary, one 有效期至: a job paid 7500–14000 that expires on 31 May shows 7.5k-14k/月 and the same
// last day (30 May: the stored expiresOn is the first day it shows nowhere) in staff review, on the public page, in
// the employer's booking form, in the <xz-job-list> widget and in the fair's Excel export.
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { validUntil } from '../../core/format/index.js';
import { useChromium, watchErrors } from '../helpers/browser.js';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { bearer, memberOf, waitFor } from '../helpers/employers.js';
import { bookBooth, createFair } from '../helpers/fairs.js';
import { approveJobs, createJob } from '../helpers/jobs.js';
import { Jar } from '../helpers/pages.js';

/** A school no other test file uses. */
const SITE = 'czjdu';
const SALARY = '7.5k-14k/月';

describe('e2e: the same job reads the same everywhere', function () {
  this.timeout(90_000);
  let browser: Browser;
  let base: string;
  useChromium((b, url) => {
    browser = b;
    base = url;
  });

  it('shows one salary and one 有效期至 in review, public page, booking form, widget and export', async () => {
    const { app } = await getDeployment();
    const expiresOn = `${Number(app.clock.today().slice(0, 4)) + 1}-05-31`;
    const until = `${expiresOn.slice(0, 4)}-05-30`;
    expect(validUntil(expiresOn)).to.equal(until);

    const reg = await memberOf([SITE]);
    const title = `同一字符串岗${Math.random().toString(36).slice(2, 6)}`;
    const job = await createJob(reg, {
      title,
      salaryMin: 7500,
      salaryMax: 14000,
      expiresOn,
      siteSlugs: [SITE],
    });
    const stored = await app.db('jobs').where({ id: job.id }).first('expires_on');
    expect(stored.expires_on).to.equal(expiresOn);

    // staff review, before the decision
    const publication = await app
      .db('job_publications')
      .where({ job_id: job.id, site_id: app.sites.get(SITE)!.id })
      .first('id');
    const review = await app
      .db('reviews')
      .where({ site_id: app.sites.get(SITE)!.id, subject_type: 'job', subject_id: publication.id })
      .first('id');
    const token = await staffToken(`${SITE}.admin`);
    const reviewPage = await inject({
      url: `/s/${SITE}/admin/reviews/${review.id}`,
      headers: { accept: 'text/html', cookie: `xz_staff=${token}` },
    });
    expect(reviewPage.statusCode).to.equal(200);
    expect(reviewPage.payload).to.include(`<dt>有效期至</dt><dd>${until}</dd>`);
    expect(reviewPage.payload).to.include(`<dt>薪资</dt><dd>${SALARY}</dd>`);

    await approveJobs(SITE, reg);

    // the public page of the school site
    const publicPage = await inject({ url: `/s/${SITE}/jobs/${job.id}`, headers: { accept: 'text/html' } });
    expect(publicPage.statusCode).to.equal(200);
    expect(publicPage.payload).to.include(`有效期至 <time datetime="${until}">${until}</time>`);
    expect(publicPage.payload).to.include(`</span>${SALARY}</p>`);

    // the public list API the widget reads
    const api = await inject(`/api/v1/public/sites/${SITE}/jobs?q=${encodeURIComponent(title)}`);
    expect(api.statusCode).to.equal(200);
    const item = json<{ items: { id: number; expiresOn: string; salaryMin: number; salaryMax: number }[] }>(
      api,
    ).items.find((j) => j.id === job.id)!;
    expect(item).to.include({ expiresOn, salaryMin: 7500, salaryMax: 14000 });

    // the employer's booking form of a fair on the site
    const fair = await createFair(SITE);
    const row = await app.db('employer_accounts').where({ id: reg.accountId }).first();
    const jar = new Jar();
    jar.cookies.set('xz_employer', app.principals.sign(app.services.accounts!.payload(row)));
    const booth = fair.venues[0]!.booths[0]!;
    const form = await inject({
      url: `/s/${SITE}/employer/fairs/${fair.id}/book?booth=${booth.id}`,
      headers: { accept: 'text/html', cookie: jar.header() },
    });
    expect(form.statusCode, form.payload.slice(0, 300)).to.equal(200);
    expect(form.payload).to.include(`有效期至 ${until}</small>`);
    expect(form.payload).not.to.include(`有效期至 ${expiresOn}`);

    // the fair's Excel export
    const booked = await bookBooth({ token: reg.token, jobId: job.id }, fair.id, booth.id);
    expect(booked.statusCode, booked.payload).to.equal(201);
    const xlsx = await inject({
      url: `/api/v1/admin/sites/${SITE}/fairs/${fair.id}/bookings.xlsx`,
      headers: bearer(token),
    });
    expect(xlsx.statusCode).to.equal(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const jobsCell = String(book.worksheets[0]!.getRow(2).getCell(5).value);
    expect(jobsCell).to.equal(`${title}（${SALARY}，有效期至 ${until}）`);

    // the <xz-job-list> widget, rendered by Chromium
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${base}/widgets/demo?site=${SITE}`);
    const first = page.locator('#demo-jobs [part~="item"]').first();
    await waitFor(
      'the widget lists the job',
      async () => ((await first.textContent()) ?? '').includes(title),
      15_000,
    );
    const text = ((await first.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(text).to.include(`有效期至 ${until}`);
    expect(((await first.locator('[part~="salary"]').textContent()) ?? '').trim()).to.equal(SALARY);
    expect(errors).to.deep.equal([]);
    await page.close();
  });
});
