import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { useChromium } from '../helpers/browser.js';
import { getDeployment } from '../helpers/deployment.js';

describe('e2e: widget demo page in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let base: string;

  useChromium((b, url) => {
    browser = b;
    base = url;
  });

  it('shows the school’s name, city and level in <xz-site-card>, in the school’s colour', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${base}/widgets/demo?site=seu`);
    const card = page.locator('#demo-card');
    await card.locator('[part~="name"]').waitFor({ timeout: 15_000 });
    expect(await card.locator('[part~="name"]').textContent()).to.include('东南大学');
    const meta = await card.locator('[part~="meta"]').textContent();
    expect(meta).to.include('南京市').and.include('本科');
    const { app } = await getDeployment();
    const primary = app.sites.get('seu')!.theme.settings.primaryColor as string;
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(primary.slice(i, i + 2), 16));
    const css = await card
      .locator('[part~="card"]')
      .evaluate((el) => getComputedStyle(el).getPropertyValue('--_primary').trim());
    expect(css).to.be.oneOf([primary, `rgb(${r}, ${g}, ${b})`]);
    expect(errors).to.deep.equal([]);
    await page.close();
  });

  it('shows the Chinese error for an unknown site', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/widgets/demo?site=nju`);
    await page.evaluate(() => document.querySelector('#demo-card')!.setAttribute('site', 'no-such-school'));
    const alert = page.locator('#demo-card [role="alert"]');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).to.include('站点不存在');
    await page.close();
  });
});
