// Demo applications: at nju, seu and suda, fourteen students of the demo roster (学号 2027000051 …, never the ten
// signed-in ones, which demos and tests use to apply themselves) have applied to the jobs approved on their school,
// two in each status — new, viewed, invited to an interview, 待面试, 拟录用, 不合适, withdrawn — with the interview
// rows, the events of each move and an employer's view recorded. Runs after the students and jobs seeders (plugin
// order). Idempotent: a school whose chosen students already have applications is left alone.
import type { App } from '../../core/app.js';
import { APPLICATION_STATUSES, type ApplicationStatus } from './models/application.js';

const SCHOOLS = ['nju', 'seu', 'suda'] as const;
const FIRST = 50;
const PER_STATUS = 2;

/** The states an application went through to reach `status` (for its events). */
const PATH: Record<ApplicationStatus, ApplicationStatus[]> = {
  submitted: [],
  viewed: ['viewed'],
  interview_invited: ['viewed', 'interview_invited'],
  interview: ['viewed', 'interview_invited', 'interview'],
  offer: ['viewed', 'interview_invited', 'interview', 'offer'],
  rejected: ['viewed', 'rejected'],
  withdrawn: ['withdrawn'],
};

export async function seedDemoApplications(app: App): Promise<void> {
  const db = app.db;
  for (const slug of SCHOOLS) {
    const site = app.sites.get(slug);
    if (!site) continue;
    const students = (await db('students')
      .where('site_id', site.id)
      .orderBy('student_no')
      .offset(FIRST)
      .limit(APPLICATION_STATUSES.length * PER_STATUS)) as {
      id: number;
      name: string;
      gender: string;
      degree: string;
      major: string;
      graduation_year: number;
      student_no: string;
      phone: string;
      id_number: string;
    }[];
    if (students.length === 0) continue;
    const already = await db('applications')
      .whereIn(
        'student_id',
        students.map((s) => s.id),
      )
      .first('id');
    if (already) continue;
    const jobs = (await db('job_publications as p')
      .join('jobs as j', 'j.id', 'p.job_id')
      .where({ 'p.site_id': site.id, 'p.status': 'approved', 'j.state': 'active' })
      .orderBy('j.id')
      .select('j.id', 'j.employer_id')) as { id: number; employer_id: number }[];
    if (jobs.length === 0) continue;
    await db.transaction(async (trx) => {
      for (const [n, s] of students.entries()) {
        const status = APPLICATION_STATUSES[Math.floor(n / PER_STATUS)]!;
        const job = jobs[n % jobs.length]!;
        const account = (await trx('employer_accounts')
          .where('employer_id', job.employer_id)
          .orderBy('id')
          .first('id', 'name')) as { id: number; name: string } | undefined;
        const resume = {
          name: s.name,
          gender: s.gender,
          degree: s.degree,
          major: s.major,
          graduationYear: s.graduation_year,
          school: { slug, name: site.name },
          studentNo: s.student_no,
          phone: s.phone,
          idNumber: s.id_number,
          email: `${s.student_no}@stu.example.edu.cn`,
          education: [
            { school: site.name, major: s.major, degree: s.degree, from: '2023-09', to: '2027-06' },
          ],
          experience: [
            {
              organisation: '南京某科技有限公司',
              role: '实习生',
              from: '2025-07',
              to: '2025-09',
              description: '参与内部系统的开发与测试。',
            },
          ],
          skills: ['办公软件', '英语六级'],
          awards: [{ name: '校级优秀学生干部', date: '2025-05' }],
          summary: `${s.major}专业应届毕业生，学习认真，乐于沟通，希望在贵单位长期发展。`,
          attachment: null,
          attachmentFileId: null,
        };
        const daysAgo = 14 - n;
        const [row] = (await trx('applications')
          .insert({
            job_id: job.id,
            employer_id: job.employer_id,
            student_id: s.id,
            site_id: site.id,
            status,
            resume: JSON.stringify(resume),
            viewed_at: PATH[status].includes('viewed')
              ? trx.raw(`now() - interval '${daysAgo - 1} days'`)
              : null,
            created_at: trx.raw(`now() - interval '${daysAgo} days'`),
          })
          .returning('id')) as { id: number }[];
        const id = row!.id;
        let from: ApplicationStatus = 'submitted';
        for (const to of PATH[status]) {
          await trx('application_events').insert({
            application_id: id,
            from_status: from,
            to_status: to,
            actor_kind: to === 'interview' || to === 'withdrawn' ? 'student' : 'employer',
            actor_id: to === 'interview' || to === 'withdrawn' ? s.id : (account?.id ?? null),
          });
          from = to;
        }
        if (account && PATH[status].includes('viewed'))
          await trx('application_views').insert({
            application_id: id,
            employer_id: job.employer_id,
            account_id: account.id,
            account_name: account.name,
            action: 'view',
          });
        if (status === 'interview_invited' || status === 'interview' || status === 'offer')
          await trx('interviews').insert({
            application_id: id,
            starts_at: trx.raw(`date_trunc('day', now()) + interval '${3 + n} days 10 hours'`),
            mode: n % 2 === 0 ? 'onsite' : 'online',
            place: n % 2 === 0 ? '南京市建邺区江东中路 100 号 8 楼会议室' : null,
            url: n % 2 === 0 ? null : 'https://meeting.example.com/j/20270001',
            contact_name: '王老师',
            contact_phone: '025-83591234',
            note: '请携带纸质简历和成绩单。',
            status:
              status === 'interview_invited' ? 'invited' : status === 'interview' ? 'accepted' : 'cancelled',
            created_by: account?.id ?? null,
            answered_at: status === 'interview_invited' ? null : trx.fn.now(),
          });
      }
    });
  }
}
