// Generator of the inbox bench's data: one employer with `jobs` jobs, `students` students spread over three schools
// and `applications` applications (each student applies to distinct jobs, so applications_one_per_job holds), in
// every status, spread over 90 days. Bulk inserts with generate_series: 100k applications take seconds.
import type { Knex } from 'knex';

export interface ApplicationsData {
  employerId: number;
  accountId: number;
  jobIds: number[];
  applications: number;
}

export async function generateApplications(
  db: Knex,
  o: { applications: number; jobs: number; students: number; sites: number[] },
): Promise<ApplicationsData> {
  const perStudent = Math.ceil(o.applications / o.students);
  if (perStudent > o.jobs) throw new Error('more applications per student than jobs');
  const [{ id: employerId }] = (await db('employers')
    .insert({
      name: '简历压测科技有限公司',
      uscc: '913201000000000010',
      uscc_check_passed: true,
      contact_name: '联系人',
      contact_phone: '13500000001',
    })
    .returning('id')) as { id: number }[];
  const [{ id: accountId }] = (await db('employer_accounts')
    .insert({
      employer_id: employerId,
      phone: '13500000001',
      name: '招聘专员',
      is_admin: true,
      password_hash: 'x',
    })
    .returning('id')) as { id: number }[];
  const [{ id: roleId }] = (await db('employer_roles')
    .insert({ employer_id: employerId, name: '简历专员', builtin: false, permissions: ['applications'] })
    .returning('id')) as { id: number }[];
  await db('employer_account_roles').insert({ account_id: accountId, role_id: roleId });
  await db.raw(
    `INSERT INTO jobs (employer_id, title, category, description, headcount, salary_min, salary_max, cities, degree, expires_on)
     SELECT ?, (ARRAY['后端开发工程师','前端开发工程师','数据分析师','测试工程师','产品经理'])[1 + g % 5] || ' ' || g,
            '技术研发', '岗位职责', 3, 8000, 15000, ARRAY['320100'], '本科', current_date + 60
     FROM generate_series(1, ?) g`,
    [employerId, o.jobs],
  );
  const jobIds = (
    (await db('jobs').where('employer_id', employerId).orderBy('id').select('id')) as { id: number }[]
  ).map((r) => r.id);
  const sites = `ARRAY[${o.sites.map(Number).join(',')}]`;
  await db.raw(
    `INSERT INTO students (site_id, student_no, name, id_number, gender, degree, major, graduation_year, phone)
     SELECT (${sites})[1 + g % ${o.sites.length}], 'B' || lpad(g::text, 8, '0'),
            (ARRAY['王','李','张','刘','陈','杨','赵','黄'])[1 + g % 8] || (ARRAY['明','华','强','芳','丽','军','静','磊'])[1 + (g / 8) % 8] || g,
            '320102' || lpad(g::text, 12, '0'), (ARRAY['男','女'])[1 + g % 2],
            (ARRAY['专科','本科','本科','硕士','博士'])[1 + g % 5],
            (ARRAY['计算机科学与技术','软件工程','电子信息工程','数学与应用数学','金融学','机械工程'])[1 + g % 6],
            2027, '139' || lpad(g::text, 8, '0')
     FROM generate_series(1, ?) g`,
    [o.students],
  );
  const first = ((await db('students').min({ id: 'id' }).first()) as { id: number }).id;
  const resume = JSON.stringify({
    summary: '热爱技术，做过两个课程项目。',
    email: 'bench@example.com',
    education: [
      { school: '南京大学', major: '计算机科学与技术', degree: '本科', from: '2023-09', to: '2027-06' },
    ],
    experience: [],
    skills: ['Java', 'SQL'],
    awards: [],
  });
  // application n: student n % S, its k-th application (k = n / S) to job (student + k * step) % J — distinct per student
  const step = Math.floor(o.jobs / perStudent);
  await db.raw(
    `INSERT INTO applications (job_id, employer_id, student_id, site_id, status, resume, created_at, updated_at)
     SELECT (?::int[])[1 + ((n % ?) + (n / ?) * ?) % ?], ?, s.id, s.site_id,
            (ARRAY['submitted','submitted','submitted','viewed','viewed','interview_invited','interview','offer','rejected','withdrawn'])[1 + n % 10],
            ?::jsonb, now() - (n % 129600) * interval '1 minute', now()
     FROM generate_series(0, ? - 1) n
     JOIN students s ON s.id = ? + (n % ?)`,
    [
      `{${jobIds.join(',')}}`,
      o.students,
      o.students,
      step,
      o.jobs,
      employerId,
      resume,
      o.applications,
      first,
      o.students,
    ],
  );
  await db.raw('ANALYZE students; ANALYZE jobs; ANALYZE applications');
  return { employerId, accountId, jobIds, applications: o.applications };
}
