// Job postings arranged through the employer API, for the tests of listings, pages and caches.
import { expect } from 'chai';
import { inject, json } from './deployment.js';
import { approvePending, bearer, type Registered } from './employers.js';

/** A valid job posting: every required field, nothing a content screen refuses. */
export const JOB = {
  title: '后端开发工程师',
  category: '技术研发',
  description: '负责服务端开发，欢迎计算机相关专业的应届毕业生。',
  headcount: 3,
  salaryMin: 8000,
  salaryMax: 15000,
  cities: ['320100'],
  degree: '本科',
  majors: ['计算机科学与技术'],
};

/** Publishes a job (JOB with `body` over it) and expects 201. */
export async function createJob(
  reg: Registered,
  body: Record<string, unknown>,
): Promise<{ id: number; expiresOn: string }> {
  const res = await inject({
    method: 'POST',
    url: '/api/v1/employer/jobs',
    headers: bearer(reg.token),
    payload: { ...JOB, ...body },
  });
  expect(res.statusCode, res.payload).to.equal(201);
  return json<{ id: number; expiresOn: string }>(res);
}

/** The site's staff approve every pending job of this employer. */
export const approveJobs = (slug: string, reg: Registered) =>
  approvePending(slug, (r) => r.subject_type === 'job' && r.employer_id === reg.employerId);
