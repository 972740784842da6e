// School and province staff accounts: one site each; username `<slug>.admin` for the first account of a site.
import type { Knex } from 'knex';
import type { Db } from '../../core/db/knex.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../core/auth/password.js';
import type { StaffCredentials, TokenPayload } from '../../core/auth/principals.js';
import { appError } from '../../core/http/errors.js';
import type { SiteRegistry } from '../../core/tenancy/sites.js';

const ERRORS = {
  INVALID_CREDENTIALS: [401, 'INVALID_CREDENTIALS', '用户名或密码错误'],
  ACCOUNT_LOCKED: [423, 'ACCOUNT_LOCKED', '登录失败次数过多，账号已临时锁定，请 15 分钟后再试'],
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
  roles: string[];
}

export class StaffService {
  constructor(
    private readonly db: Db,
    private readonly sites: SiteRegistry,
  ) {}

  private view(row: StaffRow): StaffView {
    const site = this.sites.byId(row.site_id);
    return { id: row.id, username: row.username, name: row.name, site: site?.slug ?? '', roles: row.roles };
  }

  /**
   * Checks a username and password. Five wrong passwords lock the account for 15 minutes; the response
   * does not reveal whether the username exists.
   */
  async login(username: string, password: string): Promise<{ staff: StaffView; payload: TokenPayload }> {
    const row = (await this.db('staff_accounts')
      .where({ username: username.trim().toLowerCase() })
      .first()) as StaffRow | undefined;
    if (!row) {
      await verifyPassword(password, DUMMY_HASH);
      throw fail('INVALID_CREDENTIALS');
    }
    if (row.disabled_at) throw fail('ACCOUNT_DISABLED');
    if (row.locked_until && row.locked_until > new Date()) throw fail('ACCOUNT_LOCKED');
    if (!(await verifyPassword(password, row.password_hash))) {
      await this.db('staff_accounts')
        .where({ id: row.id })
        .update({
          failed_logins: this.db.raw('failed_logins + 1'),
          locked_until: this.db.raw(
            `CASE WHEN failed_logins + 1 >= ? THEN now() + interval '${LOCK_MINUTES} minutes' ELSE locked_until END`,
            [MAX_FAILED_LOGINS],
          ),
        });
      throw fail('INVALID_CREDENTIALS');
    }
    await this.db('staff_accounts')
      .where({ id: row.id })
      .update({ failed_logins: 0, locked_until: null, last_login_at: this.db.fn.now() });
    return { staff: this.view(row), payload: { kind: 'staff', sub: String(row.id), tv: row.token_version } };
  }

  /** Token payload → credentials, or null when the account is gone, disabled or the token was revoked. */
  async resolve(payload: TokenPayload): Promise<StaffCredentials | null> {
    const row = (await this.db('staff_accounts')
      .where({ id: Number(payload.sub) })
      .first()) as StaffRow | undefined;
    if (!row || row.disabled_at || row.token_version !== payload.tv) return null;
    const site = this.sites.byId(row.site_id);
    if (!site) return null;
    return {
      kind: 'staff',
      id: row.id,
      username: row.username,
      siteId: row.site_id,
      site: site.slug,
      roles: row.roles,
    };
  }

  /** Every token issued so far stops working (logout). */
  async revokeTokens(id: number): Promise<void> {
    await this.db('staff_accounts')
      .where({ id })
      .update({ token_version: this.db.raw('token_version + 1') });
  }

  /** Creates the account if it does not exist (demo seed); returns whether it was created. */
  async ensure(
    input: { siteId: number; username: string; name: string; password: string; roles?: string[] },
    trx?: Knex.Transaction,
  ): Promise<boolean> {
    const q = trx ?? this.db;
    const exists = await q('staff_accounts').where({ username: input.username }).first('id');
    if (exists) return false;
    const passwordHash = await hashPassword(input.password);
    const inserted = await q('staff_accounts')
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
