// School staff and their students: search the roster, one student's record, 可网签 one by one or in bulk. Another
// school's student is "not found" (404); another school's site is 403.
import type { ServerRoute } from '@hapi/hapi';
import type { App } from '../../../core/app.js';
import type { StaffCredentials } from '../../../core/auth/principals.js';
import { idParams } from '../../../core/http/schemas.js';
import type { StudentQuery, StudentService } from '../student-service.js';
import { bulkESignBody, eSignBody, siteSlugParams, studentListQuery } from './schemas.js';

const staffOf = (request: { auth: { credentials: unknown } }) =>
  request.auth.credentials as unknown as StaffCredentials;

export function adminStudentRoutes(app: App, students: StudentService): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/admin/sites/{slug}/students',
      options: {
        tags: ['api', 'admin'],
        description: '本校学生名单：按学号、姓名、手机、专业搜索，按可网签筛选（身份证号脱敏）',
        auth: 'staff',
        app: { access: { staffSiteParam: 'slug' } },
        validate: { params: siteSlugParams, query: studentListQuery },
        handler: (request) =>
          students.list(
            staffOf(request),
            app.sites.require((request.params as { slug: string }).slug),
            request.query as unknown as StudentQuery,
          ),
      },
    },
    {
      method: 'GET',
      path: '/api/v1/admin/students/{id}',
      options: {
        tags: ['api', 'admin'],
        description: '本校一名学生的信息（含完整身份证号）',
        auth: 'staff',
        app: { access: {} },
        validate: { params: idParams },
        handler: async (request) =>
          students.staffView(
            await students.forStaff(staffOf(request), (request.params as { id: number }).id),
          ),
      },
    },
    {
      method: 'PATCH',
      path: '/api/v1/admin/students/{id}',
      options: {
        tags: ['api', 'admin'],
        description: '设置本校学生是否可网签',
        auth: 'staff',
        app: { access: {} },
        validate: { params: idParams, payload: eSignBody },
        handler: async (request) =>
          students.staffView(
            await students.setESign(
              staffOf(request),
              (request.params as { id: number }).id,
              (request.payload as { eSignEligible: boolean }).eSignEligible,
            ),
          ),
      },
    },
    {
      method: 'POST',
      path: '/api/v1/admin/sites/{slug}/students/e-sign',
      options: {
        tags: ['api', 'admin'],
        description: '批量设置本校学生是否可网签；不属于本校的学生逐个列在 refused 中',
        auth: 'staff',
        app: { access: { staffSiteParam: 'slug' } },
        validate: { params: siteSlugParams, payload: bulkESignBody },
        handler: (request) => {
          const { ids, eSignEligible } = request.payload as { ids: number[]; eSignEligible: boolean };
          return students.bulkESign(
            staffOf(request),
            app.sites.require((request.params as { slug: string }).slug),
            ids,
            eSignEligible,
          );
        },
      },
    },
  ];
}
