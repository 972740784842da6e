import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { reloadSite } from '../../core/tenancy/boot.js';
import { fieldLabel as field, launchChromium, watchErrors } from '../helpers/browser.js';
import { getDeployment, inject, listeningBase } from '../helpers/deployment.js';
import { bearer, registerEmployer, submitProfile } from '../helpers/employers.js';

describe('e2e: the staff console of a school in Chromium', function () {
  this.timeout(90_000);
  let browser: Browser;
  let base: string;

  before(async () => {
    base = await listeningBase();
    browser = await launchChromium();
    // at least one application waits at hhu, whatever ran before
    const reg = await registerEmployer();
    await submitProfile(reg.token);
    await inject({
      method: 'POST',
      url: '/api/v1/employer/sites/hhu/membership',
      headers: bearer(reg.token),
      payload: {},
    });
  });

  after(async () => {
    await browser?.close();
    // Put hhu back as its manifest has it: other tests expect its settings untouched.
    const { app } = await getDeployment();
    const site = app.sites.get('hhu')!;
    await app.db('site_settings').where({ site_id: site.id }).delete();
    await app.db('site_settings_audit').where({ site_id: site.id }).delete();
    await reloadSite(app.db, app.sites, app.tenantPlugins, app.themes, app.manifests, 'hhu');
  });

  it('signs in, approves the first pending review, and changes the primary colour of the site', async () => {
    const { app } = await getDeployment();
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);

    await page.goto(`${base}/s/hhu/admin/reviews`);
    await page.waitForURL('**/s/hhu/admin/login?next=*');
    expect(await page.locator('body').getAttribute('data-theme')).to.equal(app.sites.get('hhu')!.theme.name);
    await page.getByLabel(field('用户名')).fill('hhu.admin');
    await page.getByLabel(field('密码')).fill('xiaozhao-demo');
    await Promise.all([
      page.waitForURL(`${base}/s/hhu/admin/reviews`),
      page.getByRole('button', { name: '登录', exact: true }).click(),
    ]);
    await page.getByRole('heading', { name: '审核队列' }).waitFor();

    const first = page.locator('table.xz-queue tbody tr').first();
    const id = await first.getAttribute('data-review');
    const summary = (await first.locator('th a').textContent())!.trim();
    expect(id).to.match(/^\d+$/);
    await Promise.all([
      page.waitForURL(`${base}/s/hhu/admin/reviews/${id}`),
      first.getByRole('link', { name: /^审核/ }).click(),
    ]);
    await page.getByRole('heading', { name: summary }).waitFor();
    await page.getByRole('heading', { name: '审核记录' }).waitFor();
    await page.getByLabel('审核意见').fill('单位资质齐全，同意入驻');
    await Promise.all([
      page.waitForURL(`${base}/s/hhu/admin/reviews/${id}?done=approved`),
      page.getByRole('button', { name: '通过', exact: true }).click(),
    ]);
    await page.getByText('已审核通过。').waitFor();
    expect(await page.locator('table.xz-history').textContent()).to.include('单位资质齐全，同意入驻');

    await Promise.all([
      page.waitForURL('**/s/hhu/admin/reviews?status=pending'),
      page.getByRole('link', { name: '审核队列', exact: true }).first().click(),
    ]);
    expect(await page.locator(`tr[data-review="${id}"]`).count()).to.equal(0);
    const row = await app
      .db('reviews')
      .where({ id: Number(id) })
      .first();
    expect(row).to.include({ status: 'approved', comment: '单位资质齐全，同意入驻' });

    await Promise.all([
      page.waitForURL(`${base}/s/hhu/admin/settings`),
      page.getByRole('navigation', { name: '管理控制台' }).getByRole('link', { name: '站点设置' }).click(),
    ]);
    await page.getByLabel('主色', { exact: true }).fill('#2a7d4f');
    await Promise.all([
      page.waitForURL(`${base}/s/hhu/admin/settings?done=saved`),
      page.getByRole('button', { name: '保存主题设置' }).click(),
    ]);
    await page.getByText('已保存').first().waitFor();

    await page.goto(`${base}/s/hhu/`);
    const primary = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--xz-color-primary').trim(),
    );
    expect(primary).to.equal('#2a7d4f');
    const other = await context.newPage();
    await other.goto(`${base}/s/nju/`);
    expect(
      await other.evaluate(() =>
        getComputedStyle(document.documentElement).getPropertyValue('--xz-color-primary').trim(),
      ),
    ).to.equal(String(app.sites.get('nju')!.theme.settings.primaryColor));

    expect(errors).to.deep.equal([]);
    await context.close();
  });
});
