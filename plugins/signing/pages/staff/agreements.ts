// 网签协议确认 of a school's admin console: its students' agreements waiting for the school (accepted by the student,
// or a termination both parties agreed to) and, by status, all the others; confirm, or reject with a comment; confirm
// or reject an agreed termination. Only the student's own school sees and decides (the service checks the site).
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import type { App } from '../../../../core/app.js';
import { idParams } from '../../../../core/http/schemas.js';
import {
  failure,
  flashTexts,
  lenientQuery,
  pager,
  render,
  seeOther,
  staffOf,
} from '../../../../core/pages/index.js';
import type { AgreementService } from '../../agreement-service.js';
import { STATUS_LABELS } from '../../agreement-transitions.js';
import { AGREEMENT_STATUSES, type AgreementStatus } from '../../models/agreement.js';
import { facts } from '../employer/agreements.js';

const LIST = '/admin/agreements';
const PAGE_SIZE = 20;
const flash = flashTexts({
  confirmed: '已确认协议，签约完成。',
  rejected: '已驳回协议。',
  'termination-confirmed': '已确认解约，协议解除。',
  'termination-rejected': '已驳回解约申请，协议继续有效。',
});

const query = Joi.object({
  status: Joi.string().valid(...AGREEMENT_STATUSES),
  q: Joi.string().trim().max(80).allow(''),
  page: Joi.number().integer().min(1).max(10_000).default(1),
  done: Joi.string().max(40),
});

export function staffAgreementPages(app: App, agreements: AgreementService): ServerRoute[] {
  const page = { audience: 'staff' } as const;

  async function queue(
    request: Request,
    h: ResponseToolkit,
    q: { status?: AgreementStatus; q?: string; page: number; done?: string },
    o: { message?: string; focus?: number; error?: string; comment?: string } = {},
    code = 200,
  ) {
    const staff = staffOf(request);
    const site = app.sites.require(staff.site);
    const result = await agreements.forSite(staff, site, {
      status: q.status,
      q: q.q,
      page: q.page,
      pageSize: PAGE_SIZE,
    });
    return render(request, h, 'signing/staff-agreements', {
      data: {
        alerts: { flash: flash(q.done), message: o.message },
        statuses: [
          { value: '', label: '待学校确认', selected: !q.status },
          ...AGREEMENT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s], selected: q.status === s })),
        ],
        rows: result.items.map((a) => ({
          ...facts(a),
          comment: a.id === o.focus ? { value: o.comment ?? '', error: o.error } : { value: '' },
        })),
        total: result.total,
        filter: { q: q.q },
        pager: pager(LIST, { status: q.status, q: q.q }, q.page, PAGE_SIZE, result.total),
      },
      title: '网签协议确认',
      menu: 'agreements',
      status: code,
    });
  }

  const act = (
    path: string,
    action: 'confirm' | 'reject' | 'confirm_termination' | 'reject_termination',
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
        const comment = typeof body.comment === 'string' ? body.comment.trim() : '';
        if (action === 'reject' && (comment.length < 2 || comment.length > 500))
          return queue(
            request,
            h,
            { page: 1 },
            { focus: id, error: '驳回时请填写意见（2 至 500 字）', comment },
            400,
          );
        try {
          await agreements.staffAct(staffOf(request), id, action, comment || null);
        } catch (err) {
          const f = failure(err, []);
          if (f.status === 404 || f.status === 403) throw err;
          return queue(request, h, { page: 1 }, { message: f.message, focus: id, comment }, f.status);
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
        validate: { query: lenientQuery(query) },
        handler: (request, h) =>
          queue(
            request,
            h,
            request.query as { status?: AgreementStatus; q?: string; page: number; done?: string },
          ),
      },
    },
    act('confirm', 'confirm', 'confirmed'),
    act('reject', 'reject', 'rejected'),
    act('termination/confirm', 'confirm_termination', 'termination-confirmed'),
    act('termination/reject', 'reject_termination', 'termination-rejected'),
  ];
}
