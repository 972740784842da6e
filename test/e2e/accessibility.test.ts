// WCAG 2 A/AA checks (axe-core in Chromium) on the public pages, for the main site, a school of each theme and the
// schools whose palettes have the least contrast with white: every school picks its own colours, and text in them
// must stay legible.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { contrast } from '../../core/theming/contrast.js';
import { useChromium } from '../helpers/browser.js';
import { getDeployment, staffToken } from '../helpers/deployment.js';
import { memberOf } from '../helpers/employers.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe('e2e: accessibility of the public pages in Chromium (axe-core, WCAG 2 AA)', function () {
  this.timeout(300_000);
  let browser: Browser;
  let base: string;

  useChromium((b, url) => {
    browser = b;
    base = url;
  });

  it('finds no violations on main, a school of each theme, the palettes with the least contrast, and signed in', async () => {
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
    // the employer centre and the staff console, signed in, in the lightest primary palette
    const light = lightest('primaryColor');
    const employer = await memberOf([light]);
    const staff = await staffToken(`${light}.admin`);
    const signedIn = [
      ...[
        '',
        '/jobs/new',
        '/jobs',
        '/announcements/new',
        '/fairs',
        '/fair-bookings',
        '/profile',
        '/sites',
      ].map((p) => [`/s/${light}/employer${p}`, 'xz_employer', employer.token] as const),
      ...['/reviews', '/fairs', '/settings'].map(
        (p) => [`/s/${light}/admin${p}`, 'xz_staff', staff] as const,
      ),
    ];
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    for (const [path, cookie, token] of signedIn) {
      await context.addCookies([{ name: cookie, value: token, url: base }]);
      paths.push(path);
    }
    for (const path of paths) {
      const res = await page.goto(`${base}${path}`);
      expect(res?.status(), path).to.equal(200);
      // a signed-in page must not have sent us to its login page
      if (/\/(employer|admin)\//.test(path) && !/\/(login|register)$/.test(path))
        expect(new URL(page.url()).pathname, path).to.equal(path.replace(/\/$/, ''));
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
