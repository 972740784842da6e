import { expect } from 'chai';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import { multipart, waitFor } from '../helpers/employers.js';
import { csrfField, get, Jar, setCookies, submit } from '../helpers/pages.js';
import { enrolStudent } from '../helpers/students.js';
import { line, rosterXlsx } from '../students/roster-file.js';

// The student area on a school's site (login by password and by SMS code, 设置密码, home, messages, logout, the nav
// link) and the staff console's 学生管理 (list, bulk 可网签, import with every row error, detail) — never across schools.

async function staffJar(username: string): Promise<Jar> {
  const { app } = await getDeployment();
  const { payload } = await app.services.staff!.login(username, 'xiaozhao-demo', '127.0.0.1');
  const jar = new Jar();
  jar.cookies.set('xz_staff', app.principals.sign(payload));
  return jar;
}

async function studentJar(id: number): Promise<Jar> {
  const { app } = await getDeployment();
  const row = await app.services.students!.get(id);
  const jar = new Jar();
  jar.cookies.set('xz_student', app.principals.sign(app.services.students!.payload(row!)));
  return jar;
}

describe('student pages', () => {
  it('signs a demo student in with 学号 + password and greets them by name in the nav', async () => {
    const { app } = await getDeployment();
    const jar = new Jar();
    const page = await get('/s/nju/student/login', jar);
    expect(page.statusCode).to.equal(200);
    expect(page.payload).to.contain('学号或手机号');
    const res = await submit(
      '/s/nju/student/login',
      '/s/nju/student/login',
      { mode: 'password', login: '2027000002', password: app.config.demoPassword },
      jar,
    );
    expect(res.statusCode, res.payload.slice(0, 400)).to.equal(303);
    expect(res.headers.location).to.equal('/s/nju/student');
    const home = await get('/s/nju/student', jar);
    expect(home.statusCode).to.equal(200);
    const name = (await app.services.students!.bySiteAndNo(app.sites.require('nju').id, '2027000002'))!.name;
    expect(home.payload).to.contain(`${name}，您好`);
    for (const href of ['/s/nju/student/resume', '/s/nju/student/applications', '/s/nju/student/messages'])
      expect(home.payload).to.contain(`href="${href}"`);
    const jobs = await get('/s/nju/', jar);
    expect(jobs.payload).to.contain('xz-session__name">' + name);
    expect(jobs.payload).to.contain('学生中心');
  });

  it('keeps typed values and says what is wrong; a wrong password is a Chinese message', async () => {
    const res = await submit('/s/nju/student/login', '/s/nju/student/login', {
      mode: 'password',
      login: '2027000003',
      password: 'not-the-password1',
    });
    expect(res.statusCode).to.equal(401);
    expect(res.payload).to.contain('学号/手机号或密码错误');
    expect(res.payload).to.contain('value="2027000003"');
    const empty = await submit('/s/nju/student/login', '/s/nju/student/login', { mode: 'password' });
    expect(empty.statusCode).to.equal(400);
    expect(empty.payload).to.contain('请填写学号或手机号');
    expect(empty.payload).to.contain('请填写密码');
  });

  it('first sign-in by SMS code, then 设置密码, then password sign-in by phone', async () => {
    const s = await enrolStudent('seu');
    const jar = new Jar();
    const inbox = async () =>
      json<{ items: { code: string; purpose: string }[] }>(await inject(`/api/v1/dev/sms?phone=${s.phone}`))
        .items;
    const sms = await submit(
      '/s/seu/student/login?tab=sms',
      '/s/seu/student/login/code',
      { phone: s.phone },
      jar,
    );
    expect(sms.statusCode).to.equal(200);
    expect(sms.payload).to.contain('验证码已发送');
    const { app } = await getDeployment();
    const code = await waitFor('the code sent by the page', async () => (await inbox())[0]?.code);
    const login = await submit(
      '/s/seu/student/login?tab=sms',
      '/s/seu/student/login',
      { mode: 'sms', phone: s.phone, code },
      jar,
    );
    expect(login.statusCode, /xz-alert[^]*?<\/div>/.exec(login.payload)?.[0]).to.equal(303);
    expect(login.headers.location).to.equal('/s/seu/student/password');
    const form = await get('/s/seu/student/password', jar);
    expect(form.payload).to.contain('设置登录密码');
    expect(form.payload).not.to.contain('当前密码');
    const bad = await submit(
      '/s/seu/student/password',
      '/s/seu/student/password',
      { newPassword: 'short', passwordConfirm: 'other' },
      jar,
    );
    expect(bad.statusCode).to.equal(400);
    expect(bad.payload).to.contain('密码至少 8 位');
    expect(bad.payload).to.contain('两次填写的密码不一致');
    const set = await submit(
      '/s/seu/student/password',
      '/s/seu/student/password',
      { newPassword: 'seu2027pass', passwordConfirm: 'seu2027pass' },
      jar,
    );
    expect(set.statusCode).to.equal(303);
    expect(set.headers.location).to.equal('/s/seu/student?done=password');
    const row = await app.db('students').where({ id: s.id }).first();
    expect(row.password_hash).to.match(/^scrypt/);
    // logout, then password sign-in by phone
    const out = await submit('/s/seu/student/logout', '/s/seu/student/logout', {}, jar);
    expect(out.statusCode).to.equal(303);
    expect((await get('/s/seu/student', jar)).statusCode).to.equal(302);
    const again = await submit(
      '/s/seu/student/login',
      '/s/seu/student/login',
      { mode: 'password', login: s.phone, password: 'seu2027pass' },
      new Jar(),
    );
    expect(again.statusCode).to.equal(303);
  });

  it('does not sign in another school’s student and refuses a session on another school’s pages', async () => {
    const s = await enrolStudent('nju');
    const jar = await studentJar(s.id);
    const other = await get('/s/seu/student', jar);
    expect(other.statusCode).to.equal(403);
    expect(other.payload).to.contain('您不是本校学生');
    const res = await submit('/s/seu/student/login', '/s/seu/student/login', {
      mode: 'password',
      login: s.studentNo,
      password: 'anything-2027',
    });
    expect(res.statusCode).to.equal(401);
    expect(res.payload).to.contain('学号/手机号或密码错误');
    expect(setCookies(res).some((c) => /^xz_student=[^;]/.test(c))).to.equal(false);
  });

  it('answers the provincial site’s student login with a Chinese page', async () => {
    const res = await get('/student/login', new Jar());
    expect(res.statusCode).to.equal(404);
    expect(res.payload).to.contain('省就业网不提供学生登录');
    const home = await get('/', new Jar());
    expect(home.payload).not.to.contain('data-xz-student-link');
    const school = await get('/s/suda/', new Jar());
    expect(school.payload).to.contain('data-xz-student-link');
    expect(school.payload).to.contain('学生登录');
  });

  it('lists the student’s messages and marks them read', async () => {
    const { app } = await getDeployment();
    const s = await enrolStudent('nju');
    await app.db.transaction((trx) =>
      app.services.messages!.send(trx, {
        to: { studentId: s.id },
        kind: 'notice',
        title: '面试邀请测试',
        body: '请准时参加',
        site: 'nju',
      } as Parameters<NonNullable<typeof app.services.messages>['send']>[1]),
    );
    await waitFor(
      'the message',
      async () => (await app.db('messages').where({ student_id: s.id }).first()) ?? null,
    );
    const jar = await studentJar(s.id);
    const page = await get('/s/nju/student/messages', jar);
    expect(page.statusCode).to.equal(200);
    expect(page.payload).to.contain('面试邀请测试');
    expect(page.payload).to.contain('1 条未读');
    // the messages feature's list, inside the student centre, its forms posting to the student's paths
    expect(page.payload).to.contain('学生中心');
    expect(page.payload).to.contain('action="/s/nju/student/messages/read-all"');
    expect(page.payload).to.match(/action="\/s\/nju\/student\/messages\/\d+\/read"/);
    const res = await submit('/s/nju/student/messages', '/s/nju/student/messages/read-all', {}, jar);
    expect(res.statusCode).to.equal(303);
    expect(res.headers.location).to.equal('/s/nju/student/messages?done=read-all');
    const unread = await app
      .db('messages')
      .where({ student_id: s.id })
      .whereNull('read_at')
      .count<{ count: string }[]>();
    expect(Number(unread[0]!.count)).to.equal(0);
  });
});

describe('staff 学生管理 pages', () => {
  it('lists, searches and sets 可网签 in bulk for the school’s students', async () => {
    const { app } = await getDeployment();
    const jar = await staffJar('nju.admin');
    const a = await enrolStudent('nju', { name: '批量甲', eSignEligible: false });
    const b = await enrolStudent('nju', { name: '批量乙', eSignEligible: false });
    const page = await get(`/s/nju/admin/students?q=${encodeURIComponent('批量')}`, jar);
    expect(page.statusCode).to.equal(200);
    expect(page.payload).to.contain('批量甲');
    expect(page.payload).to.contain('学生管理');
    const res = await submit(
      `/s/nju/admin/students?q=${encodeURIComponent('批量')}`,
      '/s/nju/admin/students/e-sign',
      {
        ids: [String(a.id), String(b.id)],
        eSignEligible: 'true',
        q: '批量',
      },
      jar,
    );
    expect(res.statusCode).to.equal(303);
    expect(res.headers.location).to.contain('done=e-sign-on');
    const rows = await app.db('students').whereIn('id', [a.id, b.id]).select('e_sign_eligible');
    expect(rows.every((r) => r.e_sign_eligible)).to.equal(true);
    const detail = await get(`/s/nju/admin/students/${a.id}`, jar);
    expect(detail.payload).to.contain(a.idNumber);
    expect(detail.payload).to.contain(`/s/nju/admin/students/${a.id}/applications`);
    // not on the provincial console; not for another school's staff
    const main = await get('/admin/students', await staffJar('main.admin'));
    expect(main.statusCode).to.equal(404);
    expect((await get('/admin/reviews', await staffJar('main.admin'))).payload).not.to.contain('学生管理');
    const seu = await staffJar('seu.admin');
    expect((await get(`/s/seu/admin/students/${a.id}`, seu)).statusCode).to.equal(404);
    expect((await get('/s/nju/admin/students', seu)).statusCode).to.equal(403);
  });

  it('imports a roster and shows every row error in a table, writing nothing', async () => {
    const { app } = await getDeployment();
    const jar = await staffJar('suda.admin');
    const page = await get('/s/suda/admin/students/import', jar);
    const csrf = csrfField(page.payload);
    const good = line();
    const upload = async (rows: (string | number)[][]) => {
      const body = multipart({ xz_csrf: csrf }, { name: '名单.xlsx', data: await rosterXlsx(rows) });
      return inject({
        method: 'POST',
        url: '/s/suda/admin/students/import',
        payload: body.payload,
        headers: { ...body.headers, cookie: jar.header(), accept: 'text/html' },
      });
    };
    const bad = await upload([good, line({ 手机: '12345' }), line({ 学历: '研究生' })]);
    expect(bad.statusCode).to.equal(400);
    expect(bad.payload).to.contain('整个文件未导入');
    expect(bad.payload).to.contain('第 3 行');
    expect(bad.payload).to.contain('手机号格式不正确');
    expect(bad.payload).to.contain('第 4 行');
    expect(await app.db('students').where({ student_no: String(good[0]) })).to.have.length(0);
    const ok = await upload([good]);
    expect(ok.statusCode).to.equal(200);
    expect(ok.payload).to.match(/新增 <strong data-created>1<\/strong>/);
    expect(await app.db('students').where({ student_no: String(good[0]) })).to.have.length(1);
    const template = await get('/s/suda/admin/students/template.xlsx', jar);
    expect(template.statusCode).to.equal(200);
    expect(template.headers['content-type']).to.contain('spreadsheetml');
  });
});
