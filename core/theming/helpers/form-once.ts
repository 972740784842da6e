import Handlebars from 'handlebars';
import { FORM_ONCE_KEY, formToken } from '../../pages/form-once.js';

/** {{{form_once}}} → the hidden one-time token of a form (core/pages/form-once.ts); {{{csrf_field}}} includes it. */
export default function formOnce(): Handlebars.SafeString {
  return new Handlebars.SafeString(`<input type="hidden" name="${FORM_ONCE_KEY}" value="${formToken()}">`);
}
