// Building roster workbooks for the tests: the template's header and any rows, as an .xlsx buffer.
import ExcelJS from 'exceljs';
import { multipart } from '../helpers/employers.js';
import { nextIdNumber, nextStudent } from '../helpers/students.js';

export const HEADER = ['学号', '姓名', '身份证号', '性别', '学历', '专业', '毕业年份', '手机', '可网签'];

export type RosterLine = (string | number)[];

export async function rosterXlsx(rows: RosterLine[], header = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('学生名单');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A valid roster line with fresh 学号, ID number and phone. */
export function line(over: Partial<Record<(typeof HEADER)[number], string | number>> = {}): RosterLine {
  const { studentNo, phone } = nextStudent();
  const v: Record<string, string | number> = {
    学号: studentNo,
    姓名: '李雷',
    身份证号: nextIdNumber(),
    性别: '男',
    学历: '本科',
    专业: '软件工程',
    毕业年份: 2027,
    手机: phone,
    可网签: '否',
    ...over,
  };
  return HEADER.map((h) => v[h]!);
}

export async function importBody(rows: RosterLine[]) {
  return multipart({}, { name: '名单.xlsx', data: await rosterXlsx(rows) });
}
