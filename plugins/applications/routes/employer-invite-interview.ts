import type { ServerRoute } from '@hapi/hapi';
import { idParams } from '../../../core/http/schemas.js';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { InboxService, InterviewInput } from '../inbox-service.js';
import { interviewPayload } from '../inbox-schemas.js';

export const employerInviteInterview = (inbox: InboxService): ServerRoute => ({
  method: 'POST',
  path: '/api/v1/employer/applications/{id}/interview',
  options: {
    tags: ['api', 'employer'],
    description: '邀请面试：时间、现场地点或线上链接、联系人；学生接受后进入待面试',
    auth: 'employer',
    app: { access: { permission: 'applications' } },
    validate: { params: idParams, payload: interviewPayload },
    handler: async (request, h) => {
      const interview = await inbox.invite(
        request.auth.credentials as unknown as EmployerCredentials,
        (request.params as { id: number }).id,
        request.payload as InterviewInput,
      );
      return h.response(interview).code(201);
    },
  },
});
