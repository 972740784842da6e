// How postings read in Chinese, wherever they are shown (public listings, the employer centre, staff reviews):
// salaries, degrees, the last day a posting shows, and plain text as paragraphs. Pure functions, no I/O.
import { addDays } from '../../core/clock.js';

function thousands(yuan: number): string {
  return `${Number((yuan / 1000).toFixed(2))}k`;
}

/** 8k-15k/月; 8k/月 when both ends are equal; 15k以下/月 without a minimum; 面议 when no salary is given. */
export function salaryText(min: number, max: number): string {
  if (!max && !min) return '面议';
  if (!min) return `${thousands(max)}以下/月`;
  if (!max || max === min) return `${thousands(min)}/月`;
  return `${thousands(min)}-${thousands(max)}/月`;
}

/**
 * The last day a posting shows: it disappears at 00:00 Beijing time on `expiresOn`, so the day before is the last
 * one. Pages say 「有效期至 {lastDay}」 everywhere.
 */
export function lastDay(expiresOn: string): string {
  return addDays(expiresOn, -1);
}

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
