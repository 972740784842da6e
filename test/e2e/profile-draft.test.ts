import { expect } from 'chai';
import type { Browser, BrowserContext } from 'playwright-core';
import { getDeployment } from '../helpers/deployment.js';
import { registerEmployer, type Registered } from '../helpers/employers.js';
import { fieldLabel as field, useChromium, watchErrors } from '../helpers/browser.js';

// What the browser itself does with the profile form: 保存草稿 is sent although required fields are empty
// (formnovalidate), while 提交认证 is held back by the browser until they are filled.

describe('e2e: 单位信息 drafts in Chromium', function () {
  this.timeout(90_000);
  let browser: Browser;
  let base: string;

  useChromium((b, url) => {
    browser = b;
    base = url;
  });

  /** A browser context signed in as the employer's admin on nju. */
  async function signedIn(reg: Registered): Promise<BrowserContext> {
    const { app } = await getDeployment();
    const row = (await app.services.accounts!.byId(reg.accountId))!;
    const context = await browser.newContext();
    await context.addCookies([
      {
        name: 'xz_employer',
        value: app.principals.sign(app.services.accounts!.payload(row)),
        domain: new URL(base).hostname,
        path: '/s/nju',
      },
    ]);
    return context;
  }

  it('saves a draft with required fields left empty, and 提交认证 is held back by the browser', async () => {
    const { app } = await getDeployment();
    const reg = await registerEmployer();
    const context = await signedIn(reg);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${base}/s/nju/employer/profile`);
    await page.getByLabel(field('所属行业')).fill('集成电路');
    await Promise.all([
      page.waitForURL('**/s/nju/employer/profile?done=draft'),
      page.getByRole('button', { name: '保存草稿' }).click(),
    ]);
    await page.getByText('草稿已保存').waitFor();
    expect(await page.getByLabel(field('所属行业')).inputValue()).to.equal('集成电路');
    expect((await app.db('employers').where({ id: reg.employerId }).first()).industry).to.equal('集成电路');
    // 提交认证 with 单位性质 empty: the browser keeps the form on the page.
    await page.getByRole('button', { name: '提交认证' }).click();
    expect(
      await page
        .getByLabel(field('单位性质'))
        .evaluate((el) => (el as HTMLSelectElement).validity.valueMissing),
    ).to.equal(true);
    expect(page.url()).to.equal(`${base}/s/nju/employer/profile?done=draft`);
    expect(errors).to.deep.equal([]);
    await context.close();
  });
});
