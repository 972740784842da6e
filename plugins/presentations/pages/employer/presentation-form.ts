// The 申请宣讲会 / 修改 form of the employer centre: what the browser sends (date and times apart, contacts as repeated
// rows, jobs as checkboxes) read back as the API's input, checked with the API's own joi so the messages match, plus
// the placement rules a page can see without the database (a room for offline, a link for online, end after start) —
// so one answer shows every error at once. The service's refusals (ROOM_TAKEN, OUTSIDE_HOURS …) land on fields too.
import Joi from 'joi';
import { joiDetails } from '../../../../core/http/errors.js';
import { type FormErrors, type FormValues, failure, list, pick } from '../../../../core/pages/index.js';
import { hhmm, localParts } from '../../local-time.js';
import { createPresentationSchema, updatePresentationSchema } from '../../schemas.js';

export const MAX_CONTACTS = 10;
const DEFAULT_CONTACT_ROWS = 2;

export const TEXT = [
  'mode',
  'liveUrl',
  'date',
  'startTime',
  'endTime',
  'roomId',
  'title',
  'description',
  'expectedAudience',
] as const;

/** Field names in the order of the form (the error summary follows it). */
export const LABELS: Record<string, string> = {
  mode: '宣讲方式',
  liveUrl: '直播链接',
  date: '日期',
  startTime: '开始时间',
  endTime: '结束时间',
  roomId: '场地',
  title: '宣讲会标题',
  description: '招聘简章',
  jobIds: '招聘职位',
  contacts: '联系人',
  expectedAudience: '预计参加人数',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** What the browser sent (POST body or the date form's query), as the form shows it again. */
export function formValues(source: unknown): FormValues {
  const s = (source ?? {}) as Record<string, unknown>;
  const names = list(s.contactName).slice(0, MAX_CONTACTS);
  const phones = list(s.contactPhone).slice(0, MAX_CONTACTS);
  const count = Math.max(names.length, phones.length);
  return {
    ...pick(s, TEXT),
    jobIds: list(s.jobIds).slice(0, 100),
    contacts: Array.from({ length: count }, (_, i) => ({
      name: (names[i] ?? '').slice(0, 100),
      phone: (phones[i] ?? '').slice(0, 100),
    })),
  };
}

type Row = { name: string; phone: string };
const rowsOf = (values: FormValues) => (values.contacts as Row[] | undefined) ?? [];
const text = (values: FormValues, name: string) => {
  const v = values[name];
  return typeof v === 'string' ? v.trim() : '';
};

export interface Checked {
  ok: boolean;
  errors: FormErrors;
  input: Record<string, unknown>;
}

/**
 * The form as the API's input, with every error at once. `locked`: the session is approved, so its placement is left
 * out (the form shows those fields disabled and the browser does not send them).
 */
export function check(values: FormValues, siteSlug: string | null, locked = false): Checked {
  const errors: FormErrors = {};
  const input: Record<string, unknown> = {};
  if (!locked) {
    const mode = text(values, 'mode');
    if (mode !== 'online' && mode !== 'offline') errors.mode = '请选择宣讲方式';
    else input.mode = mode;
    if (mode === 'online') {
      if (!text(values, 'liveUrl')) errors.liveUrl = '空中宣讲会请填写直播链接';
      else input.liveUrl = text(values, 'liveUrl');
    }
    if (mode === 'offline') {
      const room = text(values, 'roomId');
      if (!/^[1-9]\d{0,8}$/.test(room)) errors.roomId = '线下宣讲会请选择场地';
      else input.roomId = Number(room);
    }
    const date = text(values, 'date');
    const start = text(values, 'startTime');
    const end = text(values, 'endTime');
    if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00+08:00`)))
      errors.date = date ? '日期格式应为 YYYY-MM-DD' : '请选择日期';
    if (!TIME.test(start)) errors.startTime = start ? '时间格式应为 HH:MM，如 14:00' : '请填写开始时间';
    if (!TIME.test(end)) errors.endTime = end ? '时间格式应为 HH:MM，如 16:00' : '请填写结束时间';
    if (!errors.startTime && !errors.endTime && end <= start) errors.endTime = '结束时间必须晚于开始时间';
    const startsAt = new Date(`${date}T${start}:00+08:00`);
    const endsAt = new Date(`${date}T${end}:00+08:00`);
    const midnight = new Date(`${date}T00:00:00+08:00`);
    if (!errors.date && (Number.isNaN(midnight.getTime()) || localParts(midnight).date !== date))
      errors.date = '日期不存在，请重新选择';
    if (!errors.date && !errors.startTime && !errors.endTime) {
      input.startsAt = startsAt.toISOString();
      input.endsAt = endsAt.toISOString();
    }
  }
  if (text(values, 'title')) input.title = text(values, 'title');
  else errors.title = '请填写宣讲会标题';
  input.description = text(values, 'description');
  const audience = text(values, 'expectedAudience');
  if (audience) input.expectedAudience = /^\d{1,6}$/.test(audience) ? Number(audience) : audience;
  else input.expectedAudience = null;
  input.jobIds = [
    ...new Set(
      list(values.jobIds)
        .filter((v) => /^[1-9]\d{0,8}$/.test(v))
        .map(Number),
    ),
  ];

  const rows = rowsOf(values);
  const filled = rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => row.name.trim() || row.phone.trim());
  if (filled.length === 0) errors.contacts = '请至少填写一位联系人';
  input.contacts = filled.map(({ row }) => ({ name: row.name, phone: row.phone }));

  const schema = siteSlug ? createPresentationSchema : updatePresentationSchema;
  const full = siteSlug ? { siteSlug, ...input } : input;
  const { value, error } = (schema as Joi.ObjectSchema).validate(full, {
    abortEarly: false,
    stripUnknown: true,
  });
  if (error) {
    for (const d of joiDetails(error)) {
      const [head, i, field] = d.path.split('.');
      if (head === 'contacts') {
        const at = i !== undefined ? filled[Number(i)] : undefined;
        if (at && field) errors[`contact-${at.index}-${field}`] ??= d.message;
        else if (filled.length) errors.contacts ??= d.message;
        continue;
      }
      const name = head === 'startsAt' ? 'startTime' : head === 'endsAt' ? 'endTime' : head!;
      if (name in LABELS && !errors[name]) errors[name] = d.message;
    }
  }
  const ok = Object.keys(errors).length === 0;
  return { ok, errors, input: ok ? (value as Record<string, unknown>) : input };
}

/** A service refusal on the form: its field details, or the code's field (ROOM_TAKEN on the room …). */
export function refusal(err: unknown): {
  status: number;
  errors: FormErrors;
  message?: string;
  code: string;
} {
  const f = failure(
    err,
    [
      'mode',
      'liveUrl',
      'roomId',
      'startsAt',
      'endsAt',
      'title',
      'description',
      'jobIds',
      'contacts',
      'expectedAudience',
    ],
    {
      ROOM_TAKEN: 'roomId',
      ROOM_NOT_BOOKABLE: 'roomId',
      NOT_FOUND: 'roomId',
      OUTSIDE_HOURS: 'startTime',
      JOB_NOT_ACTIVE: 'jobIds',
    },
  );
  const errors: FormErrors = {};
  for (const [k, v] of Object.entries(f.errors))
    errors[k === 'startsAt' ? 'startTime' : k === 'endsAt' ? 'endTime' : k] = v;
  return { status: f.status, code: f.code, errors, message: f.message };
}

/** Labels of the summary, contact rows included. */
export function summaryLabels(errors: FormErrors): Record<string, string> {
  const labels: Record<string, string> = { ...LABELS };
  for (const key of Object.keys(errors)) {
    const m = /^contact-(\d+)-(name|phone)$/.exec(key);
    if (m) labels[key] = `联系人 ${Number(m[1]) + 1} ${m[2] === 'name' ? '姓名' : '手机号'}`;
  }
  return labels;
}

/** Contact rows for the view: at least two, one blank after the last filled. */
export function contactRows(values: FormValues, errors: FormErrors) {
  const rows = [...rowsOf(values)];
  const lastFilled = rows.reduce((n, r, i) => (r.name || r.phone ? i + 1 : n), 0);
  const want = Math.min(MAX_CONTACTS, Math.max(DEFAULT_CONTACT_ROWS, lastFilled + 1));
  while (rows.length < want) rows.push({ name: '', phone: '' });
  return rows.map((r, i) => ({
    n: i + 1,
    index: i,
    name: r.name,
    phone: r.phone,
    required: i === 0,
    errors: { name: errors[`contact-${i}-name`], phone: errors[`contact-${i}-phone`] },
  }));
}

/** A stored session as form values. */
export function valuesOf(p: {
  mode: string;
  liveUrl: string | null;
  room: { id: number } | null;
  startsAt: string;
  endsAt: string;
  title: string;
  description: string;
  jobs: { id: number }[];
  contacts: Row[];
  expectedAudience: number | null;
}): FormValues {
  const start = localParts(new Date(p.startsAt));
  const end = localParts(new Date(p.endsAt));
  return {
    mode: p.mode,
    liveUrl: p.liveUrl ?? '',
    roomId: p.room ? String(p.room.id) : '',
    date: start.date,
    startTime: hhmm(start.time),
    endTime: hhmm(end.time),
    title: p.title,
    description: p.description,
    expectedAudience: p.expectedAudience ? String(p.expectedAudience) : '',
    jobIds: p.jobs.map((j) => String(j.id)),
    contacts: p.contacts.map((c) => ({ name: c.name, phone: c.phone })),
  };
}
