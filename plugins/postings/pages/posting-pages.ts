// What the job and announcement pages share: the employer's joined school sites as checkboxes (main is never
// chosen: a certified employer always publishes there), each copy's review status in Chinese, the per-site counts of
// the management lists, and the ids a 推送分站 selection carries (`?ids=1,2` or `?ids=1&ids=2`).
import Joi from 'joi';
import { service, type App } from '../../../core/app.js';
import type { PublicationView } from '../publications.js';
import { dateTime } from '../../../core/pages/index.js';

/** All joined school sites fit on one page of the membership service (Jiangsu has 175 schools). */
const JOINED_PAGE_SIZE = 500;

export const PUBLICATION_STATUS = {
  pending: { label: '待审核', tone: 'warning' },
  approved: { label: '已通过', tone: 'success' },
  rejected: { label: '未通过', tone: 'danger' },
} as const;

export interface JoinedSite {
  slug: string;
  name: string;
  city: string;
}

/** The school sites whose membership is approved (已入驻), by name. */
export async function joinedSites(app: App, employerId: number): Promise<JoinedSite[]> {
  const result = await service(app, 'memberships').listForEmployer(employerId, {
    tab: 'joined',
    page: 1,
    pageSize: JOINED_PAGE_SIZE,
  });
  return result.items
    .map(({ site }) => ({ slug: site.slug, name: site.name, city: site.city }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}

export interface SiteChoice {
  id: string;
  slug: string;
  name: string;
  city: string;
  checked: boolean;
  disabled: boolean;
  note?: string;
}

/**
 * The joined sites as checkboxes. `published` (slug → how many of the postings already are there) marks sites every
 * posting is on as disabled, and notes partial ones.
 */
export function siteChoices(
  sites: JoinedSite[],
  chosen: readonly string[],
  scope: string,
  published: { counts: Map<string, number>; of: number } | null = null,
): SiteChoice[] {
  return sites.map((s) => {
    const on = published?.counts.get(s.slug) ?? 0;
    const all = !!published && published.of > 0 && on >= published.of;
    return {
      id: `xz-f-${scope}-site-${s.slug}`,
      slug: s.slug,
      name: s.name,
      city: s.city,
      checked: !all && chosen.includes(s.slug),
      disabled: all,
      note: all ? '已发布' : on > 0 ? `已发布 ${on}/${published!.of} 条` : undefined,
    };
  });
}

/** The view model of the site checkboxes' fieldset (`xz-employer-site-choices`). */
export function siteFieldset(
  scope: string,
  sites: SiteChoice[],
  error: string | undefined,
  legend: string,
  help: string,
) {
  const id = `xz-f-${scope ? `${scope}-` : ''}siteSlugs`;
  return {
    id,
    legend,
    help,
    helpId: `${id}-help`,
    error,
    errorId: `${id}-error`,
    describedBy: [`${id}-help`, error ? `${id}-error` : ''].filter(Boolean).join(' '),
    sites,
  };
}

/** Each copy's status for the 审核状态 table, main first. */
export function publicationRows(publications: PublicationView[]) {
  return [...publications]
    .sort((a, b) => (a.site.slug === 'main' ? -1 : b.site.slug === 'main' ? 1 : 0))
    .map((p) => ({
      site: p.site.name || p.site.slug,
      main: p.site.slug === 'main',
      status: PUBLICATION_STATUS[p.status],
      comment: p.comment,
      reviewedAt: dateTime(p.reviewedAt),
    }));
}

/** 待审核 n / 已通过 n / 未通过 n of a list row. */
export function countBadges(counts: { pending: number; approved: number; rejected: number }) {
  return (['pending', 'approved', 'rejected'] as const).map((status) => ({
    ...PUBLICATION_STATUS[status],
    status,
    n: counts[status],
    tone: counts[status] > 0 ? PUBLICATION_STATUS[status].tone : 'muted',
  }));
}

/** The ids of a 推送分站 selection: `1,2`, repeated `ids`, or both; null when any is not an id. */
export function parseIds(value: unknown): number[] | null {
  const parts = (Array.isArray(value) ? value : [value])
    .filter((v) => v !== undefined && v !== null)
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  if (parts.some((p) => !/^[1-9]\d{0,9}$/.test(p))) return null;
  const ids = [...new Set(parts.map(Number))];
  return ids.every((n) => n <= 2_147_483_647) ? ids : null;
}

/** Query of the 推送分站 pages: the ids as sent by the list's checkboxes. */
export const idsQuery = Joi.alternatives()
  .try(Joi.string().max(1200).allow(''), Joi.array().items(Joi.string().max(1200)).max(100))
  .default('');

/** At most this many postings are pushed at once (the API's limit). */
export const MAX_PUSH = 100;
