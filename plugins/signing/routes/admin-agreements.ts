// The school's confirmation queue: agreements of its students waiting for it (accepted ones, agreed terminations),
// confirm or reject with a comment. Staff of another school get 403.
import type { ServerRoute } from '@hapi/hapi';
import type { App } from '../../../core/app.js';
import type { StaffCredentials } from '../../../core/auth/principals.js';
import { idParams } from '../../../core/http/schemas.js';
import { commentPayload, optionalCommentPayload, slugParams, staffListQuery } from '../agreement-schemas.js';
import type { AgreementService } from '../agreement-service.js';

const staff = (request: { auth: { credentials: unknown } }) =>
  request.auth.credentials as unknown as StaffCredentials;
const tags = ['api', 'admin'];

export function adminAgreementRoutes(app: App, agreements: AgreementService): ServerRoute[] {
  const action = (
    path: string,
    act: 'confirm' | 'reject' | 'confirm_termination' | 'reject_termination',
    description: string,
    payload: typeof commentPayload,
  ): ServerRoute => ({
    method: 'POST',
    path: `/api/v1/admin/agreements/{id}/${path}`,
    options: {
      tags,
      description,
      auth: 'staff',
      app: { access: {} },
      validate: { params: idParams, payload },
      handler: (request) =>
        agreements.staffAct(
          staff(request),
          (request.params as { id: number }).id,
          act,
          (request.payload as { comment?: string | null } | null)?.comment || null,
        ),
    },
  });
  return [
    {
      method: 'GET',
      path: '/api/v1/admin/sites/{slug}/agreements',
      options: {
        tags,
        description: '本校学生的协议：默认为待学校确认（学生已接受、双方已同意解约），可按状态筛选',
        auth: 'staff',
        app: { access: { staffSiteParam: 'slug' } },
        validate: { params: slugParams, query: staffListQuery },
        handler: (request) =>
          agreements.forSite(
            staff(request),
            app.sites.require((request.params as { slug: string }).slug),
            request.query as Parameters<AgreementService['forSite']>[2],
          ),
      },
    },
    {
      method: 'GET',
      path: '/api/v1/admin/agreements/{id}',
      options: {
        tags,
        description: '一份本校学生的协议及其事件（扩展）',
        auth: 'staff',
        app: { access: {} },
        validate: { params: idParams },
        handler: (request) => agreements.staffGet(staff(request), (request.params as { id: number }).id),
      },
    },
    action('confirm', 'confirm', '学校确认协议：签约完成', optionalCommentPayload),
    action('reject', 'reject', '学校驳回协议，须填写意见', commentPayload),
    action('termination/confirm', 'confirm_termination', '学校确认解约', optionalCommentPayload),
    action('termination/reject', 'reject_termination', '学校驳回解约申请', optionalCommentPayload),
  ];
}
