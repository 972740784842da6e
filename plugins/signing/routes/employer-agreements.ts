// The employer's agreements (发送签约邀请, 签约解约管理): permission `signing`; every action passes the signing guard in the
// service. Routes beyond API.md (documented in README as extensions): export.xlsx, withdraw, termination/agree|refuse.
import type { ServerRoute } from '@hapi/hapi';
import type { App } from '../../../core/app.js';
import { download } from '../../../core/http/content-disposition.js';
import { idParams } from '../../../core/http/schemas.js';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { AgreementDocuments } from '../agreement-document.js';
import { agreementsWorkbook } from '../agreement-export.js';
import {
  employerListQuery,
  emptyPayload,
  exportQuery,
  invitePayload,
  optionalNotePayload,
  reasonPayload,
} from '../agreement-schemas.js';
import type { AgreementService, Invitation } from '../agreement-service.js';
import { TAB_LABELS, type AgreementTab } from '../models/agreement.js';

const employer = (request: { auth: { credentials: unknown } }) =>
  request.auth.credentials as unknown as EmployerCredentials;
const access = { access: { permission: 'signing' } };
const tags = ['api', 'employer'];

export function employerAgreementRoutes(
  app: App,
  agreements: AgreementService,
  documents: AgreementDocuments,
): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/employer/agreements',
      options: {
        tags,
        description: '发送签约邀请（可批量）：逐个学生拒绝（不能网签、已有协议、已邀约），其余发出',
        auth: 'employer',
        app: access,
        validate: { payload: invitePayload },
        handler: async (request, h) => {
          const { invitations } = request.payload as { invitations: Invitation[] };
          return h.response(await agreements.invite(employer(request), invitations)).code(201);
        },
      },
    },
    {
      method: 'GET',
      path: '/api/v1/employer/agreements',
      options: {
        tags,
        description:
          '签约解约管理：六个页签（签约中、已签约、签约失败、解约中、已解约、解约失败）及数量、本学年签约数',
        auth: 'employer',
        app: access,
        validate: { query: employerListQuery },
        handler: (request) =>
          agreements.list(employer(request), request.query as Parameters<AgreementService['list']>[1]),
      },
    },
    {
      method: 'GET',
      path: '/api/v1/employer/agreements/export.xlsx',
      options: {
        tags,
        description: '导出一个页签的协议（Excel），身份证号打码，末行注明导出人',
        auth: 'employer',
        app: access,
        validate: { query: exportQuery },
        handler: async (request, h) => {
          const c = employer(request);
          const q = request.query as { tab: AgreementTab; q?: string };
          const rows = await agreements.exportRows(c, q);
          const { name } = await app.db('employers').where('id', c.employerId).first('name');
          const xlsx = await agreementsWorkbook(rows, {
            tabLabel: TAB_LABELS[q.tab],
            viewer: c.name,
            employer: name as string,
            at: app.clock.now(),
            sites: app.sites,
          });
          return download(h, xlsx, {
            type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            name: `签约解约-${TAB_LABELS[q.tab]}.xlsx`,
          });
        },
      },
    },
    {
      method: 'GET',
      path: '/api/v1/employer/agreements/{id}',
      options: {
        tags,
        description: '一份协议及其全部事件（谁、何时、做了什么）',
        auth: 'employer',
        app: access,
        validate: { params: idParams },
        handler: (request) => agreements.get(employer(request), (request.params as { id: number }).id),
      },
    },
    {
      method: 'GET',
      path: '/api/v1/employer/agreements/{id}/document.pdf',
      options: {
        tags,
        description: '下载就业协议书（PDF，已签约的协议），二维码指向协议核验地址',
        auth: 'employer',
        app: access,
        validate: { params: idParams },
        handler: async (request, h) => {
          const { pdf, filename } = await documents.pdf(
            employer(request),
            (request.params as { id: number }).id,
          );
          return download(h, pdf, { type: 'application/pdf', name: filename });
        },
      },
    },
    {
      method: 'GET',
      path: '/api/v1/employer/agreements/{id}/reinvite',
      options: {
        tags,
        description: '再次邀约：按上次的签约信息预填一份新邀请（签约失败或已解约的协议）',
        auth: 'employer',
        app: access,
        validate: { params: idParams },
        handler: (request) => agreements.reinvite(employer(request), (request.params as { id: number }).id),
      },
    },
    action('termination', 'request_termination', '申请解约（已签约的协议），须填写原因', reasonPayload),
    action('termination/agree', 'agree_termination', '同意学生提出的解约申请（扩展）', optionalNotePayload),
    action('termination/refuse', 'refuse_termination', '拒绝学生提出的解约申请（扩展）', optionalNotePayload),
    action('withdraw', 'withdraw', '撤回学生尚未回复的签约邀请（扩展）', emptyPayload),
  ];

  function action(
    path: string,
    act: 'request_termination' | 'agree_termination' | 'refuse_termination' | 'withdraw',
    description: string,
    payload: typeof reasonPayload,
  ): ServerRoute {
    return {
      method: 'POST',
      path: `/api/v1/employer/agreements/{id}/${path}`,
      options: {
        tags,
        description,
        auth: 'employer',
        app: access,
        validate: { params: idParams, payload },
        handler: (request) => {
          const body = (request.payload ?? {}) as { reason?: string; note?: string | null };
          return agreements.employerAct(
            employer(request),
            (request.params as { id: number }).id,
            act,
            body.reason ?? (body.note || null),
          );
        },
      },
    };
  }
}
