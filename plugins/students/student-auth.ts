// Student sign-in on their school's site: 学号 or phone + password, or an SMS code (the first sign-in, and a forgotten
// password), after which the student sets a password. A student is found on the school being visited only, so a
// student of another school gets the same 401 as a wrong password. Limits as for employers (verification/
// login-limits.ts): every attempt is counted per account (site + login) and per IP before the password is checked;
// the row's failed_logins/locked_until keep a lock if the counters are lost. The provincial site has no students.
import type { Knex } from 'knex';
import { fn, raw } from 'objection';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../core/auth/password.js';
import type { Db } from '../../core/db/knex.js';
import { appError, validationError } from '../../core/http/errors.js';
import { normalizeMobile } from '../../core/identifiers.js';
import type { Site } from '../../core/tenancy/sites.js';
import type { LoginLimits } from '../verification/login-limits.js';
import { Student } from './models/student.js';
import { STUDENT_NO } from './roster.js';

const ERRORS = {
  INVALID_CREDENTIALS: [401, 'INVALID_CREDENTIALS', '学号/手机号或密码错误'],
  NOT_ON_ROSTER: [401, 'INVALID_CREDENTIALS', '本校学生名单中没有该手机号，请确认所在学校或联系学校就业中心'],
  SMS_LOGIN_REQUIRED: [403, 'SMS_LOGIN_REQUIRED', '首次登录请使用手机验证码登录，登录后设置密码'],
  ACCOUNT_DISABLED: [423, 'ACCOUNT_DISABLED', '该学生账号已停用，请联系学校就业中心'],
  LOCKED: [429, 'RATE_LIMITED', '密码错误次数过多，账号已临时锁定，请 15 分钟后再试或使用验证码登录'],
  NO_STUDENTS_HERE: [422, 'NOT_A_SCHOOL_SITE', '省就业网不提供学生登录，学生请到所在学校的就业网站登录'],
  NOT_FOUND: [404, 'NOT_FOUND', '学生不存在'],
} as const;

export function studentAuthError(key: keyof typeof ERRORS) {
  const [status, code, message] = ERRORS[key];
  return appError(status, code, message);
}

const MAX_FAILED_LOGINS = 5;

export class StudentAuth {
  constructor(
    private readonly db: Db,
    private readonly limits: LoginLimits,
  ) {}

  private school(site: Site): Site {
    if (site.isMain) throw studentAuthError('NO_STUDENTS_HERE');
    return site;
  }

  /** The student of `site` whose 学号 or mobile number is `login`. */
  private async byLogin(site: Site, login: string): Promise<Student | undefined> {
    const text = login.trim();
    const phone = normalizeMobile(text);
    if (!phone && !STUDENT_NO.test(text)) return undefined;
    const q = Student.query(this.db).where('site_id', site.id);
    q.where((w) => {
      if (STUDENT_NO.test(text)) w.orWhere('student_no', text);
      if (phone) w.orWhere('phone', phone);
    });
    // a 学号 that looks like a phone number wins over another student's phone
    const rows = await q.limit(2);
    return rows.find((r) => r.studentNo === text) ?? rows[0];
  }

  async login(site: Site, login: string, password: string, ip: string): Promise<Student> {
    this.school(site);
    const key = `student:${site.id}:${login.trim().toLowerCase()}`;
    const attempt = await this.limits.begin(ip, { key, message: ERRORS.LOCKED[2] });
    const row = await this.byLogin(site, login);
    if (!row) {
      await verifyPassword(password, DUMMY_HASH);
      throw studentAuthError('INVALID_CREDENTIALS');
    }
    if (row.disabledAt) throw studentAuthError('ACCOUNT_DISABLED');
    if (row.lockedUntil && new Date(row.lockedUntil) > new Date()) throw studentAuthError('LOCKED');
    if (!row.passwordHash) throw studentAuthError('SMS_LOGIN_REQUIRED');
    if (!(await verifyPassword(password, row.passwordHash))) {
      const [after] = (await Student.query(this.db)
        .where('id', row.id)
        .patch({
          failedLogins: raw('failed_logins + 1'),
          lockedUntil: raw(
            `CASE WHEN failed_logins + 1 >= ? THEN now() + interval '15 minutes' ELSE locked_until END`,
            [MAX_FAILED_LOGINS],
          ),
        })
        .returning('failed_logins')) as unknown as Student[];
      throw after && after.failedLogins >= MAX_FAILED_LOGINS
        ? studentAuthError('LOCKED')
        : studentAuthError('INVALID_CREDENTIALS');
    }
    await attempt.succeeded();
    return this.recordLogin(row.id);
  }

  /** After a verified SMS code for `phone`: signs the student of `site` in and clears a password lock. */
  async smsLogin(site: Site, phone: string): Promise<Student> {
    this.school(site);
    const row = await Student.query(this.db).findOne({ site_id: site.id, phone });
    if (!row) throw studentAuthError('NOT_ON_ROSTER');
    if (row.disabledAt) throw studentAuthError('ACCOUNT_DISABLED');
    await Promise.all([
      this.limits.clear(`student:${site.id}:${phone}`),
      this.limits.clear(`student:${site.id}:${row.studentNo.toLowerCase()}`),
    ]);
    return this.recordLogin(row.id);
  }

  private async recordLogin(id: number): Promise<Student> {
    const [row] = (await Student.query(this.db)
      .where('id', id)
      .patch({ failedLogins: 0, lockedUntil: null, lastLoginAt: fn.now() })
      .returning('*')) as unknown as Student[];
    return row!;
  }

  /**
   * Sets a new password; the current one is needed when there is one, unless the session began with an SMS code.
   * Every older token stops working.
   */
  async setPassword(
    id: number,
    current: string | null,
    next: string,
    viaSms: boolean,
    trx?: Knex.Transaction,
  ): Promise<Student> {
    const row = await Student.query(trx ?? this.db).findById(id);
    if (!row) throw studentAuthError('NOT_FOUND');
    if (row.passwordHash && !viaSms && !(current && (await verifyPassword(current, row.passwordHash))))
      throw validationError([{ path: 'currentPassword', message: '当前密码不正确' }]);
    const [updated] = (await Student.query(trx ?? this.db)
      .where('id', id)
      .patch({
        passwordHash: await hashPassword(next),
        tokenVersion: raw('token_version + 1'),
        failedLogins: 0,
        lockedUntil: null,
        updatedAt: fn.now(),
      })
      .returning('*')) as unknown as Student[];
    return updated!;
  }

  /** Every token issued so far stops working (logout). */
  async revokeTokens(id: number): Promise<void> {
    await Student.query(this.db)
      .where('id', id)
      .patch({ tokenVersion: raw('token_version + 1') });
  }
}
