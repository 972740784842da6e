// The job feeds of a site: JSON Feed 1.1 (https://jsonfeed.org/version/1.1) and Atom (RFC 4287), built from the
// same public listing the /jobs page shows. Every URL is absolute on the site's own host; Atom text is escaped
// and stripped of the control characters XML 1.0 cannot carry.
import type { Site, SiteRegistry } from '../../../../core/tenancy/sites.js';
import { salaryText } from '../../../postings/pages/listing-format.js';
import type { PublicJob } from './types.js';

export const FEED_SIZE = 50;

export interface FeedContext {
  site: Site;
  sites: SiteRegistry;
  /** Used as the feed's `updated` when it has no entries. */
  now: Date;
}

/** employer · cities · salary: what a feed reader shows under the title. */
export function jobSummary(job: PublicJob): string {
  return [job.employer.name, job.cityNames.join('、'), salaryText(job.salaryMin, job.salaryMax)].join(' · ');
}

function feedTitle(site: Site): string {
  return `${site.name}招聘信息`;
}

export function jsonFeed({ site, sites }: FeedContext, jobs: PublicJob[]) {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: feedTitle(site),
    home_page_url: sites.urlOf(site, '/jobs'),
    feed_url: sites.urlOf(site, '/jobs/feed.json'),
    description: `${site.name}最新发布的 ${FEED_SIZE} 个招聘职位`,
    language: 'zh-CN',
    items: jobs.map((job) => ({
      id: job.url,
      url: job.url,
      title: job.title,
      content_text: jobSummary(job),
      date_published: job.publishedAt,
      authors: [{ name: job.employer.name }],
      tags: [job.category, job.degree],
    })),
  };
}

// eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids, removed from feed text
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(text: string): string {
  return text
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function atomFeed({ site, sites, now }: FeedContext, jobs: PublicJob[]): string {
  const updated = jobs.reduce((latest, j) => (j.publishedAt > latest ? j.publishedAt : latest), '');
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>${escapeXml(sites.urlOf(site, '/jobs'))}</id>`,
    `  <title>${escapeXml(feedTitle(site))}</title>`,
    `  <updated>${escapeXml(updated || now.toISOString())}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(sites.urlOf(site, '/jobs/feed.atom'))}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(sites.urlOf(site, '/jobs'))}"/>`,
    `  <author><name>${escapeXml(site.name)}</name></author>`,
    '  <generator>校招网络</generator>',
  ];
  for (const job of jobs) {
    lines.push(
      '  <entry>',
      `    <id>${escapeXml(job.url)}</id>`,
      `    <title>${escapeXml(job.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(job.url)}"/>`,
      `    <published>${escapeXml(job.publishedAt)}</published>`,
      `    <updated>${escapeXml(job.publishedAt)}</updated>`,
      `    <author><name>${escapeXml(job.employer.name)}</name></author>`,
      `    <category term="${escapeXml(job.category)}"/>`,
      `    <summary>${escapeXml(jobSummary(job))}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
