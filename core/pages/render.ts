// Rendering a feature's page: `render(request, h, 'jobs/job-form', { data, title })` renders
// plugins/jobs/views/job-form.hbs inside the site's theme layout. A page declared for employers gets the
// employer-centre shell data (`centre`), one for staff the console's (`console`), built from the menu entries the
// features contributed; `menu` names the entry to mark current. Pages are `no-store` unless `cache` is set (they show
// a signed-in user's data). The CSRF token comes from the cookie as well: crumb adds it to the view context only
// once it has run, not when a payload failAction answers before onPostAuth.
import type { Request, ResponseObject, ResponseToolkit, Server } from '@hapi/hapi';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '../app.js';
import type { StaffCredentials } from '../auth/principals.js';
import { ROOT } from '../paths.js';
import { CSRF_KEY } from '../theming/helpers/csrf-field.js';
import { renderPage, type PageOptions } from '../theming/render.js';
import type { ThemeRegistry } from '../theming/themes.js';
import { pageOf, pageRoutes, type PageRoute } from './access.js';
import { sessionOf } from './session.js';
import type { EmployerSession, StudentSession } from './ui.js';

export interface RenderOptions extends Omit<PageOptions, 'title' | 'status'> {
  title: string;
  data?: Record<string, unknown>;
  status?: number;
  /** the menu entry of the employer centre or staff console to mark current */
  menu?: string;
  /** cacheable (public pages); otherwise no-store */
  cache?: boolean;
}

/** The application behind a request (set on server.app by createServer). */
export function appOf(request: Request): App {
  return (request.server.app as { xz: App }).xz;
}

/** plugins/<feature>/views/<name>.hbs for `<feature>/<name>`. */
export function viewFile(view: string): string {
  const slash = view.indexOf('/');
  if (slash < 1) throw new Error(`xiaozhao: view "${view}" must be "<feature>/<view>"`);
  return join(ROOT, 'plugins', view.slice(0, slash), 'views', `${view.slice(slash + 1)}.hbs`);
}

export async function render(
  request: Request,
  h: ResponseToolkit,
  view: string,
  o: RenderOptions,
): Promise<ResponseObject> {
  const app = appOf(request);
  const page = pageOf(request);
  // a public page that reads a session (a form anyone may post, answered by a page of the signed-in area) gets that
  // area's shell too
  const audience = page?.audience === 'public' ? page.session : page?.audience;
  const context: Record<string, unknown> = {
    [CSRF_KEY]: (request.state as Record<string, unknown> | null)?.[CSRF_KEY],
  };
  if (audience === 'employer') {
    const c = sessionOf<EmployerSession & { kind: 'employer' }>(request, 'employer');
    if (c) context.centre = await app.pages.employerCentre(request, c, o.menu ?? '');
  } else if (audience === 'staff') {
    const c = sessionOf<StaffCredentials>(request, 'staff');
    if (c) context.console = await app.pages.staffConsole(request, c, o.menu ?? '');
  } else if (audience === 'student') {
    const c = sessionOf<StudentSession>(request, 'student');
    if (c) context.studentArea = await app.pages.studentArea(request, c, o.menu ?? '');
  }
  const response = renderPage(
    request,
    h,
    app.sites,
    app.themes,
    viewFile(view),
    { ...context, ...o.data },
    {
      title: o.title,
      status: o.status,
      description: o.description,
      alternates: o.alternates,
    },
  );
  return o.cache ? response : response.header('Cache-Control', 'no-store');
}

/** `<dir>/xz-*.hbs` become partials of every theme. */
export function registerPartialsIn(themes: ThemeRegistry, dir: string): void {
  if (!existsSync(dir)) return;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
    themes.registerSharedPartial(file.replace(/\.hbs$/, ''), readFileSync(join(dir, file), 'utf8'));
  }
}

export const CORE_PARTIALS = join(ROOT, 'core', 'pages', 'views', 'partials');

/**
 * What a feature plugin calls to add its pages: its partials (views/partials/xz-<feature>-*.hbs), its stylesheet
 * (styles.css beside index.ts, if any) and its page routes.
 */
export function addFeaturePages(server: Server, app: App, feature: string, routes: PageRoute[]): void {
  const dir = join(ROOT, 'plugins', feature);
  registerPartialsIn(app.themes, join(dir, 'views', 'partials'));
  if (existsSync(join(dir, 'styles.css'))) app.pages.style(feature, join(dir, 'styles.css'));
  if (routes.length) server.route(pageRoutes(routes));
}
