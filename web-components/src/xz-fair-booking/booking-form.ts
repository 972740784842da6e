/**
 * The booking form's data and checks, as pure functions: what an employer fills in (jobs, attendees), the checks made
 * before anything is sent (the same limits as the API's), and the API's field errors mapped back onto the form.
 */
import { ApiError } from '../api.js';

export const MAX_ATTENDEES = 10;
export const PHONE = /^1[3-9]\d{9}$/;

export const STATUS_LABELS: Record<string, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
  cancelled: '已取消',
};

/** An employer's job as `GET /api/v1/employer/jobs` lists it. */
export interface EmployerJob {
  id: number;
  title: string;
  category?: string;
  expiresOn?: string;
  publicationCounts?: { approved?: number };
}

/** A booking as `GET /api/v1/employer/fair-bookings` lists it. */
export interface BookingSummary {
  id: number;
  fair: { id: number };
  status: string;
  booth: { id: number; code?: string } | null;
}

export interface Attendee {
  name: string;
  phone: string;
  title: string;
}

/** The signed-in employer; the token lives in memory only. */
export interface Session {
  token: string;
  employer: string;
  account: string;
}

/** Field errors keyed by the field's name (`phone`, `jobs`, `attendee-<row>-<field>`…). */
export type FieldErrors = Record<string, string>;

export const blankAttendee = (): Attendee => ({ name: '', phone: '', title: '' });

/** Errors of the sign-in form. */
export function signInErrors(phone: string, password: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!PHONE.test(phone)) errors.phone = '请输入 11 位手机号';
  if (!password) errors.password = '请输入密码';
  return errors;
}

/** An attendee row that is filled in (blank rows are skipped), with its index in the form. */
export interface AttendeeRow {
  a: Attendee;
  index: number;
}

/** The filled-in attendee rows and the form's errors. */
export function checkBooking(
  jobIds: number[],
  attendees: Attendee[],
): { rows: AttendeeRow[]; errors: FieldErrors } {
  const rows = attendees
    .map((a, index) => ({ a, index }))
    .filter(({ a }) => a.name.trim() || a.phone.trim() || a.title.trim());
  const errors: FieldErrors = {};
  if (jobIds.length === 0) errors.jobs = '请至少选择一个招聘职位';
  if (rows.length === 0) errors['attendee-0-name'] = '请至少填写一位参会人员';
  for (const { a, index } of rows) {
    if (a.name.trim().length < 2) errors[`attendee-${index}-name`] = '请填写姓名（2～20 字）';
    if (!PHONE.test(a.phone.trim())) errors[`attendee-${index}-phone`] = '手机号格式不正确';
  }
  return { rows, errors };
}

/** The attendees as the API takes them. */
export function attendeesPayload(rows: AttendeeRow[]) {
  return rows.map(({ a }) => ({
    name: a.name.trim(),
    phone: a.phone.trim(),
    ...(a.title.trim() ? { title: a.title.trim() } : {}),
  }));
}

/** The API's refusal of a booking as field errors (undefined: keep the errors shown). */
export function apiFieldErrors(err: unknown, rows: AttendeeRow[], text: string): FieldErrors | undefined {
  if (err instanceof ApiError && err.details?.length) {
    const fieldErrors: FieldErrors = {};
    for (const d of err.details) {
      const m = /^attendees\.(\d+)\.(name|phone|title)/.exec(d.path);
      const row = m ? rows[Number(m[1])] : undefined;
      if (m && row) fieldErrors[`attendee-${row.index}-${m[2]}`] = d.message;
      else if (d.path.startsWith('jobIds')) fieldErrors.jobs = d.message;
    }
    return fieldErrors;
  }
  if (err instanceof ApiError && err.code === 'JOB_NOT_ACTIVE') return { jobs: text };
  return undefined;
}
