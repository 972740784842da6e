import { regionFullName } from '../../regions.js';
import { arg } from './format-args.js';

/** `{{region regionCode}}` → 江苏省苏州市虎丘区 (GB/T 2260); the code itself when it is not in the list. */
export default function region(code: string | null | undefined): string {
  return regionFullName(arg(code));
}
