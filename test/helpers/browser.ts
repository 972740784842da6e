// Debian's Chromium driven by playwright-core; no browser is ever downloaded.
import { chromium, type Browser, type Page } from 'playwright-core';
import { listeningBase } from './deployment.js';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Console errors and uncaught exceptions of a page; the browser's own favicon request is not the page's. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.location().url.endsWith('/favicon.ico'))
      errors.push(`${msg.text()} (${msg.location().url})`);
  });
  return errors;
}

/** A form field's accessible name, which may end with the required mark (*). */
export const fieldLabel = (label: string) => new RegExp(`^${label}\\*?$`);

/**
 * Registers hooks in the calling describe: the deployment listens, one Chromium serves the describe's tests and is
 * closed after them. `ready` receives the browser and the base URL.
 */
export function useChromium(ready: (browser: Browser, base: string) => void): void {
  let browser: Browser | undefined;
  before(async () => {
    const base = await listeningBase();
    browser = await launchChromium();
    ready(browser, base);
  });
  after(async () => {
    await browser?.close();
  });
}
