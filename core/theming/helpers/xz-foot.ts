import Handlebars, { type HelperOptions } from 'handlebars';
import { escapeAttr, rootOf } from './context.js';

/** The widget loader: one versioned ES module, so pages can use the same xz-* elements schools embed. */
export default function xzFoot(options: HelperOptions): Handlebars.SafeString {
  const root = rootOf(options);
  return new Handlebars.SafeString(`<script type="module" src="${escapeAttr(root.widgetScript)}"></script>`);
}
