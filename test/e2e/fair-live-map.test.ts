import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { useChromium, watchErrors } from '../helpers/browser.js';
import { getDeployment, inject, staffToken } from '../helpers/deployment.js';
import { bearer } from '../helpers/employers.js';
import { bookBooth, createFair } from '../helpers/fairs.js';
import { bulkEmployers } from '../helpers/fixtures.js';

/** Opens a fair page and waits until its <xz-fair-live> has its event stream open. */
async function openLive(page: Page, url: string): Promise<void> {
  const res = await page.goto(url);
  expect(res?.status(), url).to.equal(200);
  await page.locator('xz-fair-live[live]').waitFor({ state: 'attached', timeout: 15_000 });
  await page.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });
}

/** Waits until the booth's cell on the page shows `state` (data-state, set by <xz-fair-live>). */
async function waitForState(page: Page, boothId: number, state: string): Promise<void> {
  await page.waitForFunction(
    ([id, s]) => document.querySelector(`li.xz-booth[data-booth="${id}"]`)?.getAttribute('data-state') === s,
    [boothId, state] as const,
    { timeout: 15_000 },
  );
}

const notReloaded = (page: Page) =>
  page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded);

describe('e2e: booth maps of the fair pages are live (<xz-fair-live>) in Chromium', function () {
  this.timeout(120_000);
  let browser: Browser;
  let base: string;

  useChromium((b, url) => {
    browser = b;
    base = url;
  });

  it('turns a booth booked through the API held, then taken, on open pages without reloading; a cancelled one free and bookable again', async () => {
    const { app } = await getDeployment();
    const fair = await createFair('cpu');
    const [booker, viewer] = await bulkEmployers(2, 'cpu');
    const [a01, a02] = fair.venues[0]!.booths;
    const context = await browser.newContext();
    await context.addCookies([{ name: 'xz_employer', value: viewer!.token, url: base }]);
    const pub = await context.newPage();
    const main = await context.newPage();
    const employer = await context.newPage();
    const errors = [...watchErrors(pub), ...watchErrors(main), ...watchErrors(employer)];
    try {
      await openLive(pub, `${base}/s/cpu/fairs/${fair.id}`);
      await openLive(main, `${base}/fairs/${fair.id}`);
      await openLive(employer, `${base}/s/cpu/employer/fairs/${fair.id}`);
      const cell = (page: Page, id: number) => page.locator(`li.xz-booth[data-booth="${id}"]`);
      expect(await cell(pub, a01!.id).getAttribute('data-state')).to.equal('free');
      expect(await cell(employer, a01!.id).locator('a.xz-booth__box').count()).to.equal(1);

      // Booked through the API by another employer: 待审核 everywhere, no longer a link for the viewer.
      const booked = await bookBooth(booker!, fair.id, a01!.id);
      expect(booked.statusCode, booked.payload).to.equal(201);
      const bookingId = (JSON.parse(booked.payload) as { id: number }).id;
      for (const page of [pub, main, employer]) await waitForState(page, a01!.id, 'held');
      expect(await cell(pub, a01!.id).textContent()).to.include('待审核');
      expect(await cell(employer, a01!.id).locator('a').count()).to.equal(0);
      expect(await pub.locator('[data-count="held"]').textContent()).to.equal('1');
      expect(await pub.locator('[data-count="free"]').textContent()).to.equal('2');
      expect(await pub.locator(`[data-venue-free="${fair.venues[0]!.id}"]`).textContent()).to.equal('2');

      // Approved by the school: 已预定, with the employer's name on the public map.
      const review = await app
        .db('reviews')
        .where({ subject_type: 'fair_booking', subject_id: bookingId })
        .first('id');
      const decided = await inject({
        method: 'POST',
        url: `/api/v1/admin/reviews/${review.id}/decision`,
        headers: bearer(await staffToken('cpu.admin')),
        payload: { decision: 'approve' },
      });
      expect(decided.statusCode, decided.payload).to.equal(200);
      await waitForState(pub, a01!.id, 'taken');
      const employerName = (await app.db('employers').where({ id: booker!.employerId }).first('name')).name;
      await pub.waitForFunction(
        ([id, name]) =>
          document.querySelector(`li.xz-booth[data-booth="${id}"] .xz-booth__employer`)?.textContent === name,
        [a01!.id, employerName] as const,
        { timeout: 15_000 },
      );
      expect(await cell(pub, a01!.id).textContent()).to.include('已预定');

      // A booking cancelled elsewhere frees its booth: the viewer's map links to the booking form again.
      const second = await bookBooth(viewer!, fair.id, a02!.id);
      expect(second.statusCode, second.payload).to.equal(201);
      await waitForState(employer, a02!.id, 'held');
      const cancelled = await inject({
        method: 'POST',
        url: `/api/v1/employer/fair-bookings/${(JSON.parse(second.payload) as { id: number }).id}/cancel`,
        headers: bearer(viewer!.token),
      });
      expect(cancelled.statusCode).to.equal(200);
      await waitForState(employer, a02!.id, 'free');
      const link = cell(employer, a02!.id).locator('a.xz-booth__box');
      expect(await link.getAttribute('href')).to.equal(
        `/s/cpu/employer/fairs/${fair.id}/book?booth=${a02!.id}`,
      );
      expect(await cell(employer, a02!.id).textContent()).to.include('空闲');

      for (const page of [pub, main, employer]) expect(await notReloaded(page)).to.equal(true);
      expect(errors).to.deep.equal([]);
    } finally {
      await context.close();
    }
  });

  it('serves the map without JavaScript as rendered, inside <xz-fair-live fair="…">', async () => {
    const fair = await createFair('cpu');
    const res = await inject({ url: `/s/cpu/fairs/${fair.id}`, headers: { accept: 'text/html' } });
    expect(res.statusCode).to.equal(200);
    expect(res.payload).to.match(
      new RegExp(`<xz-fair-live class="xz-fair-live" fair(=|&#x3D;)"${fair.id}">`),
    );
    expect(res.payload).to.include(`data-booth="${fair.venues[0]!.booths[0]!.id}"`);
  });
});
