// 简历 of the signed-in student: GET the résumé (with the roster facts, the attachment and what is still missing for
// an application), PUT the whole of it (every field error at once, in Chinese).
import type { ServerRoute } from '@hapi/hapi';
import type { StudentCredentials } from '../student-service.js';
import { resumeSchema, type ResumeInput, type ResumeService } from '../resume-service.js';

export const studentOf = (credentials: unknown) => (credentials as StudentCredentials).id;

export function resumeRoutes(resumes: ResumeService): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/student/resume',
      options: {
        tags: ['api', 'student'],
        description: '我的简历（含学籍信息、附件和完整度）',
        auth: 'student',
        app: { access: {} },
        handler: (request) => resumes.get(studentOf(request.auth.credentials)),
      },
    },
    {
      method: 'PUT',
      path: '/api/v1/student/resume',
      options: {
        tags: ['api', 'student'],
        description: '保存我的简历（教育经历、实习/工作经历、技能、获奖、自我评价、邮箱、PDF 附件）',
        auth: 'student',
        app: { access: {} },
        validate: { payload: resumeSchema },
        handler: (request) =>
          resumes.save(studentOf(request.auth.credentials), request.payload as ResumeInput),
      },
    },
  ];
}
