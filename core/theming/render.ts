// Page rendering: every page goes through renderPage, which picks the request's site and theme, builds the
// context every theme template may rely on (see themes/README in the project README) and renders with vision.
import type { Request, ResponseObject, ResponseToolkit, Server } from '@hapi/hapi';
import Vision from '@hapi/vision';
import { isAbsolute, join } from 'node:path';
import type { App } from '../app.js';
import { sessionCookie } from '../auth/principals.js';
import type { SiteRegistry } from '../tenancy/sites.js';
import { CSRF_KEY } from './helpers/csrf-field.js';
import type { ThemeRegistry } from './themes.js';
import year from './helpers/year.js';

export const WIDGET_SCRIPT = '/widgets/v1/xiaozhao.js';

export interface PageOptions {
  title?: string;
  description?: string;
  status?: number;
  /** Alternate representations (feeds), announced in the head as <link rel="alternate">. */
  alternates?: { type: string; title: string; href: string }[];
}

/** Theme templates every theme has; anything else is an absolute path to a feature's view. */
export type ThemeTemplate = 'home' | '404' | 'error';

export async function registerViews(server: Server, themes: ThemeRegistry): Promise<void> {
  await server.register(Vision);
  server.views({
    engines: { hbs: themes.visionEngine() },
    relativeTo: themes.dir,
    layout: 'default',
    isCached: true,
    compileMode: 'sync',
    allowAbsolutePaths: true,
  });
}

function signedIn(request: Request, kind: 'employer' | 'staff'): boolean {
  const state = request.state as Record<string, unknown> | null;
  return typeof state?.[sessionCookie(kind)] === 'string';
}

export function pageLinks(request: Request, sites: SiteRegistry) {
  const { site, basePath } = request.app.xz;
  const main = sites.main();
  const local = (p: string) => `${basePath}${p}`;
  return {
    home: local('/'),
    mainSite: basePath ? '/' : site.isMain ? '/' : main.url,
    schools: basePath ? '/#schools' : site.isMain ? '/#schools' : `${main.url}#schools`,
    widgetsDemo: '/widgets/demo',
    apiDocs: '/documentation',
    employerLogin: local('/employer/login'),
    staffLogin: local('/admin/login'),
    // Where the header's entries lead: a visitor holding a session (its cookie) goes straight to the centre or the
    // console, whose pages check the session themselves and send an expired one to the login page.
    employer: signedIn(request, 'employer')
      ? { href: local('/employer'), label: '单位中心' }
      : { href: local('/employer/login'), label: '单位登录' },
    staff: signedIn(request, 'staff')
      ? { href: local('/admin'), label: '管理后台' }
      : { href: local('/admin/login'), label: '管理登录' },
  };
}

export function renderPage(
  request: Request,
  h: ResponseToolkit,
  sites: SiteRegistry,
  themes: ThemeRegistry,
  template: ThemeTemplate | (string & {}),
  data: Record<string, unknown>,
  options: PageOptions = {},
): ResponseObject {
  const { site, basePath } = request.app.xz;
  const theme = themes.require(site.theme.name);
  const settings = site.theme.settings;
  const navigation = (settings.navigation as { label: string; href: string }[] | undefined) ?? [];
  const nav = navigation.map((item) => {
    const href = /^https?:\/\//.test(item.href) ? item.href : `${basePath}${item.href}`;
    const active =
      item.href === '/'
        ? request.path === '/'
        : request.path === item.href || request.path.startsWith(`${item.href}/`);
    return { label: item.label, href, active };
  });
  const context = {
    site: {
      slug: site.slug,
      name: site.name,
      shortName: site.shortName,
      city: site.city,
      level: site.level,
      department: site.department,
      remark: site.remark,
      isMain: site.isMain,
      url: basePath ? `${basePath}/` : site.url,
    },
    settings,
    page: {
      title: options.title ?? '',
      description: options.description,
      alternates: options.alternates ?? [],
      path: request.path,
      template: isAbsolute(template) ? 'feature' : template,
    },
    theme: { name: theme.name, version: theme.version },
    basePath,
    widgetScript: WIDGET_SCRIPT,
    nav,
    links: pageLinks(request, sites),
    year: year(),
    ...data,
  };
  return h
    .view(isAbsolute(template) ? template : join(themes.dir, theme.name, 'templates', template), context, {
      path: themes.dir,
      layoutPath: join(themes.dir, theme.name, 'layouts'),
      layout: 'default',
    })
    .code(options.status ?? 200)
    .type('text/html; charset=utf-8');
}

/** Renders a feature's own view (a file under its views folder) in the site's theme. */
export type FeatureRenderer = (
  app: App,
  request: Request,
  h: ResponseToolkit,
  view: string,
  data: Record<string, unknown>,
  title: string,
  status?: number,
  options?: { description?: string; cache?: boolean },
) => ResponseObject;

/**
 * The renderer of a page plugin whose views live in `viewsDir`. Pages are `no-store` unless `cache` is set (they show
 * a signed-in user's data). The CSRF token comes from the cookie as well: crumb adds it to the view context only once
 * it has run, not when a payload failAction answers before onPostAuth.
 */
export function featureRenderer(viewsDir: string): FeatureRenderer {
  return (app, request, h, view, data, title, status = 200, options = {}) => {
    const context = { [CSRF_KEY]: (request.state as Record<string, unknown> | null)?.[CSRF_KEY], ...data };
    const response = renderPage(request, h, app.sites, app.themes, join(viewsDir, `${view}.hbs`), context, {
      title,
      status,
      description: options.description,
    });
    return options.cache ? response : response.header('Cache-Control', 'no-store');
  };
}
