import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { useChromium, watchErrors } from '../helpers/browser.js';
import { getDeployment } from '../helpers/deployment.js';

const BOOKING = '#demo-fair-booking';
const boothIn = (id: number) => `${BOOKING} [data-booth="${id}"]`;

/** The demo page showing <xz-fair-booking> for this fair, with its live connection open. */
async function openFair(page: Page, base: string, fairId: number): Promise<void> {
  await page.goto(`${base}/widgets/demo?site=nju`);
  await page.evaluate(
    ([selector, id]) => document.querySelector(selector as string)!.setAttribute('fair', String(id)),
    [BOOKING, fairId] as const,
  );
  await page.locator(`${BOOKING} [part~="map"]`).waitFor({ timeout: 15_000 });
  await page.waitForFunction(
    ([selector, id]) => {
      const el = document.querySelector(selector as string) as
        (Element & { live?: boolean; data?: { id: number } }) | null;
      return !!el?.live && el.data?.id === id;
    },
    [BOOKING, fairId] as const,
    { timeout: 15_000 },
  );
}

describe('e2e: <xz-fair-booking> in Chromium', function () {
  this.timeout(90_000);
  let browser: Browser;
  let base: string;

  useChromium((b, url) => {
    browser = b;
    base = url;
  });

  it('books a booth in one page and another page shows it held without reloading', async () => {
    const { app } = await getDeployment();
    const nju = app.sites.get('nju')!;
    const fairId = Number((await app.db('fairs').where({ site_id: nju.id }).orderBy('id').first('id'))!.id);
    const account = (await app.services.accounts!.byPhone('13900000009'))!;
    const active = await app
      .db('fair_bookings')
      .where({ fair_id: fairId, employer_id: account.employer_id })
      .whereIn('status', ['pending', 'approved']);
    expect(active, 'the demo employer 13900000009 has not booked the nju demo fair').to.deep.equal([]);
    const fair = await app.services.fairs!.publicFair(fairId);
    const venue = fair.venues[0]!;
    const booth = venue.booths.find((b) => b.state === 'free')!;
    expect(booth, 'a free booth on the first venue').to.not.equal(undefined);

    const one = await browser.newPage();
    const two = await browser.newPage();
    const errors = [...watchErrors(one), ...watchErrors(two)];
    try {
      await openFair(one, base, fairId);
      await openFair(two, base, fairId);
      await two.evaluate(() => {
        (window as unknown as { notReloaded: boolean }).notReloaded = true;
      });
      const cell = (page: Page) => page.locator(boothIn(booth.id));
      expect(await cell(two).getAttribute('data-state')).to.equal('free');

      // Page 1: pick the free booth, sign in, choose a job, one attendee, submit.
      await one.locator(`${BOOKING} button[data-booth="${booth.id}"]`).click();
      await one.locator(`${BOOKING} #xz-fb-phone`).fill('13900000009');
      await one.locator(`${BOOKING} #xz-fb-password`).fill('xiaozhao-demo');
      await one.locator(`${BOOKING} form button[type="submit"]`).click();
      const firstJob = one.locator(`${BOOKING} fieldset.jobs input[type="checkbox"]`).first();
      await firstJob.waitFor({ timeout: 15_000 });
      expect(await one.locator(`${BOOKING} .chosen`).textContent()).to.include(booth.code);
      await firstJob.check();
      await one.locator(`${BOOKING} #xz-fb-attendee-0-name`).fill('周七');
      await one.locator(`${BOOKING} #xz-fb-attendee-0-phone`).fill('13812345670');
      await one.locator(`${BOOKING} #xz-fb-attendee-0-title`).fill('招聘主管');
      await one.locator(`${BOOKING} form button[type="submit"]`).click();
      const done = one.locator(`${BOOKING} .message.success`);
      await done.waitFor({ timeout: 15_000 });
      expect(await done.textContent())
        .to.include('预定申请已提交')
        .and.include(booth.code);

      // Page 2 follows over Server-Sent Events.
      const started = Date.now();
      await two.waitForFunction(
        (selector) => {
          const state = document
            .querySelector('#demo-fair-booking')
            ?.shadowRoot?.querySelector(selector)
            ?.getAttribute('data-state');
          return state === 'held' || state === 'taken';
        },
        `[data-booth="${booth.id}"]`,
        { timeout: 5_000 },
      );
      expect(Date.now() - started).to.be.lessThan(5_000);
      expect(await cell(two).textContent()).to.include('待审核');
      expect(await two.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).to.equal(
        true,
      );
      // Page 1 shows its own booth as taken by its employer now.
      expect(await cell(one).getAttribute('data-state')).to.equal('held');

      const rows = await app
        .db('fair_bookings')
        .where({ fair_id: fairId, employer_id: account.employer_id, booth_id: booth.id });
      expect(rows).to.have.length(1);
      expect(rows[0].status).to.equal('pending');
      expect(rows[0].attendees).to.deep.equal([{ name: '周七', phone: '13812345670', title: '招聘主管' }]);
      expect(errors).to.deep.equal([]);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('lists the site’s fairs in <xz-fair-list>, linking to the fair page of the school’s site', async () => {
    const { app } = await getDeployment();
    const nju = app.sites.get('nju')!;
    const page = await browser.newPage();
    const errors = watchErrors(page);
    try {
      await page.goto(`${base}/widgets/demo?site=nju`);
      const items = page.locator('#demo-fairs [part~="item"]');
      await items.first().waitFor({ timeout: 15_000 });
      const { items: fairs } = await app.services.fairs!.siteFairs(nju);
      const links = await page
        .locator('#demo-fairs [part~="title"] a')
        .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(links).to.deep.equal(fairs.slice(0, 10).map((f) => `${nju.url}fairs/${f.id}`));
      expect(errors).to.deep.equal([]);
    } finally {
      await page.close();
    }
  });
});
