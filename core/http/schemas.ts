// Joi pieces every route layer shares, and the one guard against control characters in any route's input.
import type { Server } from '@hapi/hapi';
import Joi from 'joi';
import { validationError } from './errors.js';

/** A row id: a positive PostgreSQL `integer` (a larger number would make the query fail, not miss). */
export const rowId = Joi.number().integer().min(1).max(2_147_483_647);

/** Path parameters `{id}` of a route about one row. */
export const idParams = Joi.object({ id: rowId.required() });

/** A calendar date YYYY-MM-DD that exists (2026-13-45 and 2027-02-31 are refused, not passed on to PostgreSQL). */
export const calendarDate = Joi.string()
  .pattern(/^\d{4}-\d{2}-\d{2}$/)
  .custom((v: string, helpers) => {
    const d = new Date(`${v}T00:00:00Z`);
    return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v ? helpers.error('date.base') : v;
  })
  .messages({ 'string.pattern.base': '日期格式应为 YYYY-MM-DD', 'date.base': '日期不存在' });

// Control characters: C0 characters other than tab, line feed and carriage return are never part of text a person
// sends (PostgreSQL refuses NUL outright, 22021). Rather than a rule on each of hundreds of joi schemas, one
// onPostAuth extension refuses them in every route's path parameters, query string and parsed payload — JSON, form
// and multipart text fields alike (file contents are Buffers and are not text) — with 400 VALIDATION, before any
// validation or handler sees them.

/** A C0 control character other than \t, \n, \r. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
export const CONTROL_CHARACTER_MESSAGE = '包含不允许的控制字符';

const MAX_DEPTH = 64;
const MAX_REPORTED = 20;

/** Where in `value` text (a string, or an object key) holds a control character: dotted paths, at most 20. */
export function controlCharacterPaths(value: unknown, prefix = ''): string[] {
  const found: string[] = [];
  const visit = (v: unknown, path: string, depth: number): void => {
    if (found.length >= MAX_REPORTED || depth > MAX_DEPTH) return;
    if (typeof v === 'string') {
      if (CONTROL_CHARACTER.test(v)) found.push(path || '(body)');
      return;
    }
    if (v === null || typeof v !== 'object' || Buffer.isBuffer(v) || ArrayBuffer.isView(v)) return;
    if (typeof (v as { pipe?: unknown }).pipe === 'function') return; // a stream payload
    const entries = Array.isArray(v) ? v.map((item, i) => [String(i), item] as const) : Object.entries(v);
    for (const [key, item] of entries) {
      const at = path ? `${path}.${key}` : key;
      if (CONTROL_CHARACTER.test(key)) found.push(at);
      else visit(item, at, depth + 1);
    }
  };
  visit(value, prefix, 0);
  return found;
}

/** The extension described above: 400 VALIDATION naming each field that holds a control character. */
export function refuseControlCharacters(server: Server): void {
  server.ext('onPostAuth', (request, h) => {
    const paths = [
      ...controlCharacterPaths(request.params),
      ...controlCharacterPaths(request.query),
      ...controlCharacterPaths(request.payload),
    ];
    if (paths.length === 0) return h.continue;
    throw validationError(
      [...new Set(paths)]
        .slice(0, MAX_REPORTED)
        .map((path) => ({ path, message: CONTROL_CHARACTER_MESSAGE })),
    );
  });
}
