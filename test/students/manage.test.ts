import { expect } from 'chai';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { bearer } from '../helpers/employers.js';
import { enrolStudent } from '../helpers/students.js';

// Staff and their roster: search, one student, 可网签 one by one and in bulk — never another school's students.

interface ListBody {
  items: { id: number; studentNo: string; name: string; eSignEligible: boolean; idNumberMasked: string }[];
  total: number;
}

async function eligible(id: number): Promise<boolean> {
  const { app } = await getDeployment();
  const row = await app.db('students').where({ id }).first('e_sign_eligible');
  return row.e_sign_eligible as boolean;
}

describe('staff student management', () => {
  it('searches the school by 学号, 姓名, 手机 and 专业 and filters by 可网签', async () => {
    const token = await staffToken('nju.admin');
    const s = await enrolStudent('nju', { name: '欧阳娜娜', major: '天体物理', eSignEligible: false });
    for (const q of [s.studentNo, '欧阳娜', s.phone, '天体物理']) {
      const res = await inject({
        url: `/api/v1/admin/sites/nju/students?q=${encodeURIComponent(q)}`,
        headers: bearer(token),
      });
      expect(res.statusCode, res.payload).to.equal(200);
      const body = json<ListBody>(res);
      expect(
        body.items.map((i) => i.id),
        q,
      ).to.include(s.id);
      const item = body.items.find((i) => i.id === s.id)!;
      expect(item.idNumberMasked).to.equal(`${s.idNumber.slice(0, 4)}**********${s.idNumber.slice(-4)}`);
      expect(item).not.to.have.property('idNumber');
    }
    const yes = json<ListBody>(
      await inject({
        url: `/api/v1/admin/sites/nju/students?q=${s.studentNo}&eSignEligible=true`,
        headers: bearer(token),
      }),
    );
    expect(yes.total).to.equal(0);
    const demo = json<ListBody>(
      await inject({ url: '/api/v1/admin/sites/nju/students?q=2027000001', headers: bearer(token) }),
    );
    expect(demo.items[0]!.studentNo).to.equal('2027000001');
  });

  it('pages the roster', async () => {
    const token = await staffToken('seu.admin');
    const res = await inject({
      url: '/api/v1/admin/sites/seu/students?page=2&pageSize=50',
      headers: bearer(token),
    });
    const body = json<ListBody & { page: number; pageSize: number }>(res);
    expect(body.items).to.have.length(50);
    expect(body.page).to.equal(2);
    expect(body.total).to.be.at.least(200);
  });

  it('shows one student with the ID number in full and sets 可网签', async () => {
    const token = await staffToken('nju.admin');
    const s = await enrolStudent('nju', { eSignEligible: false });
    const one = await inject({ url: `/api/v1/admin/students/${s.id}`, headers: bearer(token) });
    expect(one.statusCode).to.equal(200);
    expect(json(one)).to.include({ idNumber: s.idNumber, studentNo: s.studentNo });
    const res = await inject({
      method: 'PATCH',
      url: `/api/v1/admin/students/${s.id}`,
      headers: bearer(token),
      payload: { eSignEligible: true },
    });
    expect(res.statusCode, res.payload).to.equal(200);
    expect(json(res)).to.include({ eSignEligible: true });
    expect(await eligible(s.id)).to.equal(true);
  });

  it('sets 可网签 in bulk, refusing the ids of other schools one by one', async () => {
    const token = await staffToken('nju.admin');
    const a = await enrolStudent('nju', { eSignEligible: false });
    const b = await enrolStudent('nju', { eSignEligible: false });
    const other = await enrolStudent('seu', { eSignEligible: false });
    const res = await inject({
      method: 'POST',
      url: '/api/v1/admin/sites/nju/students/e-sign',
      headers: bearer(token),
      payload: { ids: [a.id, b.id, other.id], eSignEligible: true },
    });
    expect(res.statusCode, res.payload).to.equal(200);
    expect(json(res)).to.deep.equal({ updated: 2, refused: [{ id: other.id, code: 'NOT_FOUND' }] });
    expect([await eligible(a.id), await eligible(b.id), await eligible(other.id)]).to.deep.equal([
      true,
      true,
      false,
    ]);
  });

  it('keeps seu staff out of nju students: list 403, detail and patch 404, bulk 403', async () => {
    const seu = await staffToken('seu.admin');
    const s = await enrolStudent('nju', { eSignEligible: false });
    const list = await inject({ url: '/api/v1/admin/sites/nju/students', headers: bearer(seu) });
    expect(list.statusCode).to.equal(403);
    const one = await inject({ url: `/api/v1/admin/students/${s.id}`, headers: bearer(seu) });
    expect(one.statusCode).to.equal(404);
    const patch = await inject({
      method: 'PATCH',
      url: `/api/v1/admin/students/${s.id}`,
      headers: bearer(seu),
      payload: { eSignEligible: true },
    });
    expect(patch.statusCode).to.equal(404);
    const bulk = await inject({
      method: 'POST',
      url: '/api/v1/admin/sites/nju/students/e-sign',
      headers: bearer(seu),
      payload: { ids: [s.id], eSignEligible: true },
    });
    expect(bulk.statusCode).to.equal(403);
    const mine = await inject({
      method: 'POST',
      url: '/api/v1/admin/sites/seu/students/e-sign',
      headers: bearer(seu),
      payload: { ids: [s.id], eSignEligible: true },
    });
    expect(json(mine)).to.deep.equal({ updated: 0, refused: [{ id: s.id, code: 'NOT_FOUND' }] });
    expect(await eligible(s.id)).to.equal(false);
    const student = await inject({ url: '/api/v1/admin/sites/nju/students', headers: bearer(s.token) });
    expect(student.statusCode).to.equal(401);
  });
});

describe('StudentService reads for other features', () => {
  it('finds a student for signing by ID number or by exact 学号 + 姓名, masked', async () => {
    const { app } = await getDeployment();
    const s = await enrolStudent('suda', { name: '诸葛亮', eSignEligible: true });
    const students = app.services.students!;
    const [byId] = await students.findForSigning({ idNumber: s.idNumber });
    expect(byId).to.include({ studentId: s.id, name: '诸葛亮', eSignEligible: true, studentNo: s.studentNo });
    expect(byId!.school).to.deep.equal({ slug: 'suda', name: app.sites.require('suda').name });
    expect(byId!.idNumberMasked).not.to.equal(s.idNumber);
    expect(await students.findForSigning({ studentNo: s.studentNo, name: '诸葛' })).to.have.length(0);
    expect(await students.findForSigning({ studentNo: s.studentNo, name: '诸葛亮' })).to.have.length(1);
    expect((await students.bySiteAndNo(s.siteId, s.studentNo))!.id).to.equal(s.id);
    expect(await students.bySiteAndNo(app.sites.require('nju').id, s.studentNo)).to.equal(undefined);
  });
});
