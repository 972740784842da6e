// The roster file (学生名单): reading the school's .xlsx into rows and checking every row on its own and against the
// others of the file — 学号 format and uniqueness in the file, 身份证号 by GB 11643 (and once per file), 手机,
// 性别, 学历, 毕业年份, 可网签. What needs the database (an ID number or phone that belongs to someone else) is checked
// by the import in student-service.ts. Every problem is reported, never just the first, with the row number as Excel
// shows it and the column's Chinese header.
import ExcelJS from 'exceljs';
import { checkIdNumber, idNumberCheckChar, normalizeMobile } from '../../core/identifiers.js';
import { GENDERS, STUDENT_DEGREES, type StudentDegree } from './models/student.js';

/** The template's columns, in order: the header text is the key schools see. */
export const ROSTER_COLUMNS = [
  { key: 'studentNo', header: '学号', example: '2027000001', width: 14 },
  { key: 'name', header: '姓名', example: '张三', width: 10 },
  { key: 'idNumber', header: '身份证号', example: '', width: 22 },
  { key: 'gender', header: '性别', example: '男', width: 6 },
  { key: 'degree', header: '学历', example: '本科', width: 8 },
  { key: 'major', header: '专业', example: '计算机科学与技术', width: 20 },
  { key: 'graduationYear', header: '毕业年份', example: '2027', width: 10 },
  { key: 'phone', header: '手机', example: '13800138000', width: 14 },
  { key: 'eSignEligible', header: '可网签', example: '是', width: 8 },
] as const;

export type RosterKey = (typeof ROSTER_COLUMNS)[number]['key'];

export const MAX_ROSTER_ROWS = 5000;
export const MAX_ROSTER_BYTES = 5 * 1024 * 1024;

export interface RosterError {
  /** the row number as Excel shows it (the header is row 1) */
  row: number;
  /** the column's header, e.g. 身份证号 */
  column: string;
  message: string;
}

export interface RosterRow {
  row: number;
  studentNo: string;
  name: string;
  idNumber: string;
  gender: (typeof GENDERS)[number];
  degree: StudentDegree;
  major: string;
  graduationYear: number;
  phone: string;
  eSignEligible: boolean;
}

const HEADER: Record<RosterKey, string> = Object.fromEntries(
  ROSTER_COLUMNS.map((c) => [c.key, c.header]),
) as Record<RosterKey, string>;

export const STUDENT_NO = /^[A-Za-z0-9-]{1,32}$/;

/** The text a cell shows, whatever exceljs made of it (numbers, rich text, formulas, hyperlinks). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const v = value as unknown as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as { text: string }[]).map((r) => r.text).join('');
  if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  if (typeof v.text === 'string') return v.text;
  return '';
}

/** Trimmed, with full-width spaces and zero-width characters gone. */
function clean(text: string): string {
  return text
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/\u3000/g, ' ')
    .trim();
}

export class RosterFileError extends Error {}

/** The first sheet's rows as header → text, with their Excel row numbers; blank rows are skipped. */
export async function readRoster(
  data: Buffer,
): Promise<{ rows: { row: number; cells: Record<RosterKey, string> }[]; errors: RosterError[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    throw new RosterFileError('文件不是有效的 Excel 文件（.xlsx），请使用下载的模板填写后上传');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new RosterFileError('文件中没有工作表，请使用下载的模板填写后上传');
  const errors: RosterError[] = [];
  const position = new Map<RosterKey, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const text = clean(cellText(cell.value));
    const column = ROSTER_COLUMNS.find((c) => c.header === text);
    if (column && !position.has(column.key)) position.set(column.key, col);
  });
  for (const c of ROSTER_COLUMNS)
    if (!position.has(c.key))
      errors.push({ row: 1, column: c.header, message: `缺少“${c.header}”列，请使用下载的模板` });
  if (errors.length) return { rows: [], errors };
  const rows: { row: number; cells: Record<RosterKey, string> }[] = [];
  sheet.eachRow({ includeEmpty: false }, (r, n) => {
    if (n === 1) return;
    const cells = Object.fromEntries(
      ROSTER_COLUMNS.map((c) => [c.key, clean(cellText(r.getCell(position.get(c.key)!).value))]),
    ) as Record<RosterKey, string>;
    if (Object.values(cells).every((v) => v === '')) return;
    rows.push({ row: n, cells });
  });
  return { rows, errors };
}

const YES = new Set(['是', '可', 'Y', 'YES', 'TRUE', '1']);
const NO = new Set(['否', '不可', 'N', 'NO', 'FALSE', '0', '']);

/** Errors by row, then in the order of the columns. */
export function sortErrors(errors: RosterError[]): RosterError[] {
  const rank = (column: string) => ROSTER_COLUMNS.findIndex((c) => c.header === column);
  return [...errors].sort((a, b) => a.row - b.row || rank(a.column) - rank(b.column));
}

/**
 * Checks every row and the file as a whole: the rows without an error of their own, and every error.
 * `thisYear` bounds 毕业年份 (this year − 10 … this year + 8).
 */
export function checkRoster(
  read: { row: number; cells: Record<RosterKey, string> }[],
  thisYear: number,
): { rows: RosterRow[]; errors: RosterError[] } {
  const errors: RosterError[] = [];
  const rows: RosterRow[] = [];
  const err = (row: number, key: RosterKey, message: string) =>
    errors.push({ row, column: HEADER[key], message });
  if (read.length === 0) errors.push({ row: 2, column: '学号', message: '文件中没有学生数据' });
  if (read.length > MAX_ROSTER_ROWS)
    errors.push({
      row: read[MAX_ROSTER_ROWS]!.row,
      column: '学号',
      message: `每次最多导入 ${MAX_ROSTER_ROWS} 名学生，请分批导入`,
    });
  const seen: Record<'studentNo' | 'idNumber' | 'phone', Map<string, number>> = {
    studentNo: new Map(),
    idNumber: new Map(),
    phone: new Map(),
  };
  const once = (key: 'studentNo' | 'idNumber' | 'phone', value: string, row: number, what: string) => {
    const first = seen[key].get(value);
    if (first !== undefined) err(row, key, `与第 ${first} 行的${what}重复`);
    else seen[key].set(value, row);
  };
  for (const { row, cells } of read.slice(0, MAX_ROSTER_ROWS)) {
    const before = errors.length;
    const studentNo = cells.studentNo;
    if (!studentNo) err(row, 'studentNo', '请填写学号');
    else if (!STUDENT_NO.test(studentNo)) err(row, 'studentNo', '学号只能包含字母、数字和“-”，最长 32 位');
    else once('studentNo', studentNo, row, '学号');

    const name = cells.name;
    if (!name) err(row, 'name', '请填写姓名');
    else if ([...name].length > 50) err(row, 'name', '姓名不能超过 50 个字');

    const idNumber = cells.idNumber.toUpperCase();
    if (!idNumber) err(row, 'idNumber', '请填写身份证号');
    else if (!/^\d{17}[\dX]$/.test(idNumber)) err(row, 'idNumber', '身份证号应为 18 位（最后一位可为 X）');
    else if (!checkIdNumber(idNumber)) err(row, 'idNumber', '身份证号不正确（校验位或出生日期有误）');
    else once('idNumber', idNumber, row, '身份证号');

    const gender = cells.gender;
    if (!gender) err(row, 'gender', '请填写性别');
    else if (!(GENDERS as readonly string[]).includes(gender)) err(row, 'gender', '性别应为“男”或“女”');

    const degree = cells.degree;
    if (!degree) err(row, 'degree', '请填写学历');
    else if (!(STUDENT_DEGREES as readonly string[]).includes(degree))
      err(row, 'degree', '学历应为专科、本科、硕士或博士');

    const major = cells.major;
    if (!major) err(row, 'major', '请填写专业');
    else if ([...major].length > 60) err(row, 'major', '专业不能超过 60 个字');

    const yearText = cells.graduationYear;
    const year = Number(yearText);
    if (!yearText) err(row, 'graduationYear', '请填写毕业年份');
    else if (!/^\d{4}$/.test(yearText) || year < thisYear - 10 || year > thisYear + 8)
      err(row, 'graduationYear', `毕业年份应为 ${thisYear - 10}–${thisYear + 8} 之间的四位年份`);

    const phone = cells.phone ? normalizeMobile(cells.phone) : null;
    if (!cells.phone) err(row, 'phone', '请填写手机号');
    else if (!phone) err(row, 'phone', '手机号格式不正确');
    else once('phone', phone, row, '手机号');

    const sign = cells.eSignEligible.toUpperCase();
    const eSignEligible = YES.has(sign);
    if (!YES.has(sign) && !NO.has(sign)) err(row, 'eSignEligible', '可网签应填写“是”或“否”');

    if (errors.length === before)
      rows.push({
        row,
        studentNo,
        name,
        idNumber,
        gender: gender as RosterRow['gender'],
        degree: degree as StudentDegree,
        major,
        graduationYear: year,
        phone: phone!,
        eSignEligible,
      });
  }
  return { rows, errors };
}

/** 学生名单导入模板.xlsx: the header row, one example row and a notes sheet. */
export async function rosterTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '江苏高校就业网';
  const sheet = workbook.addWorksheet('学生名单');
  sheet.columns = ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  // 学号, 身份证号 and 手机 as text, so Excel keeps leading zeros and all 18 digits.
  for (const key of ['studentNo', 'idNumber', 'phone']) sheet.getColumn(key).numFmt = '@';
  const example: Record<string, string> = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, c.example]));
  example.idNumber = `32010220040101001${idNumberCheckChar('32010220040101001')}`;
  sheet.addRow(example);
  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [
    { header: '列', key: 'column', width: 12 },
    { header: '说明', key: 'note', width: 70 },
  ];
  const rules: [string, string][] = [
    ['学号', '必填，字母、数字或“-”，最长 32 位；同一学校内不能重复。重新导入时按学号更新已有学生。'],
    ['姓名', '必填，不超过 50 个字。'],
    ['身份证号', '必填，18 位居民身份证号（按 GB 11643 校验）；全省唯一。请将单元格设为文本格式。'],
    ['性别', '必填，男 或 女。'],
    ['学历', '必填，专科、本科、硕士 或 博士。'],
    ['专业', '必填，不超过 60 个字。'],
    ['毕业年份', '必填，四位年份，如 2027。'],
    ['手机', '必填，11 位手机号；同一学校内不能重复，学生用它接收登录验证码。'],
    ['可网签', '是 或 否（留空视为否）。'],
    ['', '任何一行有误时整个文件都不会导入，请按提示修改后重新上传。第一个工作表为名单，示例行请删除。'],
  ];
  for (const [column, note] of rules) notes.addRow({ column, note });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
