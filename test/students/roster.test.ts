import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { idNumberCheckChar } from '../../core/identifiers.js';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { bearer, multipart } from '../helpers/employers.js';
import { enrolStudent, nextIdNumber, nextStudent } from '../helpers/students.js';
import { importBody, line, rosterXlsx } from './roster-file.js';

// 学生名单导入: all-or-nothing, every row error listed, created/updated by 学号, never another school's data.

interface ImportBody {
  created: number;
  updated: number;
  unchanged: number;
  errors: { row: number; column: string; message: string }[];
  code?: string;
}

async function importInto(slug: string, token: string, rows: (string | number)[][]) {
  const body = await importBody(rows);
  return inject({
    method: 'POST',
    url: `/api/v1/admin/sites/${slug}/students/import`,
    headers: { ...bearer(token), ...body.headers },
    payload: body.payload,
  });
}

async function rowsOf(slug: string, studentNos: string[]) {
  const { app } = await getDeployment();
  return app
    .db('students')
    .where('site_id', app.sites.require(slug).id)
    .whereIn('student_no', studentNos)
    .orderBy('student_no');
}

function withWrongCheckChar(id: string): string {
  const right = idNumberCheckChar(id.slice(0, 17));
  return id.slice(0, 17) + (right === '1' ? '2' : '1');
}

describe('POST /api/v1/admin/sites/{slug}/students/import', () => {
  it('creates new students and updates existing ones by 学号, counting each', async () => {
    const token = await staffToken('nju.admin');
    const a = line({ 姓名: '韩梅梅', 性别: '女', 可网签: '是' });
    const b = line({ 学历: '硕士', 专业: '人工智能' });
    const first = await importInto('nju', token, [a, b]);
    expect(first.statusCode, first.payload).to.equal(200);
    expect(json<ImportBody>(first)).to.deep.equal({ created: 2, updated: 0, unchanged: 0, errors: [] });
    const [ra, rb] = [String(a[0]), String(b[0])];
    let rows = await rowsOf('nju', [ra, rb]);
    const pick = (no: string) => {
      const r = rows.find((x) => x.student_no === no)!;
      return [r.name, r.gender, r.degree, r.major, r.e_sign_eligible, r.password_hash];
    };
    expect(pick(ra)).to.deep.equal(['韩梅梅', '女', '本科', '软件工程', true, null]);
    expect(pick(rb)).to.deep.equal(['李雷', '男', '硕士', '人工智能', false, null]);

    // again: b changes major, a stays, c is new
    const b2 = [...b];
    b2[5] = '计算机科学与技术';
    const c = line();
    const second = await importInto('nju', token, [a, b2, c]);
    expect(second.statusCode, second.payload).to.equal(200);
    expect(json<ImportBody>(second)).to.deep.equal({ created: 1, updated: 1, unchanged: 1, errors: [] });
    rows = await rowsOf('nju', [ra, rb, String(c[0])]);
    expect(rows).to.have.length(3);
    expect(rows.find((r) => r.student_no === rb)!.major).to.equal('计算机科学与技术');

    // a file without b never drops b
    const third = await importInto('nju', token, [a]);
    expect(json<ImportBody>(third)).to.include({ created: 0, updated: 0, unchanged: 1 });
    expect(await rowsOf('nju', [rb])).to.have.length(1);
  });

  it('reads 学号, ID numbers and phones typed as numbers and 可网签 blank as 否', async () => {
    const token = await staffToken('nju.admin');
    const { phone } = nextStudent();
    const no = `9${String(Date.now()).slice(-9)}`;
    const res = await importInto('nju', token, [
      [Number(no), '王五', nextIdNumber(), '男', '博士', '物理学', 2026, Number(phone), ''],
    ]);
    expect(res.statusCode, res.payload).to.equal(200);
    const [row] = await rowsOf('nju', [no]);
    expect(row).to.include({ phone, e_sign_eligible: false, graduation_year: 2026, degree: '博士' });
  });

  it('rejects a bad file with every row error in Chinese and writes nothing', async () => {
    const token = await staffToken('nju.admin');
    const seuStudent = await enrolStudent('seu');
    const existing = line();
    await importInto('nju', token, [existing]);
    const before = await rowsOf('nju', [String(existing[0])]);

    const good = line();
    const dupNo = line();
    const changedExisting = [...existing];
    changedExisting[5] = '不应写入的专业';
    const rows = [
      good, // row 2: fine
      line({ 身份证号: withWrongCheckChar(nextIdNumber()) }), // row 3
      dupNo, // row 4
      line({ 学号: String(dupNo[0]) }), // row 5: duplicate 学号
      line({ 身份证号: seuStudent.idNumber }), // row 6: another school's student
      line({ 手机: '1234567' }), // row 7: bad phone
      line({ 学历: '研究生', 性别: '未知', 毕业年份: 1990, 可网签: '也许' }), // row 8: four errors
      changedExisting, // row 9: fine, but must not be written
    ];
    const res = await importInto('nju', token, rows);
    expect(res.statusCode, res.payload).to.equal(400);
    const body = json<ImportBody>(res);
    expect(body.code).to.equal('VALIDATION');
    expect(body.created).to.equal(0);
    expect(body.updated).to.equal(0);
    const where = body.errors.map((e) => `${e.row}:${e.column}`);
    expect(where).to.deep.equal([
      '3:身份证号',
      '5:学号',
      '6:身份证号',
      '7:手机',
      '8:性别',
      '8:学历',
      '8:毕业年份',
      '8:可网签',
    ]);
    for (const e of body.errors) expect(e.message).to.match(/[\u4e00-\u9fa5]/);
    expect(body.errors[1]!.message).to.contain('第 4 行');
    expect(body.errors[2]!.message).to.contain('其他学校');
    // nothing written: neither the good rows nor the change to the existing one
    expect(await rowsOf('nju', [String(good[0]), String(dupNo[0])])).to.have.length(0);
    expect(await rowsOf('nju', [String(existing[0])])).to.deep.equal(before);
  });

  it('refuses an ID number or phone that belongs to another student of the school', async () => {
    const token = await staffToken('nju.admin');
    const holder = await enrolStudent('nju');
    const res = await importInto('nju', token, [
      line({ 身份证号: holder.idNumber }),
      line({ 手机: holder.phone }),
    ]);
    expect(res.statusCode).to.equal(400);
    const errors = json<ImportBody>(res).errors;
    expect(errors.map((e) => `${e.row}:${e.column}`)).to.deep.equal(['2:身份证号', '3:手机']);
    expect(errors[0]!.message).to.contain(holder.studentNo);
  });

  it('names missing columns and refuses files that are not workbooks', async () => {
    const token = await staffToken('nju.admin');
    const noPhone = await rosterXlsx(
      [['1', '张三']],
      ['学号', '姓名', '身份证号', '性别', '学历', '专业', '毕业年份', '可网签'],
    );
    const body = multipart({}, { name: 'x.xlsx', data: noPhone });
    const res = await inject({
      method: 'POST',
      url: '/api/v1/admin/sites/nju/students/import',
      headers: { ...bearer(token), ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode).to.equal(400);
    expect(json<ImportBody>(res).errors).to.deep.equal([
      { row: 1, column: '手机', message: '缺少“手机”列，请使用下载的模板' },
    ]);
    const junk = multipart({}, { name: 'x.xlsx', data: Buffer.from('not a workbook') });
    const bad = await inject({
      method: 'POST',
      url: '/api/v1/admin/sites/nju/students/import',
      headers: { ...bearer(token), ...junk.headers },
      payload: junk.payload,
    });
    expect(bad.statusCode).to.equal(400);
    expect(json(bad)).to.include({ code: 'VALIDATION' });
    expect(json<{ message: string }>(bad).message).to.contain('Excel');
  });

  it('lets the database decide a race: two files with one ID number under two 学号, one student written', async () => {
    const nju = await staffToken('nju.admin');
    const seu = await staffToken('seu.admin');
    const idNumber = nextIdNumber();
    for (let round = 0; round < 5; round += 1) {
      const id = round === 0 ? idNumber : nextIdNumber();
      const [a, b] = await Promise.all([
        importInto('nju', nju, [line({ 身份证号: id })]),
        importInto('seu', seu, [line({ 身份证号: id })]),
      ]);
      const statuses = [a.statusCode, b.statusCode].sort();
      expect(statuses[0], `${a.payload} ${b.payload}`).to.equal(200);
      expect([400, 409]).to.include(statuses[1]);
      const { app } = await getDeployment();
      expect(await app.db('students').where({ id_number: id })).to.have.length(1);
    }
  });

  it('refuses staff of another school (403) and writes nothing', async () => {
    const token = await staffToken('seu.admin');
    const a = line();
    const res = await importInto('nju', token, [a]);
    expect(res.statusCode).to.equal(403);
    expect(await rowsOf('nju', [String(a[0])])).to.have.length(0);
    expect(await rowsOf('seu', [String(a[0])])).to.have.length(0);
  });

  it('refuses the provincial site, which has no students', async () => {
    const res = await importInto('main', await staffToken('main.admin'), [line()]);
    expect(res.statusCode).to.equal(422);
    expect(json(res)).to.include({ code: 'NOT_A_SCHOOL_SITE' });
  });
});

describe('GET /api/v1/admin/sites/{slug}/students/template.xlsx', () => {
  it('is a workbook with the roster header and a valid example row', async () => {
    const res = await inject({
      url: '/api/v1/admin/sites/nju/students/template.xlsx',
      headers: bearer(await staffToken('nju.admin')),
    });
    expect(res.statusCode).to.equal(200);
    expect(res.headers['content-type']).to.contain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(header).to.deep.equal([
      '学号',
      '姓名',
      '身份证号',
      '性别',
      '学历',
      '专业',
      '毕业年份',
      '手机',
      '可网签',
    ]);
    const other = await inject({
      url: '/api/v1/admin/sites/nju/students/template.xlsx',
      headers: bearer(await staffToken('seu.admin')),
    });
    expect(other.statusCode).to.equal(403);
  });
});
