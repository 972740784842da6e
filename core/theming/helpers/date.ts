import { formatDate } from '../../format/index.js';
import { arg } from './format-args.js';

/** `{{date publishedAt}}` → 2027-05-31 (Beijing date; `YYYY-MM-DD` dates pass as they are). */
export default function date(value: string | Date | null | undefined): string {
  return formatDate(arg(value));
}
