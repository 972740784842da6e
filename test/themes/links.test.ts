// Pages that work: every link a visitor can follow from a site's home page and its public lists leads to a page —
// on the main site and on a school of each theme, reached by its /s/<slug> prefix.
import { expect } from 'chai';
import { getDeployment, inject } from '../helpers/deployment.js';

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
});
