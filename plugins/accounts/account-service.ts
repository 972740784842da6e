// Employer accounts: the registrant is the admin; sub-accounts are created by an account holding the `accounts`
// permission, log in first with an SMS code, then set a password. Tokens carry a version: logout, a password change
// or disabling the account bumps it and every older token stops working. Five wrong passwords lock the account for
// 15 minutes. The last active holder of the built-in 单位管理员 role cannot be disabled or lose the role; the check
// runs with the employer's row locked, so two admins cannot disable each other at once.
import type { Knex } from 'knex';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../core/auth/password.js';
import type { TokenPayload } from '../../core/auth/principals.js';
import type { Db } from '../../core/db/knex.js';
import { appError, validationError } from '../../core/http/errors.js';
import { uniqueViolation } from '../../core/db/errors.js';
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
  constructor(private readonly db: Db) {}

  payload(row: Pick<AccountRow, 'id' | 'token_version'>): TokenPayload {
    return { kind: 'employer', sub: String(row.id), tv: row.token_version };
  }

  async byPhone(phone: string, trx?: Knex.Transaction): Promise<AccountRow | undefined> {
    return (await (trx ?? this.db)('employer_accounts').where({ phone }).first()) as AccountRow | undefined;
  }

  async byId(id: number, trx?: Knex.Transaction): Promise<AccountRow | undefined> {
    return (await (trx ?? this.db)('employer_accounts').where({ id }).first()) as AccountRow | undefined;
  }

  /** Token payload → credentials with the permissions of the account's roles; null when revoked or disabled. */
  async resolve(payload: TokenPayload): Promise<EmployerCredentials | null> {
    const row = (await this.db('employer_accounts as a')
      .leftJoin('employer_account_roles as ar', 'ar.account_id', 'a.id')
      .leftJoin('employer_roles as r', 'r.id', 'ar.role_id')
      .where('a.id', Number(payload.sub))
      .groupBy('a.id')
      .first(
        'a.id',
        'a.employer_id',
        'a.phone',
        'a.name',
        'a.is_admin',
        'a.token_version',
        'a.disabled_at',
        this.db.raw(`a.password_hash IS NULL AS must_set_password`),
        this.db.raw(`coalesce(array_agg(DISTINCT p.p) FILTER (WHERE p.p IS NOT NULL), '{}') AS permissions`),
      )
      .joinRaw('LEFT JOIN LATERAL unnest(r.permissions) AS p(p) ON true')) as
      | (Pick<
          AccountRow,
          'id' | 'employer_id' | 'phone' | 'name' | 'is_admin' | 'token_version' | 'disabled_at'
        > & {
          permissions: Permission[];
          must_set_password: boolean;
        })
      | undefined;
    if (!row || row.disabled_at || row.token_version !== payload.tv) return null;
    return {
      kind: 'employer',
      id: row.id,
      employerId: row.employer_id,
      phone: row.phone,
      name: row.name,
      isAdmin: row.is_admin,
      permissions: PERMISSION_KEYS.filter((k) => row.permissions.includes(k)),
      mustSetPassword: row.must_set_password,
    };
  }

  /** Creates the registrant's account with the built-in admin role (registration, in its transaction). */
  async createAdmin(
    trx: Knex.Transaction,
    employerId: number,
    input: { phone: string; name: string; email?: string | null; passwordHash: string },
  ): Promise<AccountRow> {
    const [role] = await trx('employer_roles')
      .insert({ employer_id: employerId, name: ADMIN_ROLE_NAME, permissions: PERMISSION_KEYS, builtin: true })
      .returning('id');
    const [account] = (await trx('employer_accounts')
      .insert({
        employer_id: employerId,
        phone: input.phone,
        name: input.name,
        email: input.email ?? null,
        password_hash: input.passwordHash,
        is_admin: true,
        last_login_at: trx.fn.now(),
      })
      .returning('*')) as AccountRow[];
    await trx('employer_account_roles').insert({
      account_id: account!.id,
      role_id: (role as { id: number }).id,
    });
    return account!;
  }

  async login(phone: string, password: string): Promise<AccountRow> {
    const row = await this.byPhone(phone);
    if (!row) {
      await verifyPassword(password, DUMMY_HASH);
      throw fail('INVALID_CREDENTIALS');
    }
    if (row.disabled_at) throw fail('ACCOUNT_DISABLED');
    if (row.locked_until && row.locked_until > new Date()) throw fail('LOCKED');
    if (!row.password_hash || (!row.is_admin && !row.last_login_at)) throw fail('SMS_LOGIN_REQUIRED');
    if (!(await verifyPassword(password, row.password_hash))) {
      const [after] = (await this.db('employer_accounts')
        .where({ id: row.id })
        .update({
          failed_logins: this.db.raw('failed_logins + 1'),
          locked_until: this.db.raw(
            `CASE WHEN failed_logins + 1 >= ? THEN now() + interval '15 minutes' ELSE locked_until END`,
            [MAX_FAILED_LOGINS],
          ),
        })
        .returning(['failed_logins'])) as { failed_logins: number }[];
      throw after!.failed_logins >= MAX_FAILED_LOGINS ? fail('LOCKED') : fail('INVALID_CREDENTIALS');
    }
    return this.recordLogin(row.id);
  }

  /** After a verified SMS code: signs the account in and clears a password lock. */
  async smsLogin(phone: string): Promise<AccountRow> {
    const row = await this.byPhone(phone);
    if (!row) throw appError(400, 'SMS_CODE_INVALID', '验证码错误或已过期，请重新获取');
    if (row.disabled_at) throw fail('ACCOUNT_DISABLED');
    return this.recordLogin(row.id);
  }

  private async recordLogin(id: number): Promise<AccountRow> {
    const [row] = (await this.db('employer_accounts')
      .where({ id })
      .update({ failed_logins: 0, locked_until: null, last_login_at: this.db.fn.now() })
      .returning('*')) as AccountRow[];
    return row!;
  }

  /** Every token issued so far stops working. */
  async revokeTokens(accountId: number, trx?: Knex.Transaction): Promise<AccountRow> {
    const [row] = (await (trx ?? this.db)('employer_accounts')
      .where({ id: accountId })
      .update({ token_version: (trx ?? this.db).raw('token_version + 1') })
      .returning('*')) as AccountRow[];
    return row!;
  }

  /** Sets a new password (the current one is required when there is one); older tokens stop working. */
  async changePassword(accountId: number, current: string | null, next: string): Promise<AccountRow> {
    const row = await this.byId(accountId);
    if (!row) throw fail('NOT_FOUND');
    if (row.password_hash && !(current && (await verifyPassword(current, row.password_hash)))) {
      throw validationError([{ path: 'currentPassword', message: '当前密码不正确' }]);
    }
    const [updated] = (await this.db('employer_accounts')
      .where({ id: accountId })
      .update({
        password_hash: await hashPassword(next),
        token_version: this.db.raw('token_version + 1'),
        failed_logins: 0,
        locked_until: null,
      })
      .returning('*')) as AccountRow[];
    return updated!;
  }

  /** Sets a new password after an SMS reset; older tokens stop working. */
  async resetPassword(phone: string, next: string): Promise<AccountRow> {
    const [updated] = (await this.db('employer_accounts')
      .where({ phone })
      .update({
        password_hash: await hashPassword(next),
        token_version: this.db.raw('token_version + 1'),
        failed_logins: 0,
        locked_until: null,
      })
      .returning('*')) as AccountRow[];
    if (!updated) throw fail('NOT_FOUND');
    return updated;
  }

  // ---- accounts of one employer -------------------------------------------------------------------------

  async list(employerId: number): Promise<AccountView[]> {
    const rows = (await this.db('employer_accounts')
      .where({ employer_id: employerId })
      .orderBy('id')) as AccountRow[];
    const roles = await this.db('employer_account_roles as ar')
      .join('employer_roles as r', 'r.id', 'ar.role_id')
      .where('r.employer_id', employerId)
      .select('ar.account_id', 'r.id', 'r.name')
      .orderBy('r.id');
    return rows.map((row) =>
      this.view(
        row,
        roles.filter((r: { account_id: number }) => r.account_id === row.id),
      ),
    );
  }

  private view(row: AccountRow, roles: { id: number; name: string }[]): AccountView {
    return {
      id: row.id,
      phone: row.phone,
      name: row.name,
      email: row.email,
      isAdmin: row.is_admin,
      disabled: !!row.disabled_at,
      roles: roles.map((r) => ({ id: r.id, name: r.name })),
      lastLoginAt: row.last_login_at ? new Date(row.last_login_at).toISOString() : null,
      createdAt: new Date(row.created_at).toISOString(),
    };
  }

  async get(employerId: number, accountId: number): Promise<AccountView> {
    const view = (await this.list(employerId)).find((a) => a.id === accountId);
    if (!view) throw fail('NOT_FOUND');
    return view;
  }

  private async checkRoles(trx: Knex.Transaction, employerId: number, roleIds: number[]): Promise<void> {
    if (roleIds.length === 0) return;
    const found = await trx('employer_roles')
      .where({ employer_id: employerId })
      .whereIn('id', roleIds)
      .pluck('id');
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
        const [row] = await trx('employer_accounts')
          .insert({
            employer_id: employerId,
            phone: input.phone,
            name: input.name,
            email: input.email ?? null,
          })
          .returning('id');
        const accountId = (row as { id: number }).id;
        if (roleIds.length)
          await trx('employer_account_roles').insert(
            roleIds.map((roleId) => ({ account_id: accountId, role_id: roleId })),
          );
        return accountId;
      });
      return this.get(employerId, id);
    } catch (err) {
      if (uniqueViolation(err) === 'employer_accounts_phone_unique') throw fail('PHONE_TAKEN');
      throw err;
    }
  }

  /** The number of active accounts holding the built-in role, with the employer row locked. */
  private async activeAdmins(trx: Knex.Transaction, employerId: number): Promise<number[]> {
    await trx('employers').where({ id: employerId }).forUpdate().first('id');
    return trx('employer_accounts as a')
      .join('employer_account_roles as ar', 'ar.account_id', 'a.id')
      .join('employer_roles as r', 'r.id', 'ar.role_id')
      .where({ 'a.employer_id': employerId, 'r.builtin': true })
      .whereNull('a.disabled_at')
      .pluck('a.id');
  }

  async update(
    employerId: number,
    accountId: number,
    patch: { disabled?: boolean; roleIds?: number[]; name?: string; email?: string | null },
  ): Promise<AccountView> {
    await this.db.transaction(async (trx) => {
      const admins = await this.activeAdmins(trx, employerId);
      const row = (await trx('employer_accounts')
        .where({ id: accountId, employer_id: employerId })
        .first()) as AccountRow | undefined;
      if (!row) throw fail('NOT_FOUND');
      if (patch.roleIds) {
        const roleIds = [...new Set(patch.roleIds)];
        await this.checkRoles(trx, employerId, roleIds);
        const builtin = await trx('employer_roles')
          .where({ employer_id: employerId, builtin: true })
          .first('id');
        const losesAdmin = admins.includes(accountId) && !roleIds.includes((builtin as { id: number }).id);
        if (losesAdmin && admins.length <= 1) throw fail('LAST_ADMIN');
        await trx('employer_account_roles').where({ account_id: accountId }).delete();
        if (roleIds.length)
          await trx('employer_account_roles').insert(
            roleIds.map((roleId) => ({ account_id: accountId, role_id: roleId })),
          );
      }
      const changes: Record<string, unknown> = {};
      if (patch.name !== undefined) changes.name = patch.name;
      if (patch.email !== undefined) changes.email = patch.email;
      if (patch.disabled === true && !row.disabled_at) {
        const stillAdmins = await this.activeAdmins(trx, employerId);
        if (stillAdmins.includes(accountId) && stillAdmins.length <= 1) throw fail('LAST_ADMIN');
        changes.disabled_at = trx.fn.now();
        changes.token_version = trx.raw('token_version + 1');
      }
      if (patch.disabled === false && row.disabled_at) changes.disabled_at = null;
      if (patch.roleIds) changes.token_version = trx.raw('token_version + 1');
      if (Object.keys(changes).length)
        await trx('employer_accounts').where({ id: accountId }).update(changes);
    });
    return this.get(employerId, accountId);
  }

  // ---- roles ---------------------------------------------------------------------------------------------

  async roles(employerId: number): Promise<RoleView[]> {
    const rows = await this.db('employer_roles as r')
      .leftJoin('employer_account_roles as ar', 'ar.role_id', 'r.id')
      .where('r.employer_id', employerId)
      .groupBy('r.id')
      .orderBy('r.id')
      .select(
        'r.id',
        'r.name',
        'r.permissions',
        'r.builtin',
        this.db.raw('count(ar.account_id)::int AS account_count'),
      );
    return rows.map(
      (r: {
        id: number;
        name: string;
        permissions: Permission[];
        builtin: boolean;
        account_count: number;
      }) => ({
        id: r.id,
        name: r.name,
        permissions: PERMISSION_KEYS.filter((k) => r.permissions.includes(k)),
        builtin: r.builtin,
        accountCount: Number(r.account_count),
      }),
    );
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
      const [row] = await this.db('employer_roles')
        .insert({ employer_id: employerId, name: input.name, permissions: [...new Set(input.permissions)] })
        .returning('id');
      return this.role(employerId, (row as { id: number }).id);
    } catch (err) {
      if (uniqueViolation(err) === 'employer_roles_employer_id_name_unique') throw fail('ROLE_NAME_TAKEN');
      throw err;
    }
  }

  async updateRole(
    employerId: number,
    roleId: number,
    input: { name: string; permissions: Permission[] },
  ): Promise<RoleView> {
    try {
      await this.db.transaction(async (trx) => {
        const role = await trx('employer_roles')
          .where({ id: roleId, employer_id: employerId })
          .forUpdate()
          .first();
        if (!role) throw fail('ROLE_NOT_FOUND');
        if (
          role.builtin &&
          (input.name !== role.name || PERMISSION_KEYS.some((k) => !input.permissions.includes(k)))
        )
          throw fail('ROLE_BUILTIN');
        await trx('employer_roles')
          .where({ id: roleId })
          .update({ name: input.name, permissions: [...new Set(input.permissions)] });
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
      const role = await trx('employer_roles')
        .where({ id: roleId, employer_id: employerId })
        .forUpdate()
        .first();
      if (!role) throw fail('ROLE_NOT_FOUND');
      if (role.builtin) throw fail('ROLE_BUILTIN');
      const used = await trx('employer_account_roles').where({ role_id: roleId }).first('account_id');
      if (used) throw fail('ROLE_IN_USE');
      await trx('employer_roles').where({ id: roleId }).delete();
    });
  }

  /** Used to hash a new admin's password in the registration transaction. */
  hash(password: string): Promise<string> {
    return hashPassword(password);
  }
}
