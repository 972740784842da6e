// 发送签约邀请's search: the employer's 拟录用 students (from applications), plus, with an exact query, any student of the
// province found by 身份证号 or by `学号 姓名` — never a browsable list of another school's roster. A match that is
// not e-sign eligible is reported as 该学生不能进行网签 (the school must change the mark), not hidden. Every match is
// recorded (`signing_search_hits`): an invitation may name only a student the employer reaches — found, offered or
// signed with before (`reached`).
import type { Knex } from 'knex';
import type { Db } from '../../core/db/knex.js';
import type { SiteRegistry } from '../../core/tenancy/sites.js';
import { maskIdNumber } from '../students/models/student.js';
import { messageOf } from './agreement-errors.js';
import { ACTIVE_STATUSES } from './models/agreement.js';

export interface Candidate {
  studentId: number;
  name: string;
  school: { slug: string; name: string };
  major: string;
  degree: string;
  graduationYear: number;
  idNumberMasked: string;
  source: 'offer' | 'search';
  /** false: 该学生不能进行网签 (see `message`) */
  eligible: boolean;
  /** the student already holds an agreement in force (accepted, signed or being terminated) */
  hasAgreement: boolean;
  message: string | null;
}

/** The employer's 拟录用 students as ids, newest offer first (the applications inbox's `offerCandidates`). */
export type OfferSource = (employerId: number) => Promise<number[]>;

interface StudentRow {
  id: number;
  site_id: number;
  name: string;
  major: string;
  degree: string;
  graduation_year: number;
  id_number: string;
  e_sign_eligible: boolean;
  disabled_at: Date | null;
}

const ID_NUMBER = /^\d{17}[\dX]$/;

export class CandidateSearch {
  constructor(
    private readonly db: Db,
    private readonly sites: SiteRegistry,
    private readonly offers: OfferSource,
  ) {}

  private async students(ids: number[], trx?: Knex.Transaction): Promise<Map<number, StudentRow>> {
    if (!ids.length) return new Map();
    const rows = (await (trx ?? this.db)('students').whereIn('id', ids).select('*')) as StudentRow[];
    return new Map(rows.map((r) => [r.id, r]));
  }

  private async bound(ids: number[]): Promise<Set<number>> {
    if (!ids.length) return new Set();
    return new Set(
      (
        (await this.db('agreements')
          .whereIn('student_id', ids)
          .whereIn('status', [...ACTIVE_STATUSES])
          .pluck('student_id')) as number[]
      ).map(Number),
    );
  }

  private candidate(s: StudentRow, source: Candidate['source'], bound: Set<number>): Candidate {
    const site = this.sites.byId(s.site_id);
    const eligible = s.e_sign_eligible && !s.disabled_at;
    const hasAgreement = bound.has(s.id);
    return {
      studentId: s.id,
      name: s.name,
      school: { slug: site?.slug ?? '', name: site?.name ?? '' },
      major: s.major,
      degree: s.degree,
      graduationYear: s.graduation_year,
      idNumberMasked: maskIdNumber(s.id_number),
      source,
      eligible,
      hasAgreement,
      message: !eligible
        ? messageOf('STUDENT_NOT_ELIGIBLE')
        : hasAgreement
          ? messageOf('STUDENT_HAS_AGREEMENT')
          : null,
    };
  }

  /** Students matching an exact query: a 身份证号, or `学号 姓名` separated by a space. */
  async exact(q: string): Promise<StudentRow[]> {
    const text = q.trim().toUpperCase();
    if (ID_NUMBER.test(text))
      return (await this.db('students').where('id_number', text).select('*')) as StudentRow[];
    const parts = q.trim().split(/\s+/);
    if (parts.length !== 2) return [];
    return (await this.db('students')
      .where({ student_no: parts[0], name: parts[1] })
      .orderBy('id')
      .limit(10)
      .select('*')) as StudentRow[];
  }

  /** The employer's candidates: its 拟录用 students, then the exact matches of `q` (not already listed). */
  async list(employerId: number, q?: string): Promise<Candidate[]> {
    const offerIds = await this.offers(employerId);
    const offered = await this.students(offerIds);
    const found = q ? await this.exact(q) : [];
    if (found.length)
      await this.db('signing_search_hits')
        .insert(found.map((f) => ({ employer_id: employerId, student_id: f.id })))
        .onConflict(['employer_id', 'student_id'])
        .merge({ found_at: this.db.fn.now() });
    const all = [...offerIds.filter((id) => offered.has(id)), ...found.map((s) => s.id)];
    const bound = await this.bound(all);
    const out: Candidate[] = offerIds
      .filter((id) => offered.has(id))
      .map((id) => this.candidate(offered.get(id)!, 'offer', bound));
    for (const s of found) if (!offered.has(s.id)) out.push(this.candidate(s, 'search', bound));
    return out;
  }

  /**
   * Which of these students the employer may name in an invitation: its 拟录用, found by its search, or signed with
   * before. One query for the whole batch (and the 拟录用 list only when some are left).
   */
  async reached(trx: Knex.Transaction, employerId: number, studentIds: number[]): Promise<Set<number>> {
    const ids = [...new Set(studentIds)];
    if (!ids.length) return new Set();
    const rows = (await trx('signing_search_hits')
      .select('student_id')
      .where('employer_id', employerId)
      .whereIn('student_id', ids)
      .union(
        trx('agreements').select('student_id').where('employer_id', employerId).whereIn('student_id', ids),
      )) as {
      student_id: number;
    }[];
    const out = new Set(rows.map((r) => Number(r.student_id)));
    if (out.size < ids.length) {
      const offered = new Set(await this.offers(employerId));
      for (const id of ids) if (offered.has(id)) out.add(id);
    }
    return out;
  }

  /** One student as a candidate (the invitation list's rows, a re-invitation), or null when unknown. */
  async one(studentId: number): Promise<Candidate | null> {
    const s = (await this.students([studentId])).get(studentId);
    return s ? this.candidate(s, 'search', await this.bound([studentId])) : null;
  }
}
