// Pages that work: every link a visitor can follow from a site's home page and its public lists leads to a page —
// on the main site and on a school of each theme, reached by its /s/<slug> prefix — and so does every link inside
// the employer centre and the staff console, followed three clicks deep.
import { expect } from 'chai';
import { getDeployment, inject, staffToken } from '../helpers/deployment.js';
import { memberOf } from '../helpers/employers.js';

/** Internal links of a page (absolute paths; other hosts and fragments left out). */
function links(html: string): string[] {
  return [...html.matchAll(/href="(\/[^"#/][^"#]*|\/)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

describe('links on the public pages', () => {
  it('lead to pages on the main site and on a school of every theme', async function () {
    this.timeout(60_000);
    const { app } = await getDeployment();
    const schools = app.themes
      .names()
      .map((theme) => app.sites.schools().find((s) => s.theme.name === theme)!.slug);
    expect(schools).to.have.length.greaterThan(2);
    const broken: string[] = [];
    const visited = new Map<string, number>();
    const visit = async (path: string) => {
      if (!visited.has(path)) {
        const res = await inject({ url: path, headers: { accept: 'text/html' } });
        visited.set(path, res.statusCode);
        if (res.statusCode >= 400) broken.push(`${path} → ${res.statusCode}`);
        return res.payload;
      }
      return '';
    };
    for (const prefix of ['', ...schools.map((s) => `/s/${s}`)]) {
      for (const start of ['/', '/jobs', '/announcements', '/fairs']) {
        const html = await visit(`${prefix}${start === '/' && prefix ? '' : start}` || '/');
        for (const href of links(html)) if (!href.startsWith('/api/')) await visit(href);
      }
    }
    expect(visited.size).to.be.greaterThan(40);
    expect(broken, broken.join('\n')).to.deep.equal([]);
  });

  it('lead to pages inside the employer centre and the staff console', async function () {
    this.timeout(60_000);
    const slug = 'njue';
    const employer = await memberOf([slug]);
    const staff = await staffToken(`${slug}.admin`);
    for (const [start, cookie, area] of [
      [`/s/${slug}/employer`, `xz_employer=${employer.token}`, `/s/${slug}/employer`],
      [`/s/${slug}/admin/reviews`, `xz_staff=${staff}`, `/s/${slug}/admin`],
    ] as const) {
      const status = new Map<string, number>();
      let frontier = [start as string];
      for (let depth = 0; depth < 3; depth += 1) {
        const next: string[] = [];
        for (const path of frontier) {
          if (status.has(path)) continue;
          const res = await inject({ url: path, headers: { accept: 'text/html', cookie } });
          status.set(path, res.statusCode);
          for (const href of links(res.payload))
            if (href.startsWith(area) && !/logout/.test(href) && !status.has(href)) next.push(href);
        }
        frontier = next;
      }
      const broken = [...status].filter(([, code]) => code >= 400).map(([path, code]) => `${path} → ${code}`);
      expect(status.size, start).to.be.greaterThan(4);
      expect(broken, broken.join('\n')).to.deep.equal([]);
    }
  });
});
