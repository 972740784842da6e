// Rendering of the public listing pages: each view is a file under views/ rendered inside the site's theme layout.
// Query strings are read leniently: a filter value that fails its joi rule is dropped and the page renders without
// it, so a stale or hand-edited link never ends in an error page.
import type { Request, ResponseObject, ResponseToolkit } from '@hapi/hapi';
import type Joi from 'joi';
import { join } from 'node:path';
import type { App } from '../../core/app.js';
import { ROOT } from '../../core/paths.js';
import { renderPage, type PageOptions } from '../../core/theming/render.js';
import type { JobService } from '../jobs/job-service.js';

export const VIEWS_DIR = join(ROOT, 'plugins', 'listing-pages', 'views');

/** One job as the public listings give it (`JobService.publicList` items). */
export type PublicJob = ReturnType<JobService['publicView']>;

export interface PublicJobList {
  items: PublicJob[];
  total: number;
  totalIsCapped?: boolean;
  page: number;
  pageSize: number;
}

export interface PublicAnnouncementSummary {
  id: number;
  title: string;
  employer: { id: number; name: string };
  publishedAt: string;
  url: string;
}

export interface PublicAnnouncementList {
  items: PublicAnnouncementSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export function render(
  app: App,
  request: Request,
  h: ResponseToolkit,
  view: string,
  data: Record<string, unknown>,
  page: PageOptions & { title: string },
): ResponseObject {
  return renderPage(request, h, app.sites, app.themes, join(VIEWS_DIR, `${view}.hbs`), data, page);
}

/**
 * A hapi query validator that drops the parameters failing `schema` instead of answering 400; every key of the
 * schema must be optional (or have a default) so the second pass always succeeds.
 */
export function lenientQuery(schema: Joi.ObjectSchema) {
  return async (value: object | Buffer | string): Promise<Record<string, unknown>> => {
    const input: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const first = schema.validate(input, { abortEarly: false });
    if (!first.error) return first.value as Record<string, unknown>;
    for (const detail of first.error.details) delete input[String(detail.path[0])];
    const second = schema.validate(input, { abortEarly: false });
    if (second.error) throw second.error;
    return second.value as Record<string, unknown>;
  };
}

/** A path parameter validator whose failure is the page's 404 (e.g. /jobs/abc), never a 400. */
export function paramsOr404(schema: Joi.ObjectSchema, notFound: () => Error) {
  return async (value: object | Buffer | string): Promise<Record<string, unknown>> => {
    const { error, value: valid } = schema.validate(value);
    if (error) throw notFound();
    return valid as Record<string, unknown>;
  };
}

export interface Pager {
  page: number;
  pages: number;
  prev?: string;
  next?: string;
  items: { n?: number; href?: string; current?: boolean; gap?: boolean }[];
}

/** Builds `path?…&page=n` keeping the filters that are set (site-relative; the `url` helper adds any prefix). */
export function listHref(path: string, filters: Record<string, string | undefined>, page = 1): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Page links: the first, the last and two either side of the current page; null when one page holds all. */
export function pager(
  path: string,
  filters: Record<string, string | undefined>,
  page: number,
  pageSize: number,
  total: number,
): Pager | null {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const items: Pager['items'] = [];
  let last = 0;
  for (let n = 1; n <= pages; n += 1) {
    if (n !== 1 && n !== pages && Math.abs(n - page) > 2) continue;
    if (n - last > 1) items.push({ gap: true });
    items.push({ n, href: listHref(path, filters, n), current: n === page });
    last = n;
  }
  return {
    page,
    pages,
    prev: page > 1 ? listHref(path, filters, Math.min(page - 1, pages)) : undefined,
    next: page < pages ? listHref(path, filters, page + 1) : undefined,
    items,
  };
}
