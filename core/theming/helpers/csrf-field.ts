import Handlebars, { type HelperOptions } from 'handlebars';
import { escapeAttr } from './context.js';
import formOnce from './form-once.js';

/** Field name and cookie of the CSRF token (@hapi/crumb) on page forms. */
export const CSRF_KEY = 'xz_csrf';

/**
 * {{{csrf_field}}} → the hidden inputs every page form that posts must carry: the CSRF token and a one-time form token
 * (used by the routes that declare `formOnce`, see core/pages/form-once.ts).
 */
export default function csrfField(options: HelperOptions): Handlebars.SafeString {
  const token = (options.data as { root: Record<string, unknown> }).root[CSRF_KEY];
  return new Handlebars.SafeString(
    `<input type="hidden" name="${CSRF_KEY}" value="${escapeAttr(String(token ?? ''))}">${formOnce()}`,
  );
}
