// Students: the `student` token resolver, the school's roster (import, search, 可网签 one by one or in bulk) and the
// reads other features need (an application's student, the signing search). Staff reach only their own school's
// students: a student of another school is "not found" to them. The import is all-or-nothing: every row is checked
// first (roster.ts here, then against the database: an ID number or phone that belongs to someone else), and a valid
// file is written by 学号 in one transaction, as one INSERT … ON CONFLICT per chunk; a unique violation that slips in
// between (another import at the same moment) rolls everything back and answers 409, never a 500. Re-importing only
// creates and updates: nobody is ever dropped by it.
import type { Knex } from 'knex';
import { fn } from 'objection';
import type { Credentials, StaffCredentials, TokenPayload } from '../../core/auth/principals.js';
import type { Clock } from '../../core/clock.js';
import type { Db } from '../../core/db/knex.js';
import { sqlState } from '../../core/db/errors.js';
import { appError } from '../../core/http/errors.js';
import { normalizeMobile } from '../../core/identifiers.js';
import { assertStaffOf, belongsTo } from '../../core/tenancy/scope.js';
import type { Site, SiteRegistry } from '../../core/tenancy/sites.js';
import { maskIdNumber, Student } from './models/student.js';
import {
  checkRoster,
  readRoster,
  RosterFileError,
  sortErrors,
  type RosterError,
  type RosterRow,
} from './roster.js';

export interface StudentCredentials {
  kind: 'student';
  id: number;
  siteId: number;
  /** the school's slug */
  site: string;
  name: string;
  /** this session began with an SMS code: a new password may be set without the current one */
  viaSms: boolean;
}

const ERRORS = {
  NOT_FOUND: [404, 'NOT_FOUND', '学生不存在'],
  NOT_A_SCHOOL_SITE: [
    422,
    'NOT_A_SCHOOL_SITE',
    '省就业网没有学生名单，学生属于各高校，请在学校的就业网站管理学生',
  ],
  ROSTER_CONFLICT: [409, 'CONFLICT', '导入期间学生名单发生了变化（身份证号或手机号已被占用），请重新导入'],
} as const;

function fail(key: keyof typeof ERRORS) {
  const [status, code, message] = ERRORS[key];
  return appError(status, code, message);
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  errors: RosterError[];
}

export interface StudentQuery {
  q?: string;
  eSignEligible?: boolean;
  page: number;
  pageSize: number;
}

/** What school staff see of one of their students (the ID number in full). */
export interface StaffStudentView {
  id: number;
  studentNo: string;
  name: string;
  idNumber: string;
  idNumberMasked: string;
  gender: string;
  degree: string;
  major: string;
  graduationYear: number;
  phone: string;
  eSignEligible: boolean;
  signedIn: boolean;
  lastLoginAt: string | null;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A student as the signing search sees them: enough to invite, never the full ID number. */
export interface SigningStudent {
  studentId: number;
  siteId: number;
  school: { slug: string; name: string };
  studentNo: string;
  name: string;
  major: string;
  degree: string;
  graduationYear: number;
  idNumberMasked: string;
  eSignEligible: boolean;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** `%`, `_` and `\` taken literally in LIKE. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const CHUNK = 500;

export class StudentService {
  constructor(
    readonly db: Db,
    readonly sites: SiteRegistry,
    readonly clock?: Clock,
  ) {}

  /** A token's student, or null when the student is gone, disabled or the token was revoked (version bumped). */
  async resolve(payload: TokenPayload): Promise<Credentials | null> {
    const row = await Student.query(this.db).findById(Number(payload.sub));
    if (!row || row.disabledAt || row.tokenVersion !== payload.tv) return null;
    const site = this.sites.byId(row.siteId);
    if (!site) return null;
    const credentials: StudentCredentials = {
      kind: 'student',
      id: row.id,
      siteId: row.siteId,
      site: site.slug,
      name: row.name,
      viaSms: payload.sms === true,
    };
    return credentials as unknown as Credentials;
  }

  /** The token of a signed-in student; `viaSms` when the session starts from an SMS code. */
  payload(row: Pick<Student, 'id' | 'tokenVersion'>, viaSms = false): TokenPayload {
    return { kind: 'student', sub: String(row.id), tv: row.tokenVersion, ...(viaSms ? { sms: true } : {}) };
  }

  async get(id: number, trx?: Knex.Transaction): Promise<Student | undefined> {
    return Student.query(trx ?? this.db).findById(id);
  }

  /** The student of `siteId` with this 学号. */
  async bySiteAndNo(siteId: number, studentNo: string, trx?: Knex.Transaction): Promise<Student | undefined> {
    return Student.query(trx ?? this.db).findOne({ site_id: siteId, student_no: studentNo });
  }

  /** The student of `siteId` with this mobile number. */
  async bySiteAndPhone(siteId: number, phone: string, trx?: Knex.Transaction): Promise<Student | undefined> {
    return Student.query(trx ?? this.db).findOne({ site_id: siteId, phone });
  }

  /** Whether any school's roster holds this mobile number (an active student): who may get a login code. */
  async phoneOnAnyRoster(phone: string): Promise<boolean> {
    const row = await Student.query(this.db).where({ phone }).whereNull('disabled_at').first();
    return !!row;
  }

  /**
   * The signing search: one student by 身份证号, or by exact 学号 + 姓名 (any school of the province). Disabled
   * students are not found; `eSignEligible` says whether they may be invited.
   */
  async findForSigning(
    query: { idNumber: string } | { studentNo: string; name: string },
    trx?: Knex.Transaction,
  ): Promise<SigningStudent[]> {
    const q = Student.query(trx ?? this.db).whereNull('disabled_at');
    if ('idNumber' in query) q.where('id_number', query.idNumber.trim().toUpperCase());
    else q.where({ student_no: query.studentNo.trim(), name: query.name.trim() });
    const rows = await q.orderBy('id').limit(20);
    return rows.flatMap((s) => {
      const site = this.sites.byId(s.siteId);
      if (!site) return [];
      return [
        {
          studentId: s.id,
          siteId: s.siteId,
          school: { slug: site.slug, name: site.name },
          studentNo: s.studentNo,
          name: s.name,
          major: s.major,
          degree: s.degree,
          graduationYear: s.graduationYear,
          idNumberMasked: maskIdNumber(s.idNumber),
          eSignEligible: s.eSignEligible && !s.disabledAt,
        },
      ];
    });
  }

  /** One school's students, newest 学号 last, filtered by keyword (学号, 姓名, 手机, 专业) and 可网签. */
  async listBySite(
    siteId: number,
    query: StudentQuery,
    trx?: Knex.Transaction,
  ): Promise<{ items: Student[]; total: number }> {
    const base = Student.query(trx ?? this.db).where('site_id', siteId);
    const q = query.q?.trim();
    if (q) {
      const like = `%${likeEscape(q)}%`;
      const phone = normalizeMobile(q);
      base.where((w) => {
        w.where('student_no', 'like', like)
          .orWhere('name', 'like', like)
          .orWhere('major', 'like', like)
          .orWhere('phone', 'like', phone ? `%${phone}%` : like);
      });
    }
    if (query.eSignEligible !== undefined) base.where('e_sign_eligible', query.eSignEligible);
    const [items, count] = await Promise.all([
      base
        .clone()
        .orderBy('student_no')
        .orderBy('id')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize),
      base.clone().resultSize(),
    ]);
    return { items, total: count };
  }

  staffView(s: Student): StaffStudentView {
    return {
      id: s.id,
      studentNo: s.studentNo,
      name: s.name,
      idNumber: s.idNumber,
      idNumberMasked: maskIdNumber(s.idNumber),
      gender: s.gender,
      degree: s.degree,
      major: s.major,
      graduationYear: s.graduationYear,
      phone: s.phone,
      eSignEligible: s.eSignEligible,
      signedIn: !!s.lastLoginAt,
      lastLoginAt: iso(s.lastLoginAt),
      disabled: !!s.disabledAt,
      createdAt: iso(s.createdAt)!,
      updatedAt: iso(s.updatedAt)!,
    };
  }

  /** What the student sees of themself. */
  selfView(s: Student) {
    const site = this.sites.byId(s.siteId);
    return {
      id: s.id,
      studentNo: s.studentNo,
      name: s.name,
      idNumberMasked: maskIdNumber(s.idNumber),
      gender: s.gender,
      degree: s.degree,
      major: s.major,
      graduationYear: s.graduationYear,
      phone: s.phone,
      eSignEligible: s.eSignEligible,
      school: site ? { slug: site.slug, name: site.name } : null,
      mustSetPassword: !s.passwordHash,
      lastLoginAt: iso(s.lastLoginAt),
    };
  }

  // ---- staff ------------------------------------------------------------------------------------------------

  /** The school `site` as staff of it see it; 403 for other staff, 422 for the provincial site. */
  schoolOf(staff: StaffCredentials, site: Site): Site {
    assertStaffOf(staff, site);
    if (site.isMain) throw fail('NOT_A_SCHOOL_SITE');
    return site;
  }

  async list(staff: StaffCredentials, site: Site, query: StudentQuery) {
    assertStaffOf(staff, site);
    const { items, total } = await this.listBySite(site.id, query);
    return {
      items: items.map((s) => {
        const { idNumber: _full, ...rest } = this.staffView(s);
        return rest;
      }),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** One student of the staff member's own school; another school's student is not found. */
  async forStaff(staff: StaffCredentials, id: number): Promise<Student> {
    const row = await this.get(id);
    if (!row || !belongsTo(row, staff.siteId)) throw fail('NOT_FOUND');
    return row;
  }

  async setESign(staff: StaffCredentials, id: number, eSignEligible: boolean): Promise<Student> {
    const [row] = await Student.query(this.db)
      .where({ id, site_id: staff.siteId })
      .patch({ eSignEligible, updatedAt: fn.now() })
      .returning('*');
    if (!row) throw fail('NOT_FOUND');
    return row as unknown as Student;
  }

  /** 可网签 on or off for several students of the school at once; ids of other schools are refused one by one. */
  async bulkESign(
    staff: StaffCredentials,
    site: Site,
    ids: number[],
    eSignEligible: boolean,
  ): Promise<{ updated: number; refused: { id: number; code: string }[] }> {
    this.schoolOf(staff, site);
    const unique = [...new Set(ids)];
    const rows = (await Student.query(this.db)
      .where('site_id', site.id)
      .whereIn('id', unique)
      .patch({ eSignEligible, updatedAt: fn.now() })
      .returning('id')) as unknown as { id: number }[];
    const done = new Set(rows.map((r) => r.id));
    return {
      updated: done.size,
      refused: unique.filter((id) => !done.has(id)).map((id) => ({ id, code: 'NOT_FOUND' })),
    };
  }

  /**
   * Imports a roster file into the school: every error of every row, or the whole file written in one transaction.
   * Throws 400 VALIDATION for a file that is not a roster at all; row errors come back in `errors` (nothing written).
   */
  async importRoster(staff: StaffCredentials, site: Site, data: Buffer): Promise<ImportResult> {
    this.schoolOf(staff, site);
    let read;
    try {
      read = await readRoster(data);
    } catch (err) {
      if (err instanceof RosterFileError) throw appError(400, 'VALIDATION', err.message);
      throw err;
    }
    if (read.errors.length) return { created: 0, updated: 0, unchanged: 0, errors: read.errors };
    const thisYear = Number((this.clock?.today() ?? new Date().toISOString()).slice(0, 4));
    const checked = checkRoster(read.rows, thisYear);
    try {
      return await this.db.transaction(async (trx) => {
        const errors = sortErrors([...checked.errors, ...(await this.clashes(trx, site.id, checked.rows))]);
        if (errors.length) return { created: 0, updated: 0, unchanged: 0, errors };
        let created = 0;
        let updated = 0;
        for (let i = 0; i < checked.rows.length; i += CHUNK) {
          const result = await this.upsert(trx, site.id, checked.rows.slice(i, i + CHUNK));
          created += result.created;
          updated += result.updated;
        }
        return { created, updated, unchanged: checked.rows.length - created - updated, errors: [] };
      });
    } catch (err) {
      if (sqlState(err) === '23505') throw fail('ROSTER_CONFLICT');
      throw err;
    }
  }

  /** ID numbers and phones of the file that already belong to someone else (another school, or another 学号). */
  private async clashes(trx: Knex.Transaction, siteId: number, rows: RosterRow[]): Promise<RosterError[]> {
    const errors: RosterError[] = [];
    const byId = new Map(rows.map((r) => [r.idNumber, r]));
    const byPhone = new Map(rows.map((r) => [r.phone, r]));
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const holders = await trx('students')
        .whereIn(
          'id_number',
          chunk.map((r) => r.idNumber),
        )
        .select('site_id', 'student_no', 'id_number');
      for (const h of holders as { site_id: number; student_no: string; id_number: string }[]) {
        const row = byId.get(h.id_number)!;
        if (h.site_id !== siteId)
          errors.push({ row: row.row, column: '身份证号', message: '该身份证号已属于其他学校的学生' });
        else if (h.student_no !== row.studentNo)
          errors.push({
            row: row.row,
            column: '身份证号',
            message: `该身份证号已属于本校学号为 ${h.student_no} 的学生`,
          });
      }
      const phones = await trx('students')
        .where('site_id', siteId)
        .whereIn(
          'phone',
          chunk.map((r) => r.phone),
        )
        .select('student_no', 'phone');
      for (const p of phones as { student_no: string; phone: string }[]) {
        const row = byPhone.get(p.phone)!;
        if (p.student_no !== row.studentNo)
          errors.push({
            row: row.row,
            column: '手机',
            message: `该手机号已属于本校学号为 ${p.student_no} 的学生`,
          });
      }
    }
    return errors;
  }

  /** One chunk by 学号: new students inserted, changed ones updated, identical ones left alone. */
  private async upsert(trx: Knex.Transaction, siteId: number, rows: RosterRow[]) {
    const values = rows.map((r) => ({
      site_id: siteId,
      student_no: r.studentNo,
      name: r.name,
      id_number: r.idNumber,
      gender: r.gender,
      degree: r.degree,
      major: r.major,
      graduation_year: r.graduationYear,
      phone: r.phone,
      e_sign_eligible: r.eSignEligible,
    }));
    const fields = [
      'name',
      'id_number',
      'gender',
      'degree',
      'major',
      'graduation_year',
      'phone',
      'e_sign_eligible',
    ];
    const insert = trx('students').insert(values).toSQL();
    const set = fields.map((f) => `${f} = excluded.${f}`).join(', ');
    const changed = fields.map((f) => `students.${f} IS DISTINCT FROM excluded.${f}`).join(' OR ');
    const result = await trx.raw(
      `${insert.sql} ON CONFLICT (site_id, student_no) DO UPDATE SET ${set}, updated_at = now()
       WHERE ${changed} RETURNING (xmax = 0) AS inserted`,
      insert.bindings as Knex.RawBinding[],
    );
    const returned = (result as { rows: { inserted: boolean }[] }).rows;
    const created = returned.filter((r) => r.inserted).length;
    return { created, updated: returned.length - created };
  }
}
