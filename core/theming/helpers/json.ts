import Handlebars from 'handlebars';

/** {{json value}} → JSON safe to place inside a <script> element. */
export default function json(value: unknown): Handlebars.SafeString {
  return new Handlebars.SafeString(JSON.stringify(value ?? null).replace(/</g, '\\u003c'));
}
