// What every home page shows of its site's own content, whatever the theme: the newest jobs, the fairs still to
// come and the newest announcements, a few of each, as the site's public listings give them (main: what main lists,
// including what its schools publish). Read through the features' services; the theme shows it with the shared
// partial `xz-home-latest`.
import { service, type App } from '../../core/app.js';
import { formatDate, formatSalary } from '../../core/format/index.js';
import type { Site } from '../../core/tenancy/sites.js';
import type { PublicJobList } from '../jobs/pages/public/types.js';
import type { PublicAnnouncementList } from '../announcements/pages/public/types.js';

/** How many of each the home page shows. */
export const LATEST_COUNT = 5;

export interface LatestItem {
  href: string;
  title: string;
  /** who or where: the employer, the fair's site */
  by: string;
  /** a short fact after it: salary, date */
  meta: string;
  /** ISO instant for <time datetime> */
  at: string;
  /** the date or time shown */
  when: string;
}

async function jobs(app: App, site: Site): Promise<LatestItem[]> {
  const list = JSON.parse(
    await service(app, 'jobs').publicList(site, { page: 1, pageSize: LATEST_COUNT }),
  ) as PublicJobList;
  return list.items.map((j) => ({
    href: `/jobs/${j.id}`,
    title: j.title,
    by: j.employer.name,
    meta: [formatSalary(j.salaryMin, j.salaryMax), j.cityNames.join('、')].filter(Boolean).join(' · '),
    at: j.publishedAt,
    when: formatDate(j.publishedAt),
  }));
}

async function announcements(app: App, site: Site): Promise<LatestItem[]> {
  const list = JSON.parse(
    await service(app, 'announcements').publicList(site, { page: 1, pageSize: LATEST_COUNT }),
  ) as PublicAnnouncementList;
  return list.items.map((a) => ({
    href: `/announcements/${a.id}`,
    title: a.title,
    by: a.employer.name,
    meta: '',
    at: a.publishedAt,
    when: formatDate(a.publishedAt),
  }));
}

/** The fairs the site shows that are still to come (on main: its schools' too), soonest first. */
async function fairs(app: App, site: Site): Promise<LatestItem[]> {
  const items = await service(app, 'fairs').upcomingForSite(site, LATEST_COUNT);
  return items.map((f) => ({
    href: `/fairs/${f.id}`,
    title: f.title,
    by: f.schoolName,
    meta: '',
    at: new Date(f.startsAt).toISOString(),
    when: f.dates,
  }));
}

/** The home page's latest jobs, upcoming fairs and latest announcements of `site`. */
export async function latestOf(app: App, site: Site) {
  const [j, f, a] = await Promise.all([jobs(app, site), fairs(app, site), announcements(app, site)]);
  return { jobs: j, fairs: f, announcements: a };
}
