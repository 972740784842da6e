// Demo agreements (npm run seed:demo): demo employers 1–5 hold one agreement in every tab (签约中 twice — waiting for
// the student and for the school —, 已签约, 签约失败, 解约中, 已解约, 解约失败), employers 6–10 one invitation and one
// signed agreement, all with e-sign eligible demo students of nju, seu and suda other than 学号 2027000001 …
// 2027000010 (those stay free for trying the flow). Made through the agreement service (events, messages, the
// certificate of a signed one), each student first found by the employer's exact search (身份证号) as on the page, so
// the rows are what the product would leave. Idempotent: an employer that already
// has an agreement is left alone; an employer whose authorisation is not approved is skipped.
import type { App } from '../../core/app.js';
import { service } from '../../core/app.js';
import type { StaffCredentials } from '../../core/auth/principals.js';
import { addDays } from '../../core/format/index.js';
import type { EmployerCredentials } from '../accounts/permissions.js';
import type { CandidateSearch } from './agreement-candidates.js';
import type { AgreementService, Offer } from './agreement-service.js';

const SCHOOLS = ['nju', 'seu', 'suda'];
const POSITIONS = [
  '软件开发工程师',
  '测试工程师',
  '产品经理',
  '数据分析师',
  '硬件工程师',
  '管理培训生',
  '财务专员',
];
const PLACES = ['南京市', '苏州市', '无锡市', '常州市', '上海市'];

type Step =
  'invited' | 'accepted' | 'signed' | 'declined' | 'terminating' | 'terminated' | 'termination_refused';
const FULL: Step[] = [
  'invited',
  'accepted',
  'signed',
  'declined',
  'terminating',
  'terminated',
  'termination_refused',
];
const SHORT: Step[] = ['invited', 'signed'];

export async function seedDemoAgreements(
  app: App,
  agreements: AgreementService,
  candidates: CandidateSearch,
): Promise<void> {
  const accounts = service(app, 'accounts');
  const today = app.clock.today();
  const students = (await app
    .db('students as s')
    .join('sites as t', 't.id', 's.site_id')
    .whereIn('t.slug', SCHOOLS)
    .where('s.e_sign_eligible', true)
    .whereNull('s.disabled_at')
    .whereNotBetween('s.student_no', ['2027000001', '2027000010'])
    .whereNotExists(app.db('agreements as a').whereRaw('a.student_id = s.id'))
    .orderBy(['s.student_no', 's.site_id'])
    .select('s.id', 's.site_id', 's.id_number', 't.slug')) as {
    id: number;
    site_id: number;
    id_number: string;
    slug: string;
  }[];
  const staffOf = new Map<string, StaffCredentials>();
  for (const slug of SCHOOLS) {
    const row = (await app
      .db('staff_accounts')
      .where('username', `${slug}.admin`)
      .first('id', 'site_id', 'username', 'roles')) as
      { id: number; site_id: number; username: string; roles: string[] } | undefined;
    if (row)
      staffOf.set(slug, {
        kind: 'staff',
        id: row.id,
        username: row.username,
        siteId: row.site_id,
        site: slug,
        roles: row.roles,
      });
  }
  let next = 0;
  for (let n = 1; n <= 10; n++) {
    const account = await accounts.byPhone(`139000000${String(n).padStart(2, '0')}`);
    if (!account) continue;
    const employerId = Number(account.employer_id);
    if (await app.db('agreements').where('employer_id', employerId).first('id')) continue;
    const c = {
      kind: 'employer',
      id: account.id,
      employerId,
      phone: account.phone,
      name: account.name,
      isAdmin: true,
      permissions: ['signing'],
      mustSetPassword: false,
    } as EmployerCredentials;
    for (const [i, step] of (n <= 5 ? FULL : SHORT).entries()) {
      const student = students[next++];
      if (!student) return;
      const offer: Offer = {
        position: POSITIONS[(n + i) % POSITIONS.length]!,
        salaryMonthly: 8000 + ((n * 7 + i * 3) % 10) * 1000,
        probationMonths: 3,
        contractYears: 3,
        workPlace: PLACES[(n + i) % PLACES.length]!,
        archive: { forward: true, address: `${PLACES[(n + i) % PLACES.length]}人才服务中心` },
        hukou: {
          transfer: i % 2 === 0,
          address: i % 2 === 0 ? `${PLACES[(n + i) % PLACES.length]}公安局户政科` : null,
        },
        respondBy: addDays(today, 14),
        note: '缴纳五险一金，提供人才公寓',
      };
      let id: number;
      try {
        await candidates.list(employerId, student.id_number);
        const sent = await agreements.invite(c, [{ studentId: student.id, ...offer }]);
        if (!sent.created[0]) continue;
        id = sent.created[0].id;
      } catch {
        break; // no approved authorisation: this employer cannot sign
      }
      const staff = staffOf.get(student.slug)!;
      if (step === 'invited') continue;
      if (step === 'declined') {
        await agreements.studentAct(student.id, id, 'decline');
        continue;
      }
      await agreements.studentAct(student.id, id, 'accept');
      if (step === 'accepted') continue;
      await agreements.staffAct(staff, id, 'confirm');
      if (step === 'signed') continue;
      await agreements.employerAct(c, id, 'request_termination', '岗位调整，经协商解除协议');
      if (step === 'terminating') continue;
      if (step === 'termination_refused') {
        await agreements.studentAct(student.id, id, 'refuse_termination', '希望继续履行协议');
        continue;
      }
      await agreements.studentAct(student.id, id, 'agree_termination');
      await agreements.staffAct(staff, id, 'confirm_termination');
    }
  }
}
