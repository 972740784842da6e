// 宣讲会 of the employer centre: 申请宣讲会 in two steps (a school among the joined ones, then the form with that school's
// rooms free and busy on the chosen date, server-rendered; the 查看当天场地 button sends the whole form by GET so what
// was typed stays), and 宣讲会管理 (status tabs with counts, search, detail with the review, edit — time, room and
// mode disabled once approved — and cancel after a confirmation page). Every rule is the presentation service's.
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import { download } from '../../../../core/http/content-disposition.js';
import { idParams } from '../../../../core/http/schemas.js';
import {
  dateTime,
  errorSummary,
  failure,
  pager,
  render,
  seeOther,
  type FormErrors,
  type FormValues,
} from '../../../../core/pages/index.js';
import { employerOf, type EmployerCredentials } from '../../../accounts/permissions.js';
import type { PresentationCertificates } from '../../certificate.js';
import { hhmm, localParts } from '../../local-time.js';
import { PRESENTATION_STATUSES, type PresentationStatus } from '../../models/presentation.js';
import { MODE_LABELS, type PresentationInput, type PresentationService } from '../../presentation-service.js';
import { siteSlug } from '../../schemas.js';
import { flash } from '../flash.js';
import { check, contactRows, formValues, refusal, summaryLabels, valuesOf } from './presentation-form.js';

const PAGE_SIZE = 20;
const SCOPE = 'p';
const LOCKED_NOTE = '宣讲会已审核通过：宣讲方式、时间和场地不能再修改；招聘简章、职位、联系人等仍可修改。';

export const STATUS: Record<PresentationStatus, { label: string; tone: string }> = {
  pending: { label: '待审核', tone: 'warning' },
  approved: { label: '已通过', tone: 'success' },
  rejected: { label: '未通过', tone: 'danger' },
  cancelled: { label: '已取消', tone: 'muted' },
  withdrawn: { label: '已撤回', tone: 'muted' },
};

type View = Awaited<ReturnType<PresentationService['get']>>;

/** '2026-12-10 14:00–16:00' in school time. */
export function timeText(startsAt: string, endsAt: string): string {
  const s = localParts(new Date(startsAt));
  const e = localParts(new Date(endsAt));
  return `${s.date} ${hhmm(s.time)}–${hhmm(e.time)}`;
}

function placeText(p: Pick<View, 'mode' | 'room' | 'liveUrl'>): string {
  if (p.mode === 'online') return p.liveUrl ?? '—';
  return p.room ? `${p.room.building ? `${p.room.building} ` : ''}${p.room.name}` : '—';
}

/** School sites (never main) whose membership is approved, by name. */
async function joinedSchools(app: App, employerId: number) {
  const result = await service(app, 'memberships').listForEmployer(employerId, {
    tab: 'joined',
    page: 1,
    pageSize: 500,
  });
  return result.items
    .map(({ site }) => site)
    .filter((s) => !app.sites.get(s.slug)?.isMain)
    .map((s) => ({ slug: s.slug, name: s.name, city: s.city }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}

/** Jobs the service accepts: active and approved on at least one site. */
async function eligibleJobs(app: App, c: EmployerCredentials) {
  const result = await service(app, 'jobs').list(c, { tab: 'active', page: 1, pageSize: 100 });
  return result.items
    .filter((j) => j.publicationCounts.approved > 0)
    .map((j) => ({ id: j.id, title: j.title, category: j.category }));
}

const toMinutes = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
const fromMinutes = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The site's bookable rooms that day: busy intervals (pending, approved) and the free ones within the hours. */
async function roomsOfDay(app: App, c: EmployerCredentials, slug: string, date: string, chosen: string) {
  const rooms = await service(app, 'rooms').availability(c, app.sites.get(slug), date);
  return rooms.map((r) => {
    const opens = toMinutes(r.hours.opens);
    const closes = toMinutes(r.hours.closes);
    const busy = r.busy.map((b) => {
      const s = localParts(new Date(b.startsAt));
      const e = localParts(new Date(b.endsAt));
      const from = s.date < date ? 0 : toMinutes(s.time);
      const to = e.date > date ? 24 * 60 : toMinutes(e.time);
      return { from, to, status: b.status };
    });
    const free: { from: number; to: number }[] = [];
    let at = opens;
    for (const b of [...busy].sort((x, y) => x.from - y.from)) {
      if (b.from > at) free.push({ from: at, to: Math.min(b.from, closes) });
      at = Math.max(at, b.to);
    }
    if (at < closes) free.push({ from: at, to: closes });
    return {
      id: r.id,
      radioId: `xz-f-${SCOPE}-room-${r.id}`,
      name: r.name,
      building: r.building,
      capacity: r.capacity,
      hours: `${r.hours.opens}–${r.hours.closes}`,
      checked: chosen === String(r.id),
      busy: busy.map((b) => ({
        text: `${fromMinutes(b.from)}–${fromMinutes(b.to)}`,
        status: b.status === 'approved' ? '已通过' : '待审核',
      })),
      free: free.filter((f) => f.to > f.from).map((f) => `${fromMinutes(f.from)}–${fromMinutes(f.to)}`),
    };
  });
}

interface FormState {
  values: FormValues;
  errors?: FormErrors;
  message?: string;
}

function formView(
  values: FormValues,
  errors: FormErrors,
  jobs: { id: number; title: string; category: string }[],
) {
  const v = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  const f = (name: string) => ({
    id: `xz-f-${SCOPE}-${name}`,
    value: v(name),
    error: errors[name],
    errorId: `xz-f-${SCOPE}-${name}-error`,
  });
  const chosenJobs = (values.jobIds as string[] | undefined) ?? [];
  return {
    mode: { ...f('mode'), online: v('mode') === 'online', offline: v('mode') === 'offline' },
    liveUrl: f('liveUrl'),
    date: f('date'),
    startTime: f('startTime'),
    endTime: f('endTime'),
    roomId: f('roomId'),
    title: f('title'),
    description: f('description'),
    expectedAudience: f('expectedAudience'),
    jobIds: {
      ...f('jobIds'),
      jobs: jobs.map((j) => ({ ...j, checked: chosenJobs.includes(String(j.id)) })),
    },
    contacts: { ...f('contacts'), rows: contactRows(values, errors) },
  };
}

async function applyPage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  slug: string,
  state: FormState,
  status = 200,
) {
  const site = app.sites.get(slug);
  const today = app.clock.today();
  const values = { ...state.values };
  const date =
    typeof values.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(values.date) ? values.date : today;
  if (!values.date) values.date = date;
  const [rooms, jobs] = await Promise.all([
    roomsOfDay(app, c, slug, date, typeof values.roomId === 'string' ? values.roomId : ''),
    eligibleJobs(app, c),
  ]);
  const errors = state.errors ?? {};
  return render(request, h, 'presentations/presentation-form', {
    data: {
      heading: '申请宣讲会',
      isNew: true,
      site: { slug, name: site!.name },
      action: '/employer/presentations/new',
      dateAction: '/employer/presentations/new',
      today,
      roomsDate: date,
      rooms,
      alerts: { message: state.message, summary: errorSummary(errors, summaryLabels(errors), SCOPE) },
      form: formView(values, errors, jobs),
      submitLabel: '提交申请',
    },
    title: '申请宣讲会',
    status,
    menu: 'presentation-new',
  });
}

async function editPage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  id: number,
  state: Partial<FormState> & { roomsDate?: string },
  status = 200,
) {
  const p = await service(app, 'presentations').get(c, id);
  const closed = p.status === 'cancelled' || p.status === 'withdrawn';
  const locked = p.status === 'approved';
  const stored = valuesOf(p);
  const values = state.values
    ? locked
      ? {
          ...state.values,
          ...Object.fromEntries(
            ['mode', 'liveUrl', 'date', 'startTime', 'endTime', 'roomId'].map((k) => [k, stored[k]]),
          ),
        }
      : state.values
    : stored;
  const date =
    typeof values.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(values.date)
      ? values.date
      : (stored.date as string);
  const [rooms, jobs] = await Promise.all([
    closed || locked
      ? Promise.resolve([])
      : roomsOfDay(app, c, p.site.slug, date, typeof values.roomId === 'string' ? values.roomId : ''),
    eligibleJobs(app, c),
  ]);
  const known = new Set(jobs.map((j) => j.id));
  const allJobs = [...jobs, ...p.jobs.filter((j) => !known.has(j.id)).map((j) => ({ ...j, category: '' }))];
  const errors = state.errors ?? {};
  return render(request, h, 'presentations/presentation-form', {
    data: {
      heading: '修改宣讲会',
      isNew: false,
      presentation: { id: p.id, title: p.title, status: STATUS[p.status] },
      site: p.site,
      action: `/employer/presentations/${id}/edit`,
      dateAction: `/employer/presentations/${id}/edit`,
      today: app.clock.today(),
      roomsDate: date,
      rooms,
      locked,
      lockedNote: LOCKED_NOTE,
      closed,
      alerts: {
        message: closed ? '已取消或已撤回的宣讲会不能修改' : state.message,
        summary: errorSummary(errors, summaryLabels(errors), SCOPE),
      },
      form: formView(values, errors, allJobs),
      submitLabel: '保存修改',
    },
    title: `修改宣讲会：${p.title}`,
    status,
    menu: 'presentations',
  });
}

function facts(p: View) {
  const notStarted = Date.parse(p.startsAt) > Date.now();
  return {
    id: p.id,
    title: p.title,
    site: p.site.name,
    mode: MODE_LABELS[p.mode],
    online: p.mode === 'online',
    place: placeText(p),
    capacity: p.room?.capacity,
    time: timeText(p.startsAt, p.endsAt),
    status: STATUS[p.status],
    review: p.review,
    comment: p.review?.comment,
    jobs: p.jobs,
    contacts: p.contacts,
    expectedAudience: p.expectedAudience,
    description: p.description.split(/\r?\n+/).filter((l) => l.trim()),
    createdAt: dateTime(p.createdAt),
    updatedAt: dateTime(p.updatedAt),
    editable: p.status === 'pending' || p.status === 'approved' || p.status === 'rejected',
    cancellable: p.status === 'pending' || (p.status === 'approved' && notStarted),
    certificate: p.status === 'approved',
  };
}

interface ListQuery {
  status?: PresentationStatus;
  q: string;
  page: number;
  done?: string;
}

async function listPage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  q: ListQuery,
) {
  const presentations = service(app, 'presentations');
  const search = q.q || undefined;
  const [result, ...counts] = await Promise.all([
    presentations.list(c, { status: q.status, q: search, page: q.page, pageSize: PAGE_SIZE }),
    presentations.list(c, { q: search, page: 1, pageSize: 1 }),
    ...PRESENTATION_STATUSES.map((status) =>
      presentations.list(c, { status, q: search, page: 1, pageSize: 1 }),
    ),
  ]);
  const href = (status?: string) => {
    const params = new URLSearchParams();
    if (status) params.set('status', status);
    if (q.q) params.set('q', q.q);
    const qs = params.toString();
    return qs ? `/employer/presentations?${qs}` : '/employer/presentations';
  };
  const tabs = [
    { label: '全部', count: counts[0]!.total, href: href(), current: !q.status },
    ...PRESENTATION_STATUSES.map((s, i) => ({
      label: STATUS[s].label,
      count: counts[i + 1]!.total,
      href: href(s),
      current: q.status === s,
    })),
  ].filter(
    (t) => t.current || t.count > 0 || t.label === '全部' || t.label === '待审核' || t.label === '已通过',
  );
  return render(request, h, 'presentations/presentations', {
    data: {
      alerts: { flash: flash(q.done) },
      tabs,
      filter: { status: q.status, q: q.q },
      rows: result.items.map(facts),
      total: result.total,
      pager: pager('/employer/presentations', { status: q.status, q: q.q }, q.page, PAGE_SIZE, result.total),
    },
    title: '宣讲会管理',
    menu: 'presentations',
  });
}

async function cancelPage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  id: number,
  message?: string,
  status = 200,
) {
  const p = await service(app, 'presentations').get(c, id);
  return render(request, h, 'presentations/presentation-cancel', {
    data: { alerts: { message }, presentation: facts(p) },
    title: `取消宣讲会：${p.title}`,
    status,
    menu: 'presentations',
  });
}

export function employerPresentationPages(app: App, certificates: PresentationCertificates): ServerRoute[] {
  const page = { audience: 'employer', permission: 'presentations' } as const;
  const slugOf = (values: FormValues) => (typeof values.site === 'string' ? values.site : '');

  return [
    {
      method: 'GET',
      path: '/employer/presentations/new',
      options: {
        app: { page },
        validate: { query: Joi.object({ site: siteSlug.allow('') }).unknown(true) },
        handler: async (request, h) => {
          const c = employerOf(request);
          const slug = (request.query as { site?: string }).site;
          if (!slug) {
            const schools = await joinedSchools(app, c.employerId);
            return render(request, h, 'presentations/presentation-sites', {
              data: { schools },
              title: '申请宣讲会',
              menu: 'presentation-new',
            });
          }
          const values = formValues(request.query);
          return applyPage(app, request, h, c, slug, { values });
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/presentations/new',
      options: {
        app: { page },
        handler: async (request, h) => {
          const c = employerOf(request);
          const payload = (request.payload ?? {}) as Record<string, unknown>;
          const slug = slugOf(payload);
          const values = formValues(payload);
          const checked = check(values, slug);
          if (!checked.ok)
            return applyPage(app, request, h, c, slug, { values, errors: checked.errors }, 400);
          try {
            const p = await service(app, 'presentations').create(
              c,
              checked.input as unknown as PresentationInput,
            );
            return seeOther(request, h, `/employer/presentations/${p.id}`, 'presentation-created');
          } catch (err) {
            const f = refusal(err);
            if (f.code === 'SITE_NOT_JOINED') throw err;
            return applyPage(
              app,
              request,
              h,
              c,
              slug,
              { values, errors: f.errors, message: f.message },
              f.status,
            );
          }
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/presentations',
      options: {
        app: { page },
        validate: {
          query: Joi.object({
            status: Joi.string().valid(...PRESENTATION_STATUSES, ''),
            q: Joi.string().trim().max(80).allow('').default(''),
            page: Joi.number().integer().min(1).max(1000).default(1),
            done: Joi.string().max(40),
          }).unknown(true),
        },
        handler: async (request, h) => {
          const c = employerOf(request);
          const q = request.query as unknown as ListQuery & { status?: PresentationStatus | '' };
          return listPage(app, request, h, c, { ...q, status: q.status || undefined });
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/presentations/{id}',
      options: {
        app: { page },
        validate: { params: idParams, query: Joi.object({ done: Joi.string().max(40) }).unknown(true) },
        handler: async (request, h) => {
          const c = employerOf(request);
          const p = await service(app, 'presentations').get(c, (request.params as { id: number }).id);
          return render(request, h, 'presentations/presentation', {
            data: {
              alerts: { flash: flash((request.query as { done?: string }).done) },
              presentation: facts(p),
              lockedNote: p.status === 'approved' ? LOCKED_NOTE : undefined,
            },
            title: `宣讲会：${p.title}`,
            menu: 'presentations',
          });
        },
      },
    },
    {
      // 下载参会凭证 for the signed-in employer (the API route needs a bearer token a link cannot send).
      method: 'GET',
      path: '/employer/presentations/{id}/certificate',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) => {
          const { pdf, filename } = await certificates.pdf(
            employerOf(request),
            (request.params as { id: number }).id,
          );
          return download(h, pdf, { type: 'application/pdf', name: filename });
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/presentations/{id}/edit',
      options: {
        app: { page },
        validate: { params: idParams, query: Joi.object({ date: Joi.string().max(20) }).unknown(true) },
        handler: async (request, h) => {
          const c = employerOf(request);
          const id = (request.params as { id: number }).id;
          const query = request.query as Record<string, unknown>;
          const typed = Object.keys(query).length > 0;
          return editPage(app, request, h, c, id, typed ? { values: formValues(query) } : {});
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/presentations/{id}/edit',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) => {
          const c = employerOf(request);
          const id = (request.params as { id: number }).id;
          const current = await service(app, 'presentations').get(c, id);
          const locked = current.status === 'approved';
          const values = formValues(request.payload);
          const checked = check(values, null, locked);
          if (!checked.ok) return editPage(app, request, h, c, id, { values, errors: checked.errors }, 400);
          try {
            await service(app, 'presentations').update(c, id, checked.input);
            return seeOther(request, h, `/employer/presentations/${id}`, 'presentation-updated');
          } catch (err) {
            const f = refusal(err);
            return editPage(
              app,
              request,
              h,
              c,
              id,
              { values, errors: f.errors, message: f.message },
              f.status,
            );
          }
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/presentations/{id}/cancel',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) =>
          cancelPage(app, request, h, employerOf(request), (request.params as { id: number }).id),
      },
    },
    {
      method: 'POST',
      path: '/employer/presentations/{id}/cancel',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) => {
          const c = employerOf(request);
          const id = (request.params as { id: number }).id;
          try {
            await service(app, 'presentations').cancel(c, id);
          } catch (err) {
            const f = failure(err, []);
            if (f.status === 404) throw err;
            return cancelPage(app, request, h, c, id, f.message, f.status);
          }
          return seeOther(request, h, `/employer/presentations/${id}`, 'presentation-cancelled');
        },
      },
    },
  ];
}
