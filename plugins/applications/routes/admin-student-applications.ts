import type { ServerRoute } from '@hapi/hapi';
import type { StaffCredentials } from '../../../core/auth/principals.js';
import { idParams } from '../../../core/http/schemas.js';
import type { InboxService } from '../inbox-service.js';

export const adminStudentApplications = (inbox: InboxService): ServerRoute => ({
  method: 'GET',
  path: '/api/v1/admin/students/{id}/applications',
  options: {
    tags: ['api', 'admin'],
    description: '本校学生的投递记录：职位、单位、状态、时间，以及单位查看、下载简历的记录',
    auth: 'staff',
    app: { access: {} },
    validate: { params: idParams },
    handler: (request) =>
      inbox.forStudent(
        request.auth.credentials as unknown as StaffCredentials,
        (request.params as { id: number }).id,
      ),
  },
});
