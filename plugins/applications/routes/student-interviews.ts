// The student's answer to an interview invitation: accept (→ 待面试) or decline.
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idParams } from '../../../core/http/schemas.js';
import type { StudentCredentials } from '../../students/student-service.js';
import type { StudentApplications } from '../student-applications.js';

export function studentInterviewRoutes(applications: StudentApplications): ServerRoute[] {
  return (['accept', 'decline'] as const).map((answer) => ({
    method: 'POST',
    path: `/api/v1/student/interviews/{id}/${answer}`,
    options: {
      tags: ['api', 'student'],
      description: answer === 'accept' ? '接受面试邀请' : '拒绝面试邀请',
      auth: 'student',
      app: { access: {} },
      validate: { params: idParams, payload: Joi.object({}).allow(null) },
      handler: (request) => {
        const studentId = (request.auth.credentials as unknown as StudentCredentials).id;
        const id = (request.params as { id: number }).id;
        return answer === 'accept'
          ? applications.acceptInterview(studentId, id)
          : applications.declineInterview(studentId, id);
      },
    },
  }));
}
