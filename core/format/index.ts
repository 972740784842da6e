// How dates, times, salaries and money read, wherever they are shown: server pages (as Handlebars helpers), the
// widgets (bundled from this very file), staff review and exports. One function per thing, so a job never shows
// 7.5k on a page and 8k in a widget, nor one day earlier in review than in the booking form.
//
// Pure and dependency-free (no Node API, no Intl): it must bundle into the browser widgets unchanged and give the
// same string there as on the server. China keeps UTC+8 all year (no daylight saving since 1991), so Beijing time is
// the instant plus eight hours, read as UTC.
//
// Calendar dates (`YYYY-MM-DD`, such as a job's `expiresOn`) are already Beijing dates: they pass through as they
// are, never through `new Date()` (which would read them as UTC midnight and let a local time zone shift them).
//
// Expiry: a job's stored `expiresOn` is the first day it shows nowhere (DOMAIN.md: "on and after it the job shows
// nowhere"). Every page, widget and export says 「有效期至 {validUntil(expiresOn)}」, the last day it shows.

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Instant = string | number | Date | null | undefined;

function shanghaiIso(value: Instant): string {
  if (value === null || value === undefined || value === '') return '';
  const t = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  return Number.isNaN(t) ? '' : new Date(t + SHANGHAI_OFFSET_MS).toISOString();
}

/** `2027-05-31`: the Beijing date of an instant; a `YYYY-MM-DD` date as it is; `''` when absent or invalid. */
export function formatDate(value: Instant): string {
  if (typeof value === 'string' && DATE.test(value)) return value;
  return shanghaiIso(value).slice(0, 10);
}

/** `2027-05-31 09:05`: an instant in Beijing time, to the minute; `''` when absent or invalid. */
export function formatDateTime(value: Instant): string {
  return shanghaiIso(value).slice(0, 16).replace('T', ' ');
}

/** The `YYYY-MM-DD` date `days` after `date`. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The last day a posting shows (有效期至): the day before its stored `expiresOn`; `''` when there is none. */
export function validUntil(expiresOn: string | null | undefined): string {
  return expiresOn && DATE.test(expiresOn) ? addDays(expiresOn, -1) : '';
}

/** One end of a salary: `999元` below a thousand yuan, else thousands to one decimal (`7.5k`, `8k`, `10k`). */
function salaryEnd(yuan: number): string {
  if (yuan < 1000) return `${Math.round(yuan)}元`;
  return `${Math.round(yuan / 100) / 10}k`;
}

function amount(value: number | string | null | undefined): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/**
 * A monthly salary in yuan: `7.5k-14k/月`; `8k/月` when both ends read the same; `8k起/月` without a maximum;
 * `15k以下/月` without a minimum; `面议` when neither is given (0, null or absent).
 */
export function formatSalary(
  min: number | string | null | undefined,
  max: number | string | null | undefined,
): string {
  const lo = amount(min);
  const hi = amount(max);
  if (!lo && !hi) return '面议';
  if (!hi) return `${salaryEnd(lo)}起/月`;
  if (!lo) return `${salaryEnd(hi)}以下/月`;
  const a = salaryEnd(lo);
  const b = salaryEnd(hi);
  return a === b ? `${a}/月` : `${a}-${b}/月`;
}

/** `¥1,500`, `¥1,500.5`: yuan with thousands separators (at most two decimals); `''` when absent. */
export function money(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const n = Number(value);
  if (!Number.isFinite(n)) return '';
  const [whole, fraction] = String(Math.round(Math.abs(n) * 100) / 100).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}¥${grouped}${fraction ? `.${fraction}` : ''}`;
}
