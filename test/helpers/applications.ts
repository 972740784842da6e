// Arranging applications: a complete résumé for a student and an interview invitation through the inbox's API.
import { expect } from 'chai';
import { inject, json } from './deployment.js';
import { bearer } from './employers.js';
import type { Enrolled } from './students.js';

/** A complete résumé (education, experience, skills, awards, summary, email). */
export const RESUME = {
  education: [
    { school: '南京大学', major: '计算机科学与技术', degree: '本科', from: '2023-09', to: '2027-06' },
  ],
  experience: [
    {
      organisation: '南京某科技有限公司',
      role: '后端开发实习生',
      from: '2025-07',
      to: '2025-09',
      description: '参与订单服务开发',
    },
  ],
  skills: ['Java', 'PostgreSQL'],
  awards: [{ name: '全国大学生数学建模竞赛省一等奖', date: '2025-11' }],
  summary: '热爱编程，做事认真。',
  email: 'student@example.cn',
};

/** Saves `body` as the student's résumé and expects 200. */
export async function putResume(student: Enrolled, body: Record<string, unknown> = RESUME) {
  const res = await inject({
    method: 'PUT',
    url: '/api/v1/student/resume',
    headers: bearer(student.token),
    payload: body,
  });
  expect(res.statusCode, res.payload).to.equal(200);
  return json(res);
}

/** An interview invitation through the employer inbox's API. */
export async function invite(applicationId: number, employerToken: string, online = false): Promise<number> {
  const res = await inject({
    method: 'POST',
    url: `/api/v1/employer/applications/${applicationId}/interview`,
    headers: bearer(employerToken),
    payload: {
      startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      mode: online ? 'online' : 'onsite',
      ...(online
        ? { url: 'https://meeting.example.cn/123' }
        : { place: '南京市玄武区示范路 1 号 3 楼会议室' }),
      contactName: '张三',
      contactPhone: '13912345678',
    },
  });
  expect(res.statusCode, res.payload).to.equal(201);
  return json<{ id: number }>(res).id;
}
