// 签约解约管理 of the employer centre: the six tabs with counts and search, this academic year's signings, the Excel
// export of a tab, and one agreement's page (offer, the three confirmations, its history) with what the employer may
// do now: download the PDF, withdraw an unanswered invitation, ask for termination with a reason, agree to or refuse
// the student's request, 再次邀约 (the invitation page prefilled). Every rule is the agreement service's.
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import type { App } from '../../../../core/app.js';
import { download } from '../../../../core/http/content-disposition.js';
import { idParams } from '../../../../core/http/schemas.js';
import {
  dateTime,
  failure,
  flashTexts,
  lenientQuery,
  pager,
  render,
  seeOther,
} from '../../../../core/pages/index.js';
import { employerOf, type EmployerCredentials } from '../../../accounts/permissions.js';
import type { AgreementDocuments } from '../../agreement-document.js';
import { agreementsWorkbook } from '../../agreement-export.js';
import type { AgreementService } from '../../agreement-service.js';
import { AGREEMENT_TABS, TAB_LABELS, type AgreementTab } from '../../models/agreement.js';
import { INVITE_PATH } from './agreement-invite.js';

const PAGE_SIZE = 20;
const LIST = '/employer/agreements';

export const flash = flashTexts({
  withdrawn: '签约邀请已撤回。',
  'termination-requested': '解约申请已提交，等待学生答复。',
  'termination-agreed': '已同意解约，等待学校确认。',
  'termination-refused': '已拒绝解约，协议继续有效。',
});

const TONES: Record<string, string> = {
  invited: 'warning',
  accepted: 'warning',
  signed: 'success',
  terminating: 'warning',
  terminated: 'muted',
  termination_refused: 'danger',
};

type View = Awaited<ReturnType<AgreementService['get']>>;

/** What the list and the detail page show of an agreement. */
export function facts(a: Omit<View, 'events'> & { events?: View['events'] }) {
  const o = a.offer;
  return {
    ...a,
    tone: TONES[a.status] ?? 'muted',
    salary: `${o.salaryMonthly} 元/月`,
    probation: o.probationMonths ? `${o.probationMonths} 个月` : '无',
    contract: o.contractYears ? `${o.contractYears} 年` : '另行约定',
    archive: o.archive.forward ? `转递至：${o.archive.address}` : '不转递',
    hukou: o.hukou.transfer ? `迁移至：${o.hukou.address}` : '不迁移',
    invitedAt: dateTime(a.employerSignedAt),
    acceptedText: a.acceptedAt ? dateTime(a.acceptedAt) : '—',
    confirmedText: a.schoolConfirmedAt ? dateTime(a.schoolConfirmedAt) : '—',
    can: Object.fromEntries(a.actions.map((x) => [x, true])),
    pdf: a.status === 'signed',
    termination: a.termination && {
      ...a.termination,
      by: a.termination.requestedBy === 'employer' ? '本单位' : '学生',
      requestedText: dateTime(a.termination.requestedAt),
      agreedText: a.termination.agreedAt ? dateTime(a.termination.agreedAt) : null,
    },
    events: (a.events ?? []).map((e) => ({
      ...e,
      who: { employer: '单位', student: '学生', staff: '学校', system: '系统' }[e.actor] ?? e.actor,
      at: dateTime(e.at),
    })),
  };
}

const listQuery = Joi.object({
  tab: Joi.string()
    .valid(...AGREEMENT_TABS)
    .default('signing'),
  q: Joi.string().trim().max(80).allow(''),
  page: Joi.number().integer().min(1).max(10_000).default(1),
  done: Joi.string().max(40),
});

export function agreementPages(
  app: App,
  agreements: AgreementService,
  documents: AgreementDocuments,
): ServerRoute[] {
  const page = { audience: 'employer', permission: 'signing' } as const;

  async function detail(
    request: Request,
    h: ResponseToolkit,
    c: EmployerCredentials,
    id: number,
    o: { message?: string; error?: string; reason?: string; done?: string } = {},
    status = 200,
  ) {
    const a = facts(await agreements.get(c, id));
    return render(request, h, 'signing/agreement', {
      data: {
        alerts: { flash: flash(o.done), message: o.message },
        a,
        reason: { value: o.reason ?? '', error: o.error },
        reinviteHref: `${INVITE_PATH}?reinvite=${id}`,
      },
      title: `协议 ${a.agreementNo}`,
      menu: 'agreements',
      status,
    });
  }

  const act = (
    path: string,
    action: 'withdraw' | 'request_termination' | 'agree_termination' | 'refuse_termination',
    done: string,
  ): ServerRoute => ({
    method: 'POST',
    path: `${LIST}/{id}/${path}`,
    options: {
      app: { page },
      validate: { params: idParams },
      handler: async (request, h) => {
        const c = employerOf(request);
        const id = (request.params as { id: number }).id;
        const body = (request.payload ?? {}) as Record<string, unknown>;
        const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
        if (action === 'request_termination' && (reason.length < 2 || reason.length > 500))
          return detail(request, h, c, id, { error: '请填写解约原因（2 至 500 字）', reason }, 400);
        try {
          await agreements.employerAct(c, id, action, reason || null);
        } catch (err) {
          const f = failure(err, []);
          if (f.status === 404) throw err;
          return detail(request, h, c, id, { message: f.message, reason }, f.status);
        }
        return seeOther(request, h, `${LIST}/${id}`, done);
      },
    },
  });

  return [
    {
      method: 'GET',
      path: LIST,
      options: {
        app: { page },
        validate: { query: lenientQuery(listQuery) },
        handler: async (request, h) => {
          const c = employerOf(request);
          const q = request.query as { tab: AgreementTab; q?: string; page: number; done?: string };
          const result = await agreements.list(c, { tab: q.tab, q: q.q, page: q.page, pageSize: PAGE_SIZE });
          const href = (tab: string) => {
            const p = new URLSearchParams({ tab });
            if (q.q) p.set('q', q.q);
            return `${LIST}?${p.toString()}`;
          };
          return render(request, h, 'signing/agreements', {
            data: {
              alerts: { flash: flash(q.done) },
              tabs: AGREEMENT_TABS.map((t) => ({
                label: TAB_LABELS[t],
                count: result.tabs[t],
                href: href(t),
                current: t === q.tab,
              })),
              tabLabel: TAB_LABELS[q.tab],
              filter: { tab: q.tab, q: q.q },
              rows: result.items.map(facts),
              total: result.total,
              signedThisYear: result.signedThisYear,
              exportHref: `${LIST}/export?${new URLSearchParams({ tab: q.tab, ...(q.q ? { q: q.q } : {}) }).toString()}`,
              pager: pager(LIST, { tab: q.tab, q: q.q }, q.page, PAGE_SIZE, result.total),
            },
            title: '签约解约管理',
            menu: 'agreements',
          });
        },
      },
    },
    {
      method: 'GET',
      path: `${LIST}/export`,
      options: {
        app: { page },
        validate: { query: lenientQuery(listQuery) },
        handler: async (request, h) => {
          const c = employerOf(request);
          const q = request.query as { tab: AgreementTab; q?: string };
          const rows = await agreements.exportRows(c, q);
          const { name } = (await app.db('employers').where('id', c.employerId).first('name')) as {
            name: string;
          };
          const xlsx = await agreementsWorkbook(rows, {
            tabLabel: TAB_LABELS[q.tab],
            viewer: c.name,
            employer: name,
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
      path: `${LIST}/{id}`,
      options: {
        app: { page },
        validate: { params: idParams, query: lenientQuery(Joi.object({ done: Joi.string().max(40) })) },
        handler: (request, h) =>
          detail(request, h, employerOf(request), (request.params as { id: number }).id, {
            done: (request.query as { done?: string }).done,
          }),
      },
    },
    {
      method: 'GET',
      path: `${LIST}/{id}/document`,
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) => {
          const { pdf, filename } = await documents.pdf(
            employerOf(request),
            (request.params as { id: number }).id,
          );
          return download(h, pdf, { type: 'application/pdf', name: filename });
        },
      },
    },
    act('withdraw', 'withdraw', 'withdrawn'),
    act('termination', 'request_termination', 'termination-requested'),
    act('termination/agree', 'agree_termination', 'termination-agreed'),
    act('termination/refuse', 'refuse_termination', 'termination-refused'),
  ];
}
