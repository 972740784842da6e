import { expect } from 'chai';
import { getDeployment } from '../helpers/deployment.js';
import { memberOf, nextUscc, registerEmployer } from '../helpers/employers.js';
import { Jar, submit } from '../helpers/pages.js';

// A form answers with every error at once: the rules the services check after joi (salary order, dates, fees, what
// is already registered) come back in the same answer as joi's, each next to its field.

/** Every field error shown next to its field, by field id. */
function fieldErrors(html: string): Record<string, string> {
  return Object.fromEntries(
    [...html.matchAll(/<p class="xz-error" id="xz-f-(?:[a-z]+-)?([A-Za-z]+)-error">([^<]*)<\/p>/g)].map(
      (m) => [m[1], m[2]],
    ),
  );
}

describe('page forms report every error at once', () => {
  it('发布招聘职位: a missing title, salaries the wrong way round and a past expiry in one answer', async () => {
    const { app } = await getDeployment();
    const reg = await memberOf([]);
    const jar = new Jar();
    const login = await submit(
      '/s/nju/employer/login',
      '/s/nju/employer/login',
      { mode: 'password', phone: reg.phone, password: reg.password },
      jar,
    );
    expect(login.statusCode).to.equal(303);
    const res = await submit(
      '/s/nju/employer/jobs/new',
      '/s/nju/employer/jobs/new',
      {
        title: '',
        category: '技术研发',
        degree: '本科',
        headcount: '1',
        salaryMin: '12000',
        salaryMax: '8000',
        description: '负责数据平台的开发与维护工作，欢迎相关专业的毕业生。',
        majors: '',
        cities: ['320100'],
        expiresOn: app.clock.today(),
      },
      jar,
    );
    expect(res.statusCode).to.equal(400);
    expect(fieldErrors(res.payload)).to.deep.include({
      salaryMax: '最高薪资不能低于最低薪资',
      expiresOn: '失效日期须晚于今天',
    });
    expect(fieldErrors(res.payload)).to.have.property('title');
    expect(res.payload).to.include('value="12000"');
  });

  it('单位注册: a taken name and a taken phone with a password mismatch in one answer', async () => {
    const { app } = await getDeployment();
    const other = await registerEmployer();
    const uscc = nextUscc();
    const res = await submit('/s/nju/employer/register', '/s/nju/employer/register', {
      name: other.name,
      uscc,
      contactName: '孙经理',
      contactPhone: other.phone,
      smsCode: '123456',
      password: 'secret123',
      passwordConfirm: 'secret124',
      email: '',
      enableESign: 'false',
    });
    expect(res.statusCode).to.equal(400);
    const errors = fieldErrors(res.payload);
    expect(errors).to.deep.include({
      name: '该单位名称已注册，不能重复注册',
      contactPhone: '该手机号已注册',
    });
    expect(errors).to.have.property('passwordConfirm');
    expect(await app.db('employers').where({ uscc }).first()).to.equal(undefined);
  });

  it('新建招聘会: a missing title, an end before the start and a fee that contradicts its payment in one answer', async () => {
    const { app } = await getDeployment();
    const { payload } = await app.services.staff!.login('cpu.admin', 'xiaozhao-demo', '127.0.0.1');
    const jar = new Jar();
    jar.cookies.set('xz_staff', app.principals.sign(payload));
    const res = await submit(
      '/s/cpu/admin/fairs/new',
      '/s/cpu/admin/fairs/new',
      {
        title: '',
        description: '',
        startsAt: '2030-05-20T09:00',
        endsAt: '2030-05-20T08:00',
        bookingOpensAt: '2030-05-01T08:00',
        bookingClosesAt: '2030-05-18T18:00',
        boothSelection: 'at_booking',
        feeAmount: '300',
        feePayment: 'none',
        venueName: ['体育馆'],
        venueBooths: ['A01-A03'],
      },
      jar,
    );
    expect(res.statusCode).to.equal(400);
    expect(res.payload).to.include('请填写招聘会名称');
    expect(res.payload).to.include('结束时间须晚于开始时间');
    expect(res.payload).to.include('无需缴费时费用应为 0');
  });
});
