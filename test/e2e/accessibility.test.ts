// WCAG 2 A/AA checks (axe-core in Chromium) on the public pages, for the main site, a school of each theme and the
// schools whose palettes have the least contrast with white: every school picks its own colours, and text in them
// must stay legible.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { contrast } from '../../core/theming/contrast.js';
import { launchChromium } from '../helpers/browser.js';
import { getDeployment, listeningBase } from '../helpers/deployment.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe('e2e: accessibility of the public pages in Chromium (axe-core, WCAG 2 AA)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let base: string;

  before(async () => {
    base = await listeningBase();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  it('finds no violations on main, a school of each theme and the palettes with the least contrast', async () => {
    const { app } = await getDeployment();
    const schools = app.sites.schools();
    const lightest = (key: string) =>
      [...schools].sort(
        (a, b) =>
          contrast(String(a.theme.settings[key]), '#ffffff') -
          contrast(String(b.theme.settings[key]), '#ffffff'),
      )[0]!.slug;
    const slugs = new Set([
      ...app.themes.names().map((t) => schools.find((s) => s.theme.name === t)!.slug),
      lightest('primaryColor'),
      lightest('secondaryColor'),
      lightest('accentColor'),
    ]);
    const paths = ['/', '/jobs', '/fairs', '/employer/login', '/widgets/demo'];
    for (const slug of slugs) paths.push(`/s/${slug}/`, `/s/${slug}/jobs`, `/s/${slug}/employer/register`);
    const page = await browser.newPage();
    const violations: string[] = [];
    for (const path of paths) {
      await page.goto(`${base}${path}`);
      await page.waitForLoadState('networkidle');
      await page.addScriptTag({ content: AXE });
      const found = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<AxeResult> } })
          .axe;
        const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] });
        return result.violations.flatMap((v) =>
          v.nodes.map((n) => `${v.id} ${n.target.join(' ')}: ${n.any[0]?.message ?? v.help}`),
        );
      });
      violations.push(...found.map((f) => `${path} ${f}`));
    }
    expect(violations, violations.join('\n')).to.deep.equal([]);
  });
});

interface AxeResult {
  violations: { id: string; help: string; nodes: { target: string[]; any: { message: string }[] }[] }[];
}
