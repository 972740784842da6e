import { money as format } from '../../format/index.js';
import { arg } from './format-args.js';

/** `{{money amount}}` → ¥1,500. */
export default function money(value: number | string | null | undefined): string {
  return format(arg(value));
}
