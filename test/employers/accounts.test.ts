import { expect } from 'chai';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import { bearer, nextPhone, registerEmployer, smsCode } from '../helpers/employers.js';

async function subAccountToken(adminToken: string, permissions: string[]) {
  const role = await inject({
    method: 'POST',
    url: '/api/v1/employer/roles',
    headers: bearer(adminToken),
    payload: { name: `角色${Math.random().toString(36).slice(2, 10)}`, permissions },
  });
  expect(role.statusCode).to.equal(201);
  const phone = nextPhone();
  const acc = await inject({
    method: 'POST',
    url: '/api/v1/employer/accounts',
    headers: bearer(adminToken),
    payload: { phone, name: '测试子账号', roleIds: [json<{ id: number }>(role).id] },
  });
  expect(acc.statusCode).to.equal(201);
  const code = await smsCode(phone, 'login');
  return json<{ token: string }>(
    await inject({ method: 'POST', url: '/api/v1/auth/sms-login', payload: { phone, code } }),
  ).token;
}

describe('employer accounts and roles', () => {
  it('lists the permission catalogue', async () => {
    const reg = await registerEmployer();
    const res = await inject({ url: '/api/v1/employer/permissions', headers: bearer(reg.token) });
    expect(json<{ key: string }[]>(res).map((p) => p.key)).to.deep.equal([
      'profile',
      'sites',
      'accounts',
      'jobs',
      'announcements',
      'fairs',
      'presentations',
      'applications',
      'signing',
    ]);
  });

  it('lets the admin open a sub-account with a role; the phone must be free in the whole network', async () => {
    const { app } = await getDeployment();
    const reg = await registerEmployer();
    const role = json<{ id: number }>(
      await inject({
        method: 'POST',
        url: '/api/v1/employer/roles',
        headers: bearer(reg.token),
        payload: { name: '招聘专员', permissions: ['jobs', 'fairs'] },
      }),
    );
    const phone = nextPhone();
    const res = await inject({
      method: 'POST',
      url: '/api/v1/employer/accounts',
      headers: bearer(reg.token),
      payload: { phone, name: '小王', email: 'wang@example.com', roleIds: [role.id] },
    });
    expect(res.statusCode).to.equal(201);
    expect(json(res)).to.deep.include({
      phone,
      name: '小王',
      isAdmin: false,
      disabled: false,
      roles: [{ id: role.id, name: '招聘专员' }],
    });
    const row = await app.db('employer_accounts').where({ phone }).first();
    expect(row).to.include({ employer_id: reg.employerId, password_hash: null, is_admin: false });

    const dup = await inject({
      method: 'POST',
      url: '/api/v1/employer/accounts',
      headers: bearer(reg.token),
      payload: { phone: '13900000001', name: '重复' },
    });
    expect(dup.statusCode).to.equal(409);
    expect(json(dup)).to.deep.include({ code: 'PHONE_TAKEN', message: '该手机号已注册' });
  });

  it('refuses another employer’s role id', async () => {
    const a = await registerEmployer();
    const b = await registerEmployer();
    const roleOfB = json<{ id: number }>(
      await inject({
        method: 'POST',
        url: '/api/v1/employer/roles',
        headers: bearer(b.token),
        payload: { name: 'B 的角色', permissions: ['jobs'] },
      }),
    );
    const res = await inject({
      method: 'POST',
      url: '/api/v1/employer/accounts',
      headers: bearer(a.token),
      payload: { phone: nextPhone(), name: 'x', roleIds: [roleOfB.id] },
    });
    expect(res.statusCode).to.equal(400);
    expect(json<{ details: { path: string }[] }>(res).details[0]!.path).to.equal('roleIds');
  });

  it('keeps role names unique per employer and refuses deleting a role in use', async () => {
    const reg = await registerEmployer();
    const role = json<{ id: number }>(
      await inject({
        method: 'POST',
        url: '/api/v1/employer/roles',
        headers: bearer(reg.token),
        payload: { name: '财务', permissions: ['fairs'] },
      }),
    );
    const dup = await inject({
      method: 'POST',
      url: '/api/v1/employer/roles',
      headers: bearer(reg.token),
      payload: { name: '财务', permissions: [] },
    });
    expect(dup.statusCode).to.equal(409);
    expect(json(dup).code).to.equal('ROLE_NAME_TAKEN');
    await inject({
      method: 'POST',
      url: '/api/v1/employer/accounts',
      headers: bearer(reg.token),
      payload: { phone: nextPhone(), name: 'y', roleIds: [role.id] },
    });
    const del = await inject({
      method: 'DELETE',
      url: `/api/v1/employer/roles/${role.id}`,
      headers: bearer(reg.token),
    });
    expect(del.statusCode).to.equal(409);
    expect(json(del).code).to.equal('ROLE_IN_USE');
    const unused = json<{ id: number }>(
      await inject({
        method: 'POST',
        url: '/api/v1/employer/roles',
        headers: bearer(reg.token),
        payload: { name: '临时', permissions: [] },
      }),
    );
    expect(
      (
        await inject({
          method: 'DELETE',
          url: `/api/v1/employer/roles/${unused.id}`,
          headers: bearer(reg.token),
        })
      ).statusCode,
    ).to.equal(204);
  });

  it('protects the built-in 单位管理员 role: not deleted, not emptied, not renamed', async () => {
    const { app } = await getDeployment();
    const reg = await registerEmployer();
    const roles = json<{ items: { id: number; builtin: boolean }[] }>(
      await inject({ url: '/api/v1/employer/roles', headers: bearer(reg.token) }),
    ).items;
    const builtin = roles.find((r) => r.builtin)!;
    const del = await inject({
      method: 'DELETE',
      url: `/api/v1/employer/roles/${builtin.id}`,
      headers: bearer(reg.token),
    });
    expect(del.statusCode).to.equal(409);
    expect(json(del).code).to.equal('ROLE_BUILTIN');
    const emptied = await inject({
      method: 'PUT',
      url: `/api/v1/employer/roles/${builtin.id}`,
      headers: bearer(reg.token),
      payload: { name: '单位管理员', permissions: ['jobs'] },
    });
    expect(emptied.statusCode).to.equal(409);
    const renamed = await inject({
      method: 'PUT',
      url: `/api/v1/employer/roles/${builtin.id}`,
      headers: bearer(reg.token),
      payload: {
        name: '老板',
        permissions: [
          'profile',
          'sites',
          'accounts',
          'jobs',
          'announcements',
          'fairs',
          'presentations',
          'applications',
          'signing',
        ],
      },
    });
    expect(renamed.statusCode).to.equal(409);
    const row = await app.db('employer_roles').where({ id: builtin.id }).first();
    expect(row.permissions).to.have.length(9);
    expect(row.name).to.equal('单位管理员');
    // the database itself refuses an emptied built-in role
    let refused = false;
    await app
      .db('employer_roles')
      .where({ id: builtin.id })
      .update({ permissions: ['jobs'] })
      .catch(() => (refused = true));
    expect(refused).to.equal(true);
  });

  it('never disables the last active admin, nor takes its role away', async () => {
    const reg = await registerEmployer();
    const self = await inject({
      method: 'PATCH',
      url: `/api/v1/employer/accounts/${reg.accountId}`,
      headers: bearer(reg.token),
      payload: { disabled: true },
    });
    expect(self.statusCode).to.equal(409);
    expect(json(self)).to.deep.include({
      code: 'LAST_ADMIN',
      message: '至少需要保留一个启用的单位管理员账号',
    });
    const dropRole = await inject({
      method: 'PATCH',
      url: `/api/v1/employer/accounts/${reg.accountId}`,
      headers: bearer(reg.token),
      payload: { roleIds: [] },
    });
    expect(dropRole.statusCode).to.equal(409);

    const builtin = json<{ items: { id: number; builtin: boolean }[] }>(
      await inject({ url: '/api/v1/employer/roles', headers: bearer(reg.token) }),
    ).items.find((r) => r.builtin)!;
    const second = json<{ id: number }>(
      await inject({
        method: 'POST',
        url: '/api/v1/employer/accounts',
        headers: bearer(reg.token),
        payload: { phone: nextPhone(), name: '第二管理员', roleIds: [builtin.id] },
      }),
    );
    const ok = await inject({
      method: 'PATCH',
      url: `/api/v1/employer/accounts/${reg.accountId}`,
      headers: bearer(reg.token),
      payload: { disabled: true },
    });
    expect(ok.statusCode).to.equal(200);
    expect(json(ok)).to.deep.include({ disabled: true });
    void second;
  });

  it('keeps one admin when two admins disable each other at the same moment', async () => {
    const { app } = await getDeployment();
    const reg = await registerEmployer();
    const builtin = (
      await app.db('employer_roles').where({ employer_id: reg.employerId, builtin: true }).first()
    ).id as number;
    const second = json<{ id: number }>(
      await inject({
        method: 'POST',
        url: '/api/v1/employer/accounts',
        headers: bearer(reg.token),
        payload: { phone: nextPhone(), name: '第二管理员', roleIds: [builtin] },
      }),
    );
    const accounts = app.services.accounts!;
    const results = await Promise.allSettled([
      accounts.update(reg.employerId, second.id, { disabled: true }),
      accounts.update(reg.employerId, reg.accountId, { disabled: true }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    const active = await app
      .db('employer_accounts')
      .where({ employer_id: reg.employerId })
      .whereNull('disabled_at')
      .whereIn('id', [reg.accountId, second.id]);
    expect(active).to.have.length(1);
  });

  it('keeps employers apart: B cannot change A’s accounts or roles', async () => {
    const a = await registerEmployer();
    const b = await registerEmployer();
    const aRole = json<{ items: { id: number }[] }>(
      await inject({ url: '/api/v1/employer/roles', headers: bearer(a.token) }),
    ).items[0]!;
    const patch = await inject({
      method: 'PATCH',
      url: `/api/v1/employer/accounts/${a.accountId}`,
      headers: bearer(b.token),
      payload: { disabled: true },
    });
    expect(patch.statusCode).to.equal(404);
    const put = await inject({
      method: 'PUT',
      url: `/api/v1/employer/roles/${aRole.id}`,
      headers: bearer(b.token),
      payload: { name: 'x', permissions: [] },
    });
    expect(put.statusCode).to.equal(404);
    const del = await inject({
      method: 'DELETE',
      url: `/api/v1/employer/roles/${aRole.id}`,
      headers: bearer(b.token),
    });
    expect(del.statusCode).to.equal(404);
    const list = json<{ items: { id: number }[] }>(
      await inject({ url: '/api/v1/employer/accounts', headers: bearer(b.token) }),
    ).items;
    expect(list.map((x) => x.id)).to.not.include(a.accountId);
  });
});

describe('the permission matrix', () => {
  it('gives 403 FORBIDDEN on every route whose permission the account’s roles lack, and lets it through with it', async function () {
    this.timeout(60_000);
    const { server } = await getDeployment();
    const routes = server
      .table()
      .map((r) => ({
        method: r.method.toUpperCase(),
        path: r.path,
        permission: (r.settings.app as { access?: { permission?: string } }).access?.permission,
      }))
      .filter((r): r is { method: string; path: string; permission: string } => !!r.permission);
    const covered = new Set(routes.map((r) => r.permission));
    expect([...covered]).to.include.members(['profile', 'sites', 'accounts']);
    const admin = await registerEmployer();
    const tokens = new Map<string, { without: string; with: string }>();
    for (const permission of covered) {
      const others = [
        'profile',
        'sites',
        'accounts',
        'jobs',
        'announcements',
        'fairs',
        'presentations',
        'applications',
        'signing',
      ].filter((p) => p !== permission);
      tokens.set(permission, {
        without: await subAccountToken(admin.token, others),
        with: await subAccountToken(admin.token, [permission]),
      });
    }
    // API routes read the bearer token, pages the session cookie: send both.
    // Page forms also need the CSRF token: the same value in the cookie and the form.
    const auth = (token: string) => ({
      ...bearer(token),
      cookie: `xz_employer=${token}; xz_csrf=matrix-csrf`,
    });
    const codeOf = (res: Awaited<ReturnType<typeof inject>>) =>
      String(res.headers['content-type']).includes('json')
        ? json(res).code
        : res.statusCode === 403 && /错误代码：FORBIDDEN/.test(res.payload)
          ? 'FORBIDDEN'
          : res.statusCode;
    for (const route of routes) {
      const url = route.path.replace(/\{(\w+)\*?\}/g, (_m, name: string) =>
        name === 'slug' ? 'nju' : name === 'id' ? '999999' : 'x',
      );
      const t = tokens.get(route.permission)!;
      const payload =
        route.method === 'GET' || route.method === 'DELETE'
          ? undefined
          : route.path.startsWith('/api/')
            ? {}
            : { xz_csrf: 'matrix-csrf' };
      const denied = await inject({ method: route.method, url, headers: auth(t.without), payload });
      expect(denied.statusCode, `${route.method} ${route.path} without ${route.permission}`).to.equal(403);
      expect(codeOf(denied), `${route.method} ${route.path}`).to.equal('FORBIDDEN');
      const allowed = await inject({ method: route.method, url, headers: auth(t.with), payload });
      expect(codeOf(allowed), `${route.method} ${route.path} with ${route.permission}`).to.not.equal(
        'FORBIDDEN',
      );
    }
  });
});
