import type { HelperOptions } from 'handlebars';
import { rootOf } from './context.js';

/** {{url "/jobs"}} → the path on the current site, prefixed with /s/<slug> when the site was reached that way. */
export default function url(path: string, options: HelperOptions): string {
  const p = String(path);
  if (/^https?:\/\//.test(p)) return p;
  const base = rootOf(options).basePath;
  if (p === '/' || p === '') return base ? `${base}/` : '/';
  return `${base}${p.startsWith('/') ? p : `/${p}`}`;
}
