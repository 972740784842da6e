// Demo résumés: the ten signed-in demo students of each demo school (学号 2027000001 … 2027000010) have a complete
// résumé, so a demo student can apply from a job page at once. A résumé already there is left alone (idempotent).
import type { App } from '../../core/app.js';
import { DEMO_SCHOOLS, DEMO_SIGNED_IN } from './demo.js';

const FIRST_NO = 2027000001;

export async function seedDemoResumes(app: App): Promise<void> {
  for (const slug of DEMO_SCHOOLS) {
    const site = app.sites.get(slug);
    if (!site) continue;
    const numbers = Array.from({ length: DEMO_SIGNED_IN }, (_, i) => String(FIRST_NO + i));
    const students = (await app
      .db('students')
      .where('site_id', site.id)
      .whereIn('student_no', numbers)
      .select('id', 'major', 'degree', 'graduation_year')) as {
      id: number;
      major: string;
      degree: string;
      graduation_year: number;
    }[];
    if (students.length === 0) continue;
    await app
      .db('student_resumes')
      .insert(
        students.map((s) => {
          const years = s.degree === '专科' ? 3 : s.degree === '本科' ? 4 : 3;
          return {
            student_id: s.id,
            education: JSON.stringify([
              {
                school: site.name,
                major: s.major,
                degree: s.degree,
                from: `${s.graduation_year - years}-09`,
                to: `${s.graduation_year}-06`,
              },
            ]),
            experience: JSON.stringify([
              {
                organisation: '南京某信息技术有限公司',
                role: '暑期实习生',
                from: `${s.graduation_year - 1}-07`,
                to: `${s.graduation_year - 1}-08`,
                description: `参与${s.major}相关项目，负责资料整理与日常开发测试工作。`,
              },
            ]),
            skills: JSON.stringify(['英语六级', '办公软件', '团队协作']),
            awards: JSON.stringify([{ name: '校级三好学生', date: `${s.graduation_year - 2}-10` }]),
            summary: `${s.major}专业应届毕业生，学习认真，动手能力强，希望在相关领域长期发展。`,
          };
        }),
      )
      .onConflict('student_id')
      .ignore();
  }
}
