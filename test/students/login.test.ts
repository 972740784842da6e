import { expect } from 'chai';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import { bearer, smsCode } from '../helpers/employers.js';
import { enrolStudent } from '../helpers/students.js';

// Student sign-in on the school's site: 学号 or phone + password, SMS code for the first sign-in, then 设置密码.

interface LoginBody {
  token: string;
  student: { id: number; name: string; school: { slug: string }; mustSetPassword: boolean };
}

let ipCounter = 0;
/** Each test signs in from its own address, so the per-IP limits of the suite do not add up. */
const ip = () => `10.77.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

const login = (payload: Record<string, unknown>, remoteAddress = ip()) =>
  inject({ method: 'POST', url: '/api/v1/auth/student-login', payload, remoteAddress });

async function signUp(site: string) {
  const s = await enrolStudent(site);
  const code = await smsCode(s.phone, 'student-login');
  const res = await inject({
    method: 'POST',
    url: '/api/v1/auth/student-sms-login',
    payload: { site, phone: s.phone, code },
    remoteAddress: ip(),
  });
  expect(res.statusCode, res.payload).to.equal(200);
  const body = json<LoginBody>(res);
  expect(body.student.mustSetPassword).to.equal(true);
  const set = await inject({
    method: 'PUT',
    url: '/api/v1/student/password',
    headers: bearer(body.token),
    payload: { newPassword: 'student2027' },
  });
  expect(set.statusCode, set.payload).to.equal(200);
  return { ...s, token: json<LoginBody>(set).token, smsToken: body.token };
}

describe('POST /api/v1/auth/student-login', () => {
  it('signs in by SMS code the first time, sets a password, then signs in by 学号 and by phone', async () => {
    const s = await signUp('nju');
    const { app } = await getDeployment();
    const row = await app.db('students').where({ id: s.id }).first();
    expect(row.password_hash).to.match(/^scrypt\$/);
    expect(row.last_login_at).to.be.instanceOf(Date);
    // the SMS session's token is revoked by the new password
    const old = await inject({ url: '/api/v1/student/me', headers: bearer(s.smsToken) });
    expect(old.statusCode).to.equal(401);
    for (const id of [s.studentNo, s.phone]) {
      const res = await login({ site: 'nju', login: id, password: 'student2027' });
      expect(res.statusCode, res.payload).to.equal(200);
      const body = json<LoginBody>(res);
      expect(body.student).to.include({ id: s.id, mustSetPassword: false });
      expect(body.student.school.slug).to.equal('nju');
      const me = await inject({ url: '/api/v1/student/me', headers: bearer(body.token) });
      expect(me.statusCode).to.equal(200);
      expect(json(me)).to.include({ studentNo: s.studentNo, name: s.name });
      expect(json(me)).not.to.have.property('idNumber');
    }
    // changing it again needs the current password now
    const again = await inject({
      method: 'PUT',
      url: '/api/v1/student/password',
      headers: bearer(s.token),
      payload: { newPassword: 'another2027' },
    });
    expect(again.statusCode).to.equal(400);
    expect(json<{ details: { path: string }[] }>(again).details[0]!.path).to.equal('currentPassword');
  });

  it('answers 401 INVALID_CREDENTIALS in Chinese for a wrong password and counts the failure', async () => {
    const s = await signUp('seu');
    const res = await login({ site: 'seu', login: s.studentNo, password: 'wrong-password1' });
    expect(res.statusCode).to.equal(401);
    expect(json(res)).to.include({ code: 'INVALID_CREDENTIALS', message: '学号/手机号或密码错误' });
    const { app } = await getDeployment();
    expect((await app.db('students').where({ id: s.id }).first()).failed_logins).to.equal(1);
  });

  it('does not sign a student in on another school’s site, nor on the provincial site', async () => {
    const s = await signUp('nju');
    const other = await login({ site: 'seu', login: s.studentNo, password: 'student2027' });
    expect(other.statusCode).to.equal(401);
    expect(json(other)).to.include({ code: 'INVALID_CREDENTIALS' });
    const main = await login({ site: 'main', login: s.studentNo, password: 'student2027' });
    expect(main.statusCode).to.equal(422);
    expect(json(main)).to.include({ code: 'NOT_A_SCHOOL_SITE' });
    const sms = await inject({
      method: 'POST',
      url: '/api/v1/auth/student-sms-login',
      payload: { site: 'seu', phone: s.phone, code: await smsCode(s.phone, 'student-login') },
      remoteAddress: ip(),
    });
    expect(sms.statusCode).to.equal(401);
  });

  it('asks a student who never signed in to use an SMS code, and locks after five wrong passwords', async () => {
    const fresh = await enrolStudent('suda');
    const first = await login({ site: 'suda', login: fresh.studentNo, password: 'whatever1' });
    expect(first.statusCode).to.equal(403);
    expect(json(first)).to.include({ code: 'SMS_LOGIN_REQUIRED' });

    const s = await signUp('suda');
    const from = ip();
    for (let i = 0; i < 5; i += 1)
      await login({ site: 'suda', login: s.studentNo, password: 'bad-password1' }, from);
    const locked = await login({ site: 'suda', login: s.studentNo, password: 'student2027' }, from);
    expect(locked.statusCode).to.equal(429);
    expect(json(locked)).to.include({ code: 'RATE_LIMITED' });
  });

  it('sends student login codes only to phones on a roster', async () => {
    const res = await inject({
      method: 'POST',
      url: '/api/v1/sms-codes',
      payload: { phone: '13300001111', purpose: 'student-login' },
      remoteAddress: ip(),
    });
    expect(res.statusCode).to.equal(422);
    expect(json(res)).to.include({ code: 'PHONE_NOT_REGISTERED' });
  });

  it('signs in the demo students with the demo password', async () => {
    const { app } = await getDeployment();
    const res = await login({ site: 'nju', login: '2027000001', password: app.config.demoPassword });
    expect(res.statusCode, res.payload).to.equal(200);
    const logout = await inject({
      method: 'POST',
      url: '/api/v1/student/logout',
      headers: bearer(json<LoginBody>(res).token),
    });
    expect(logout.statusCode).to.equal(204);
    const me = await inject({ url: '/api/v1/student/me', headers: bearer(json<LoginBody>(res).token) });
    expect(me.statusCode).to.equal(401);
  });
});
