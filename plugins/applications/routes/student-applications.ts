// The student's applications: apply to a job of their school's site, list mine, withdraw one.
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idParams, rowId } from '../../../core/http/schemas.js';
import type { StudentCredentials } from '../../students/student-service.js';
import type { StudentApplications } from '../student-applications.js';

const studentOf = (credentials: unknown) => (credentials as StudentCredentials).id;

export function studentApplicationRoutes(applications: StudentApplications): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/student/applications',
      options: {
        tags: ['api', 'student'],
        description: '投递简历：职位须在本校站点审核通过且未失效，简历须完整；每个职位只能投递一次',
        auth: 'student',
        app: { access: {} },
        validate: { payload: Joi.object({ jobId: rowId.required() }) },
        handler: async (request, h) =>
          h
            .response(
              await applications.apply(
                studentOf(request.auth.credentials),
                (request.payload as { jobId: number }).jobId,
              ),
            )
            .code(201),
      },
    },
    {
      method: 'GET',
      path: '/api/v1/student/applications',
      options: {
        tags: ['api', 'student'],
        description: '我的投递（状态、职位、单位、面试邀请）',
        auth: 'student',
        app: { access: {} },
        validate: {
          query: Joi.object({
            page: Joi.number().integer().min(1).max(10_000).default(1),
            pageSize: Joi.number().integer().min(1).max(100).default(50),
          }),
        },
        handler: (request) =>
          applications.list(
            studentOf(request.auth.credentials),
            request.query as { page: number; pageSize: number },
          ),
      },
    },
    {
      method: 'POST',
      path: '/api/v1/student/applications/{id}/withdraw',
      options: {
        tags: ['api', 'student'],
        description: '撤回投递（单位处理前）',
        auth: 'student',
        app: { access: {} },
        validate: { params: idParams, payload: Joi.object({}).allow(null) },
        handler: (request) =>
          applications.withdraw(studentOf(request.auth.credentials), (request.params as { id: number }).id),
      },
    },
  ];
}
