import { expect } from 'chai';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { bearer } from '../helpers/employers.js';
import { get, Jar } from '../helpers/pages.js';

// The main site has no rooms and reviews no info sessions: its console leaves 场地管理 and 宣讲会日程 out of the menu
// and, at their addresses, says in Chinese where sessions are arranged instead of an empty calendar.

async function staffJar(username: string): Promise<Jar> {
  const { app } = await getDeployment();
  const { payload } = await app.services.staff!.login(username, 'xiaozhao-demo', '127.0.0.1');
  const jar = new Jar();
  jar.cookies.set('xz_staff', app.principals.sign(payload));
  return jar;
}

describe('main site console: info sessions', () => {
  it('leaves 场地管理 and 宣讲会日程 out of main’s menu and keeps them on a school’s', async () => {
    const main = await get('/admin/reviews', await staffJar('main.admin'));
    expect(main.statusCode).to.equal(200);
    expect(main.payload).to.not.include('href="/admin/rooms"').and.not.include('href="/admin/presentations"');
    const nju = await get('/s/nju/admin/reviews', await staffJar('nju.admin'));
    expect(nju.payload)
      .to.include('href="/s/nju/admin/rooms"')
      .and.include('href="/s/nju/admin/presentations"');
  });

  it('explains at /admin/presentations and /admin/rooms on main where sessions are arranged', async () => {
    const jar = await staffJar('main.admin');
    for (const url of ['/admin/presentations', '/admin/presentations?view=week', '/admin/rooms']) {
      const res = await get(url, jar);
      expect(res.statusCode, url).to.equal(200);
      expect(res.payload, url).to.include('主站不设场地，不安排宣讲会');
      expect(res.payload, url).to.include('由各校审核并安排本校场地');
      expect(res.payload, url).to.include('href="/presentations"');
    }
  });

  it('refuses a room on main through the API with 422 NO_ROOMS_ON_MAIN and stores nothing', async () => {
    const res = await inject({
      method: 'POST',
      url: '/api/v1/admin/sites/main/rooms',
      headers: bearer(await staffToken('main.admin')),
      payload: { name: '主站报告厅', capacity: 100 },
    });
    expect(res.statusCode).to.equal(422);
    expect(json(res)).to.deep.include({
      code: 'NO_ROOMS_ON_MAIN',
      message: '主站不设场地：宣讲会在各校站点举办，场地由各校管理',
    });
    const { app } = await getDeployment();
    expect(await app.db('rooms').where({ site_id: app.sites.main().id })).to.have.length(0);
  });
});
