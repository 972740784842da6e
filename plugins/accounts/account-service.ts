// Employer accounts: the registrant is the admin; sub-accounts are created by an account holding the `accounts`
// permission, log in first with an SMS code, then set a password. Tokens carry a version: logout, a password change
// or disabling the account bumps it and every older token stops working. Five wrong passwords lock the account for
// 15 minutes: the attempt is counted (atomically, per phone and per IP, see verification/login-limits.ts) before the
// password is checked, so parallel requests get no more than five checks; the row's `failed_logins`/`locked_until`
// record the checked failures and keep the lock if the counters are lost. The last active holder of the built-in 单位管理员 role cannot be disabled or lose the role; the check
// runs with the employer's row locked, so two admins cannot disable each other at once.
import type { Knex } from 'knex';
import { fn, raw, type PartialModelObject } from 'objection';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../core/auth/password.js';
import type { TokenPayload } from '../../core/auth/principals.js';
import type { Db } from '../../core/db/knex.js';
import { appError, validationError } from '../../core/http/errors.js';
import { uniqueViolation } from '../../core/db/errors.js';
import { toRow } from '../../core/db/model.js';
import { Employer } from '../employers/models/employer.js';
import type { LoginLimits } from '../verification/login-limits.js';
import { EmployerAccount } from './models/employer-account.js';
import { EmployerRole } from './models/employer-role.js';
import {
  ADMIN_ROLE_NAME,
  PERMISSION_KEYS,
  type EmployerCredentials,
  type Permission,
} from './permissions.js';

const ERRORS = {
  INVALID_CREDENTIALS: [401, 'INVALID_CREDENTIALS', '手机号或密码错误'],
  SMS_LOGIN_REQUIRED: [403, 'SMS_LOGIN_REQUIRED', '该账号首次登录请使用手机验证码登录'],
  ACCOUNT_DISABLED: [423, 'ACCOUNT_DISABLED', '账号已停用，请联系本单位管理员'],
  LOCKED: [429, 'RATE_LIMITED', '密码错误次数过多，账号已临时锁定，请 15 分钟后再试或使用验证码登录'],
  PHONE_TAKEN: [409, 'PHONE_TAKEN', '该手机号已注册'],
  NOT_FOUND: [404, 'NOT_FOUND', '账号不存在'],
  LAST_ADMIN: [409, 'LAST_ADMIN', '至少需要保留一个启用的单位管理员账号'],
  ROLE_NOT_FOUND: [404, 'NOT_FOUND', '角色不存在'],
  ROLE_NAME_TAKEN: [409, 'ROLE_NAME_TAKEN', '角色名称已存在'],
  ROLE_IN_USE: [409, 'ROLE_IN_USE', '该角色仍有账号在使用，请先调整这些账号的角色'],
  ROLE_BUILTIN: [409, 'ROLE_BUILTIN', '内置角色“单位管理员”不能删除或修改权限'],
  WRONG_PASSWORD: [400, 'VALIDATION', '当前密码不正确'],
} as const;

function fail(key: keyof typeof ERRORS) {
  const [status, code, message] = ERRORS[key];
  return appError(status, code, message);
}

const MAX_FAILED_LOGINS = 5;

export interface AccountRow {
  id: number;
  employer_id: number;
  phone: string;
  name: string;
  email: string | null;
  password_hash: string | null;
  is_admin: boolean;
  token_version: number;
  failed_logins: number;
  locked_until: Date | null;
  disabled_at: Date | null;
  last_login_at: Date | null;
  created_at: Date;
}

export interface AccountView {
  id: number;
  phone: string;
  name: string;
  email: string | null;
  isAdmin: boolean;
  disabled: boolean;
  roles: { id: number; name: string }[];
  lastLoginAt: string | null;
  createdAt: string;
}

export interface RoleView {
  id: number;
  name: string;
  permissions: Permission[];
  builtin: boolean;
  accountCount: number;
}

export class AccountService {
  constructor(
    private readonly db: Db,
    private readonly limits: LoginLimits,
  ) {}

  payload(row: Pick<AccountRow, 'id' | 'token_version'>): TokenPayload {
    return { kind: 'employer', sub: String(row.id), tv: row.token_version };
  }

  async byPhone(phone: string, trx?: Knex.Transaction): Promise<AccountRow | undefined> {
    const account = await EmployerAccount.query(trx ?? this.db).findOne({ phone });
    return account && toRow<AccountRow>(account);
  }

  async byId(id: number, trx?: Knex.Transaction): Promise<AccountRow | undefined> {
    const account = await EmployerAccount.query(trx ?? this.db).findById(id);
    return account && toRow<AccountRow>(account);
  }

  /** Token payload → credentials with the permissions of the account's roles; null when revoked or disabled. */
  async resolve(payload: TokenPayload): Promise<EmployerCredentials | null> {
    // Every authenticated request: one joined query (no `first()`, whose LIMIT 1 would cut the roles off).
    const [account] = await EmployerAccount.query(this.db)
      .withGraphJoined('roles')
      .where('employer_accounts.id', Number(payload.sub));
    if (!account || account.disabledAt || account.tokenVersion !== payload.tv) return null;
    const granted = new Set(account.roles!.flatMap((r) => r.permissions));
    return {
      kind: 'employer',
      id: account.id,
      employerId: account.employerId,
      phone: account.phone,
      name: account.name,
      isAdmin: account.isAdmin,
      permissions: PERMISSION_KEYS.filter((k) => granted.has(k)),
      mustSetPassword: account.passwordHash === null,
    };
  }

  /** Creates the registrant's account with the built-in admin role (registration, in its transaction). */
  async createAdmin(
    trx: Knex.Transaction,
    employerId: number,
    input: { phone: string; name: string; email?: string | null; passwordHash: string },
  ): Promise<AccountRow> {
    const role = await EmployerRole.query(trx).insert({
      employerId,
      name: ADMIN_ROLE_NAME,
      permissions: PERMISSION_KEYS,
      builtin: true,
    });
    const account = await EmployerAccount.query(trx)
      .insert({
        employerId,
        phone: input.phone,
        name: input.name,
        email: input.email ?? null,
        passwordHash: input.passwordHash,
        isAdmin: true,
        lastLoginAt: fn.now(),
      })
      .returning('*');
    await account.$relatedQuery('roles', trx).relate(role.id);
    return toRow<AccountRow>(account);
  }

  /**
   * Password login from `ip`. The attempt is counted before anything is read: the sixth within 15 minutes for this
   * phone, or past the IP's failures, gets 429 RATE_LIMITED without a password check.
   */
  async login(phone: string, password: string, ip: string): Promise<AccountRow> {
    const attempt = await this.limits.begin(ip, { key: `employer:${phone}`, message: ERRORS.LOCKED[2] });
    const row = await this.byPhone(phone);
    if (!row) {
      await verifyPassword(password, DUMMY_HASH);
      throw fail('INVALID_CREDENTIALS');
    }
    if (row.disabled_at) throw fail('ACCOUNT_DISABLED');
    if (row.locked_until && row.locked_until > new Date()) throw fail('LOCKED');
    if (!row.password_hash || (!row.is_admin && !row.last_login_at)) throw fail('SMS_LOGIN_REQUIRED');
    if (!(await verifyPassword(password, row.password_hash))) {
      const [after] = await EmployerAccount.query(this.db)
        .where('id', row.id)
        .patch({
          failedLogins: raw('failed_logins + 1'),
          lockedUntil: raw(
            `CASE WHEN failed_logins + 1 >= ? THEN now() + interval '15 minutes' ELSE locked_until END`,
            [MAX_FAILED_LOGINS],
          ),
        })
        .returning('failed_logins');
      throw after!.failedLogins >= MAX_FAILED_LOGINS ? fail('LOCKED') : fail('INVALID_CREDENTIALS');
    }
    await attempt.succeeded();
    return this.recordLogin(row.id);
  }

  /** After a verified SMS code: signs the account in and clears a password lock. */
  async smsLogin(phone: string): Promise<AccountRow> {
    const row = await this.byPhone(phone);
    if (!row) throw appError(400, 'SMS_CODE_INVALID', '验证码错误或已过期，请重新获取');
    if (row.disabled_at) throw fail('ACCOUNT_DISABLED');
    await this.limits.clear(`employer:${phone}`);
    return this.recordLogin(row.id);
  }

  /** Patches one account and returns its row as it stands afterwards (one UPDATE … RETURNING). */
  private async patchReturning(
    db: Db | Knex.Transaction,
    where: { id: number } | { phone: string },
    changes: PartialModelObject<EmployerAccount>,
  ): Promise<AccountRow | undefined> {
    const [account] = await EmployerAccount.query(db).where(where).patch(changes).returning('*');
    return account && toRow<AccountRow>(account);
  }

  private async recordLogin(id: number): Promise<AccountRow> {
    const row = await this.patchReturning(
      this.db,
      { id },
      {
        failedLogins: 0,
        lockedUntil: null,
        lastLoginAt: fn.now(),
      },
    );
    return row!;
  }

  /** Every token issued so far stops working. */
  async revokeTokens(accountId: number, trx?: Knex.Transaction): Promise<AccountRow> {
    const row = await this.patchReturning(
      trx ?? this.db,
      { id: accountId },
      {
        tokenVersion: raw('token_version + 1'),
      },
    );
    return row!;
  }

  /** Sets a new password (the current one is required when there is one); older tokens stop working. */
  async changePassword(accountId: number, current: string | null, next: string): Promise<AccountRow> {
    const row = await this.byId(accountId);
    if (!row) throw fail('NOT_FOUND');
    if (row.password_hash && !(current && (await verifyPassword(current, row.password_hash)))) {
      throw validationError([{ path: 'currentPassword', message: '当前密码不正确' }]);
    }
    const updated = await this.patchReturning(this.db, { id: accountId }, await this.newPassword(next));
    return updated!;
  }

  /** Sets a new password after an SMS reset; older tokens stop working. */
  async resetPassword(phone: string, next: string): Promise<AccountRow> {
    const updated = await this.patchReturning(this.db, { phone }, await this.newPassword(next));
    if (!updated) throw fail('NOT_FOUND');
    await this.limits.clear(`employer:${phone}`);
    return updated;
  }

  private async newPassword(next: string) {
    return {
      passwordHash: await hashPassword(next),
      tokenVersion: raw('token_version + 1'),
      failedLogins: 0,
      lockedUntil: null,
    };
  }

  // ---- accounts of one employer -------------------------------------------------------------------------

  private accountsOf(db: Db | Knex.Transaction, employerId: number) {
    return EmployerAccount.query(db)
      .where('employer_accounts.employer_id', employerId)
      .withGraphFetched('roles')
      .modifyGraph('roles', (q) => {
        q.orderBy('employer_roles.id');
      });
  }

  async list(employerId: number): Promise<AccountView[]> {
    const accounts = await this.accountsOf(this.db, employerId).orderBy('employer_accounts.id');
    return accounts.map((a) => this.view(a));
  }

  private view(account: EmployerAccount): AccountView {
    return {
      id: account.id,
      phone: account.phone,
      name: account.name,
      email: account.email,
      isAdmin: account.isAdmin,
      disabled: !!account.disabledAt,
      roles: (account.roles ?? []).map((r) => ({ id: r.id, name: r.name })),
      lastLoginAt: account.lastLoginAt ? new Date(account.lastLoginAt).toISOString() : null,
      createdAt: new Date(account.createdAt).toISOString(),
    };
  }

  async get(employerId: number, accountId: number): Promise<AccountView> {
    const account = await this.accountsOf(this.db, employerId).findById(accountId);
    if (!account) throw fail('NOT_FOUND');
    return this.view(account);
  }

  private async checkRoles(trx: Knex.Transaction, employerId: number, roleIds: number[]): Promise<void> {
    if (roleIds.length === 0) return;
    const found = await EmployerRole.query(trx)
      .where('employer_id', employerId)
      .findByIds(roleIds)
      .select('id');
    if (found.length !== new Set(roleIds).size)
      throw validationError([{ path: 'roleIds', message: '包含不存在的角色' }]);
  }

  async createSubAccount(
    employerId: number,
    input: { phone: string; name: string; email?: string | null; roleIds?: number[] },
  ): Promise<AccountView> {
    try {
      const id = await this.db.transaction(async (trx) => {
        const roleIds = [...new Set(input.roleIds ?? [])];
        await this.checkRoles(trx, employerId, roleIds);
        const account = await EmployerAccount.query(trx).insert({
          employerId,
          phone: input.phone,
          name: input.name,
          email: input.email ?? null,
        });
        if (roleIds.length) await account.$relatedQuery('roles', trx).relate(roleIds);
        return account.id;
      });
      return this.get(employerId, id);
    } catch (err) {
      if (uniqueViolation(err) === 'employer_accounts_phone_unique') throw fail('PHONE_TAKEN');
      throw err;
    }
  }

  /** The active accounts holding the built-in role, with the employer row locked. */
  private async activeAdmins(trx: Knex.Transaction, employerId: number): Promise<number[]> {
    await Employer.query(trx).findById(employerId).forUpdate().select('id');
    const admins = await EmployerAccount.query(trx)
      .joinRelated('roles')
      .where({ 'employer_accounts.employer_id': employerId, 'roles.builtin': true })
      .whereNull('employer_accounts.disabled_at')
      .select('employer_accounts.id');
    return admins.map((a) => a.id);
  }

  async update(
    employerId: number,
    accountId: number,
    patch: { disabled?: boolean; roleIds?: number[]; name?: string; email?: string | null },
  ): Promise<AccountView> {
    await this.db.transaction(async (trx) => {
      const admins = await this.activeAdmins(trx, employerId);
      const account = await EmployerAccount.query(trx).findOne({ id: accountId, employer_id: employerId });
      if (!account) throw fail('NOT_FOUND');
      if (patch.roleIds) {
        const roleIds = [...new Set(patch.roleIds)];
        await this.checkRoles(trx, employerId, roleIds);
        const builtin = await EmployerRole.query(trx)
          .findOne({ employer_id: employerId, builtin: true })
          .select('id');
        const losesAdmin = admins.includes(accountId) && !roleIds.includes(builtin!.id);
        if (losesAdmin && admins.length <= 1) throw fail('LAST_ADMIN');
        await account.$relatedQuery('roles', trx).unrelate();
        if (roleIds.length) await account.$relatedQuery('roles', trx).relate(roleIds);
      }
      const changes: PartialModelObject<EmployerAccount> = {};
      if (patch.name !== undefined) changes.name = patch.name;
      if (patch.email !== undefined) changes.email = patch.email;
      if (patch.disabled === true && !account.disabledAt) {
        const stillAdmins = await this.activeAdmins(trx, employerId);
        if (stillAdmins.includes(accountId) && stillAdmins.length <= 1) throw fail('LAST_ADMIN');
        changes.disabledAt = fn.now();
        changes.tokenVersion = raw('token_version + 1');
      }
      if (patch.disabled === false && account.disabledAt) changes.disabledAt = null;
      if (patch.roleIds) changes.tokenVersion = raw('token_version + 1');
      if (Object.keys(changes).length) await account.$query(trx).patch(changes);
    });
    return this.get(employerId, accountId);
  }

  // ---- roles ---------------------------------------------------------------------------------------------

  async roles(employerId: number): Promise<RoleView[]> {
    const rows = (await EmployerRole.query(this.db)
      .where('employer_roles.employer_id', employerId)
      .orderBy('employer_roles.id')
      .select(
        'employer_roles.*',
        EmployerRole.relatedQuery('accounts').count().as('account_count'),
      )) as (EmployerRole & {
      accountCount: number;
    })[];
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      permissions: PERMISSION_KEYS.filter((k) => r.permissions.includes(k)),
      builtin: r.builtin,
      accountCount: Number(r.accountCount),
    }));
  }

  async role(employerId: number, roleId: number): Promise<RoleView> {
    const role = (await this.roles(employerId)).find((r) => r.id === roleId);
    if (!role) throw fail('ROLE_NOT_FOUND');
    return role;
  }

  async createRole(
    employerId: number,
    input: { name: string; permissions: Permission[] },
  ): Promise<RoleView> {
    try {
      const role = await EmployerRole.query(this.db).insert({
        employerId,
        name: input.name,
        permissions: [...new Set(input.permissions)],
      });
      return this.role(employerId, role.id);
    } catch (err) {
      if (uniqueViolation(err) === 'employer_roles_employer_id_name_unique') throw fail('ROLE_NAME_TAKEN');
      throw err;
    }
  }

  /** The employer's role, locked for the rest of the transaction. */
  private async lockRole(trx: Knex.Transaction, employerId: number, roleId: number): Promise<EmployerRole> {
    const role = await EmployerRole.query(trx).findOne({ id: roleId, employer_id: employerId }).forUpdate();
    if (!role) throw fail('ROLE_NOT_FOUND');
    return role;
  }

  async updateRole(
    employerId: number,
    roleId: number,
    input: { name: string; permissions: Permission[] },
  ): Promise<RoleView> {
    try {
      await this.db.transaction(async (trx) => {
        const role = await this.lockRole(trx, employerId, roleId);
        if (
          role.builtin &&
          (input.name !== role.name || PERMISSION_KEYS.some((k) => !input.permissions.includes(k)))
        )
          throw fail('ROLE_BUILTIN');
        await role.$query(trx).patch({ name: input.name, permissions: [...new Set(input.permissions)] });
        // Accounts holding the role get tokens with the new permissions on their next request (resolved per request).
      });
      return this.role(employerId, roleId);
    } catch (err) {
      if (uniqueViolation(err) === 'employer_roles_employer_id_name_unique') throw fail('ROLE_NAME_TAKEN');
      throw err;
    }
  }

  async deleteRole(employerId: number, roleId: number): Promise<void> {
    await this.db.transaction(async (trx) => {
      const role = await this.lockRole(trx, employerId, roleId);
      if (role.builtin) throw fail('ROLE_BUILTIN');
      const used = await role.$relatedQuery('accounts', trx).select('employer_accounts.id').first();
      if (used) throw fail('ROLE_IN_USE');
      await role.$query(trx).delete();
    });
  }

  /** Used to hash a new admin's password in the registration transaction. */
  hash(password: string): Promise<string> {
    return hashPassword(password);
  }
}
