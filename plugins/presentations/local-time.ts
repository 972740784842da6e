// Session times as the school sees them: Asia/Shanghai (UTC+8 all year, no daylight saving). Rooms' hours are local
// 'HH:MM:SS' values; a session must start and end on one local day, within its room's hours.
import { addDays, shanghaiMidnight } from '../../core/clock.js';

const OFFSET_MS = 8 * 3_600_000;

/** The local date ('YYYY-MM-DD') and time of day ('HH:MM:SS') of an instant. */
export function localParts(at: Date): { date: string; time: string } {
  const iso = new Date(at.getTime() + OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19) };
}

/** The instants [from, until) of a local calendar date. */
export function dayBounds(date: string): { from: Date; until: Date } {
  return { from: new Date(shanghaiMidnight(date)), until: new Date(shanghaiMidnight(addDays(date, 1))) };
}

/** 'HH:MM' of a PostgreSQL `time` ('HH:MM:SS'). */
export const hhmm = (time: string) => time.slice(0, 5);
