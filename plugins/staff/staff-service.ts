// School and province staff accounts: one site each; username `<slug>.admin` for the first account of a site.
// Login is limited like employers' (verification/login-limits.ts): each attempt is counted per username and per IP
// before the password is checked, and the lockout answers 429 RATE_LIMITED, as employers' does.
import type { Knex } from 'knex';
import { fn, raw } from 'objection';
import type { Db } from '../../core/db/knex.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../core/auth/password.js';
import type { StaffCredentials, TokenPayload } from '../../core/auth/principals.js';
import { appError } from '../../core/http/errors.js';
import type { SiteRegistry } from '../../core/tenancy/sites.js';
import type { LoginLimits } from '../verification/login-limits.js';
import { StaffAccount } from './models/staff-account.js';

const ERRORS = {
  INVALID_CREDENTIALS: [401, 'INVALID_CREDENTIALS', '用户名或密码错误'],
  LOCKED: [429, 'RATE_LIMITED', '登录失败次数过多，账号已临时锁定，请 15 分钟后再试'],
  ACCOUNT_DISABLED: [423, 'ACCOUNT_DISABLED', '账号已停用，请联系管理员'],
} as const;

function fail(key: keyof typeof ERRORS) {
  const [status, code, message] = ERRORS[key];
  return appError(status, code, message);
}

const MAX_FAILED_LOGINS = 5;
const LOCK_MINUTES = 15;

export interface StaffRow {
  id: number;
  site_id: number;
  username: string;
  name: string;
  password_hash: string;
  roles: string[];
  token_version: number;
  failed_logins: number;
  locked_until: Date | null;
  disabled_at: Date | null;
}

export interface StaffView {
  id: number;
  username: string;
  name: string;
  site: string;
  siteId: number;
  roles: string[];
}

export class StaffService {
  constructor(
    private readonly db: Db,
    private readonly sites: SiteRegistry,
    private readonly limits: LoginLimits,
  ) {}

  private view(staff: StaffAccount): StaffView {
    const site = this.sites.byId(staff.siteId);
    return {
      id: staff.id,
      username: staff.username,
      name: staff.name,
      site: site?.slug ?? '',
      siteId: staff.siteId,
      roles: staff.roles,
    };
  }

  /**
   * Checks a username and password from `ip`. Five wrong passwords lock the account for 15 minutes (the fifth is
   * answered 429, as are all attempts past five, unchecked); the response does not reveal whether the username exists.
   */
  async login(
    username: string,
    password: string,
    ip: string,
  ): Promise<{ staff: StaffView; payload: TokenPayload }> {
    const name = username.trim().toLowerCase();
    const attempt = await this.limits.begin(ip, { key: `staff:${name}`, message: ERRORS.LOCKED[2] });
    const row = await StaffAccount.query(this.db).findOne({ username: name });
    if (!row) {
      await verifyPassword(password, DUMMY_HASH);
      throw fail('INVALID_CREDENTIALS');
    }
    if (row.disabledAt) throw fail('ACCOUNT_DISABLED');
    if (row.lockedUntil && row.lockedUntil > new Date()) throw fail('LOCKED');
    if (!(await verifyPassword(password, row.passwordHash))) {
      const [after] = await StaffAccount.query(this.db)
        .where('id', row.id)
        .patch({
          failedLogins: raw('failed_logins + 1'),
          lockedUntil: raw(
            `CASE WHEN failed_logins + 1 >= ? THEN now() + interval '${LOCK_MINUTES} minutes' ELSE locked_until END`,
            [MAX_FAILED_LOGINS],
          ),
        })
        .returning('failed_logins');
      throw after!.failedLogins >= MAX_FAILED_LOGINS ? fail('LOCKED') : fail('INVALID_CREDENTIALS');
    }
    await attempt.succeeded();
    const payload: TokenPayload = { kind: 'staff', sub: String(row.id), tv: row.tokenVersion };
    await row.$query(this.db).patch({ failedLogins: 0, lockedUntil: null, lastLoginAt: fn.now() });
    return { staff: this.view(row), payload };
  }

  /** Token payload → credentials, or null when the account is gone, disabled or the token was revoked. */
  async resolve(payload: TokenPayload): Promise<StaffCredentials | null> {
    const row = await StaffAccount.query(this.db).findById(Number(payload.sub));
    if (!row || row.disabledAt || row.tokenVersion !== payload.tv) return null;
    const site = this.sites.byId(row.siteId);
    if (!site) return null;
    return {
      kind: 'staff',
      id: row.id,
      username: row.username,
      name: row.name,
      siteId: row.siteId,
      site: site.slug,
      roles: row.roles,
    };
  }

  /** Every token issued so far stops working (logout). */
  async revokeTokens(id: number): Promise<void> {
    await StaffAccount.query(this.db)
      .findById(id)
      .patch({ tokenVersion: raw('token_version + 1') });
  }

  /** Creates the account if it does not exist (demo seed); returns whether it was created. */
  async ensure(
    input: { siteId: number; username: string; name: string; password: string; roles?: string[] },
    trx?: Knex.Transaction,
  ): Promise<boolean> {
    const q = trx ?? this.db;
    const exists = await StaffAccount.query(q).findOne({ username: input.username }).select('id');
    if (exists) return false;
    const passwordHash = await hashPassword(input.password);
    // Plain knex: objection cannot tell an insert skipped by ON CONFLICT DO NOTHING from one that returned nothing.
    const inserted = await q(StaffAccount.tableName)
      .insert({
        site_id: input.siteId,
        username: input.username,
        name: input.name,
        password_hash: passwordHash,
        roles: input.roles ?? ['admin'],
      })
      .onConflict('username')
      .ignore()
      .returning('id');
    return inserted.length > 0;
  }
}
