// The signing path in Chromium on nju: the employer (approved authorisation) finds a 拟录用 student in 发送签约邀请,
// adds them to the list, fills the offer once and sends; the student accepts in 我的签约 after the confirmation page;
// the school confirms in 网签协议确认; the employer downloads the agreement PDF from 签约解约管理.
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { addDays } from '../../core/format/index.js';
import { authorizeSigning } from '../helpers/agreements.js';
import { fieldLabel as field, useChromium, watchErrors } from '../helpers/browser.js';
import { getDeployment, staffToken } from '../helpers/deployment.js';
import { memberOf } from '../helpers/employers.js';
import { createJob } from '../helpers/jobs.js';
import { enrolStudent } from '../helpers/students.js';

describe('e2e: invite, accept, confirm, download the agreement', function () {
  this.timeout(120_000);
  let browser: Browser;
  let base: string;

  useChromium((b, url) => {
    browser = b;
    base = url;
  });

  it('goes from the invitation page to the signed agreement’s PDF', async () => {
    const { app } = await getDeployment();
    const employer = await memberOf(['nju']);
    await authorizeSigning(employer);
    const student = await enrolStudent('nju', { name: '沈浪签约' });
    const job = await createJob(employer, { siteSlugs: ['nju'] });
    await app.db('applications').insert({
      job_id: job.id,
      employer_id: employer.employerId,
      student_id: student.id,
      site_id: student.siteId,
      resume: '{}',
      status: 'offer',
    });

    const ec = await browser.newContext({ acceptDownloads: true });
    await ec.addCookies([{ name: 'xz_employer', value: employer.token, url: base }]);
    const ep = await ec.newPage();
    const employerErrors = watchErrors(ep);
    await ep.goto(`${base}/s/nju/employer/signing`);
    await ep.getByRole('link', { name: /加入列表.*沈浪签约/ }).click();
    await ep.getByRole('checkbox', { name: /沈浪签约/ }).waitFor();
    await ep.getByLabel(field('岗位')).fill('浏览器测试工程师');
    await ep.getByLabel(field('月薪（元，税前）')).fill('11000');
    await ep.getByLabel(field('工作地点')).fill('南京市建邺区');
    await ep.getByLabel(field('应约截止日期')).fill(addDays(app.clock.today(), 10));
    await ep.getByRole('button', { name: '发送签约邀请' }).click();
    await ep.getByText('已向 1 名学生发出签约邀请').waitFor();
    const row = await app
      .db('agreements')
      .where({ employer_id: employer.employerId, student_id: student.id })
      .first();
    expect(row.status).to.equal('invited');
    expect(row.position).to.equal('浏览器测试工程师');

    const sc = await browser.newContext();
    await sc.addCookies([{ name: 'xz_student', value: student.token, url: base }]);
    const sp = await sc.newPage();
    const studentErrors = watchErrors(sp);
    await sp.goto(`${base}/s/nju/student/agreements`);
    await sp.getByRole('link', { name: /接受邀请/ }).click();
    await sp.getByRole('button', { name: '确认接受' }).click();
    await sp.getByText('已接受签约邀请').waitFor();
    expect((await app.db('agreements').where('id', row.id).first()).status).to.equal('accepted');

    const ac = await browser.newContext();
    await ac.addCookies([{ name: 'xz_staff', value: await staffToken('nju.admin'), url: base }]);
    const ap = await ac.newPage();
    const staffErrors = watchErrors(ap);
    await ap.goto(`${base}/s/nju/admin/agreements?q=${encodeURIComponent('沈浪签约')}`);
    await ap.getByRole('button', { name: /确认协议.*沈浪签约/ }).click();
    await ap.getByText('已确认协议，签约完成').waitFor();
    expect((await app.db('agreements').where('id', row.id).first()).status).to.equal('signed');

    await ep.goto(`${base}/s/nju/employer/agreements?tab=signed`);
    const [download] = await Promise.all([
      ep.waitForEvent('download'),
      ep.getByRole('link', { name: /下载协议书.*沈浪签约/ }).click(),
    ]);
    expect(download.suggestedFilename()).to.match(/^就业协议书-JS\d{12}-沈浪签约\.pdf$/);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(path).subarray(0, 5).toString()).to.equal('%PDF-');
    expect(employerErrors).to.deep.equal([]);
    expect(studentErrors).to.deep.equal([]);
    expect(staffErrors).to.deep.equal([]);
    await Promise.all([ec.close(), sc.close(), ac.close()]);
  });
});
