// 我的简历 (/student/resume) in the school's theme, without JavaScript: the roster facts (read only), repeatable rows of
// education, experience and awards — each section shows its saved rows plus one blank row, and 添加一行 posts the
// form back with one more blank row of that section (nothing saved until 保存简历) — skills, a summary and an email;
// every field error at once, with what was typed kept. The completeness the applications need is shown on top. The
// PDF attachment is a separate multipart form (upload, download, remove).
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import { joiDetails } from '../../../../core/http/errors.js';
import {
  errorSummary,
  failure,
  field,
  fields,
  flashTexts,
  list,
  render,
  seeOther,
  sessionOf,
  toLogin,
  uploads,
  type FieldSpec,
  type FormErrors,
  type FormValues,
} from '../../../../core/pages/index.js';
import { STUDENT_MAX_FILE_BYTES } from '../../../files/file-service.js';
import { resumeSchema, RESUME_LIMITS, type ResumeInput, type ResumeView } from '../../resume-service.js';
import type { StudentCredentials } from '../../student-service.js';

const SCOPE = 'r';
const DEGREE_CHOICES = ['专科', '本科', '硕士', '博士', '高中', '其他'];
const MONTH = { placeholder: 'YYYY-MM', maxlength: 7, inputmode: 'numeric' };

type Section = 'education' | 'experience' | 'awards';

const SECTIONS: Record<Section, { label: string; row: string; specs: FieldSpec[] }> = {
  education: {
    label: '教育经历',
    row: '教育经历',
    specs: [
      { name: 'school', label: '学校', attrs: { maxlength: 100 } },
      { name: 'major', label: '专业', attrs: { maxlength: 100 } },
      { name: 'degree', label: '学历', options: DEGREE_CHOICES },
      { name: 'from', label: '开始年月', attrs: MONTH, help: '例如 2023-09' },
      { name: 'to', label: '结束年月', attrs: MONTH, help: '在读可留空' },
    ],
  },
  experience: {
    label: '实习/工作经历',
    row: '经历',
    specs: [
      { name: 'organisation', label: '单位', attrs: { maxlength: 100 } },
      { name: 'role', label: '职务', attrs: { maxlength: 50 } },
      { name: 'from', label: '开始年月', attrs: MONTH },
      { name: 'to', label: '结束年月', attrs: MONTH, help: '至今可留空' },
      { name: 'description', label: '工作内容', textarea: true, rows: 3, attrs: { maxlength: 1000 } },
    ],
  },
  awards: {
    label: '获奖情况',
    row: '奖项',
    specs: [
      { name: 'name', label: '奖项名称', attrs: { maxlength: 100 } },
      { name: 'date', label: '获奖年月', attrs: MONTH },
    ],
  },
};
const SECTION_NAMES = Object.keys(SECTIONS) as Section[];

const flash = flashTexts({
  saved: '简历已保存。',
  attached: '简历附件已上传。',
  detached: '简历附件已删除。',
});

type Rows = Record<Section, Record<string, string>[]>;

interface FormState {
  rows: Rows;
  values: FormValues;
  errors: FormErrors;
  /** blank rows to show per section */
  blank?: Partial<Record<Section, number>>;
  message?: string;
  info?: string;
}

const studentId = (request: Request) => sessionOf<StudentCredentials>(request, 'student')!.id;

/** The rows of a section as posted (repeated fields in form order), blank rows dropped. */
function postedRows(payload: Record<string, unknown>, section: Section): Record<string, string>[] {
  const specs = SECTIONS[section].specs;
  const columns = specs.map((s) => list(payload[`${section}.${s.name}`]));
  const n = Math.max(0, ...columns.map((c) => c.length));
  const rows: Record<string, string>[] = [];
  for (let i = 0; i < n; i += 1) {
    const row = Object.fromEntries(specs.map((s, k) => [s.name, (columns[k]![i] ?? '').trim()]));
    if (Object.values(row).some((v) => v !== '')) rows.push(row);
  }
  return rows.slice(0, RESUME_LIMITS[section] + 5);
}

function savedRows(resume: ResumeView): Rows {
  const text = (o: object) =>
    Object.fromEntries(
      Object.entries(o).map(([k, v]) => [k, v === undefined || v === null ? '' : String(v)]),
    );
  return {
    education: resume.education.map(text),
    experience: resume.experience.map(text),
    awards: resume.awards.map(text),
  };
}

/** Skills typed in one field: separated by commas, 、 or new lines. */
function skillsOf(text: string): string[] {
  return text
    .split(/[,，、;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function inputOf(rows: Rows, values: FormValues): ResumeInput {
  return {
    education: rows.education as unknown as ResumeInput['education'],
    experience: rows.experience as unknown as ResumeInput['experience'],
    skills: skillsOf(String(values.skills ?? '')),
    awards: rows.awards.map((a) => (a.date ? a : { name: a.name ?? '' })) as unknown as ResumeInput['awards'],
    summary: String(values.summary ?? ''),
    email: String(values.email ?? '').trim() || null,
    attachmentFileId: (values.attachmentFileId as string | null) ?? null,
  };
}

/** Joi paths (education.0.from, experience.1, skills.2) → the page's field keys. */
function errorsOf(details: { path: string; message: string }[]): FormErrors {
  const errors: FormErrors = {};
  for (const d of details) {
    const [head, index, name] = d.path.split('.');
    let key = head!;
    if (SECTION_NAMES.includes(head as Section) && index !== undefined) {
      // a row-level rule (结束年月不能早于开始年月) belongs to its 结束年月
      key = `${head}.${index}.${name ?? 'to'}`;
    }
    if (!errors[key]) errors[key] = d.message;
  }
  return errors;
}

function summaryLabels(): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const section of SECTION_NAMES)
    for (let i = 0; i < RESUME_LIMITS[section] + 5; i += 1)
      for (const s of SECTIONS[section].specs)
        labels[`${section}.${i}.${s.name}`] = `${SECTIONS[section].row}第 ${i + 1} 行的${s.label}`;
  return { ...labels, skills: '技能', summary: '自我评价', email: '联系邮箱' };
}

function sectionView(section: Section, rows: Record<string, string>[], errors: FormErrors, blank: number) {
  const { label, row, specs } = SECTIONS[section];
  const all = [...rows, ...Array.from({ length: blank }, () => ({}) as Record<string, string>)];
  return {
    key: section,
    label,
    canAdd: all.length < RESUME_LIMITS[section],
    rows: all.map((values, i) => ({
      n: i + 1,
      legend: `${row} ${i + 1}`,
      fields: specs.map((s) => {
        const view = field(
          { ...s, name: s.name },
          values,
          { [s.name]: errors[`${section}.${i}.${s.name}`]! },
          `${SCOPE}-${section}-${i}`,
        );
        // every row posts every column (repeated names), so the rows line up again on the server
        return { ...view, name: `${section}.${s.name}`, error: errors[`${section}.${i}.${s.name}`] };
      }),
    })),
  };
}

async function page(app: App, request: Request, h: ResponseToolkit, state: FormState | null, status = 200) {
  const resume = await service(app, 'resumes').get(studentId(request));
  const rows = state?.rows ?? savedRows(resume);
  const values: FormValues = state?.values ?? {
    skills: resume.skills.join('、'),
    summary: resume.summary,
    email: resume.email ?? '',
  };
  const errors = state?.errors ?? {};
  const blank = (s: Section) => state?.blank?.[s] ?? 1;
  const top = fields(
    [
      {
        name: 'skills',
        label: '技能',
        textarea: true,
        rows: 2,
        help: '多项技能用逗号或顿号分隔，例如：Java、PostgreSQL、英语六级',
      },
      { name: 'summary', label: '自我评价', textarea: true, rows: 5, attrs: { maxlength: 2000 } },
      {
        name: 'email',
        label: '联系邮箱',
        type: 'email',
        help: `单位也可通过学籍手机号 ${resume.student.phone} 联系您`,
        attrs: { maxlength: 100, autocomplete: 'email' },
      },
    ],
    values,
    errors,
    SCOPE,
  );
  return render(request, h, 'students/resume', {
    data: {
      student: resume.student,
      completeness: resume.completeness,
      missingText: resume.completeness.missing.join('、'),
      attachment: resume.attachment
        ? { ...resume.attachment, sizeText: `${Math.max(1, Math.round(resume.attachment.size / 1024))} KB` }
        : null,
      maxMb: STUDENT_MAX_FILE_BYTES / 1024 / 1024,
      alerts: {
        flash: flash(request.query.done),
        info: state?.info,
        message: state?.message,
        summary: errorSummary(errors, summaryLabels(), SCOPE).map((s) => ({
          ...s,
          href: `#xz-f-${SCOPE}-${s.href.slice(`#xz-f-${SCOPE}-`.length).replace(/\./g, '-')}`,
        })),
      },
      sections: SECTION_NAMES.map((s) => sectionView(s, rows[s], errors, blank(s))),
      top,
    },
    title: '我的简历',
    status,
    menu: 'resume',
  });
}

/** The multipart payload options of the attachment form: a file over the limit answers with the page, not a bare 413. */
const attachmentPayload = (app: App) => ({
  output: 'data' as const,
  parse: true,
  multipart: { output: 'annotated' as const },
  maxBytes: STUDENT_MAX_FILE_BYTES + 256 * 1024,
  failAction: async (request: Request, h: ResponseToolkit, err?: Error) => {
    // the payload is read before the page access check: a visitor not signed in goes to the login page
    if (!sessionOf(request, 'student')) return toLogin(request, h, 'student', '/student/resume').takeover();
    const tooLarge = (err as { output?: { statusCode?: number } } | undefined)?.output?.statusCode === 413;
    const message = tooLarge
      ? `简历附件不能超过 ${STUDENT_MAX_FILE_BYTES / 1024 / 1024} MB`
      : '上传失败，请重新选择文件';
    const state = { ...(await stateNow(app, request)), message };
    return (await page(app, request, h, state, tooLarge ? 413 : 400)).takeover();
  },
});

export function resumePages(app: App): ServerRoute[] {
  const student = { page: { audience: 'student' as const } };
  return [
    {
      method: 'GET',
      path: '/student/resume',
      options: {
        app: student,
        validate: { query: Joi.object({ done: Joi.string().max(40) }).unknown(true) },
        handler: (request, h) => page(app, request, h, null),
      },
    },
    {
      method: 'POST',
      path: '/student/resume',
      options: {
        app: student,
        handler: async (request, h) => {
          const payload = (request.payload ?? {}) as Record<string, unknown>;
          const rows = Object.fromEntries(SECTION_NAMES.map((s) => [s, postedRows(payload, s)])) as Rows;
          const pickText = (name: string) => {
            const v = payload[name];
            return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
          };
          const values: FormValues = {
            skills: pickText('skills'),
            summary: pickText('summary'),
            email: pickText('email'),
          };
          const add = pickText('add');
          if (SECTION_NAMES.includes(add as Section)) {
            // one row more than the form had, blank ones included
            const section = add as Section;
            const had = Math.max(
              1,
              ...SECTIONS[section].specs.map((s) => list(payload[`${section}.${s.name}`]).length),
            );
            return page(app, request, h, {
              rows,
              values,
              errors: {},
              blank: { [section]: Math.max(1, had + 1 - rows[section].length) },
              info: `已为“${SECTIONS[section].label}”添加一行，填写后请点击“保存简历”。`,
            });
          }
          const resumes = service(app, 'resumes');
          const current = await resumes.get(studentId(request));
          const input = { ...inputOf(rows, values), attachmentFileId: current.attachmentFileId };
          const { value, error } = resumeSchema.validate(input, { abortEarly: false });
          if (error) return page(app, request, h, { rows, values, errors: errorsOf(joiDetails(error)) }, 400);
          try {
            await resumes.save(studentId(request), value as ResumeInput);
          } catch (err) {
            const f = failure(err, ['attachmentFileId']);
            return page(app, request, h, { rows, values, errors: {}, message: f.message }, f.status);
          }
          return seeOther(request, h, '/student/resume', 'saved');
        },
      },
    },
    {
      method: 'GET',
      path: '/student/resume/attachment',
      options: {
        app: student,
        handler: async (request, h) => {
          const resume = await service(app, 'resumes').get(studentId(request));
          const file = resume.attachmentFileId
            ? await service(app, 'files').ofStudent(resume.attachmentFileId, studentId(request))
            : undefined;
          if (!file) return seeOther(request, h, '/student/resume');
          return h
            .response(await service(app, 'files').read(file.storageKey))
            .type(file.mime)
            .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
            .header('X-Content-Type-Options', 'nosniff')
            .header('Cache-Control', 'private, no-store');
        },
      },
    },
    {
      method: 'POST',
      path: '/student/resume/attachment',
      options: {
        app: student,
        payload: attachmentPayload(app),
        handler: async (request, h) => {
          const [file] = uploads((request.payload as Record<string, unknown> | null)?.file);
          if (!file)
            return page(
              app,
              request,
              h,
              { ...(await stateNow(app, request)), message: '请选择要上传的 PDF 文件' },
              400,
            );
          try {
            const stored = await service(app, 'files').storeForStudent({
              studentId: studentId(request),
              filename: file.filename ?? 'resume.pdf',
              data: file.payload!,
            });
            await service(app, 'resumes').setAttachment(studentId(request), stored.id);
          } catch (err) {
            const f = failure(err, []);
            return page(app, request, h, { ...(await stateNow(app, request)), message: f.message }, f.status);
          }
          return seeOther(request, h, '/student/resume', 'attached');
        },
      },
    },
    {
      method: 'POST',
      path: '/student/resume/attachment/remove',
      options: {
        app: student,
        handler: async (request, h) => {
          await service(app, 'resumes').setAttachment(studentId(request), null);
          return seeOther(request, h, '/student/resume', 'detached');
        },
      },
    },
  ];
}

/** The saved résumé as form state (for the attachment form's errors). */
async function stateNow(app: App, request: Request): Promise<FormState> {
  const resume = await service(app, 'resumes').get(studentId(request));
  return {
    rows: savedRows(resume),
    values: { skills: resume.skills.join('、'), summary: resume.summary, email: resume.email ?? '' },
    errors: {},
  };
}
