import { formatSalary } from '../../format/index.js';
import { arg } from './format-args.js';

/** `{{salary salaryMin salaryMax}}` → 7.5k-14k/月, 面议 when neither is given. */
export default function salary(min: number | null | undefined, max: number | null | undefined): string {
  return formatSalary(arg(min), arg(max));
}
