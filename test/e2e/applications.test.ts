// The whole application path in Chromium on nju: a signed-in student (session cookie) applies from the job's page on
// the school site, the employer opens 收到的简历, reads the résumé (ID number masked) and invites the student to an
// interview through the form; the student sees the invitation in 我的投递.
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { fieldLabel as field, useChromium, watchErrors } from '../helpers/browser.js';
import { getDeployment } from '../helpers/deployment.js';
import { memberOf } from '../helpers/employers.js';
import { approveJobs, createJob } from '../helpers/jobs.js';
import { putResume } from '../helpers/applications.js';
import { enrolStudent } from '../helpers/students.js';

describe('e2e: a student applies and the employer invites them to an interview', function () {
  this.timeout(120_000);
  let browser: Browser;
  let base: string;

  useChromium((b, url) => {
    browser = b;
    base = url;
  });

  it('applies from the job page, then the employer invites from 收到的简历 and the student sees it', async () => {
    const { app } = await getDeployment();
    const employer = await memberOf(['nju']);
    const job = await createJob(employer, { siteSlugs: ['nju'], title: '浏览器测试开发工程师' });
    await approveJobs('nju', employer);
    const student = await enrolStudent('nju', { name: '柳如烟' });
    await putResume(student);

    const studentContext = await browser.newContext();
    await studentContext.addCookies([{ name: 'xz_student', value: student.token, url: base }]);
    const sp = await studentContext.newPage();
    const studentErrors = watchErrors(sp);
    await sp.goto(`${base}/s/nju/jobs/${job.id}`);
    await sp.getByRole('button', { name: '投递简历' }).click();
    await sp.waitForURL(/\/s\/nju\/student\/applications/);
    expect(await sp.locator('main, body').first().innerText()).to.include('浏览器测试开发工程师');
    const row = await app.db('applications').where({ job_id: job.id, student_id: student.id }).first();
    expect(row.status).to.equal('submitted');

    const account = (await app.services.accounts!.byId(employer.accountId))!;
    const employerContext = await browser.newContext();
    await employerContext.addCookies([
      { name: 'xz_employer', value: app.principals.sign(app.services.accounts!.payload(account)), url: base },
    ]);
    const ep = await employerContext.newPage();
    const employerErrors = watchErrors(ep);
    await ep.goto(`${base}/s/nju/employer/applications`);
    await ep.getByRole('link', { name: '柳如烟', exact: true }).click();
    await ep.waitForURL(new RegExp(`/employer/applications/${row.id}$`));
    const masked = `${student.idNumber.slice(0, 4)}**********${student.idNumber.slice(-4)}`;
    expect(await ep.locator('[data-id-number]').innerText()).to.equal(masked);
    expect(await ep.content()).to.not.include(student.idNumber);
    await ep.getByRole('link', { name: '邀请面试' }).click();
    const when = new Date(Date.now() + 8 * 3_600_000 + 4 * 86_400_000).toISOString().slice(0, 10);
    await ep.getByLabel(field('面试时间')).fill(`${when}T14:30`);
    await ep.getByRole('radio', { name: '现场面试' }).check();
    await ep.getByLabel(field('面试地点（现场面试）')).fill('南京市鼓楼区中山北路 8 号 12 楼');
    await ep.getByLabel(field('联系人')).fill('韩经理');
    await ep.getByLabel(field('联系电话')).fill('13912345678');
    await ep.getByRole('button', { name: '发送面试邀请' }).click();
    await ep.getByText('面试邀请已发送').waitFor();
    expect((await app.db('applications').where('id', row.id).first()).status).to.equal('interview_invited');

    await sp.goto(`${base}/s/nju/student/applications`);
    const text = await sp.locator('body').innerText();
    expect(text).to.include('面试邀请');
    expect(text).to.include('南京市鼓楼区中山北路 8 号 12 楼');
    expect(text).to.include('韩经理');
    expect(studentErrors).to.deep.equal([]);
    expect(employerErrors).to.deep.equal([]);
    await studentContext.close();
    await employerContext.close();
  });
});
