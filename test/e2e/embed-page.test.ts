import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { useChromium, watchErrors } from '../helpers/browser.js';
import { getDeployment } from '../helpers/deployment.js';

const SITE = 'jsie';

describe('e2e: 嵌入代码 page in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let base: string;

  useChromium((b, url) => {
    browser = b;
    base = url;
  });

  it('renders the real widget as the preview and follows the form without a reload', async () => {
    const { app } = await getDeployment();
    const { payload } = await app.services.staff!.login(`${SITE}.admin`, 'xiaozhao-demo', '127.0.0.1');
    const context = await browser.newContext();
    await context.addCookies([
      { name: 'xz_staff', value: app.principals.sign(payload), url: `${base}/s/${SITE}/` },
    ]);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${base}/s/${SITE}/admin/embed?widget=site-card`);
    const card = page.locator('#xz-embed-preview xz-site-card');
    await card.locator('[part~="name"]').waitFor({ timeout: 15_000 });
    expect(await card.locator('[part~="name"]').textContent()).to.include(app.sites.get(SITE)!.name);

    await page.getByLabel('招聘会列表').check();
    await page.locator('#xz-embed-preview xz-fair-list').waitFor({ state: 'attached' });
    expect(page.url()).to.match(/widget=site-card$/);
    expect(await page.locator('#xz-embed-snippet').textContent()).to.include(
      `<xz-fair-list site="${SITE}" limit="5"></xz-fair-list>`,
    );
    // the fallback link follows the chosen widget, without asking the server
    expect(await page.locator('#xz-embed-snippet').textContent()).to.match(
      /\/fairs">查看招聘会<\/a><\/noscript>$/,
    );
    await page.locator('#xz-embed-primary').fill('#0f766e');
    await page.locator('#xz-embed-primary').dispatchEvent('change');
    expect(await page.locator('#xz-embed-snippet').textContent()).to.include(
      'style="--xz-color-primary: #0f766e"',
    );
    expect(errors).to.deep.equal([]);
    await context.close();
  });
});
