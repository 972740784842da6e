// The booking form (预定报名, and 编辑 later): published, unexpired jobs as checkboxes and attendee rows. Browsers send
// repeated fields (jobIds, attendeeName/Phone/Title); blank attendee rows are ignored, the rest are checked with the
// fairs API's own joi rules so the messages match, and errors stay on the row the user typed them in.
import { service, type App } from '../../../core/app.js';
import { joiDetails } from '../../../core/http/errors.js';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import { list } from '../../../core/pages/forms.js';
import { attendeesSchema } from '../schemas.js';

export const MAX_ATTENDEES = 10;
const DEFAULT_ROWS = 3;

export interface Attendee {
  name: string;
  phone: string;
  title?: string;
}

export interface BookingFormValues {
  jobIds: string[];
  attendees: { name: string; phone: string; title: string }[];
}

export interface BookingFormErrors {
  jobIds?: string;
  attendees?: string;
  /** `${row}.name` → message */
  rows: Record<string, string>;
}

export interface ParsedBooking {
  values: BookingFormValues;
  errors: BookingFormErrors;
  ok: boolean;
  input: { jobIds: number[]; attendees: Attendee[] };
}

/** Reads and checks the submitted booking form. */
export function readBookingForm(payload: unknown): ParsedBooking {
  const p = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
  const jobIds = list(p.jobIds).slice(0, 100);
  const names = list(p.attendeeName);
  const phones = list(p.attendeePhone);
  const titles = list(p.attendeeTitle);
  const count = Math.min(MAX_ATTENDEES, Math.max(names.length, phones.length, titles.length));
  const rows = Array.from({ length: count }, (_, i) => ({
    name: (names[i] ?? '').slice(0, 100),
    phone: (phones[i] ?? '').slice(0, 100),
    title: (titles[i] ?? '').slice(0, 100),
  }));
  const errors: BookingFormErrors = { rows: {} };
  const ids = jobIds.filter((v) => /^[1-9]\d{0,9}$/.test(v)).map(Number);
  if (ids.length === 0) errors.jobIds = '请至少选择一个招聘职位';
  const filled = rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => row.name.trim() || row.phone.trim() || row.title.trim());
  if (filled.length === 0) errors.attendees = '请至少填写一位参会人员';
  const attendees = filled.map(({ row }) => ({
    name: row.name,
    phone: row.phone,
    ...(row.title.trim() ? { title: row.title } : {}),
  }));
  const { value, error } = attendeesSchema.validate(attendees, { abortEarly: false });
  if (error && filled.length > 0) {
    for (const d of joiDetails(error)) {
      const [i, field] = d.path.split('.');
      const at = filled[Number(i)];
      if (at && field) errors.rows[`${at.index}.${field}`] ??= d.message;
    }
  }
  return {
    values: { jobIds, attendees: rows },
    errors,
    ok: !errors.jobIds && !errors.attendees && Object.keys(errors.rows).length === 0,
    input: { jobIds: [...new Set(ids)], attendees: (value as Attendee[] | undefined) ?? attendees },
  };
}

export const ROW_LABELS: Record<string, string> = { name: '姓名', phone: '手机号', title: '职务' };

/** The error summary of the form, each linking to its control. */
export function bookingSummary(errors: BookingFormErrors): { href: string; text: string }[] {
  const out: { href: string; text: string }[] = [];
  if (errors.jobIds) out.push({ href: '#xz-f-jobIds', text: `招聘职位：${errors.jobIds}` });
  if (errors.attendees) out.push({ href: '#xz-f-attendee-0-name', text: `参会人员：${errors.attendees}` });
  for (const [key, message] of Object.entries(errors.rows)) {
    const [row, field] = key.split('.') as [string, string];
    out.push({
      href: `#xz-f-attendee-${row}-${field}`,
      text: `参会人员 ${Number(row) + 1} ${ROW_LABELS[field] ?? field}：${message}`,
    });
  }
  return out;
}

/** The jobs an employer may list at a fair: active and approved on at least one site. */
export async function eligibleJobs(app: App, c: EmployerCredentials) {
  const result = await service(app, 'jobs').list(c, { tab: 'active', page: 1, pageSize: 100 });
  return result.items
    .filter((j) => j.publicationCounts.approved > 0)
    .map((j) => ({ id: j.id, title: j.title, expiresOn: j.expiresOn, category: j.category }));
}

/** View model of the form's jobs and attendee rows (at least three rows, one blank row after those filled). */
export function bookingFormView(
  jobs: Awaited<ReturnType<typeof eligibleJobs>>,
  values: BookingFormValues,
  errors: BookingFormErrors,
) {
  const rows = [...values.attendees];
  const lastFilled = rows.reduce((n, r, i) => (r.name || r.phone || r.title ? i + 1 : n), 0);
  const want = Math.min(MAX_ATTENDEES, Math.max(DEFAULT_ROWS, lastFilled + 1));
  while (rows.length < want) rows.push({ name: '', phone: '', title: '' });
  return {
    jobs: jobs.map((j) => ({ ...j, checked: values.jobIds.includes(String(j.id)) })),
    jobError: errors.jobIds,
    attendeeError: errors.attendees,
    rows: rows.map((r, i) => ({
      n: i + 1,
      index: i,
      ...r,
      required: i === 0,
      errors: {
        name: errors.rows[`${i}.name`],
        phone: errors.rows[`${i}.phone`],
        title: errors.rows[`${i}.title`],
      },
      invalid: !!(errors.rows[`${i}.name`] || errors.rows[`${i}.phone`] || errors.rows[`${i}.title`]),
    })),
    maxAttendees: MAX_ATTENDEES,
  };
}

/** Values of an existing booking for the edit form. */
export function valuesOf(booking: {
  jobs: { id: number }[];
  attendees: { name: string; phone: string; title?: string }[];
}): BookingFormValues {
  return {
    jobIds: booking.jobs.map((j) => String(j.id)),
    attendees: booking.attendees.map((a) => ({ name: a.name, phone: a.phone, title: a.title ?? '' })),
  };
}
