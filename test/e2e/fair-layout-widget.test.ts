import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { useChromium, watchErrors } from '../helpers/browser.js';
import { inject, json, staffToken } from '../helpers/deployment.js';
import { bearer } from '../helpers/employers.js';

// A jsut fair shown by <xz-fair-booking> on the widget demo page follows the staff's layout changes live.

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const BOOKING = '#demo-fair-booking';

type FairJson = {
  id: number;
  venues: { id: number; name: string; booths: { id: number; code: string }[] }[];
};

/** Booth codes and venue tabs the element shows now. */
function shown(page: Page) {
  return page.evaluate((selector) => {
    const root = document.querySelector(selector)!.shadowRoot!;
    return {
      booths: [...root.querySelectorAll('[data-booth]')].map((b) => b.textContent ?? ''),
      tabs: [...root.querySelectorAll('[part~="tab"]')].map((t) => (t.textContent ?? '').trim()),
    };
  }, BOOKING);
}

describe('e2e: <xz-fair-booking> follows layout changes', function () {
  this.timeout(90_000);
  let browser: Browser;
  let base: string;

  useChromium((b, url) => {
    browser = b;
    base = url;
  });

  it('shows added and removed booths and a renamed venue without reloading', async () => {
    const token = await staffToken('jsut.admin');
    const now = Date.now();
    const created = await inject({
      method: 'POST',
      url: '/api/v1/admin/sites/jsut/fairs',
      headers: bearer(token),
      payload: {
        title: `实时布局双选会 ${Math.random().toString(36).slice(2, 7)}`,
        startsAt: iso(now + 48 * HOUR),
        endsAt: iso(now + 56 * HOUR),
        bookingOpensAt: iso(now - HOUR),
        bookingClosesAt: iso(now + 24 * HOUR),
        boothSelection: 'at_booking',
        fee: { amount: 0, payment: 'none' },
        venues: [
          { name: '主会场', booths: [{ code: 'A01' }, { code: 'A02' }] },
          { name: '分会场', booths: [{ code: 'B01' }] },
        ],
      },
    });
    expect(created.statusCode, created.payload).to.equal(201);
    const fair = json<FairJson>(created);
    const [main, side] = fair.venues;
    const page = await browser.newPage();
    const errors = watchErrors(page);
    try {
      await page.goto(`${base}/widgets/demo?site=jsut`);
      await page.evaluate(
        ([selector, id]) => document.querySelector(selector as string)!.setAttribute('fair', String(id)),
        [BOOKING, fair.id] as const,
      );
      await page.waitForFunction(
        ([selector, id]) => {
          const el = document.querySelector(selector as string) as
            (Element & { live?: boolean; data?: { id: number } }) | null;
          return !!el?.live && el.data?.id === id;
        },
        [BOOKING, fair.id] as const,
        { timeout: 15_000 },
      );
      await page.evaluate(() => {
        (window as unknown as { notReloaded: boolean }).notReloaded = true;
      });
      const first = await shown(page);
      expect(first.booths.map((b) => b.trim().slice(0, 3))).to.deep.equal(['A01', 'A02']);

      const url = (rest: string) => `/api/v1/admin/sites/jsut/fairs/${fair.id}/venues/${rest}`;
      expect(
        (
          await inject({
            method: 'POST',
            url: url(`${main!.id}/booths`),
            headers: bearer(token),
            payload: { booths: [{ code: 'A03' }] },
          })
        ).statusCode,
      ).to.equal(201);
      expect(
        (
          await inject({
            method: 'DELETE',
            url: url(`${main!.id}/booths/${main!.booths[0]!.id}`),
            headers: bearer(token),
          })
        ).statusCode,
      ).to.equal(200);
      expect(
        (
          await inject({
            method: 'PUT',
            url: url(`${side!.id}`),
            headers: bearer(token),
            payload: { name: '体育馆' },
          })
        ).statusCode,
      ).to.equal(200);

      await page.waitForFunction(
        (selector) => {
          const root = document.querySelector(selector)!.shadowRoot!;
          const codes = [...root.querySelectorAll('[data-booth]')].map((b) =>
            (b.textContent ?? '').trim().slice(0, 3),
          );
          const tabs = [...root.querySelectorAll('[part~="tab"]')].map((t) => t.textContent ?? '');
          return codes.join(',') === 'A02,A03' && tabs.some((t) => t.includes('体育馆'));
        },
        BOOKING,
        { timeout: 5_000 },
      );
      expect(
        await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
      ).to.equal(true);
      expect(errors).to.deep.equal([]);
    } finally {
      await page.close();
    }
  });
});
