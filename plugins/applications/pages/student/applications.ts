// The student's application pages in the school's theme, without JavaScript: 投递简历 from a job's page (POST
// /student/applications with the one-time form token: a double click creates one application; a visitor not signed in
// as a student goes to the login page and comes back to /student/apply/{jobId}), the confirmation page
// /student/apply/{jobId} (已投递 when applied; the résumé's gaps when incomplete), 我的投递 /student/applications with
// status labels from STATUS_LABELS, 撤回 after a confirmation page while allowed, and the interview invitation with
// 接受 / 拒绝. Every rule is the StudentApplications service's.
import type { Request, ResponseToolkit } from '@hapi/hapi';
import Boom from '@hapi/boom';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import { toErrorPayload } from '../../../../core/http/errors.js';
import { idParams, rowId } from '../../../../core/http/schemas.js';
import {
  dateTime,
  flashTexts,
  local,
  paramsOr404,
  render,
  seeOther,
  sessionOf,
  type PageRoute,
} from '../../../../core/pages/index.js';
import type { StudentCredentials } from '../../../students/student-service.js';
import type { ApplicationStatus } from '../../models/application.js';
import {
  INTERVIEW_MODE_LABELS,
  type StudentApplications,
  type StudentApplicationView,
} from '../../student-applications.js';

const flash = flashTexts({
  applied: '简历已投递，单位处理后会在这里显示进度。',
  withdrawn: '投递已撤回。',
  accepted: '已接受面试邀请，请按时参加面试。',
  declined: '已拒绝面试邀请。',
});

const TONES: Record<ApplicationStatus, string> = {
  submitted: 'info',
  viewed: 'info',
  interview_invited: 'warning',
  interview: 'success',
  offer: 'success',
  rejected: 'muted',
  withdrawn: 'muted',
};

const studentId = (request: Request) => sessionOf<StudentCredentials>(request, 'student')!.id;
const notFound = () => Boom.notFound('投递记录不存在');

function rowView(a: StudentApplicationView) {
  return {
    ...a,
    tone: TONES[a.status],
    appliedAt: dateTime(a.createdAt),
    interview: a.interview
      ? {
          ...a.interview,
          when: dateTime(a.interview.startsAt),
          modeLabel: INTERVIEW_MODE_LABELS[a.interview.mode] ?? a.interview.mode,
          online: a.interview.mode === 'online',
        }
      : null,
  };
}

async function listPage(
  app: App,
  applications: StudentApplications,
  request: Request,
  h: ResponseToolkit,
  message?: string,
  status = 200,
) {
  const page = Math.min(Math.max(Number(request.query.page) || 1, 1), 1000);
  // ?status=interview_invited: 面试邀请 of the student menu (any other value lists everything)
  const filter = request.query.status === 'interview_invited' ? ('interview_invited' as const) : undefined;
  const result = await applications.list(studentId(request), { page, pageSize: 20 }, filter);
  const pages = Math.max(1, Math.ceil(result.total / 20));
  return render(request, h, 'applications/student-applications', {
    data: {
      alerts: { flash: flash(request.query.done), message },
      rows: result.items.map(rowView),
      total: result.total,
      filtered: !!filter,
      prev: page > 1 ? `/student/applications?page=${page - 1}${filter ? `&status=${filter}` : ''}` : null,
      next:
        page < pages ? `/student/applications?page=${page + 1}${filter ? `&status=${filter}` : ''}` : null,
      pageText: pages > 1 ? `第 ${page} / ${pages} 页` : null,
    },
    title: '我的投递',
    status,
    menu: filter ? 'interviews' : 'applications',
  });
}

/** The job as the student's school site shows it, and whether the student has applied. */
async function applyPage(
  app: App,
  applications: StudentApplications,
  request: Request,
  h: ResponseToolkit,
  jobId: number,
  failure?: { code: string; message: string; status: number },
) {
  const id = studentId(request);
  const student = await service(app, 'students').get(id);
  const site = student ? app.sites.byId(student.siteId) : undefined;
  const job = site ? await service(app, 'jobs').publicGet(site, jobId) : null;
  const applied = (await applications.appliedTo(id, [jobId])).has(jobId);
  const completeness = await service(app, 'resumes').completeness(id);
  return render(request, h, 'applications/student-apply', {
    data: {
      alerts: { message: failure?.message },
      job: job
        ? { id: job.id, title: job.title, employer: job.employer.name, cities: job.cityNames.join('、') }
        : null,
      applied,
      completeness,
      missingText: completeness.missing.join('、'),
      resumeFirst: failure?.code === 'RESUME_INCOMPLETE' || (!applied && !completeness.complete),
    },
    title: job ? `投递简历：${job.title}` : '投递简历',
    menu: 'applications',
    status: failure?.status ?? (job || applied ? 200 : 404),
  });
}

/** A refused apply/answer as a status and message for the page (4xx only; anything else is rethrown). */
function refusal(err: unknown): { code: string; message: string; status: number } {
  if (!Boom.isBoom(err) || err.output.statusCode >= 500) throw err;
  const p = toErrorPayload(err);
  return { code: p.code, message: p.message, status: p.statusCode };
}

export function studentApplicationPages(app: App, applications: StudentApplications): PageRoute[] {
  const student = { page: { audience: 'student' as const } };
  const routes: PageRoute[] = [
    {
      method: 'GET',
      path: '/student/applications',
      options: {
        app: student,
        handler: (request, h) => listPage(app, applications, request, h),
      },
    },
    {
      // 投递简历 from a job's page: any visitor may post; one not signed in as a student signs in first
      method: 'POST',
      path: '/student/applications',
      options: {
        app: { page: { audience: 'public', session: 'student' } },
        handler: async (request, h) => {
          const { value, error } = Joi.object({ jobId: rowId.required() })
            .unknown(true)
            .validate(request.payload ?? {});
          if (error) throw Boom.badRequest('请选择要投递的职位');
          const jobId = (value as { jobId: number }).jobId;
          const c = sessionOf<StudentCredentials>(request, 'student');
          if (!c) {
            const next = local(request, `/student/apply/${jobId}`);
            return h
              .redirect(`${local(request, '/student/login')}?next=${encodeURIComponent(next)}`)
              .code(303);
          }
          try {
            await applications.apply(c.id, jobId);
          } catch (err) {
            const f = refusal(err);
            if (f.code === 'ALREADY_APPLIED') return seeOther(request, h, `/student/apply/${jobId}`);
            return applyPage(app, applications, request, h, jobId, f);
          }
          return seeOther(request, h, '/student/applications', 'applied');
        },
      },
    },
    {
      method: 'GET',
      path: '/student/apply/{id}',
      options: {
        app: student,
        validate: { params: paramsOr404(idParams, notFound) },
        handler: (request, h) =>
          applyPage(app, applications, request, h, (request.params as { id: number }).id),
      },
    },
    {
      method: 'GET',
      path: '/student/applications/{id}/withdraw',
      options: {
        app: student,
        validate: { params: paramsOr404(idParams, notFound) },
        handler: async (request, h) => {
          const a = await applications.get(studentId(request), (request.params as { id: number }).id);
          return render(request, h, 'applications/student-withdraw', {
            data: { application: rowView(a) },
            title: '撤回投递',
            menu: 'applications',
          });
        },
      },
    },
    {
      method: 'POST',
      path: '/student/applications/{id}/withdraw',
      options: {
        app: student,
        validate: { params: paramsOr404(idParams, notFound) },
        handler: async (request, h) => {
          try {
            await applications.withdraw(studentId(request), (request.params as { id: number }).id);
          } catch (err) {
            const f = refusal(err);
            if (f.status === 404) throw err;
            return listPage(app, applications, request, h, f.message, f.status);
          }
          return seeOther(request, h, '/student/applications', 'withdrawn');
        },
      },
    },
    ...(['accept', 'decline'] as const).map((answer): PageRoute => ({
      method: 'POST',
      path: `/student/interviews/{id}/${answer}`,
      options: {
        app: student,
        validate: { params: paramsOr404(idParams, () => Boom.notFound('面试邀请不存在')) },
        handler: async (request, h) => {
          const id = (request.params as { id: number }).id;
          try {
            if (answer === 'accept') await applications.acceptInterview(studentId(request), id);
            else await applications.declineInterview(studentId(request), id);
          } catch (err) {
            const f = refusal(err);
            if (f.status === 404) throw err;
            return listPage(app, applications, request, h, f.message, f.status);
          }
          return seeOther(request, h, '/student/applications', answer === 'accept' ? 'accepted' : 'declined');
        },
      },
    })),
  ];
  return routes;
}
