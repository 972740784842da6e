// The staff fair editor's form: basic fields (datetime-local inputs are Beijing time and become ISO 8601 with
// +08:00) and venues (分会场: a name and booth codes typed as lines or ranges, expanded here). Input is checked with
// the fairs API's joi rules; the service's own refusals (times out of order, fee, duplicate codes) come back with
// field paths that are mapped onto the same fields.
import { joiDetails, type ErrorDetail } from '../../../core/http/errors.js';
import {
  fields,
  list,
  pick,
  type FieldSpec,
  type FieldView,
  type FormErrors,
  type FormValues,
} from '../../../core/pages/forms.js';
import type { FairInput } from '../fair-service.js';
import { updateFairSchema, venueSchema } from '../schemas.js';
import { fairRuleErrors } from '../catalog-service.js';
import {
  fromLocalInput,
  parseBoothCodes,
  PAYMENT_MODE_LABELS,
  SELECTION_LABELS,
  toLocalInput,
} from './format.js';

type BasicInput = Omit<FairInput, 'venues'>;
type VenueInput = FairInput['venues'][number];

const TIMES = ['startsAt', 'endsAt', 'bookingOpensAt', 'bookingClosesAt'] as const;

export const SPECS: FieldSpec[] = [
  { name: 'title', label: '招聘会名称', required: true, attrs: { maxlength: 80 } },
  {
    name: 'description',
    label: '招聘会简介（选填）',
    textarea: true,
    rows: 4,
    attrs: { maxlength: 5000 },
  },
  { name: 'startsAt', label: '开始时间', required: true },
  { name: 'endsAt', label: '结束时间', required: true },
  { name: 'bookingOpensAt', label: '开放预定时间', required: true },
  {
    name: 'bookingClosesAt',
    label: '截止预定时间',
    required: true,
    help: '须不晚于招聘会开始时间',
  },
  {
    name: 'boothSelection',
    label: '选展方式',
    required: true,
    options: Object.entries(SELECTION_LABELS).map(([value, label]) => ({ value, label })),
    help: '预定时选择展位：单位在展位图中选择空闲展位后报名；审核通过后选展：报名审核通过后单位再选择展位。',
  },
  {
    name: 'feeAmount',
    label: '展位费（元）',
    type: 'number',
    required: true,
    help: '免费招聘会填 0',
    attrs: { min: 0, max: 1000000, step: 1, inputmode: 'numeric' },
  },
  {
    name: 'feePayment',
    label: '缴费方式',
    required: true,
    options: Object.entries(PAYMENT_MODE_LABELS).map(([value, label]) => ({ value, label })),
    help: '单位线下缴费后上传缴费凭证，由本站确认。',
  },
];
export const NAMES = SPECS.map((s) => s.name);
export const LABELS: Record<string, string> = Object.fromEntries(SPECS.map((s) => [s.name, s.label]));

/** Field views of the editor; the four times are datetime-local inputs. */
export function fairFields(values: FormValues, errors: FormErrors): Record<string, FieldView> {
  const f = fields(SPECS, values, errors, 'fair');
  for (const t of TIMES) f[t] = { ...f[t]!, type: 'datetime-local' };
  return f;
}

/** The form values of an existing fair. */
export function valuesOfFair(fair: {
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  bookingOpensAt: string;
  bookingClosesAt: string;
  boothSelection: string;
  fee: { amount: number; payment: string };
}): FormValues {
  return {
    title: fair.title,
    description: fair.description,
    startsAt: toLocalInput(fair.startsAt),
    endsAt: toLocalInput(fair.endsAt),
    bookingOpensAt: toLocalInput(fair.bookingOpensAt),
    bookingClosesAt: toLocalInput(fair.bookingClosesAt),
    boothSelection: fair.boothSelection,
    feeAmount: String(fair.fee.amount),
    feePayment: fair.fee.payment,
  };
}

/** A service or joi path → the editor's field. */
function fieldOf(path: string): string {
  if (path === 'fee.amount' || path === 'fee') return 'feeAmount';
  if (path === 'fee.payment') return 'feePayment';
  return path.split('.')[0]!;
}

export function detailErrors(details: ErrorDetail[]): FormErrors {
  const errors: FormErrors = {};
  for (const d of details) {
    const name = fieldOf(d.path);
    if (NAMES.includes(name) && !errors[name]) errors[name] = d.message;
  }
  return errors;
}

/** Reads and checks the basic fields. */
export function readFair(payload: unknown): { values: FormValues; errors: FormErrors; input: BasicInput } {
  const values: FormValues = pick(payload, NAMES);
  const errors: FormErrors = {};
  const title = String(values.title ?? '').trim();
  if (!title) errors.title = '请填写招聘会名称';
  const times: Record<string, string> = {};
  for (const t of TIMES) {
    const raw = String(values[t] ?? '').trim();
    const iso = fromLocalInput(raw);
    if (!raw) errors[t] = '请选择时间';
    else if (!iso) errors[t] = '时间格式不正确';
    else times[t] = iso;
  }
  const amountRaw = String(values.feeAmount ?? '').trim();
  if (!/^\d{1,7}$/.test(amountRaw)) errors.feeAmount = '请填写整数金额（元），免费填 0';
  if (!values.boothSelection) errors.boothSelection = '请选择选展方式';
  if (!values.feePayment) errors.feePayment = '请选择缴费方式';
  const candidate = {
    title,
    description: String(values.description ?? ''),
    ...times,
    boothSelection: values.boothSelection,
    fee: { amount: Number(amountRaw), payment: values.feePayment },
  };
  const { value, error } = updateFairSchema.validate(candidate, { abortEarly: false });
  if (error) for (const [k, v] of Object.entries(detailErrors(joiDetails(error)))) errors[k] ??= v;
  // The service's rules too, so that one answer shows every error of the form.
  const fee = /^\d{1,7}$/.test(amountRaw)
    ? { amount: Number(amountRaw), payment: values.feePayment }
    : undefined;
  const rules = fairRuleErrors({ ...times, fee: fee as Partial<BasicInput['fee']> | undefined });
  for (const [k, v] of Object.entries(detailErrors(rules))) errors[k] ??= v;
  return { values, errors, input: value as BasicInput };
}

export interface VenueRow {
  name: string;
  booths: string;
}

/** Reads the venue rows (blank rows skipped); errors keyed `<row>.name` / `<row>.booths`. */
export function readVenues(payload: unknown): {
  rows: VenueRow[];
  errors: FormErrors;
  input: VenueInput[];
  /** input index → row index */
  rowOf: number[];
} {
  const p = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
  const names = list(p.venueName).slice(0, 20);
  const booths = list(p.venueBooths).slice(0, 20);
  const rows = Array.from({ length: Math.max(names.length, booths.length) }, (_, i) => ({
    name: (names[i] ?? '').slice(0, 100),
    booths: (booths[i] ?? '').slice(0, 20000),
  }));
  const errors: FormErrors = {};
  const input: VenueInput[] = [];
  const rowOf: number[] = [];
  rows.forEach((row, i) => {
    if (!row.name.trim() && !row.booths.trim()) return;
    const name = row.name.trim();
    if (!name) errors[`${i}.name`] = '请填写分会场名称';
    else if (name.length > 40) errors[`${i}.name`] = '分会场名称不能超过 40 字';
    const parsed = parseBoothCodes(row.booths);
    if ('error' in parsed) errors[`${i}.booths`] = parsed.error;
    else {
      const venue = { name, booths: parsed.codes.map((code) => ({ code })) };
      const { error } = venueSchema.validate(venue, { abortEarly: false });
      if (error) {
        const d = joiDetails(error)[0]!;
        errors[`${i}.${d.path.startsWith('booths') ? 'booths' : 'name'}`] ??= d.message;
      }
      input.push(venue);
      rowOf.push(i);
    }
  });
  return { rows, errors, input, rowOf };
}

/** Service paths `venues.<i>.…` → the row's error key. */
export function venueDetailErrors(
  details: ErrorDetail[],
  rowOf: number[],
): { errors: FormErrors; rest: string[] } {
  const errors: FormErrors = {};
  const rest: string[] = [];
  for (const d of details) {
    const m = /^venues\.(\d+)(?:\.(\w+))?/.exec(d.path);
    if (m && rowOf[Number(m[1])] !== undefined)
      errors[`${rowOf[Number(m[1])]}.${m[2] === 'name' ? 'name' : 'booths'}`] ??= d.message;
    else if (d.path === 'venues' || d.path === 'name') rest.push(d.message);
  }
  return { errors, rest };
}

/** View of the venue rows (at least `min`). */
export function venueRowsView(rows: VenueRow[], errors: FormErrors, min: number, scope: string) {
  const all = [...rows];
  while (all.length < min) all.push({ name: '', booths: '' });
  return all.map((r, i) => ({
    n: i + 1,
    id: `xz-f-${scope}-${i}`,
    name: r.name,
    booths: r.booths,
    nameError: errors[`${i}.name`],
    boothsError: errors[`${i}.booths`],
  }));
}
