// schema.org JobPosting of a job's page (https://schema.org/JobPosting, as search engines read it). validThrough is
// the instant the posting stops showing on every site: 00:00 of expiresOn, Beijing time.
import type { Site } from '../../../../core/tenancy/sites.js';
import { postalAddress, validThrough } from '../../../postings/pages/listing-format.js';
import type { PublicJob } from './types.js';

/** The credential categories search engines know, for the degrees a posting may require (不限: none). */
const CREDENTIALS: Record<string, string> = {
  大专: 'associate degree',
  本科: 'bachelor degree',
  硕士: 'postgraduate degree',
  博士: 'postgraduate degree',
};

export function jobPostingLd(site: Site, job: PublicJob & { description: string }): Record<string, unknown> {
  const ld: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: job.title,
    description: job.description,
    url: job.url,
    identifier: { '@type': 'PropertyValue', name: site.name, value: String(job.id) },
    datePosted: job.publishedAt,
    validThrough: validThrough(job.expiresOn),
    employmentType: 'FULL_TIME',
    hiringOrganization: { '@type': 'Organization', name: job.employer.name },
    jobLocation: job.cities.map((code) => ({ '@type': 'Place', address: postalAddress(code) })),
    totalJobOpenings: job.headcount,
    occupationalCategory: job.category,
  };
  const credential = CREDENTIALS[job.degree];
  ld.educationRequirements = credential
    ? { '@type': 'EducationalOccupationalCredential', credentialCategory: credential, name: job.degree }
    : '学历不限';
  if (job.salaryMin || job.salaryMax) {
    const value: Record<string, unknown> = { '@type': 'QuantitativeValue', unitText: 'MONTH' };
    if (job.salaryMin) value.minValue = job.salaryMin;
    if (job.salaryMax) value.maxValue = job.salaryMax;
    ld.baseSalary = { '@type': 'MonetaryAmount', currency: 'CNY', value };
  }
  if (job.majors.length > 0) ld.qualifications = `专业要求：${job.majors.join('、')}`;
  return ld;
}
