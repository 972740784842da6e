import type { ServerRoute } from '@hapi/hapi';
import type { App } from '../../../../core/app.js';
import { renderPage } from '../../../../core/theming/render.js';
import type { Site } from '../../../../core/tenancy/sites.js';
import { latestOf } from '../../latest.js';

function directory(app: App, basePath: string, siteLink: (s: Site) => string) {
  const schools = app.sites.schools();
  const byCity = new Map<string, Site[]>();
  for (const s of schools) byCity.set(s.city, [...(byCity.get(s.city) ?? []), s]);
  const cities = [...byCity.entries()]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0], 'zh'))
    .map(([city, list]) => ({
      city,
      sites: list.map((s) => ({ slug: s.slug, name: s.name, level: s.level, href: siteLink(s) })),
    }));
  return {
    stats: {
      schoolCount: schools.length,
      cityCount: byCity.size,
      undergraduateCount: schools.filter((s) => s.level === '本科').length,
      vocationalCount: schools.filter((s) => s.level === '专科').length,
    },
    cities,
    basePath,
  };
}

/** The site's home page, in the theme's own `home` template, with the site's latest content (`latest`). */
export function homePages(app: App): ServerRoute {
  return {
    method: 'GET',
    path: '/',
    options: {
      app: { page: { audience: 'public' } },
      handler: async (request, h) => {
        const { site, basePath } = request.app.xz;
        const latest = await latestOf(app, site);
        if (site.isMain) {
          // Reached by prefix (single-domain deployment) → link schools by prefix too; by host → their own hosts.
          const byPrefix = request.app.xz.basePath !== '' || !app.sites.byHost(request.info.hostname ?? '');
          const link = (s: Site) => (byPrefix ? `/s/${s.slug}/` : s.url);
          return renderPage(
            request,
            h,
            app.sites,
            app.themes,
            'home',
            { ...directory(app, basePath, link), latest },
            {
              title: '',
            },
          );
        }
        const facts = [
          { label: '所在城市', value: site.city },
          { label: '办学层次', value: site.level },
          { label: '主管部门', value: site.department || '—' },
          ...(site.remark ? [{ label: '备注', value: site.remark }] : []),
          { label: '学校标识码', value: site.code ?? '—' },
        ];
        return renderPage(request, h, app.sites, app.themes, 'home', { facts, latest }, { title: '' });
      },
    },
  };
}
