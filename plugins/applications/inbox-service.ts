// 收到的简历: the employer's inbox of applications and the school's view of its students' applications. Every query is
// scoped to the acting employer (another employer's application answers 404 as if it did not exist) or, for staff,
// to the students of their own school. Status changes go through transitions.move only, each with its message to
// the student in the same transaction (outbox). What an employer sees of a student: the ID number masked, never
// the student id in a URL of their own; every view, download and export is recorded for the school to see.
import type { Knex } from 'knex';
import { ZipFile } from 'yazl';
import type { StaffCredentials } from '../../core/auth/principals.js';
import type { Clock } from '../../core/clock.js';
import type { Db } from '../../core/db/knex.js';
import { renderSectionsPdf, type DocumentEntry } from '../../core/documents/sections-pdf.js';
import { appError, validationError } from '../../core/http/errors.js';
import type { SiteRegistry } from '../../core/tenancy/sites.js';
import type { EmployerCredentials } from '../accounts/permissions.js';
import type { MessageService } from '../messages/message-service.js';
import { maskIdNumber } from '../students/models/student.js';
import { APPLICATION_STATUSES, type ApplicationStatus } from './models/application.js';
import { STATUS_LABELS, move, type ApplicationAction } from './transitions.js';

export const ERRORS = {
  NOT_FOUND: [404, '投递记录不存在'],
  NO_ATTACHMENT: [404, '该简历没有附件'],
  STUDENT_NOT_FOUND: [404, '学生不存在'],
  EXPORT_TOO_MANY: [400, '一次最多导出 100 份简历'],
} as const;

function fail(code: keyof typeof ERRORS) {
  const [status, message] = ERRORS[code];
  return appError(status, code, message);
}

export interface InboxFilter {
  jobId?: number;
  site?: string;
  status?: ApplicationStatus;
  q?: string;
  degree?: string;
  major?: string;
  /** calendar dates (Asia/Shanghai), `to` inclusive */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export type BatchAction = 'reject' | 'offer' | 'mark_viewed';
const BATCH_MOVES: Record<BatchAction, ApplicationAction> = {
  reject: 'reject',
  offer: 'offer',
  mark_viewed: 'view',
};

export interface InterviewInput {
  startsAt: string;
  mode: 'onsite' | 'online';
  place?: string | null;
  url?: string | null;
  contactName: string;
  contactPhone: string;
  note?: string | null;
}

export const MODE_LABELS = { onsite: '现场面试', online: '线上面试' } as const;
export const VIEW_ACTION_LABELS = { view: '查看', download: '下载', export: '导出' } as const;
export const MAX_EXPORT = 100;

/** What the student reads when their application moves (title, body) — the employer's name is put in. */
const NOTICES: Partial<Record<ApplicationStatus, (employer: string, job: string) => [string, string]>> = {
  viewed: (e, j) => [`${e}查看了你的简历`, `你投递的「${j}」已被${e}查看。`],
  interview_invited: (e, j) => [
    `${e}邀请你参加面试`,
    `你投递的「${j}」收到了面试邀请，请在「我的投递」中查看时间地点并接受或拒绝。`,
  ],
  offer: (e, j) => [`${e}拟录用你`, `你投递的「${j}」已被标记为拟录用，单位可能会向你发起网签邀请。`],
  rejected: (e, j) => [`${e}的投递结果`, `很遗憾，你投递的「${j}」暂不合适，感谢你的关注。`],
};

interface Row {
  id: number;
  job_id: number;
  employer_id: number;
  student_id: number;
  site_id: number;
  status: ApplicationStatus;
  resume: Record<string, unknown> | string;
  viewed_at: Date | null;
  created_at: Date;
  updated_at: Date;
  job_title: string;
  student_name: string;
  gender: string;
  degree: string;
  major: string;
  graduation_year: number;
}

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/** A date YYYY-MM-DD's midnight in school time (UTC+8, no DST). */
const schoolMidnight = (date: string, plusDays = 0) =>
  new Date(Date.parse(`${date}T00:00:00+08:00`) + plusDays * 86_400_000);

const like = (s: string) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

type Jsonish = Record<string, unknown>;
const asRecord = (v: unknown): Jsonish =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Jsonish) : {};
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';

/** Keys that name an entry (school, company …) in the order a résumé line reads; the rest goes under it. */
const HEAD_KEYS = [
  'school',
  'company',
  'organisation',
  'organization',
  'name',
  'title',
  'major',
  'role',
  'position',
  'degree',
  'level',
];
const PERIOD_KEYS = [
  ['from', 'to'],
  ['start', 'end'],
  ['startDate', 'endDate'],
  ['startedOn', 'endedOn'],
] as const;
const SECRET_KEYS = /id_?number|idNumber|身份证/i;

/** One résumé entry (a string, or an object whatever its keys) as a heading and detail lines. */
export function entryOf(item: unknown): DocumentEntry | null {
  if (typeof item === 'string' || typeof item === 'number') {
    const t = text(item);
    return t ? { heading: t } : null;
  }
  const r = asRecord(item);
  const used = new Set<string>();
  const head = HEAD_KEYS.filter((k) => text(r[k])).map((k) => {
    used.add(k);
    return text(r[k]);
  });
  for (const [a, b] of PERIOD_KEYS) {
    if (text(r[a]) || text(r[b])) {
      head.push(`${text(r[a]) || '?'} – ${text(r[b]) || '至今'}`);
      used.add(a);
      used.add(b);
    }
  }
  const lines = Object.entries(r)
    .filter(([k, v]) => !used.has(k) && !SECRET_KEYS.test(k) && text(v))
    .map(([, v]) => text(v));
  if (head.length === 0 && lines.length === 0) return null;
  return head.length ? { heading: head.join(' · '), lines } : { heading: lines[0]!, lines: lines.slice(1) };
}

export class InboxService {
  constructor(
    private readonly db: Db,
    private readonly sites: SiteRegistry,
    private readonly clock: Clock,
    private readonly messages: MessageService,
    private readonly employerName: (id: number, trx?: Knex.Transaction) => Promise<string>,
  ) {}

  private base(db: Knex | Knex.Transaction, employerId: number) {
    return db('applications as a')
      .join('students as s', 's.id', 'a.student_id')
      .join('jobs as j', 'j.id', 'a.job_id')
      .where('a.employer_id', employerId);
  }

  /**
   * The employer's applications under the filters, on `applications` alone: filters on the student (degree, major,
   * keyword) and the job title are semi-joins (`student_id IN (…)`), so the counts per status never join 100k rows
   * and the page joins only the 20 rows it shows.
   */
  private filtered(employerId: number, f: Omit<InboxFilter, 'page' | 'pageSize' | 'status'>) {
    const db = this.db;
    return db('applications as a')
      .where('a.employer_id', employerId)
      .modify((q) => {
        if (f.jobId) q.where('a.job_id', f.jobId);
        if (f.site) q.where('a.site_id', this.sites.get(f.site)?.id ?? 0);
        if (f.from) q.where('a.created_at', '>=', schoolMidnight(f.from));
        if (f.to) q.where('a.created_at', '<', schoolMidnight(f.to, 1));
        if (f.degree || f.major) {
          const students = db('students').select('id');
          if (f.degree) void students.where('degree', f.degree);
          if (f.major) void students.where('major', 'ilike', like(f.major));
          q.whereIn('a.student_id', students);
        }
        if (f.q) {
          const pattern = like(f.q);
          const students = db('students')
            .select('id')
            .where('name', 'ilike', pattern)
            .orWhere('major', 'ilike', pattern);
          const jobs = db('jobs')
            .select('id')
            .where('employer_id', employerId)
            .where('title', 'ilike', pattern);
          q.where((w) => {
            void w.whereIn('a.student_id', students).orWhereIn('a.job_id', jobs);
          });
        }
      });
  }

  private item(r: Row) {
    const site = this.sites.byId(r.site_id);
    return {
      id: r.id,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      job: { id: r.job_id, title: r.job_title },
      site: { slug: site?.slug ?? '', name: site?.name ?? '' },
      student: {
        name: r.student_name,
        gender: r.gender,
        degree: r.degree,
        major: r.major,
        graduationYear: r.graduation_year,
      },
      viewedAt: iso(r.viewed_at),
      createdAt: iso(r.created_at)!,
      updatedAt: iso(r.updated_at)!,
    };
  }

  private static readonly COLUMNS = [
    'a.*',
    'j.title as job_title',
    's.name as student_name',
    's.gender',
    's.degree',
    's.major',
    's.graduation_year',
  ];

  /**
   * The employer's applications, newest first, with the filters; `counts` has every status (and `all`) under the
   * same filters except the status, for the tabs. The first page reads the (employer_id, created_at, id) index.
   */
  async list(c: Pick<EmployerCredentials, 'employerId'>, f: InboxFilter) {
    const { page, pageSize, status, ...filters } = f;
    const rows = this.filtered(c.employerId, filters)
      .join('students as s', 's.id', 'a.student_id')
      .join('jobs as j', 'j.id', 'a.job_id')
      .modify((q) => {
        if (status) q.where('a.status', status);
      })
      .orderBy([
        { column: 'a.created_at', order: 'desc' },
        { column: 'a.id', order: 'desc' },
      ])
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .select(InboxService.COLUMNS) as unknown as Promise<Row[]>;
    const grouped = this.filtered(c.employerId, filters)
      .groupBy('a.status')
      .select('a.status')
      .count({ n: '*' }) as unknown as Promise<{ status: ApplicationStatus; n: string | number }[]>;
    const [items, groups] = await Promise.all([rows, grouped]);
    const counts = Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, 0])) as Record<
      ApplicationStatus | 'all',
      number
    >;
    counts.all = 0;
    for (const g of groups) {
      counts[g.status] = Number(g.n);
      counts.all += Number(g.n);
    }
    return {
      items: items.map((r) => this.item(r)),
      counts,
      total: status ? counts[status] : counts.all,
      page,
      pageSize,
    };
  }

  private async row(trx: Knex | Knex.Transaction, employerId: number, id: number, lock = false) {
    const row = (await this.base(trx, employerId)
      .where('a.id', id)
      .first([...InboxService.COLUMNS, 's.id_number', 's.phone', 's.student_no'])
      .modify((q) => {
        if (lock) q.forUpdate('a');
      })) as (Row & { id_number: string; phone: string; student_no: string }) | undefined;
    if (!row) throw fail('NOT_FOUND');
    return row;
  }

  /** Moves one application and tells the student, in `trx`. */
  private async moveAndTell(
    trx: Knex.Transaction,
    c: Pick<EmployerCredentials, 'employerId' | 'id'>,
    id: number,
    action: ApplicationAction,
    note?: string | null,
  ) {
    const moved = await move(
      trx,
      id,
      action,
      { kind: 'employer', id: c.id },
      { employer_id: c.employerId },
      note,
    );
    const a = await trx('applications as a')
      .join('jobs as j', 'j.id', 'a.job_id')
      .where('a.id', id)
      .first('a.student_id', 'a.site_id', 'j.title');
    const notice = NOTICES[moved.to];
    if (notice) {
      const [title, body] = notice(await this.employerName(c.employerId, trx), a.title as string);
      await this.messages.send(trx, {
        to: { studentId: a.student_id as number },
        kind: `application.${moved.to}`,
        title,
        body,
        site: this.sites.byId(a.site_id as number)?.slug ?? null,
        link: '/student/applications',
        subject: { type: 'application', id },
      });
    }
    return moved;
  }

  private async record(
    trx: Knex | Knex.Transaction,
    c: Pick<EmployerCredentials, 'employerId' | 'id' | 'name'>,
    ids: number[],
    action: keyof typeof VIEW_ACTION_LABELS,
  ) {
    if (ids.length === 0) return;
    await trx('application_views').insert(
      ids.map((id) => ({
        application_id: id,
        employer_id: c.employerId,
        account_id: c.id,
        account_name: c.name || '单位账号',
        action,
      })),
    );
  }

  /** Opens one application as the employer sees it, in `trx`: marks a new one 已查看 and records the view. */
  private async open(
    trx: Knex.Transaction,
    c: EmployerCredentials,
    id: number,
    action: keyof typeof VIEW_ACTION_LABELS,
  ) {
    const before = await this.row(trx, c.employerId, id, true);
    if (before.status === 'submitted') await this.moveAndTell(trx, c, id, 'view');
    await this.record(trx, c, [id], action);
    return this.row(trx, c.employerId, id);
  }

  private async interviews(db: Knex | Knex.Transaction, ids: number[]) {
    if (ids.length === 0) return new Map<number, InterviewView[]>();
    const rows = (await db('interviews')
      .whereIn('application_id', ids)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')) as InterviewRow[];
    const out = new Map<number, InterviewView[]>();
    for (const r of rows) {
      const list = out.get(r.application_id) ?? [];
      list.push(interviewView(r));
      out.set(r.application_id, list);
    }
    return out;
  }

  private detail(
    r: Row & { id_number: string; phone: string; student_no: string },
    interviews: InterviewView[],
  ) {
    const resume = typeof r.resume === 'string' ? asRecord(JSON.parse(r.resume)) : asRecord(r.resume);
    const site = this.sites.byId(r.site_id);
    const clean: Jsonish = {};
    for (const [k, v] of Object.entries(resume)) if (!SECRET_KEYS.test(k)) clean[k] = v;
    return {
      ...this.item(r),
      student: {
        ...this.item(r).student,
        phone: r.phone,
        idNumberMasked: maskIdNumber(r.id_number),
        school: { slug: site?.slug ?? '', name: site?.name ?? '' },
      },
      resume: clean,
      interview: interviews[0] ?? null,
      interviews,
    };
  }

  /** One application with its résumé (ID number masked); a new one becomes 已查看; the view is recorded. */
  async get(c: EmployerCredentials, id: number) {
    const row = await this.db.transaction((trx) => this.open(trx, c, id, 'view'));
    const interviews = (await this.interviews(this.db, [id])).get(id) ?? [];
    return this.detail(row, interviews);
  }

  /** Reads one application without recording anything (pages re-rendering a form). */
  async peek(c: Pick<EmployerCredentials, 'employerId'>, id: number) {
    const row = await this.row(this.db, c.employerId, id);
    return this.detail(row, (await this.interviews(this.db, [id])).get(id) ?? []);
  }

  private async pdfOf(c: EmployerCredentials, d: ReturnType<InboxService['detail']>, employer: string) {
    const r = d.resume;
    const now = this.clock.now();
    const at = new Intl.DateTimeFormat('zh-CN', {
      timeZone: 'Asia/Shanghai',
      dateStyle: 'medium',
      timeStyle: 'short',
      hour12: false,
    }).format(now);
    const list = (v: unknown) =>
      asArray(v)
        .map(entryOf)
        .filter((e): e is DocumentEntry => e !== null);
    const summary = text(r.summary);
    return renderSectionsPdf({
      title: `${d.student.name} 的简历`,
      subtitle: `${d.student.school.name} · ${d.student.degree} · ${d.student.major}`,
      createdAt: now,
      subject: `投递「${d.job.title}」的简历`,
      sections: [
        {
          heading: '基本信息',
          rows: [
            { label: '姓名', value: d.student.name },
            { label: '性别', value: d.student.gender },
            { label: '学校', value: d.student.school.name },
            { label: '学历', value: d.student.degree },
            { label: '专业', value: d.student.major },
            { label: '毕业年份', value: String(d.student.graduationYear) },
            { label: '身份证号', value: d.student.idNumberMasked },
            { label: '手机', value: d.student.phone },
            { label: '邮箱', value: text(r.email) },
          ],
        },
        {
          heading: '投递信息',
          rows: [
            { label: '投递职位', value: d.job.title },
            {
              label: '投递时间',
              value: new Date(d.createdAt).toLocaleString('zh-CN', {
                timeZone: 'Asia/Shanghai',
                hour12: false,
              }),
            },
            { label: '处理状态', value: d.statusLabel },
          ],
        },
        { heading: '个人简介', paragraphs: summary ? summary.split(/\r?\n+/) : [], empty: '未填写' },
        { heading: '教育经历', entries: list(r.education), empty: '未填写' },
        { heading: '实习与工作经历', entries: list(r.experience), empty: '未填写' },
        { heading: '技能', entries: list(r.skills), empty: '未填写' },
        { heading: '获奖情况', entries: list(r.awards), empty: '未填写' },
      ],
      footer: [
        `${employer} ${c.name || '单位账号'} 于 ${at} 下载 · 校招网络`,
        '本简历含学生个人信息，仅限本单位招聘使用，不得向第三方提供。',
      ],
    });
  }

  /** The résumé as a Chinese PDF with the viewer's name and time in its footer; records the download. */
  async pdf(c: EmployerCredentials, id: number): Promise<{ pdf: Buffer; filename: string }> {
    const row = await this.db.transaction((trx) => this.open(trx, c, id, 'download'));
    const d = this.detail(row, []);
    const pdf = await this.pdfOf(c, d, await this.employerName(c.employerId));
    return { pdf, filename: `简历-${d.student.name}-${d.job.title}.pdf` };
  }

  /**
   * The PDF the student attached to the résumé they sent (the file stays while an application names it); records
   * the download. 404 NO_ATTACHMENT when the résumé had none.
   */
  async attachment(c: EmployerCredentials, id: number): Promise<{ fileId: string; studentId: number }> {
    return this.db.transaction(async (trx) => {
      const row = await this.row(trx, c.employerId, id);
      const resume = typeof row.resume === 'string' ? asRecord(JSON.parse(row.resume)) : asRecord(row.resume);
      const file = asRecord(resume.attachment);
      // checked before the download is recorded: asking for an attachment that is not there records nothing
      if (typeof file.id !== 'string') throw fail('NO_ATTACHMENT');
      await this.open(trx, c, id, 'download');
      return { fileId: file.id, studentId: row.student_id };
    });
  }

  /** Several résumés as one ZIP of PDFs. Any id that is not this employer's answers 404 and nothing is exported. */
  async export(c: EmployerCredentials, ids: number[]): Promise<{ zip: Buffer; filename: string }> {
    const unique = [...new Set(ids)];
    if (unique.length > MAX_EXPORT) throw fail('EXPORT_TOO_MANY');
    const rows = await this.db.transaction(async (trx) => {
      const found = [];
      for (const id of unique) found.push(await this.open(trx, c, id, 'export'));
      return found;
    });
    const employer = await this.employerName(c.employerId);
    const zip = new ZipFile();
    const names = new Set<string>();
    for (const row of rows) {
      const d = this.detail(row, []);
      let name = `${d.id}-${d.student.name}-${d.job.title}`.replace(/[\\/:*?"<>|]/g, '_');
      while (names.has(name)) name += '_';
      names.add(name);
      zip.addBuffer(await this.pdfOf(c, d, employer), `${name}.pdf`, { mtime: this.clock.now() });
    }
    zip.end();
    const chunks: Buffer[] = [];
    const bytes = await new Promise<Buffer>((resolve, reject) => {
      zip.outputStream.on('data', (b: Buffer) => chunks.push(b));
      zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
      zip.outputStream.on('error', reject);
    });
    return { zip: bytes, filename: `简历-${this.clock.today()}-${rows.length}份.zip` };
  }

  /** 不合适 / 拟录用 / 标记已查看 for several: each in its own transaction; refusals are listed, not thrown. */
  async batch(c: EmployerCredentials, ids: number[], action: BatchAction) {
    const refused: { id: number; code: string; message: string }[] = [];
    let updated = 0;
    for (const id of [...new Set(ids)]) {
      try {
        await this.db.transaction((trx) => this.moveAndTell(trx, c, id, BATCH_MOVES[action]));
        updated += 1;
      } catch (err) {
        const data = (err as { isBoom?: boolean; data?: { code?: string }; message?: string }).isBoom
          ? (err as { data?: { code?: string }; message: string })
          : null;
        if (!data?.data?.code) throw err;
        refused.push({ id, code: data.data.code, message: data.message });
      }
    }
    return { updated, refused };
  }

  /** 邀请面试: the application moves to 已邀请面试 and the invitation is stored; an earlier declined one stays. */
  async invite(c: EmployerCredentials, id: number, input: InterviewInput) {
    const startsAt = new Date(input.startsAt);
    if (!(startsAt.getTime() > this.clock.now().getTime()))
      throw validationError([{ path: 'startsAt', message: '面试时间应晚于现在' }], '面试时间');
    return this.db.transaction(async (trx) => {
      await this.row(trx, c.employerId, id, true);
      await this.moveAndTell(trx, c, id, 'invite', input.note ?? null);
      // a further round after an accepted interview: the earlier one is over
      await trx('interviews')
        .where({ application_id: id })
        .whereIn('status', ['invited', 'accepted'])
        .update({ status: 'cancelled' });
      const [row] = (await trx('interviews')
        .insert({
          application_id: id,
          starts_at: startsAt,
          mode: input.mode,
          place: input.mode === 'onsite' ? input.place : null,
          url: input.mode === 'online' ? input.url : null,
          contact_name: input.contactName,
          contact_phone: input.contactPhone,
          note: input.note || null,
          created_by: c.id,
        })
        .returning('*')) as InterviewRow[];
      return interviewView(row!);
    });
  }

  /** 拟录用: the student joins the employer's signing candidates. */
  async offer(c: EmployerCredentials, id: number) {
    await this.db.transaction(async (trx) => {
      await this.moveAndTell(trx, c, id, 'offer');
    });
    return this.peek(c, id);
  }

  /** The employer's 拟录用 students (for the signing candidates list), newest offer first, each student once. */
  async offerCandidates(employerId: number) {
    const rows = (await this.db('applications as a')
      .join('students as s', 's.id', 'a.student_id')
      .where({ 'a.employer_id': employerId, 'a.status': 'offer' })
      .distinctOn('s.id')
      .orderBy([{ column: 's.id' }, { column: 'a.updated_at', order: 'desc' }])
      .select(
        's.id',
        's.name',
        's.site_id',
        's.major',
        's.degree',
        's.graduation_year',
        's.id_number',
        'a.updated_at',
      )) as {
      id: number;
      name: string;
      site_id: number;
      major: string;
      degree: string;
      graduation_year: number;
      id_number: string;
      updated_at: Date;
    }[];
    return rows
      .sort((x, y) => new Date(y.updated_at).getTime() - new Date(x.updated_at).getTime())
      .map((r) => {
        const site = this.sites.byId(r.site_id);
        return {
          studentId: r.id,
          name: r.name,
          school: { slug: site?.slug ?? '', name: site?.name ?? '' },
          major: r.major,
          degree: r.degree,
          graduationYear: r.graduation_year,
          idNumberMasked: maskIdNumber(r.id_number),
        };
      });
  }

  /** New (not yet viewed) applications: the menu badge and the home tile. */
  async newCount(employerId: number): Promise<number> {
    const row = await this.db('applications')
      .where({ employer_id: employerId, status: 'submitted' })
      .count({ n: '*' })
      .first();
    return Number(row?.n ?? 0);
  }

  /** `{ new, total }` for the employer home (withdrawn ones are not counted). */
  async counts(employerId: number): Promise<{ new: number; total: number }> {
    const rows = (await this.db('applications')
      .where('employer_id', employerId)
      .whereNot('status', 'withdrawn')
      .groupBy('status')
      .select('status')
      .count({ n: '*' })) as { status: string; n: string }[];
    return {
      new: Number(rows.find((r) => r.status === 'submitted')?.n ?? 0),
      total: rows.reduce((sum, r) => sum + Number(r.n), 0),
    };
  }

  /**
   * A school's view of one of its students' applications: job, employer, status, dates and every view, download
   * and export by an employer account. Another school's student answers 404.
   */
  async forStudent(staff: Pick<StaffCredentials, 'siteId'>, studentId: number) {
    const student = (await this.db('students')
      .where({ id: studentId, site_id: staff.siteId })
      .first('id', 'name', 'student_no', 'degree', 'major', 'graduation_year')) as
      | {
          id: number;
          name: string;
          student_no: string;
          degree: string;
          major: string;
          graduation_year: number;
        }
      | undefined;
    if (!student) throw fail('STUDENT_NOT_FOUND');
    const apps = (await this.db('applications as a')
      .join('jobs as j', 'j.id', 'a.job_id')
      .join('employers as e', 'e.id', 'a.employer_id')
      .where('a.student_id', studentId)
      .orderBy([
        { column: 'a.created_at', order: 'desc' },
        { column: 'a.id', order: 'desc' },
      ])
      .select(
        'a.id',
        'a.status',
        'a.created_at',
        'a.updated_at',
        'a.viewed_at',
        'a.job_id',
        'j.title',
        'a.employer_id',
        'e.name as employer_name',
      )) as {
      id: number;
      status: ApplicationStatus;
      created_at: Date;
      updated_at: Date;
      viewed_at: Date | null;
      job_id: number;
      title: string;
      employer_id: number;
      employer_name: string;
    }[];
    const ids = apps.map((a) => a.id);
    const views = ids.length
      ? ((await this.db('application_views as v')
          .join('employers as e', 'e.id', 'v.employer_id')
          .whereIn('v.application_id', ids)
          .orderBy([
            { column: 'v.created_at', order: 'desc' },
            { column: 'v.id', order: 'desc' },
          ])
          .select(
            'v.application_id',
            'v.action',
            'v.account_name',
            'v.created_at',
            'e.name as employer_name',
          )) as {
          application_id: number;
          action: keyof typeof VIEW_ACTION_LABELS;
          account_name: string;
          created_at: Date;
          employer_name: string;
        }[])
      : [];
    return {
      student: {
        id: student.id,
        name: student.name,
        studentNo: student.student_no,
        degree: student.degree,
        major: student.major,
        graduationYear: student.graduation_year,
      },
      applications: apps.map((a) => ({
        id: a.id,
        status: a.status,
        statusLabel: STATUS_LABELS[a.status],
        job: { id: a.job_id, title: a.title },
        employer: { id: a.employer_id, name: a.employer_name },
        createdAt: iso(a.created_at)!,
        updatedAt: iso(a.updated_at)!,
        viewedAt: iso(a.viewed_at),
        views: views
          .filter((v) => v.application_id === a.id)
          .map((v) => ({
            action: v.action,
            actionLabel: VIEW_ACTION_LABELS[v.action],
            employer: v.employer_name,
            accountName: v.account_name,
            at: iso(v.created_at)!,
          })),
      })),
    };
  }
}

interface InterviewRow {
  id: number;
  application_id: number;
  starts_at: Date;
  mode: 'onsite' | 'online';
  place: string | null;
  url: string | null;
  contact_name: string;
  contact_phone: string;
  note: string | null;
  status: 'invited' | 'accepted' | 'declined' | 'cancelled';
  answered_at: Date | null;
  created_at: Date;
}

export const INTERVIEW_STATUS_LABELS = {
  invited: '待学生回复',
  accepted: '学生已接受',
  declined: '学生已拒绝',
  cancelled: '已结束',
} as const;

export interface InterviewView {
  id: number;
  startsAt: string;
  mode: 'onsite' | 'online';
  place: string | null;
  url: string | null;
  contactName: string;
  contactPhone: string;
  note: string | null;
  status: InterviewRow['status'];
  answeredAt: string | null;
  createdAt: string;
}

function interviewView(r: InterviewRow): InterviewView {
  return {
    id: r.id,
    startsAt: iso(r.starts_at)!,
    mode: r.mode,
    place: r.place,
    url: r.url,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    note: r.note,
    status: r.status,
    answeredAt: iso(r.answered_at),
    createdAt: iso(r.created_at)!,
  };
}
