// Time as the platform sees it. Calendar dates are Asia/Shanghai: a posting that expires on 2026-07-27 shows
// nowhere from 00:00 on the 27th, Beijing time. Tests move the clock instead of waiting for midnight.
import { addDays, formatDate } from './format/index.js';

export class Clock {
  private offsetMs = 0;
  private fixed: Date | null = null;
  /** The last day computed and the instants it spans, [from, until): every listing request asks for today. */
  private day = { date: '', from: 0, until: 0 };

  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date(Date.now() + this.offsetMs);
  }

  /** Today's date in Asia/Shanghai, as YYYY-MM-DD. */
  today(): string {
    const at = this.fixed ? this.fixed.getTime() : Date.now() + this.offsetMs;
    if (at >= this.day.from && at < this.day.until) return this.day.date;
    const date = shanghaiDate(new Date(at));
    this.day = { date, from: shanghaiMidnight(date), until: shanghaiMidnight(addDays(date, 1)) };
    return date;
  }

  /** Freezes the clock (tests). */
  set(at: Date | null): void {
    this.fixed = at;
  }
}

/** The Beijing date of an instant (core/format: the same function pages and widgets show dates with). */
export function shanghaiDate(at: Date): string {
  return formatDate(at);
}

/** The instant a Shanghai date begins (China keeps UTC+8 all year, with no daylight saving since 1991). */
export function shanghaiMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`);
}

export { addDays };
