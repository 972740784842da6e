// 发送签约邀请 of the employer centre: the candidates (拟录用 students and exact search by 身份证号 or `学号 姓名`), an
// invitation list carried in the page's links and forms (no server state: each entry is the student id with a MAC of
// employer and id, so a hand-edited link cannot list an arbitrary student), ONE offer form applied to every selected
// student, and the per-student refusals after sending. 再次邀约 opens this page with the student listed and the form
// prefilled from the earlier agreement. When signing is not authorised the page says why (the guard's message) and
// links to 签约授权. Every rule is the agreement service's.
import { createHmac } from 'node:crypto';
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Boom from '@hapi/boom';
import Joi from 'joi';
import type { App } from '../../../../core/app.js';
import { addDays } from '../../../../core/format/index.js';
import { joiDetails } from '../../../../core/http/errors.js';
import {
  errorSummary,
  failure,
  lenientQuery,
  list as listOf,
  render,
  seeOther,
  type FormErrors,
  type FormValues,
} from '../../../../core/pages/index.js';
import { employerOf, type EmployerCredentials } from '../../../accounts/permissions.js';
import type { Candidate, CandidateSearch } from '../../agreement-candidates.js';
import { messageOf, type AgreementErrorKey } from '../../agreement-errors.js';
import { offerFields } from '../../agreement-schemas.js';
import type { AgreementService, Invitation, Offer, SigningGuard } from '../../agreement-service.js';

export const INVITE_PATH = '/employer/signing';
export const AUTHORIZATION_PATH = '/employer/signing/authorization';
const DEFAULT_DAYS = 14;

const LABELS: Record<string, string> = {
  students: '邀约学生',
  position: '岗位',
  salaryMonthly: '月薪（元）',
  probationMonths: '试用期（月）',
  contractYears: '合同年限（年）',
  workPlace: '工作地点',
  archiveForward: '档案转递',
  archiveAddress: '档案转递地址',
  hukouTransfer: '户口迁移',
  hukouAddress: '户口迁移地址',
  respondBy: '应约截止日期',
  note: '其他约定',
};
const FIELDS = Object.keys(LABELS);
const REFUSAL_CODES = ['STUDENT_NOT_ELIGIBLE', 'STUDENT_HAS_AGREEMENT', 'ALREADY_INVITED'] as const;

const pageQuery = Joi.object({
  q: Joi.string().trim().max(60).allow(''),
  list: Joi.alternatives(Joi.array().items(Joi.string().max(40)).max(100), Joi.string().max(40)),
  add: Joi.string().max(40),
  remove: Joi.string().max(40),
  reinvite: Joi.number().integer().min(1).max(2_147_483_647),
  sent: Joi.number().integer().min(0).max(100),
  refused: Joi.string().max(2000),
}).unknown(true);

/** `id.mac`: a list entry only this employer's pages made. */
function entryOf(secret: string, employerId: number, studentId: number): string {
  const mac = createHmac('sha256', secret)
    .update(`${employerId}:${studentId}`)
    .digest('base64url')
    .slice(0, 12);
  return `${studentId}.${mac}`;
}

function idOf(secret: string, employerId: number, entry: string): number | null {
  const m = /^(\d{1,10})\.([A-Za-z0-9_-]{12})$/.exec(entry);
  if (!m) return null;
  const id = Number(m[1]);
  return entryOf(secret, employerId, id) === entry ? id : null;
}

/** The offer form's values from an offer (prefill) or the defaults. */
function valuesOf(offer: Offer | null, today: string): FormValues {
  if (!offer) return { respondBy: addDays(today, DEFAULT_DAYS), probationMonths: '3', contractYears: '3' };
  return {
    position: offer.position,
    salaryMonthly: String(offer.salaryMonthly),
    probationMonths: String(offer.probationMonths),
    contractYears: String(offer.contractYears),
    workPlace: offer.workPlace,
    archiveForward: offer.archive.forward ? 'yes' : '',
    archiveAddress: offer.archive.address ?? '',
    hukouTransfer: offer.hukou.transfer ? 'yes' : '',
    hukouAddress: offer.hukou.address ?? '',
    respondBy: offer.respondBy,
    note: offer.note ?? '',
  };
}

/** The form's values as an offer for the API schema. */
function offerOf(v: FormValues): Record<string, unknown> {
  const text = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : '');
  const num = (k: string) => (text(k).trim() === '' ? undefined : text(k).trim());
  return {
    position: text('position'),
    salaryMonthly: num('salaryMonthly'),
    probationMonths: num('probationMonths'),
    contractYears: num('contractYears'),
    workPlace: text('workPlace'),
    archive: { forward: v.archiveForward === 'yes', address: text('archiveAddress') || null },
    hukou: { transfer: v.hukouTransfer === 'yes', address: text('hukouAddress') || null },
    respondBy: num('respondBy'),
    note: text('note') || null,
  };
}

const FIELD_OF: Record<string, string> = {
  'archive.forward': 'archiveForward',
  'archive.address': 'archiveAddress',
  'hukou.transfer': 'hukouTransfer',
  'hukou.address': 'hukouAddress',
};

/** Every field error of the offer at once, keyed by the form's field names. */
function checkOffer(v: FormValues): { errors: FormErrors; offer?: Offer } {
  const { value, error } = Joi.object(offerFields).validate(offerOf(v), { abortEarly: false });
  if (!error) return { errors: {}, offer: value as Offer };
  const errors: FormErrors = {};
  for (const d of joiDetails(error)) {
    const name = FIELD_OF[d.path] ?? d.path.split('.')[0]!;
    errors[name] ??= d.message;
  }
  return { errors };
}

interface State {
  q: string;
  entries: string[];
  selected?: string[];
  values: FormValues;
  errors?: FormErrors;
  message?: string;
  info?: string;
  refusals?: { name: string; message: string }[];
  flash?: string;
  reinvitedFrom?: number | null;
}

export function invitePages(
  app: App,
  agreements: AgreementService,
  search: CandidateSearch,
  guard: SigningGuard,
): ServerRoute[] {
  const secret = app.config.jwtSecret;
  const page = { audience: 'employer', permission: 'signing' } as const;

  async function blocked(c: EmployerCredentials): Promise<string | null> {
    try {
      await guard.requireAuthorized(c.employerId);
      return null;
    } catch (err) {
      if (Boom.isBoom(err) && err.output.statusCode === 403) return err.message;
      throw err;
    }
  }

  async function show(request: Request, h: ResponseToolkit, c: EmployerCredentials, s: State, status = 200) {
    const why = await blocked(c);
    if (why)
      return render(request, h, 'signing/agreement-invite', {
        data: { blocked: { message: why, href: AUTHORIZATION_PATH } },
        title: '发送签约邀请',
        menu: 'signing-invite',
        status,
      });
    const ids = s.entries.map((e) => idOf(secret, c.employerId, e)).filter((x): x is number => x !== null);
    const unique = [...new Set(ids)];
    const listed: (Candidate & { entry: string; checked: boolean; removeHref: string })[] = [];
    const entriesOf = (except?: number) =>
      unique.filter((id) => id !== except).map((id) => entryOf(secret, c.employerId, id));
    const href = (params: Record<string, string | string[] | undefined>) => {
      const u = new URLSearchParams();
      for (const [k, v] of Object.entries(params))
        for (const x of [v].flat()) if (x !== undefined && x !== '') u.append(k, x);
      const qs = u.toString();
      return qs ? `${INVITE_PATH}?${qs}` : INVITE_PATH;
    };
    for (const id of unique) {
      const one = await search.one(id);
      if (!one) continue;
      const entry = entryOf(secret, c.employerId, id);
      listed.push({
        ...one,
        entry,
        checked: !s.selected || s.selected.includes(entry),
        removeHref: href({ q: s.q, list: entriesOf(id), remove: undefined }),
      });
    }
    const found = await search.list(c.employerId, s.q || undefined);
    const candidates = found.map((cand) => ({
      ...cand,
      listed: unique.includes(cand.studentId),
      addHref: href({ q: s.q, list: entriesOf(), add: entryOf(secret, c.employerId, cand.studentId) }),
      sourceLabel: cand.source === 'offer' ? '拟录用' : '搜索结果',
    }));
    const errors = s.errors ?? {};
    const field = (name: string) => ({
      id: `xz-f-inv-${name}`,
      name,
      value: typeof s.values[name] === 'string' ? s.values[name] : '',
      error: errors[name],
      errorId: `xz-f-inv-${name}-error`,
    });
    const form = Object.fromEntries(FIELDS.map((f) => [f, field(f)]));
    return render(request, h, 'signing/agreement-invite', {
      data: {
        alerts: {
          flash: s.flash,
          info: s.info,
          message: s.message,
          summary: errorSummary(errors, LABELS, 'inv'),
        },
        q: s.q,
        searched: !!s.q,
        candidates,
        offers: candidates.filter((x) => x.source === 'offer').length,
        listed,
        listEntries: listed.map((l) => l.entry),
        refusals: s.refusals ?? [],
        form,
        archiveForward: s.values.archiveForward === 'yes',
        hukouTransfer: s.values.hukouTransfer === 'yes',
        today: app.clock.today(),
        reinvitedFrom: s.reinvitedFrom ?? null,
        clearHref: href({ list: entriesOf() }),
      },
      title: '发送签约邀请',
      menu: 'signing-invite',
      status,
    });
  }

  return [
    {
      method: 'GET',
      path: INVITE_PATH,
      options: {
        app: { page },
        validate: { query: lenientQuery(pageQuery) },
        handler: async (request, h) => {
          const c = employerOf(request);
          const q = request.query as {
            q?: string;
            list?: string | string[];
            add?: string;
            remove?: string;
            reinvite?: number;
            sent?: number;
            refused?: string;
          };
          let entries = listOf(q.list);
          let values = valuesOf(null, app.clock.today());
          let info: string | undefined;
          let message: string | undefined;
          let reinvitedFrom: number | null = null;
          if (q.add) {
            const id = idOf(secret, c.employerId, q.add);
            const one = id === null ? null : await search.one(id);
            if (one && !one.eligible) message = `${one.name}：${messageOf('STUDENT_NOT_ELIGIBLE')}`;
            else if (one && one.hasAgreement) message = `${one.name}：${messageOf('STUDENT_HAS_AGREEMENT')}`;
            else if (one) entries = [...entries, q.add];
          }
          if (q.reinvite && !(await blocked(c))) {
            try {
              const re = await agreements.reinvite(c, q.reinvite);
              if (!re.eligible) message = `${re.student.name}：${re.refusal?.message ?? ''}`;
              else {
                entries = [entryOf(secret, c.employerId, re.invitation.studentId)];
                values = valuesOf(re.invitation, app.clock.today());
                info = `再次邀约 ${re.student.name}：签约信息已按上次内容预填，可修改后发送。`;
                reinvitedFrom = re.reinvitedFrom;
              }
            } catch (err) {
              message = failure(err, []).message;
            }
          }
          const refusals = (q.refused ?? '')
            .split(',')
            .map((x) => x.split(':'))
            .filter(([id, code]) => /^\d+$/.test(id ?? '') && REFUSAL_CODES.includes(code as never));
          const names = [];
          for (const [id, code] of refusals) {
            const one = await search.one(Number(id));
            names.push({ name: one?.name ?? `学生 ${id}`, message: messageOf(code as AgreementErrorKey) });
          }
          return show(request, h, c, {
            q: q.q ?? '',
            entries,
            values,
            info,
            message,
            reinvitedFrom,
            refusals: names,
            flash:
              q.sent !== undefined
                ? q.sent > 0
                  ? `已向 ${q.sent} 名学生发出签约邀请，等待学生应约。`
                  : '没有发出签约邀请。'
                : undefined,
          });
        },
      },
    },
    {
      method: 'POST',
      path: INVITE_PATH,
      options: {
        app: { page },
        handler: async (request, h) => {
          const c = employerOf(request);
          const payload = (request.payload ?? {}) as Record<string, unknown>;
          const values: FormValues = {};
          for (const f of FIELDS) if (typeof payload[f] === 'string') values[f] = payload[f];
          const entries = listOf(payload.list);
          const selected = listOf(payload.students);
          const reinvitedFrom = /^\d{1,9}$/.test(String(payload.reinvitedFrom ?? ''))
            ? Number(payload.reinvitedFrom)
            : null;
          const ids = selected
            .map((e) => idOf(secret, c.employerId, e))
            .filter((x): x is number => x !== null);
          const checked = checkOffer(values);
          const errors = { ...checked.errors };
          if (!ids.length) errors.students = '请在邀约列表中至少选择一名学生';
          if (checked.offer && checked.offer.respondBy < app.clock.today())
            errors.respondBy = '应约截止日期不能早于今天';
          const state = { q: '', entries, selected, values, reinvitedFrom };
          if (Object.keys(errors).length) return show(request, h, c, { ...state, errors }, 400);
          try {
            const invitations: Invitation[] = ids.map((studentId) => ({ studentId, ...checked.offer! }));
            const result = await agreements.invite(c, invitations, reinvitedFrom);
            const refused = result.refused.map((r) => `${r.studentId}:${r.code}`).join(',');
            const rest = result.refused.map((r) => entryOf(secret, c.employerId, r.studentId));
            const qs = new URLSearchParams({ sent: String(result.created.length) });
            if (refused) qs.set('refused', refused);
            for (const e of rest) qs.append('list', e);
            return seeOther(request, h, `${INVITE_PATH}?${qs.toString()}`);
          } catch (err) {
            const f = failure(err, FIELDS);
            return show(request, h, c, { ...state, errors: f.errors, message: f.message }, f.status);
          }
        },
      },
    },
  ];
}
