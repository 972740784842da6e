// The school's view of one of its students' applications: job, employer, status, dates and who viewed, downloaded
// or exported the résumé (PIPL: the school sees every access). Another school's student is not found here.
import type { ServerRoute } from '@hapi/hapi';
import { service, type App } from '../../../../core/app.js';
import { idParams } from '../../../../core/http/schemas.js';
import { dateTime, render, staffOf } from '../../../../core/pages/index.js';
import { TONES } from '../employer/inbox.js';

export function staffStudentApplicationPages(app: App): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/admin/students/{id}/applications',
      options: {
        app: { page: { audience: 'staff' } },
        validate: { params: idParams },
        handler: async (request, h) => {
          const staff = staffOf(request);
          const result = await service(app, 'applicationsInbox').forStudent(
            staff,
            (request.params as { id: number }).id,
          );
          return render(request, h, 'applications/staff-student-applications', {
            data: {
              student: result.student,
              applications: result.applications.map((a) => ({
                ...a,
                tone: TONES[a.status],
                createdAt: dateTime(a.createdAt),
                views: a.views.map((v) => ({ ...v, at: dateTime(v.at) })),
              })),
            },
            title: `${result.student.name} 的投递记录`,
            menu: 'students',
          });
        },
      },
    },
  ];
}
