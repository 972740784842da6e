// Arranging students: a roster row of a school (as its import would leave it) and a signed-in student's token.
// Unique ID numbers, 学号 and phones per test run.
import { idNumberCheckChar } from '../../core/identifiers.js';
import { getDeployment } from './deployment.js';

let counter = 0;

/** A valid 居民身份证号 (GB 11643) no other student of this run has: born in Nanjing in 2004. */
export function nextIdNumber(): string {
  counter += 1;
  const day = new Date(Date.UTC(2004, 0, 1) + (counter % 365) * 86_400_000);
  const birth = day.toISOString().slice(0, 10).replaceAll('-', '');
  const seq = String((Math.floor(counter / 365) * 7 + (process.pid % 7)) % 1000).padStart(3, '0');
  const first17 = `320102${birth}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

let studentCounter = 0;
/** A 学号 and a phone no other student of this run has. */
export function nextStudent(): { studentNo: string; phone: string } {
  studentCounter += 1;
  const n = String(studentCounter).padStart(5, '0');
  return {
    studentNo: `T${process.pid % 1000}${n}`,
    phone: `1596${String(process.pid % 100).padStart(2, '0')}${n}`,
  };
}

export interface Enrolled {
  id: number;
  siteId: number;
  site: string;
  studentNo: string;
  name: string;
  idNumber: string;
  phone: string;
  /** a `student` bearer token */
  token: string;
}

/** A student on `site`'s roster (e-sign eligible unless said otherwise), signed in. */
export async function enrolStudent(
  site: string,
  values: Partial<{
    name: string;
    degree: string;
    major: string;
    graduationYear: number;
    eSignEligible: boolean;
  }> = {},
): Promise<Enrolled> {
  const { app } = await getDeployment();
  const s = app.sites.get(site);
  if (!s) throw new Error(`no site ${site}`);
  const { studentNo, phone } = nextStudent();
  const idNumber = nextIdNumber();
  const name = values.name ?? `学生${studentNo.slice(-4)}`;
  const [row] = await app
    .db('students')
    .insert({
      site_id: s.id,
      student_no: studentNo,
      name,
      id_number: idNumber,
      gender: '女',
      degree: values.degree ?? '本科',
      major: values.major ?? '计算机科学与技术',
      graduation_year: values.graduationYear ?? 2027,
      phone,
      e_sign_eligible: values.eSignEligible ?? true,
    })
    .returning(['id', 'token_version']);
  const { id, token_version: tv } = row as { id: number; token_version: number };
  const token = app.principals.sign({ kind: 'student', sub: String(id), tv });
  return { id, siteId: s.id, site, studentNo, name, idNumber, phone, token };
}
