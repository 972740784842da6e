// 收到的简历 of the employer centre: the list with status tabs and counts, filters (job, school, status, degree, major,
// dates, keyword) carried in the query string so they survive paging and batch actions, checkboxes with 不合适 /
// 拟录用 / 标记已查看 / 下载所选 (each refusal listed by name), 待面试, the detail (résumé with the ID number masked,
// 下载 PDF, 拟录用, 不合适) and the 邀请面试 form (every field error at once, typed values kept). Works without JS.
// Every rule is the inbox service's; opening the detail is a recorded view like the API's.
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import type { Knex } from 'knex';
import { service, type App } from '../../../../core/app.js';
import { download } from '../../../../core/http/content-disposition.js';
import { appError } from '../../../../core/http/errors.js';
import { idParams } from '../../../../core/http/schemas.js';
import {
  dateTime,
  errorSummary,
  failure,
  fields,
  flashTexts,
  listHref,
  list as listOf,
  pager,
  pick,
  render,
  seeOther,
  validateForm,
  type FormErrors,
  type FormValues,
} from '../../../../core/pages/index.js';
import { employerOf, type EmployerCredentials } from '../../../accounts/permissions.js';
import { STUDENT_DEGREES } from '../../../students/models/student.js';
import {
  INTERVIEW_STATUS_LABELS,
  MODE_LABELS,
  entryOf,
  type BatchAction,
  type InboxFilter,
  type InboxService,
  type InterviewInput,
  type InterviewView,
} from '../../inbox-service.js';
import { INBOX_PAGE_SIZE, inboxFilterFields, interviewFields } from '../../inbox-schemas.js';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../models/application.js';
import { STATUS_LABELS, allowed } from '../../transitions.js';
import { attachmentResponse } from '../../routes/employer-resume-attachment.js';

const SCOPE = 'iv';
const FILTER_KEYS = ['jobId', 'site', 'status', 'q', 'degree', 'major', 'from', 'to'] as const;

export const TONES: Record<ApplicationStatus, string> = {
  submitted: 'warning',
  viewed: 'info',
  interview_invited: 'info',
  interview: 'success',
  offer: 'success',
  rejected: 'muted',
  withdrawn: 'muted',
};

const flash = flashTexts({
  invited: '面试邀请已发送，学生将收到站内消息；学生接受后进入待面试。',
  offered: '已标记为拟录用，该学生已进入网签候选名单。',
  rejected: '已标记为不合适，学生将收到站内消息。',
});

const BATCH_LABELS: Record<BatchAction, string> = {
  reject: '不合适',
  offer: '拟录用',
  mark_viewed: '标记已查看',
};

const INTERVIEW_LABELS: Record<string, string> = {
  startsAt: '面试时间',
  mode: '面试方式',
  place: '面试地点',
  url: '面试链接',
  contactName: '联系人',
  contactPhone: '联系电话',
  note: '备注',
};

const localTime = (iso: string | null) =>
  iso
    ? new Intl.DateTimeFormat('zh-CN', {
        timeZone: 'Asia/Shanghai',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
      })
        .format(new Date(iso))
        .replaceAll('/', '-')
    : '';

type Filter = Partial<Record<(typeof FILTER_KEYS)[number], string>> & { page?: number };

const filterQuery = Joi.object({ ...inboxFilterFields, done: Joi.string().max(40) }).unknown(true);

/** The filters as the list links and hidden fields carry them (empty ones dropped). */
function carried(f: Filter): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of FILTER_KEYS) if (f[k]) out[k] = String(f[k]);
  return out;
}

function serviceFilter(f: Filter, page: number): InboxFilter {
  const c = carried(f);
  return {
    ...c,
    jobId: c.jobId ? Number(c.jobId) : undefined,
    status: c.status as ApplicationStatus | undefined,
    page,
    pageSize: INBOX_PAGE_SIZE,
  } as InboxFilter;
}

async function jobChoices(app: App, c: EmployerCredentials) {
  const rows = (await app
    .db('jobs')
    .where('employer_id', c.employerId)
    .whereExists(function (this: Knex.QueryBuilder) {
      void this.select(1).from('applications').whereRaw('applications.job_id = jobs.id');
    })
    .orderBy('created_at', 'desc')
    .limit(200)
    .select('id', 'title')) as { id: number; title: string }[];
  return rows;
}

function schoolChoices(app: App, c: EmployerCredentials) {
  return app
    .db('applications')
    .where('employer_id', c.employerId)
    .distinct('site_id')
    .then((rows: { site_id: number }[]) =>
      rows
        .map((r) => app.sites.byId(r.site_id))
        .filter((s): s is NonNullable<typeof s> => !!s)
        .map((s) => ({ slug: s.slug, name: s.name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh')),
    );
}

interface BatchResult {
  action: string;
  updated: number;
  refused: { name: string; message: string }[];
}

async function listPage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  f: Filter,
  opts: { interviews?: boolean; batch?: BatchResult; message?: string; status?: number } = {},
) {
  const inbox = service(app, 'applicationsInbox');
  const path = opts.interviews ? '/employer/applications/interviews' : '/employer/applications';
  const filter: Filter = opts.interviews ? { ...f, status: 'interview' } : f;
  const page = f.page ?? 1;
  const [result, jobs, schools] = await Promise.all([
    inbox.list(c, serviceFilter(filter, page)),
    jobChoices(app, c),
    schoolChoices(app, c),
  ]);
  const kept = carried(filter);
  const withoutStatus = { ...kept, status: undefined };
  const tabs = [
    {
      label: '全部',
      count: result.counts.all,
      href: listHref('/employer/applications', withoutStatus),
      current: !kept.status,
    },
    ...APPLICATION_STATUSES.map((s) => ({
      label: STATUS_LABELS[s],
      count: result.counts[s],
      href: listHref('/employer/applications', { ...kept, status: s }),
      current: kept.status === s,
    })),
  ];
  const interviewsOf = opts.interviews
    ? await Promise.all(result.items.map((i) => inbox.peek(c, i.id).then((d) => d.interview)))
    : [];
  const rows = result.items.map((i, n) => ({
    ...i,
    tone: TONES[i.status],
    createdAt: dateTime(i.createdAt),
    interview: interviewsOf[n] ? interviewText(interviewsOf[n]) : null,
  }));
  const hidden = Object.entries(kept).map(([name, value]) => ({ name, value }));
  return render(request, h, 'applications/inbox', {
    data: {
      interviews: opts.interviews === true,
      heading: opts.interviews ? '待面试' : '收到的简历',
      action: path,
      alerts: {
        flash: flash((request.query as { done?: string } | null)?.done),
        message: opts.message,
      },
      batch: opts.batch,
      tabs,
      filter: {
        ...kept,
        jobs: jobs.map((j) => ({ ...j, selected: String(j.id) === kept.jobId })),
        schools: schools.map((s) => ({ ...s, selected: s.slug === kept.site })),
        statuses: APPLICATION_STATUSES.map((s) => ({
          value: s,
          label: STATUS_LABELS[s],
          selected: s === kept.status,
        })),
        degrees: STUDENT_DEGREES.map((d) => ({ value: d, selected: d === kept.degree })),
        any: Object.keys(opts.interviews ? { ...kept, status: undefined } : kept).some(
          (k) => kept[k] && !(opts.interviews && k === 'status'),
        ),
      },
      hidden,
      rows,
      total: result.total,
      pager: pager(
        path,
        opts.interviews ? { ...kept, status: undefined } : kept,
        page,
        INBOX_PAGE_SIZE,
        result.total,
      ),
    },
    title: opts.interviews ? '待面试' : '收到的简历',
    status: opts.status,
    menu: opts.interviews ? 'applications-interviews' : 'applications',
  });
}

function interviewText(i: InterviewView) {
  return {
    id: i.id,
    time: localTime(i.startsAt),
    mode: MODE_LABELS[i.mode],
    where: i.mode === 'onsite' ? i.place : i.url,
    online: i.mode === 'online',
    contact: `${i.contactName} ${i.contactPhone}`,
    note: i.note,
    status: INTERVIEW_STATUS_LABELS[i.status],
    open: i.status === 'invited' || i.status === 'accepted',
  };
}

type Detail = Awaited<ReturnType<InboxService['peek']>>;

function resumeView(d: Detail) {
  const r = d.resume as Record<string, unknown>;
  const section = (key: string, heading: string) => ({
    heading,
    entries: (Array.isArray(r[key]) ? (r[key] as unknown[]) : []).map(entryOf).filter((e) => e !== null),
  });
  const summary = typeof r.summary === 'string' ? r.summary.split(/\r?\n+/).filter((l) => l.trim()) : [];
  return {
    summary,
    email: typeof r.email === 'string' ? r.email : '',
    attachment:
      r.attachment && typeof (r.attachment as { name?: unknown }).name === 'string'
        ? { name: (r.attachment as { name: string }).name }
        : null,
    sections: [
      section('education', '教育经历'),
      section('experience', '实习与工作经历'),
      section('skills', '技能'),
      section('awards', '获奖情况'),
    ],
  };
}

function detailData(d: Detail) {
  return {
    application: {
      ...d,
      tone: TONES[d.status],
      createdAt: dateTime(d.createdAt),
      viewedAt: d.viewedAt ? dateTime(d.viewedAt) : '',
      canInvite: allowed('invite', d.status),
      canOffer: allowed('offer', d.status),
      canReject: allowed('reject', d.status),
    },
    resume: resumeView(d),
    interviews: d.interviews.map(interviewText),
  };
}

async function detailPage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  id: number,
  opts: { record: boolean; message?: string; status?: number },
) {
  const inbox = service(app, 'applicationsInbox');
  const d = opts.record ? await inbox.get(c, id) : await inbox.peek(c, id);
  return render(request, h, 'applications/inbox-application', {
    data: {
      alerts: { flash: flash((request.query as { done?: string } | null)?.done), message: opts.message },
      ...detailData(d),
    },
    title: `简历：${d.student.name}（${d.job.title}）`,
    status: opts.status,
    menu: 'applications',
  });
}

const INTERVIEW_FIELDS = [
  {
    name: 'startsAt',
    label: '面试时间',
    type: 'text' as const,
    required: true,
  },
  {
    name: 'place',
    label: '面试地点（现场面试）',
    help: '现场面试必填，如：南京市鼓楼区汉口路 22 号 3 楼 301 室',
  },
  {
    name: 'url',
    label: '面试链接（线上面试）',
    type: 'url' as const,
    help: 'http:// 或 https:// 开头，线上面试必填',
  },
  { name: 'contactName', label: '联系人', required: true, attrs: { maxlength: 20 } },
  {
    name: 'contactPhone',
    label: '联系电话',
    type: 'tel' as const,
    required: true,
    help: '手机号或座机号，如 025-83591234',
  },
  { name: 'note', label: '备注', textarea: true, rows: 3, attrs: { maxlength: 500 } },
];

async function invitePage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  id: number,
  values: FormValues,
  errors: FormErrors = {},
  message?: string,
  status = 200,
) {
  const d = await service(app, 'applicationsInbox').peek(c, id);
  const specs = INTERVIEW_FIELDS.map(({ attrs, ...s }) => ({
    ...s,
    attrs: attrs as Record<string, string | number> | undefined,
  }));
  const f = fields(specs, values, errors, SCOPE);
  f.startsAt = { ...f.startsAt!, type: 'datetime-local' };
  return render(request, h, 'applications/inbox-interview', {
    data: {
      alerts: { message, summary: errorSummary(errors, INTERVIEW_LABELS, SCOPE) },
      application: { ...d, canInvite: allowed('invite', d.status) },
      mode: {
        id: `xz-f-${SCOPE}-mode`,
        error: errors.mode,
        errorId: `xz-f-${SCOPE}-mode-error`,
        onsite: values.mode !== 'online',
        online: values.mode === 'online',
      },
      fields: f,
    },
    title: `邀请面试：${d.student.name}`,
    status,
    menu: 'applications',
  });
}

const interviewForm = Joi.object({ ...interviewFields });

/** datetime-local '2026-12-10T14:00' is school time (UTC+8). */
function startsAtOf(v: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) ? `${v}:00+08:00` : v;
}

export function employerInboxPages(app: App): ServerRoute[] {
  const page = { audience: 'employer', permission: 'applications' } as const;
  const inbox = () => service(app, 'applicationsInbox');
  const idOf = (request: Request) => (request.params as { id: number }).id;

  return [
    {
      method: 'GET',
      path: '/employer/applications',
      options: {
        app: { page },
        validate: { query: filterQuery },
        handler: (request, h) =>
          listPage(app, request, h, employerOf(request), request.query as unknown as Filter),
      },
    },
    {
      method: 'GET',
      path: '/employer/applications/interviews',
      options: {
        app: { page },
        validate: { query: filterQuery },
        handler: (request, h) =>
          listPage(app, request, h, employerOf(request), request.query as unknown as Filter, {
            interviews: true,
          }),
      },
    },
    {
      // the checkboxes of the list: 不合适 / 拟录用 / 标记已查看 answer with the list and each refusal; 下载所选 a ZIP
      method: 'POST',
      path: '/employer/applications/batch',
      options: {
        app: { page },
        handler: async (request, h) => {
          const c = employerOf(request);
          const payload = (request.payload ?? {}) as Record<string, unknown>;
          const kept = filterQuery.validate(pick(payload, [...FILTER_KEYS, 'page']), { stripUnknown: true });
          const filter = (kept.error ? {} : kept.value) as Filter;
          const interviews = payload.view === 'interviews';
          const ids = listOf(payload.ids)
            .map(Number)
            .filter((n) => Number.isInteger(n) && n > 0 && n < 2_147_483_647);
          const action = typeof payload.action === 'string' ? payload.action : '';
          if (ids.length === 0)
            return listPage(app, request, h, c, filter, {
              interviews,
              message: '请先勾选要处理的简历',
              status: 400,
            });
          if (action === 'export') {
            try {
              const { zip, filename } = await inbox().export(c, ids.slice(0, 100));
              return download(h, zip, { type: 'application/zip', name: filename });
            } catch (err) {
              const f = failure(err, []);
              return listPage(app, request, h, c, filter, {
                interviews,
                message: f.message,
                status: f.status,
              });
            }
          }
          if (!(action in BATCH_LABELS))
            return listPage(app, request, h, c, filter, {
              interviews,
              message: '请选择要执行的操作',
              status: 400,
            });
          const result = await inbox().batch(c, ids.slice(0, 100), action as BatchAction);
          const names = new Map<number, string>();
          for (const r of result.refused) {
            const d = await inbox()
              .peek(c, r.id)
              .catch(() => null);
            names.set(
              r.id,
              d ? `${d.student.name}（${d.job.title}，${d.statusLabel}）` : `第 ${r.id} 号投递`,
            );
          }
          return listPage(app, request, h, c, filter, {
            interviews,
            batch: {
              action: BATCH_LABELS[action as BatchAction],
              updated: result.updated,
              refused: result.refused.map((r) => ({ name: names.get(r.id)!, message: r.message })),
            },
          });
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/applications/{id}',
      options: {
        app: { page },
        validate: { params: idParams, query: Joi.object({ done: Joi.string().max(40) }).unknown(true) },
        handler: (request, h) =>
          detailPage(app, request, h, employerOf(request), idOf(request), { record: true }),
      },
    },
    {
      method: 'GET',
      path: '/employer/applications/{id}/resume.pdf',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) => {
          const { pdf, filename } = await inbox().pdf(employerOf(request), idOf(request));
          return download(h, pdf, { type: 'application/pdf', name: filename });
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/applications/{id}/attachment',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: (request, h) =>
          attachmentResponse(inbox(), service(app, 'files'), employerOf(request), idOf(request), h),
      },
    },
    {
      method: 'POST',
      path: '/employer/applications/{id}/offer',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) => {
          const c = employerOf(request);
          const id = idOf(request);
          try {
            await inbox().offer(c, id);
          } catch (err) {
            const f = failure(err, []);
            if (f.status === 404) throw err;
            return detailPage(app, request, h, c, id, {
              record: false,
              message: f.message,
              status: f.status,
            });
          }
          return seeOther(request, h, `/employer/applications/${id}`, 'offered');
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/applications/{id}/reject',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) => {
          const c = employerOf(request);
          const id = idOf(request);
          const { refused } = await inbox().batch(c, [id], 'reject');
          if (refused[0]?.code === 'NOT_FOUND') throw appError(404, 'NOT_FOUND', refused[0].message);
          if (refused[0])
            return detailPage(app, request, h, c, id, {
              record: false,
              message: refused[0].message,
              status: 409,
            });
          return seeOther(request, h, `/employer/applications/${id}`, 'rejected');
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/applications/{id}/interview',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) => {
          const c = employerOf(request);
          const name = (await app.db('employer_accounts').where('id', c.id).first('name', 'phone')) as
            { name: string; phone: string } | undefined;
          return invitePage(app, request, h, c, idOf(request), {
            mode: 'onsite',
            contactName: name?.name ?? '',
            contactPhone: name?.phone ?? '',
          });
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/applications/{id}/interview',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) => {
          const c = employerOf(request);
          const id = idOf(request);
          const values = pick(request.payload, [
            'startsAt',
            'mode',
            'place',
            'url',
            'contactName',
            'contactPhone',
            'note',
          ]);
          const checked = validateForm<InterviewInput>(
            interviewForm,
            { ...values, startsAt: startsAtOf(values.startsAt ?? '') },
            Object.keys(INTERVIEW_LABELS),
          );
          if (!checked.ok) return invitePage(app, request, h, c, id, values, checked.errors, undefined, 400);
          try {
            await inbox().invite(c, id, checked.value);
          } catch (err) {
            const f = failure(err, Object.keys(INTERVIEW_LABELS));
            if (f.status === 404) throw err;
            return invitePage(app, request, h, c, id, values, f.errors, f.message, f.status);
          }
          return seeOther(request, h, `/employer/applications/${id}`, 'invited');
        },
      },
    },
  ];
}
