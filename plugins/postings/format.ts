// How postings read in Chinese, wherever they are shown (public listings, the employer centre, staff reviews):
// salaries and the last day a posting shows (both from core/format), degrees, and plain text as paragraphs.
import { formatSalary, validUntil } from '../../core/format/index.js';

/** The salary as every page, widget and export shows it (core/format). */
export const salaryText = formatSalary;

/** 有效期至: the last day a posting shows, the day before `expiresOn` (core/format). */
export const lastDay = validUntil;

/** Plain text → paragraphs: every non-blank line is one (templates escape them). */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

export function degreeText(degree: string): string {
  return degree === '不限' ? '学历不限' : degree;
}
