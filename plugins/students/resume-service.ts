// 简历: a student's résumé (education, experience, skills, awards, a summary, a contact email and an optional PDF
// attachment) beside the roster facts the school imported (name, gender, degree, major, graduation year, phone, ID
// number), which the student cannot edit. `completeness` says what an application still needs; `snapshot` is the
// résumé as sent with an application (the employer reads that copy, never the student's later edits).
import type { Knex } from 'knex';
import Joi from 'joi';
import type { Db } from '../../core/db/knex.js';
import { appError } from '../../core/http/errors.js';
import type { SiteRegistry } from '../../core/tenancy/sites.js';
import type { FileService, StoredFile } from '../files/file-service.js';
import { STUDENT_DEGREES } from './models/student.js';
import type { StudentService } from './student-service.js';

export interface Education {
  school: string;
  major: string;
  degree: string;
  from: string;
  to: string;
}
export interface Experience {
  organisation: string;
  role: string;
  from: string;
  to: string;
  description: string;
}
export interface Award {
  name: string;
  date?: string;
}

export interface ResumeInput {
  education: Education[];
  experience: Experience[];
  skills: string[];
  awards: Award[];
  summary: string;
  email: string | null;
  attachmentFileId: string | null;
}

export const RESUME_LIMITS = { education: 10, experience: 20, skills: 30, awards: 20 } as const;

/** YYYY-MM of a real month. */
const month = Joi.string()
  .trim()
  .pattern(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/)
  .messages({ 'string.pattern.base': '年月格式应为 YYYY-MM，例如 2023-09' });

/** `to` may be empty (至今); else not before `from`. */
const toMonth = month.allow('').default('');

const notBefore = (value: { from: string; to: string }, helpers: Joi.CustomHelpers) =>
  value.to && value.from && value.to < value.from ? helpers.error('any.invalid') : value;

const text = (max: number, label: string) =>
  Joi.string()
    .trim()
    .min(1)
    .max(max)
    .label(label)
    .messages({ 'string.empty': `请填写${label}` });

export const resumeSchema = Joi.object({
  education: Joi.array()
    .items(
      Joi.object({
        school: text(100, '学校'),
        major: text(100, '专业'),
        degree: Joi.string()
          .valid(...STUDENT_DEGREES, '高中', '其他')
          .required()
          .label('学历')
          .messages({ 'any.only': '学历应为 专科、本科、硕士、博士、高中 或 其他' }),
        from: month.required().label('开始年月'),
        to: toMonth.label('结束年月'),
      })
        .custom(notBefore)
        .messages({ 'any.invalid': '结束年月不能早于开始年月' }),
    )
    .max(RESUME_LIMITS.education)
    .default([]),
  experience: Joi.array()
    .items(
      Joi.object({
        organisation: text(100, '单位'),
        role: text(50, '职务'),
        from: month.required().label('开始年月'),
        to: toMonth.label('结束年月'),
        description: Joi.string().trim().max(1000).allow('').default('').label('工作内容'),
      })
        .custom(notBefore)
        .messages({ 'any.invalid': '结束年月不能早于开始年月' }),
    )
    .max(RESUME_LIMITS.experience)
    .default([]),
  skills: Joi.array()
    .items(Joi.string().trim().min(1).max(30).label('技能'))
    .max(RESUME_LIMITS.skills)
    .unique()
    .default([])
    .messages({ 'array.unique': '技能不能重复' }),
  awards: Joi.array()
    .items(
      Joi.object({
        name: text(100, '奖项名称'),
        date: month.allow('').label('获奖年月'),
      }),
    )
    .max(RESUME_LIMITS.awards)
    .default([]),
  summary: Joi.string().trim().max(2000).allow('').default('').label('自我评价'),
  email: Joi.string()
    .trim()
    .email({ tlds: false })
    .max(100)
    .allow('', null)
    .default(null)
    .label('邮箱')
    .messages({ 'string.email': '邮箱格式不正确' }),
  attachmentFileId: Joi.string().guid().allow(null).default(null).label('简历附件'),
});

export interface Completeness {
  complete: boolean;
  /** what is still missing, in Chinese */
  missing: string[];
}

interface ResumeRow {
  education: Education[];
  experience: Experience[];
  skills: string[];
  awards: Award[];
  summary: string;
  email: string | null;
  attachment_file_id: string | null;
  updated_at: Date | null;
}

const EMPTY: ResumeRow = {
  education: [],
  experience: [],
  skills: [],
  awards: [],
  summary: '',
  email: null,
  attachment_file_id: null,
  updated_at: null,
};

export function completenessOf(
  r: Pick<ResumeRow, 'education' | 'skills' | 'summary' | 'email'>,
  phone: string | null,
): Completeness {
  const missing: string[] = [];
  if (r.education.length === 0) missing.push('教育经历');
  if (!r.summary.trim() && r.skills.length === 0) missing.push('自我评价或技能');
  if (!r.email && !phone) missing.push('联系邮箱或手机');
  return { complete: missing.length === 0, missing };
}

export class ResumeService {
  constructor(
    private readonly db: Db,
    private readonly sites: SiteRegistry,
    private readonly students: StudentService,
    private readonly files: FileService,
  ) {}

  private async row(studentId: number, trx?: Knex.Transaction, lock = false): Promise<ResumeRow> {
    const q = (trx ?? this.db)('student_resumes').where('student_id', studentId).first();
    if (lock) void q.forShare();
    return ((await q) as ResumeRow | undefined) ?? EMPTY;
  }

  private async student(studentId: number, trx?: Knex.Transaction) {
    const s = await this.students.get(studentId, trx);
    if (!s) throw appError(404, 'NOT_FOUND', '学生不存在');
    return s;
  }

  private async attachment(id: string | null): Promise<StoredFile | null> {
    if (!id) return null;
    return (await this.files.describe([id]))[0] ?? null;
  }

  /** The résumé as the student edits it, with the roster facts, the attachment and its completeness. */
  async get(studentId: number) {
    const [s, r] = await Promise.all([this.student(studentId), this.row(studentId)]);
    const file = await this.attachment(r.attachment_file_id);
    const site = this.sites.byId(s.siteId);
    return {
      student: {
        name: s.name,
        studentNo: s.studentNo,
        gender: s.gender,
        degree: s.degree,
        major: s.major,
        graduationYear: s.graduationYear,
        phone: s.phone,
        school: { slug: site?.slug ?? '', name: site?.name ?? '' },
      },
      education: r.education,
      experience: r.experience,
      skills: r.skills,
      awards: r.awards,
      summary: r.summary,
      email: r.email,
      attachmentFileId: r.attachment_file_id,
      attachment: file ? { id: file.id, name: file.name, size: file.size } : null,
      completeness: completenessOf(r, s.phone),
      updatedAt: r.updated_at ? new Date(r.updated_at).toISOString() : null,
    };
  }

  /** Replaces the résumé (validated input); the attachment must be the student's own PDF. */
  async save(studentId: number, input: ResumeInput) {
    await this.student(studentId);
    if (input.attachmentFileId && !(await this.files.ofStudent(input.attachmentFileId, studentId)))
      throw appError(400, 'VALIDATION', '提交的信息有误：简历附件不存在，请重新上传', [
        { path: 'attachmentFileId', message: '简历附件不存在，请重新上传' },
      ]);
    const row = {
      education: JSON.stringify(input.education),
      experience: JSON.stringify(input.experience),
      skills: JSON.stringify(input.skills),
      awards: JSON.stringify(input.awards),
      summary: input.summary,
      email: input.email || null,
      attachment_file_id: input.attachmentFileId,
      updated_at: this.db.fn.now(),
    };
    await this.db('student_resumes')
      .insert({ student_id: studentId, ...row })
      .onConflict('student_id')
      .merge(row);
    return this.get(studentId);
  }

  /** Sets or clears only the attachment (the page's upload and remove buttons). */
  async setAttachment(studentId: number, fileId: string | null) {
    if (fileId && !(await this.files.ofStudent(fileId, studentId)))
      throw appError(404, 'NOT_FOUND', '文件不存在');
    await this.db('student_resumes')
      .insert({ student_id: studentId, attachment_file_id: fileId })
      .onConflict('student_id')
      .merge({ attachment_file_id: fileId, updated_at: this.db.fn.now() });
  }

  /** What an application still needs. */
  async completeness(studentId: number, trx?: Knex.Transaction): Promise<Completeness> {
    const [s, r] = await Promise.all([this.student(studentId, trx), this.row(studentId, trx)]);
    return completenessOf(r, s.phone);
  }

  /**
   * The résumé as sent with an application, read in `trx` (the row locked for share, so a concurrent save lands
   * before or after, never half): the roster facts (name, gender, degree, major, graduation year, school, phone, the
   * full ID number — the inbox masks it), the contact email, the résumé sections and the attachment.
   */
  async snapshot(studentId: number, trx: Knex.Transaction) {
    const s = await this.student(studentId, trx);
    const r = await this.row(studentId, trx, true);
    const file = r.attachment_file_id
      ? ((await trx('files').where('id', r.attachment_file_id).first('id', 'name', 'size')) as
          { id: string; name: string; size: number } | undefined)
      : undefined;
    const site = this.sites.byId(s.siteId);
    return {
      name: s.name,
      gender: s.gender,
      degree: s.degree,
      major: s.major,
      graduationYear: s.graduationYear,
      school: { slug: site?.slug ?? '', name: site?.name ?? '' },
      studentNo: s.studentNo,
      phone: s.phone,
      idNumber: s.idNumber,
      email: r.email,
      education: r.education,
      experience: r.experience,
      skills: r.skills,
      awards: r.awards,
      summary: r.summary,
      attachment: file ? { id: file.id, name: file.name, size: file.size } : null,
      attachmentFileId: file?.id ?? null,
    };
  }
}

export type ResumeView = Awaited<ReturnType<ResumeService['get']>>;
export type ResumeSnapshot = Awaited<ReturnType<ResumeService['snapshot']>>;
