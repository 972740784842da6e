import type { HelperOptions } from 'handlebars';
import { rootOf, type RenderRoot } from './context.js';

export function assetUrl(root: Pick<RenderRoot, 'theme'>, file: string): string {
  return `/themes/${root.theme.name}/${root.theme.version}/assets/${file.replace(/^\/+/, '')}`;
}

/** {{asset "theme.css"}} → the versioned URL of a file in the current theme's assets/. */
export default function asset(file: string, options: HelperOptions): string {
  return assetUrl(rootOf(options), String(file));
}
