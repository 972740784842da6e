import { formatDateTime } from '../../format/index.js';
import { arg } from './format-args.js';

/** `{{date_time startsAt}}` → 2027-05-31 09:05 (Beijing time). */
export default function dateTime(value: string | Date | null | undefined): string {
  return formatDateTime(arg(value));
}
