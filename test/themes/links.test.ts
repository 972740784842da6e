// Pages that work: every link a visitor can follow from a site's home page and its public lists leads to a page —
// on the main site and on a school of each theme, reached by its /s/<slug> prefix — and so does every link inside
// the employer centre and the staff console, followed three clicks deep. Every page reached is valid HTML
// (html-validate's standard rules: content models, ARIA, labels, autocomplete tokens …).
import { expect } from 'chai';
import type { ServerInjectResponse } from '@hapi/hapi';
import { HtmlValidate } from 'html-validate';
import { getDeployment, inject, staffToken } from '../helpers/deployment.js';
import { memberOf } from '../helpers/employers.js';

const validator = new HtmlValidate({ extends: ['html-validate:standard'] });

/** Internal links of a page (absolute paths; other hosts and fragments left out). */
function links(html: string): string[] {
  return [...html.matchAll(/href="(\/[^"#/][^"#]*|\/)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

/** Follows links from the start pages, `depth` clicks deep, staying under `area`; what it found wrong. */
async function crawl(starts: string[], area: (href: string) => boolean, depth: number, cookie = '') {
  const status = new Map<string, number>();
  const problems: string[] = [];
  let frontier = starts;
  for (let level = 0; level <= depth && frontier.length > 0; level += 1) {
    const next: string[] = [];
    for (const path of frontier) {
      if (status.has(path)) continue;
      const res: ServerInjectResponse = await inject({ url: path, headers: { accept: 'text/html', cookie } });
      status.set(path, res.statusCode);
      if (res.statusCode >= 400) problems.push(`${path} → ${res.statusCode}`);
      if (!String(res.headers['content-type']).startsWith('text/html')) continue;
      const report = await validator.validateString(res.payload);
      for (const m of report.results.flatMap((r) => r.messages))
        problems.push(`${path} line ${m.line}: ${m.ruleId}: ${m.message}`);
      for (const href of links(res.payload))
        if (area(href) && !href.startsWith('/api/') && !/logout/.test(href) && !status.has(href))
          next.push(href);
    }
    frontier = next;
  }
  return { visited: status.size, problems };
}

describe('links on the public pages', () => {
  it('lead to valid pages on the main site and on a school of every theme', async function () {
    this.timeout(90_000);
    const { app } = await getDeployment();
    const schools = app.themes
      .names()
      .map((theme) => app.sites.schools().find((s) => s.theme.name === theme)!.slug);
    expect(schools).to.have.length.greaterThan(2);
    const starts = ['', ...schools.map((s) => `/s/${s}`)].flatMap((prefix) =>
      ['/', '/jobs', '/announcements', '/fairs', '/presentations'].map((p) =>
        p === '/' && prefix ? prefix : `${prefix}${p}`,
      ),
    );
    const { visited, problems } = await crawl(starts, () => true, 1);
    expect(visited).to.be.greaterThan(40);
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });

  it('lead to valid pages inside the employer centre and the staff console', async function () {
    this.timeout(90_000);
    const slug = 'njue';
    const employer = await memberOf([slug]);
    const staff = await staffToken(`${slug}.admin`);
    for (const [start, cookie, area] of [
      [`/s/${slug}/employer`, `xz_employer=${employer.token}`, `/s/${slug}/employer`],
      [`/s/${slug}/admin/reviews`, `xz_staff=${staff}`, `/s/${slug}/admin`],
    ] as const) {
      const { visited, problems } = await crawl([start], (href) => href.startsWith(area), 3, cookie);
      expect(visited, start).to.be.greaterThan(4);
      expect(problems, problems.join('\n')).to.deep.equal([]);
    }
  });

  it('lead a signed-in employer to 单位中心 and signed-in staff to 管理后台 in every theme', async () => {
    const { app } = await getDeployment();
    const employer = await memberOf(['njue']);
    for (const theme of app.themes.names()) {
      const slug = app.sites.schools().find((s) => s.theme.name === theme)!.slug;
      const home = (cookie = '') => inject({ url: `/s/${slug}/`, headers: { accept: 'text/html', cookie } });
      const visitor = (await home()).payload;
      expect(visitor, theme).to.include(`href="/s/${slug}/employer/login">单位登录</a>`);
      expect(visitor, theme).to.not.include('单位中心</a>');
      // (the site's menu may still list 单位登录: menus are the site's own settings)
      const signedIn = (await home(`xz_employer=${employer.token}`)).payload;
      expect(signedIn, theme).to.include(`href="/s/${slug}/employer">单位中心</a>`);
      const staff = (await home(`xz_staff=${await staffToken(`${slug}.admin`)}`)).payload;
      if (visitor.includes('管理登录</a>'))
        expect(staff, theme).to.include(`href="/s/${slug}/admin">管理后台</a>`);
    }
  });
});
