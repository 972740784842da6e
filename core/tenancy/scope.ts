// Tenant scope: the only place that compares a row's site with the request's site or a staff member's site. Features
// never write `staff.siteId !== …` or `row.site_id === …` themselves; they call these, so the rule (and its answer:
// 403 for staff of another site, 404 for another site's row) is the same everywhere.
import { appError } from '../http/errors.js';
import type { Site } from './sites.js';

/** A site named by id, by slug, or as the registry's object. */
export type SiteRef = number | string | Pick<Site, 'id' | 'slug'>;

/** Who works for a site: staff credentials carry both the site's id and slug. */
export interface SiteStaff {
  siteId: number;
  site: string;
}

function matches(staff: SiteStaff, site: SiteRef): boolean {
  if (typeof site === 'number') return staff.siteId === site;
  if (typeof site === 'string') return staff.site === site;
  return staff.siteId === site.id;
}

/** True when `staff` works for `site`. */
export function isStaffOf(staff: SiteStaff, site: SiteRef): boolean {
  return matches(staff, site);
}

export const OTHER_SITE_MESSAGE = '您只能管理本校站点的数据';

/** 403 FORBIDDEN unless `staff` works for `site`. */
export function assertStaffOf(staff: SiteStaff, site: SiteRef, message = OTHER_SITE_MESSAGE): void {
  if (!matches(staff, site)) throw appError(403, 'FORBIDDEN', message);
}

/** The site a row belongs to, whichever way the row spells it. */
function siteIdOf(row: object): number | undefined {
  const r = row as { site_id?: number | string; siteId?: number | string };
  const id = r.site_id ?? r.siteId;
  return id === undefined || id === null ? undefined : Number(id);
}

/**
 * `row` when it belongs to `siteId`; otherwise (missing, or another site's) the caller's not-found error: a row of
 * another site is as absent as one that does not exist.
 */
export function inSite<T extends object>(
  row: T | null | undefined,
  siteId: number,
  notFound: () => Error,
): T {
  if (!row || siteIdOf(row) !== siteId) throw notFound();
  return row;
}

/** True when `row` belongs to `siteId`. */
export function belongsTo(row: object | null | undefined, siteId: number): boolean {
  return !!row && siteIdOf(row) === siteId;
}
