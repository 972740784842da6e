// Form plumbing of the employer pages: field view models (ids, aria-describedby, aria-invalid precomputed, because
// themes only know the core helpers), joi and service failures turned into per-field Chinese messages, and the
// payload shapes browsers send (a single checkbox arrives as a string, several as an array).
import Boom from '@hapi/boom';
import type Joi from 'joi';
import { joiDetails, toErrorPayload, type ErrorDetail } from '../http/errors.js';

export type FormValues = Record<string, unknown>;
export type FormErrors = Record<string, string>;

export interface Choice {
  value: string;
  label: string;
}

export interface FieldSpec {
  name: string;
  label: string;
  /** input type; ignored for textarea and select */
  type?: 'text' | 'password' | 'email' | 'tel' | 'url' | 'file' | 'number' | 'date';
  textarea?: boolean;
  rows?: number;
  /** a select with these options (a first empty option asks to choose) */
  options?: readonly (string | Choice)[];
  required?: boolean;
  help?: string;
  attrs?: Record<string, string | number>;
}

export interface FieldView {
  id: string;
  name: string;
  label: string;
  type: string;
  textarea: boolean;
  rows: number;
  select: boolean;
  options: { value: string; label: string; selected: boolean }[];
  value: string;
  required: boolean;
  help?: string;
  helpId: string;
  error?: string;
  errorId: string;
  describedBy: string;
  attrs: Record<string, string | number>;
}

export function fieldId(name: string, scope = ''): string {
  return `xz-f-${scope ? `${scope}-` : ''}${name}`;
}

/** The view model of one field: its value, error and the ids that tie label, help and error to the control. */
export function field(spec: FieldSpec, values: FormValues, errors: FormErrors, scope = ''): FieldView {
  const id = fieldId(spec.name, scope);
  const raw = values[spec.name];
  const value = raw === undefined || raw === null ? '' : String(raw);
  const error = errors[spec.name];
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [spec.help ? helpId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return {
    id,
    name: spec.name,
    label: spec.label,
    type: spec.type ?? 'text',
    textarea: spec.textarea === true,
    rows: spec.rows ?? 5,
    select: !!spec.options,
    options: (spec.options ?? []).map((o) => {
      const choice = typeof o === 'string' ? { value: o, label: o } : o;
      return { ...choice, selected: choice.value === value };
    }),
    value,
    required: spec.required === true,
    help: spec.help,
    helpId,
    error,
    errorId,
    describedBy,
    attrs: spec.attrs ?? {},
  };
}

/** Field views keyed by name. */
export function fields(specs: FieldSpec[], values: FormValues, errors: FormErrors, scope = '') {
  return Object.fromEntries(specs.map((s) => [s.name, field(s, values, errors, scope)])) as Record<
    string,
    FieldView
  >;
}

/** The error summary at the top of a form, in the order of the form's fields: each message links to its field. */
export function errorSummary(
  errors: FormErrors,
  labels: Record<string, string>,
  scope = '',
): { href: string; text: string }[] {
  const order = Object.keys(labels);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return Object.entries(errors)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([name, message]) => ({
      href: `#${fieldId(name, scope)}`,
      text: labels[name] ? `${labels[name]}：${message}` : message,
    }));
}

function detailsToErrors(details: ErrorDetail[], known: readonly string[]): FormErrors {
  const errors: FormErrors = {};
  for (const d of details) {
    const name = d.path.split('.')[0]!;
    const key = known.includes(name) ? name : '';
    if (key && !errors[key]) errors[key] = d.message;
  }
  return errors;
}

export interface Validated<T> {
  value: T;
  errors: FormErrors;
  ok: boolean;
}

/** Validates form input with a route's joi schema; messages are the Chinese ones the API gives. */
export function validateForm<T>(schema: Joi.Schema, input: unknown, known: readonly string[]): Validated<T> {
  const { value, error } = schema.validate(input, { abortEarly: false, stripUnknown: true });
  if (!error) return { value: value as T, errors: {}, ok: true };
  const errors = detailsToErrors(joiDetails(error), known);
  if (Object.keys(errors).length === 0) errors[known[0]!] = joiDetails(error)[0]?.message ?? '格式不正确';
  return { value: value as T, errors, ok: false };
}

export interface Failure {
  status: number;
  code: string;
  /** field errors, from the service's details or its code */
  errors: FormErrors;
  /** a message for the top of the form when no field takes it */
  message?: string;
}

/**
 * A service failure to show on the form. Boom 4xx only: anything else (a bug, the database down) is rethrown so
 * the error page and the log see it.
 */
export function failure(
  err: unknown,
  known: readonly string[],
  codeFields: Record<string, string> = {},
): Failure {
  if (!Boom.isBoom(err) || err.output.statusCode >= 500) throw err;
  const payload = toErrorPayload(err);
  const errors = payload.details ? detailsToErrors(payload.details, known) : {};
  const target = codeFields[payload.code];
  if (Object.keys(errors).length === 0 && target) errors[target] = payload.message;
  return {
    status: payload.statusCode,
    code: payload.code,
    errors,
    message: Object.keys(errors).length === 0 ? payload.message : undefined,
  };
}

/** Checkbox groups: absent → [], one → [value], several → values. */
export function list(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** Text fields of a parsed form (urlencoded or multipart), trimmed later by joi; everything else dropped. */
export function pick(payload: unknown, names: readonly string[]): Record<string, string> {
  const source = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const name of names) {
    const v = source[name];
    if (typeof v === 'string') out[name] = v;
    else if (Array.isArray(v) && typeof v[0] === 'string') out[name] = v[0];
  }
  return out;
}

/** A file part of a multipart form, as hapi parses it. */
export interface Upload {
  filename?: string;
  payload?: Buffer;
}

/** The files chosen in a file field; a browser sends an empty part when none was chosen. */
export function uploads(value: unknown): Upload[] {
  return (Array.isArray(value) ? value : [value]).filter(
    (v): v is Upload =>
      !!v &&
      typeof v === 'object' &&
      Buffer.isBuffer((v as Upload).payload) &&
      (v as Upload).payload!.length > 0,
  );
}
