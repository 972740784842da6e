// Page rendering: every page goes through renderPage, which picks the request's site and theme, builds the
// context every theme template may rely on (see themes/README in the project README) and renders with vision.
import type { Request, ResponseObject, ResponseToolkit, Server } from '@hapi/hapi';
import Vision from '@hapi/vision';
import { isAbsolute, join } from 'node:path';
import { sessionCookie } from '../auth/principals.js';
import type { SiteRegistry } from '../tenancy/sites.js';
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

function signedIn(request: Request, kind: 'employer' | 'staff' | 'student'): boolean {
  const state = request.state as Record<string, unknown> | null;
  return typeof state?.[sessionCookie(kind)] === 'string';
}

/** The audience a page route declares (`options.app.page`), if any. */
function audienceOf(request: Request): string | undefined {
  return (request.route.settings.app as { page?: { audience?: string } } | undefined)?.page?.audience;
}

export function pageLinks(request: Request, sites: SiteRegistry) {
  const { site, basePath } = request.app.xz;
  const visitor = request.app.visitor;
  const main = sites.main();
  const local = (p: string) => `${basePath}${p}`;
  return {
    home: local('/'),
    mainSite: basePath ? '/' : site.isMain ? '/' : main.url,
    schools: basePath ? '/#schools' : site.isMain ? '/#schools' : `${main.url}#schools`,
    widgetsDemo: '/widgets/demo',
    apiDocs: '/documentation',
    employerLogin: local('/employer/login'),
    employerRegister: local('/employer/register'),
    staffLogin: local('/admin/login'),
    // Where the header's entries lead: a visitor holding a session (its cookie) goes straight to the centre or the
    // console, whose pages check the session themselves and send an expired one to the login page.
    // The staff console has nothing for employers: no 单位登录 there.
    employer:
      audienceOf(request) === 'staff'
        ? null
        : signedIn(request, 'employer')
          ? { href: local('/employer'), label: '单位中心' }
          : { href: local('/employer/login'), label: '单位登录' },
    // Students belong to schools: 学生登录 on school sites only, 学生中心 once signed in; not in the staff console.
    student:
      site.isMain || audienceOf(request) === 'staff'
        ? null
        : signedIn(request, 'student')
          ? { href: local('/student'), label: '学生中心' }
          : { href: local('/student/login'), label: '学生登录' },
    staff: signedIn(request, 'staff')
      ? { href: local('/admin'), label: '管理后台' }
      : { href: local('/admin/login'), label: '管理登录' },
    // Who is signed in, greeted by name with a way out (public pages; see core/pages/visitor.ts).
    visitor: visitor
      ? {
          kind: visitor.kind,
          name: visitor.name,
          logout: local(
            visitor.kind === 'employer'
              ? '/employer/logout'
              : visitor.kind === 'student'
                ? '/student/logout'
                : '/admin/logout',
          ),
        }
      : null,
  };
}

/**
 * The site's menu (theme setting `navigation`) for this request: its 单位登录 entry leads a signed-in employer to
 * 单位中心 and is left out of the staff console, as the header's own employer link is.
 */
function navigation(request: Request, items: { label: string; href: string }[]) {
  const { basePath } = request.app.xz;
  const staffPage = audienceOf(request) === 'staff';
  const employer = signedIn(request, 'employer');
  return items.flatMap((entry) => {
    let item = entry;
    if (item.href === '/employer/login') {
      if (staffPage) return [];
      if (employer) item = { label: '单位中心', href: '/employer' };
    }
    const href = /^https?:\/\//.test(item.href) ? item.href : `${basePath}${item.href}`;
    const active =
      item.href === '/'
        ? request.path === '/'
        : request.path === item.href || request.path.startsWith(`${item.href}/`);
    return [{ label: item.label, href, active }];
  });
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
  const nav = navigation(
    request,
    (settings.navigation as { label: string; href: string }[] | undefined) ?? [],
  );
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
  const response = h
    .view(isAbsolute(template) ? template : join(themes.dir, theme.name, 'templates', template), context, {
      path: themes.dir,
      layoutPath: join(themes.dir, theme.name, 'layouts'),
      layout: 'default',
    })
    .code(options.status ?? 200)
    .type('text/html; charset=utf-8');
  // a page that greets someone by name is theirs alone
  return request.app.visitor ? response.header('Cache-Control', 'private, no-store') : response;
}
