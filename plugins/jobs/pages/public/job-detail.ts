// One job as this site shows it, with its schema.org JobPosting. A job the site does not show (not approved here,
// expired, unknown) is the theme's 404, the same answer on every site: a page never reveals where else it exists.
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idParams } from '../../../../core/http/schemas.js';
import { service, type App } from '../../../../core/app.js';
import { appError } from '../../../../core/http/errors.js';
import { jobPostingLd } from './job-posting.js';
import { dateOf, degreeText, paragraphs, salaryText } from '../../../postings/pages/listing-format.js';
import { paramsOr404, render, sessionOf } from '../../../../core/pages/index.js';

const notFound = () => appError(404, 'NOT_FOUND', '职位不存在或已下线');

export function jobDetailPages(app: App): ServerRoute {
  return {
    method: 'GET',
    path: '/jobs/{id}',
    options: {
      app: { page: { audience: 'public' } },
      validate: { params: paramsOr404(idParams, notFound), query: Joi.object().unknown(true) },
      handler: async (request, h) => {
        const { site } = request.app.xz;
        const job = await service(app, 'jobs').publicGet(site, (request.params as { id: number }).id);
        if (!job) throw notFound();
        const salary = salaryText(job.salaryMin, job.salaryMax);
        // 投递简历 on a school's site (the applications feature fills the slot): 已投递 for a student who applied
        const applications = app.services.studentApplications;
        const student = sessionOf(request, 'student');
        const apply =
          site.isMain || !applications
            ? null
            : {
                jobId: job.id,
                student: !!student,
                applied: student ? (await applications.appliedTo(student.id, [job.id])).has(job.id) : false,
              };
        return render(request, h, 'jobs/public-job', {
          data: {
            job: {
              id: job.id,
              title: job.title,
              employer: job.employer.name,
              salaryMin: job.salaryMin,
              salaryMax: job.salaryMax,
              headcount: job.headcount,
              cities: job.cityNames,
              degree: degreeText(job.degree),
              majors: job.majors,
              category: job.category,
              publishedAt: job.publishedAt,
              publishedOn: dateOf(job.publishedAt),
              expiresOn: job.expiresOn,
              description: paragraphs(job.description),
            },
            jsonLd: jobPostingLd(site, job),
            apply,
          },
          title: `${job.title} - ${job.employer.name}`,
          description: `${job.employer.name}招聘${job.title}：${job.cityNames.join('、')}，${degreeText(job.degree)}，${salary}。`,
        });
      },
    },
  };
}
