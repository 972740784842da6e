// The 发布招聘职位 / 修改 form of the employer centre: its fields (the API's rules, shown as Chinese messages all at
// once), the work places as two checkbox groups, majors as typed, and the posted form read back as the API's input.
import { type App } from '../../../../core/app.js';
import { addDays } from '../../../../core/clock.js';
import { JIANGSU_CITIES, REGIONS } from '../../../../core/regions.js';
import { jobRuleErrors, type JobInput, type JobService } from '../../job-service.js';
import { createJobSchema, jobInputSchema } from '../../schemas.js';
import { DEGREES, JOB_CATEGORIES } from '../../../postings/vocab.js';
import {
  FieldSpec,
  FormErrors,
  FormValues,
  fields,
  list,
  pick,
  validateForm,
} from '../../../../core/pages/index.js';

export function specs(today: string): FieldSpec[] {
  return [
    { name: 'title', label: '职位名称', required: true, attrs: { maxlength: 60, autocomplete: 'off' } },
    { name: 'category', label: '职位类别', options: JOB_CATEGORIES, required: true },
    {
      name: 'degree',
      label: '学历要求',
      options: DEGREES.map((d) => ({ value: d, label: d === '不限' ? '学历不限' : d })),
      required: true,
    },
    {
      name: 'headcount',
      label: '招聘人数',
      type: 'number',
      required: true,
      attrs: { min: 1, max: 10000, step: 1, inputmode: 'numeric' },
    },
    {
      name: 'salaryMin',
      label: '月薪下限（元）',
      type: 'number',
      required: true,
      help: '上下限都填 0 表示薪资面议',
      attrs: { min: 0, max: 1000000, step: 1, inputmode: 'numeric' },
    },
    {
      name: 'salaryMax',
      label: '月薪上限（元）',
      type: 'number',
      required: true,
      attrs: { min: 0, max: 1000000, step: 1, inputmode: 'numeric' },
    },
    {
      name: 'description',
      label: '职位描述',
      textarea: true,
      rows: 8,
      required: true,
      help: '10～5000 字：工作内容、任职要求、福利待遇等。不得含有性别、院校层次（如 985/211）、户籍、婚育等歧视性条件',
      attrs: { maxlength: 5000 },
    },
    {
      name: 'majors',
      label: '专业要求（选填）',
      textarea: true,
      rows: 3,
      help: '每行一个，或用逗号、顿号分隔；最多 20 个，每个不超过 30 字。不填表示专业不限',
      attrs: { maxlength: 800 },
    },
    {
      name: 'expiresOn',
      label: '失效日期',
      type: 'date',
      required: true,
      help: '从该日 0 时（北京时间）起，所有站点不再显示该职位；须晚于今天',
      attrs: { min: addDays(today, 1) },
    },
  ];
}

export const TEXT = [
  'title',
  'category',
  'degree',
  'headcount',
  'salaryMin',
  'salaryMax',
  'description',
  'majors',
  'expiresOn',
] as const;
export const NAMES = [...TEXT, 'cities', 'siteSlugs'] as const;
export const LABELS: Record<string, string> = {
  title: '职位名称',
  category: '职位类别',
  degree: '学历要求',
  headcount: '招聘人数',
  salaryMin: '月薪下限',
  salaryMax: '月薪上限',
  cities: '工作地点',
  description: '职位描述',
  majors: '专业要求',
  expiresOn: '失效日期',
  siteSlugs: '发布站点',
};

export const JIANGSU = ['320000', ...JIANGSU_CITIES.map((c) => c.code)];
export const OTHER = Object.keys(REGIONS).filter((code) => !JIANGSU.includes(code));

/** The work places as two checkbox groups: 江苏 (the province, then its 13 cities) and 其他 (folded when unused). */
export function cityGroups(chosen: readonly string[], scope: string) {
  const option = (code: string) => ({
    value: code,
    label: code === '320000' ? '江苏省（全省）' : REGIONS[code]!,
    id: `xz-f-${scope}-city-${code}`,
    checked: chosen.includes(code),
  });
  return {
    jiangsu: JIANGSU.map(option),
    other: OTHER.map(option),
    otherChosen: chosen.filter((c) => OTHER.includes(c)).length,
  };
}

/** Majors as typed: one per line or separated by commas, 顿号 or semicolons; blanks and repeats dropped. */
export function splitMajors(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  return [
    ...new Set(
      text
        .split(/[\r\n,，、;；]+/)
        .map((m) => m.trim())
        .filter(Boolean),
    ),
  ];
}

/** What the browser sent, as the form shows it again: text as typed, checkbox groups as lists. */
export function formValues(payload: unknown): FormValues {
  const source = (payload ?? {}) as Record<string, unknown>;
  return { ...pick(source, TEXT), cities: list(source.cities), siteSlugs: list(source.siteSlugs) };
}

/** The form as the API's input: blank fields left out (so joi says 必填), majors split, lists as lists. */
export function apiInput(values: FormValues, withSites: boolean): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const name of TEXT) {
    const v = values[name];
    if (name !== 'majors' && typeof v === 'string' && v.trim() !== '') input[name] = v;
  }
  input.majors = splitMajors(values.majors);
  input.cities = list(values.cities);
  if (withSites) input.siteSlugs = list(values.siteSlugs);
  return input;
}

/** Plainer words than joi's for what was left out. */
export function friendlier(errors: FormErrors, input: Record<string, unknown>): FormErrors {
  const out = { ...errors };
  for (const name of ['category', 'degree'])
    if (out[name] && input[name] === undefined) out[name] = `请选择${LABELS[name]}`;
  if (out.cities && list(input.cities).length === 0) out.cities = '请至少选择一个工作地点';
  return out;
}

/** joi's errors and the service's rules together, so that one answer shows every error of the form. */
export function validate(values: FormValues, withSites: boolean, today: string) {
  const input = apiInput(values, withSites);
  const checked = validateForm<JobInput & { siteSlugs?: string[] }>(
    withSites ? createJobSchema : jobInputSchema,
    input,
    NAMES,
  );
  const errors = friendlier(checked.errors, input);
  const whole = (v: unknown) => (typeof v === 'string' && /^\s*\d{1,7}\s*$/.test(v) ? Number(v) : undefined);
  const date = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
  const rules = jobRuleErrors(
    {
      salaryMin: whole(input.salaryMin),
      salaryMax: whole(input.salaryMax),
      expiresOn: date(input.expiresOn),
    },
    today,
  );
  for (const { path, message } of rules) if (!errors[path]) errors[path] = message;
  return { ...checked, ok: Object.keys(errors).length === 0, errors };
}

export type JobView = Awaited<ReturnType<JobService['get']>>;

/** The stored posting as form values. */
export function valuesOf(job: {
  title: string;
  category: string;
  description: string;
  headcount: number;
  salaryMin: number;
  salaryMax: number;
  cities: string[];
  degree: string;
  majors: string[];
  expiresOn: string;
}): FormValues {
  return {
    title: job.title,
    category: job.category,
    description: job.description,
    headcount: String(job.headcount),
    salaryMin: String(job.salaryMin),
    salaryMax: String(job.salaryMax),
    cities: job.cities,
    degree: job.degree,
    majors: job.majors.join('\n'),
    expiresOn: job.expiresOn,
  };
}

export function jobForm(app: App, values: FormValues, errors: FormErrors, scope: string) {
  const citiesId = `xz-f-${scope}-cities`;
  return {
    fields: fields(specs(app.clock.today()), values, errors, scope),
    cities: {
      id: citiesId,
      ...cityGroups(list(values.cities), scope),
      error: errors.cities,
      errorId: `${citiesId}-error`,
      helpId: `${citiesId}-help`,
      describedBy: [`${citiesId}-help`, errors.cities ? `${citiesId}-error` : ''].filter(Boolean).join(' '),
    },
  };
}

export interface FormState {
  values?: FormValues;
  errors?: FormErrors;
  message?: string;
  flash?: string;
  info?: string;
}
