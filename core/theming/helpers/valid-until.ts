import { validUntil as format } from '../../format/index.js';
import { arg } from './format-args.js';

/** `有效期至 {{valid_until expiresOn}}`: the last day a posting shows, the day before its stored `expiresOn`. */
export default function validUntil(expiresOn: string | null | undefined): string {
  return format(arg(expiresOn));
}
