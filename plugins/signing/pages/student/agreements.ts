// 我的签约 for students, in their school's theme: invitations and agreements with what the student may do now — accept
// or decline an invitation (each after a confirmation page), ask for termination with a reason, agree to or refuse the
// employer's request. Accepting withdraws the student's other open invitations (the service says so on the page).
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idParams } from '../../../../core/http/schemas.js';
import {
  failure,
  flashTexts,
  lenientQuery,
  render,
  seeOther,
  sessionOf,
} from '../../../../core/pages/index.js';
import type { AgreementService } from '../../agreement-service.js';
import { facts } from '../employer/agreements.js';

const LIST = '/student/agreements';
const flash = flashTexts({
  accepted: '已接受签约邀请，等待学校确认；您的其他签约邀请已自动撤回。',
  declined: '已拒绝签约邀请。',
  'termination-requested': '解约申请已提交，等待单位答复。',
  'termination-agreed': '已同意解约，等待学校确认。',
  'termination-refused': '已拒绝解约，协议继续有效。',
});

const CONFIRM = {
  accept: {
    title: '接受签约邀请',
    button: '确认接受',
    text: '接受后，您的其他签约邀请将自动撤回；学校确认后协议生效，解约须经单位同意和学校确认。',
  },
  decline: { title: '拒绝签约邀请', button: '确认拒绝', text: '拒绝后该邀请结束，不能再接受。' },
} as const;

const studentId = (request: Request) => sessionOf<{ kind: 'student'; id: number }>(request, 'student')!.id;

export function studentAgreementPages(agreements: AgreementService): ServerRoute[] {
  const page = { audience: 'student' } as const;

  async function list(
    request: Request,
    h: ResponseToolkit,
    o: { done?: string; message?: string; focus?: number; error?: string; reason?: string } = {},
    status = 200,
  ) {
    const result = await agreements.forStudent(studentId(request));
    return render(request, h, 'signing/student-agreements', {
      data: {
        alerts: { flash: flash(o.done), message: o.message },
        rows: result.items.map((a) => ({
          ...facts(a),
          reason: a.id === o.focus ? { value: o.reason ?? '', error: o.error } : { value: '' },
        })),
      },
      title: '我的签约',
      status,
    });
  }

  const act = (
    path: string,
    action: 'accept' | 'decline' | 'request_termination' | 'agree_termination' | 'refuse_termination',
    done: string,
  ): ServerRoute => ({
    method: 'POST',
    path: `${LIST}/{id}/${path}`,
    options: {
      app: { page },
      validate: { params: idParams },
      handler: async (request, h) => {
        const id = (request.params as { id: number }).id;
        const body = (request.payload ?? {}) as Record<string, unknown>;
        const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
        if (action === 'request_termination' && (reason.length < 2 || reason.length > 500))
          return list(request, h, { focus: id, error: '请填写解约原因（2 至 500 字）', reason }, 400);
        try {
          await agreements.studentAct(studentId(request), id, action, reason || null);
        } catch (err) {
          const f = failure(err, []);
          if (f.status === 404) throw err;
          return list(request, h, { message: f.message, focus: id, reason }, f.status);
        }
        return seeOther(request, h, LIST, done);
      },
    },
  });

  return [
    {
      method: 'GET',
      path: LIST,
      options: {
        app: { page },
        validate: { query: lenientQuery(Joi.object({ done: Joi.string().max(40) })) },
        handler: (request, h) => list(request, h, { done: (request.query as { done?: string }).done }),
      },
    },
    {
      method: 'GET',
      path: `${LIST}/{id}/{action}`,
      options: {
        app: { page },
        validate: {
          params: Joi.object({
            id: idParams.extract('id'),
            action: Joi.string().valid('accept', 'decline').required(),
          }),
        },
        handler: async (request, h) => {
          const { id, action } = request.params as { id: number; action: 'accept' | 'decline' };
          const a = facts(await agreements.studentGet(studentId(request), id));
          return render(request, h, 'signing/student-agreement-confirm', {
            data: { a, action, confirm: CONFIRM[action], open: a.actions.includes(action) },
            title: CONFIRM[action].title,
          });
        },
      },
    },
    act('accept', 'accept', 'accepted'),
    act('decline', 'decline', 'declined'),
    act('termination', 'request_termination', 'termination-requested'),
    act('termination/agree', 'agree_termination', 'termination-agreed'),
    act('termination/refuse', 'refuse_termination', 'termination-refused'),
  ];
}
