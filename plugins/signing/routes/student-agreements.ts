// The student's agreements: the invitations received, accept (409 INVITATION_EXPIRED, 409 STUDENT_HAS_AGREEMENT) or
// decline, and termination asked, agreed or refused.
import type { ServerRoute } from '@hapi/hapi';
import { idParams } from '../../../core/http/schemas.js';
import { emptyPayload, optionalNotePayload, reasonPayload } from '../agreement-schemas.js';
import type { AgreementService } from '../agreement-service.js';

const studentId = (request: { auth: { credentials: unknown } }) =>
  (request.auth.credentials as { id: number }).id;
const tags = ['api', 'student'];

export function studentAgreementRoutes(agreements: AgreementService): ServerRoute[] {
  const action = (
    path: string,
    act: 'accept' | 'decline' | 'request_termination' | 'agree_termination' | 'refuse_termination',
    description: string,
    payload: typeof reasonPayload,
  ): ServerRoute => ({
    method: 'POST',
    path: `/api/v1/student/agreements/{id}/${path}`,
    options: {
      tags,
      description,
      auth: 'student',
      app: { access: {} },
      validate: { params: idParams, payload },
      handler: (request) => {
        const body = (request.payload ?? {}) as { reason?: string; note?: string | null };
        return agreements.studentAct(
          studentId(request),
          (request.params as { id: number }).id,
          act,
          body.reason ?? (body.note || null),
        );
      },
    },
  });
  return [
    {
      method: 'GET',
      path: '/api/v1/student/agreements',
      options: {
        tags,
        description: '我的签约：收到的签约邀请和协议',
        auth: 'student',
        app: { access: {} },
        handler: (request) => agreements.forStudent(studentId(request)),
      },
    },
    {
      method: 'GET',
      path: '/api/v1/student/agreements/{id}',
      options: {
        tags,
        description: '一份协议及其事件（扩展）',
        auth: 'student',
        app: { access: {} },
        validate: { params: idParams },
        handler: (request) =>
          agreements.studentGet(studentId(request), (request.params as { id: number }).id),
      },
    },
    action('accept', 'accept', '接受签约邀请：其他未回复的邀请随之撤回', emptyPayload),
    action('decline', 'decline', '拒绝签约邀请', emptyPayload),
    action('termination', 'request_termination', '申请解约（已签约的协议），须填写原因', reasonPayload),
    action('termination/agree', 'agree_termination', '同意单位提出的解约申请', optionalNotePayload),
    action('termination/refuse', 'refuse_termination', '拒绝单位提出的解约申请', optionalNotePayload),
  ];
}
