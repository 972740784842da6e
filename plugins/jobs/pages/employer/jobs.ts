// 招聘信息 → 发布招聘职位 and 管理招聘职位 (user guide §4–5): the posting form (main is always included once the
// employer is certified; school sites only among those joined), the list as 发布中 / 已失效 with each posting's review
// counts, 查看审核状态, 编辑 (refused with the service's message once a site approved it), 失效, 设为模板 (a new posting
// prefilled) and 推送分站 (more joined sites for the ticked postings). Every rule is the job service's, called exactly as
// /api/v1/employer/jobs calls it; these pages only turn its answers into forms and messages.
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idParams, rowId } from '../../../../core/http/schemas.js';
import { service, type App } from '../../../../core/app.js';
import { addDays } from '../../../../core/clock.js';
import type { EmployerCredentials } from '../../../accounts/permissions.js';
import { JOB_DELETE_LOCKED_MESSAGE, JOB_LOCKED_MESSAGE } from '../../job-service.js';
import { dateSchema } from '../../schemas.js';
import { paragraphs, salaryText } from '../../../postings/format.js';
import { pushedText, pushPages } from '../../../postings/pages/employer/push.js';
import {
  FormValues,
  dateTime,
  errorSummary,
  failure,
  fields,
  list,
  pager,
  pick,
  render,
  seeOther,
  validateForm,
} from '../../../../core/pages/index.js';
import { employerOf } from '../../../accounts/permissions.js';
import { flash } from '../flash.js';
import {
  MAX_PUSH,
  countBadges,
  joinedSites,
  publicationRows,
  siteChoices,
  siteFieldset,
} from '../../../postings/pages/posting-pages.js';
import { EMPLOYER_STATUS } from '../../../employers/status.js';
import { NAMES, LABELS, formValues, validate, JobView, valuesOf, jobForm, FormState } from './job-form.js';

const PAGE_SIZE = 20;
type Tab = 'active' | 'expired';

/** The job service's words for an expired posting (409 JOB_EXPIRED), shown before anyone tries. */
const EXPIRED_MESSAGE = '职位已失效，不能修改，请使用“设为模板”重新发布';

export const MAIN_SITE_NOTE = '省级主站无需选择：认证通过后默认发布到主站（也需主站审核）';

async function newPage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  state: FormState,
  status = 200,
) {
  const [summary, joined] = await Promise.all([
    service(app, 'employers').summary(c.employerId),
    joinedSites(app, c.employerId),
  ]);
  const values = state.values ?? { expiresOn: addDays(app.clock.today(), 30), headcount: '1' };
  const errors = state.errors ?? {};
  return render(request, h, 'jobs/job-form', {
    data: {
      heading: '发布招聘职位',
      action: '/employer/jobs/new',
      isNew: true,
      certified: summary.status === 'verified',
      certification: { ...EMPLOYER_STATUS[summary.status], status: summary.status },
      pending: summary.status === 'pending',
      alerts: {
        flash: state.flash,
        info: state.info,
        message: state.message,
        summary: errorSummary(errors, LABELS, 'job'),
      },
      form: jobForm(app, values, errors, 'job'),
      sites: siteFieldset(
        'job',
        siteChoices(joined, list(values.siteSlugs), 'job'),
        errors.siteSlugs,
        '发布站点',
        MAIN_SITE_NOTE,
      ),
      submitLabel: '提交',
    },
    title: '发布招聘职位',
    status: status,
    menu: 'job-new',
  });
}

async function editPage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  id: number,
  state: FormState & { locked?: string },
  status = 200,
) {
  const job = await service(app, 'jobs').get(c, id);
  const locked =
    state.locked ?? (!job.editable ? JOB_LOCKED_MESSAGE : job.expired ? EXPIRED_MESSAGE : undefined);
  const values = locked ? valuesOf(job) : (state.values ?? valuesOf(job));
  const errors = locked ? {} : (state.errors ?? {});
  return render(request, h, 'jobs/job-form', {
    data: {
      heading: '编辑招聘职位',
      action: `/employer/jobs/${id}/edit`,
      isNew: false,
      certified: true,
      job: { id: job.id, title: job.title, expired: job.expired },
      locked: !!locked,
      alerts: {
        message: locked ?? state.message,
        summary: errorSummary(errors, LABELS, 'job'),
      },
      form: jobForm(app, values, errors, 'job'),
      submitLabel: '保存修改',
    },
    title: '编辑招聘职位',
    status: status,
    menu: 'jobs',
  });
}

interface ListQuery {
  tab: Tab;
  q: string;
  page: number;
  done?: string;
  created?: number;
}

async function listPage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  q: ListQuery,
) {
  const jobs = service(app, 'jobs');
  const other: Tab = q.tab === 'active' ? 'expired' : 'active';
  const [result, otherCount] = await Promise.all([
    jobs.list(c, { tab: q.tab, q: q.q || undefined, page: q.page, pageSize: PAGE_SIZE }),
    jobs.list(c, { tab: other, q: q.q || undefined, page: 1, pageSize: 1 }),
  ]);
  const counts = { [q.tab]: result.total, [other]: otherCount.total } as Record<Tab, number>;
  const tabHref = (tab: Tab) => {
    const params = new URLSearchParams();
    if (tab !== 'active') params.set('tab', tab);
    if (q.q) params.set('q', q.q);
    const qs = params.toString();
    return qs ? `/employer/jobs?${qs}` : '/employer/jobs';
  };
  return render(request, h, 'jobs/jobs', {
    data: {
      alerts: { flash: q.done === 'pushed' ? pushedText(q.created, '职位') : flash(q.done) },
      active: q.tab === 'active',
      tabs: (['active', 'expired'] as Tab[]).map((tab) => ({
        label: tab === 'active' ? '发布中' : '已失效',
        count: counts[tab],
        href: tabHref(tab),
        current: tab === q.tab,
      })),
      filter: { tab: q.tab, q: q.q },
      rows: result.items.map((job) => ({
        id: job.id,
        title: job.title,
        category: job.category,
        cities: job.cityNames.join('、'),
        salaryMin: job.salaryMin,
        salaryMax: job.salaryMax,
        expiresOn: job.expiresOn,
        counts: countBadges(job.publicationCounts),
        locked: job.publicationCounts.approved > 0,
      })),
      total: result.total,
      maxPush: MAX_PUSH,
      pager: pager(
        '/employer/jobs',
        { tab: q.tab === 'active' ? undefined : q.tab, q: q.q },
        q.page,
        PAGE_SIZE,
        result.total,
      ),
    },
    title: '管理招聘职位',
    menu: 'jobs',
  });
}

/** Which facts the 审核状态 page shows about a posting. */
function facts(job: JobView) {
  return {
    id: job.id,
    title: job.title,
    category: job.category,
    degree: job.degree === '不限' ? '学历不限' : job.degree,
    headcount: job.headcount,
    salary: salaryText(job.salaryMin, job.salaryMax),
    cities: job.cityNames.join('、'),
    majors: job.majors.join('、'),
    expiresOn: job.expiresOn,
    expired: job.expired,
    description: job.description,
    createdAt: dateTime(job.createdAt),
    updatedAt: dateTime(job.updatedAt),
    locked: !job.editable,
  };
}

export function jobPages(app: App): ServerRoute[] {
  const page = { audience: 'employer', permission: 'jobs' } as const;

  return [
    ...pushPages(app, {
      kind: 'jobs',
      noun: '职位',
      measure: '个',
      listTitle: '管理招聘职位',
      get: (c, id) => service(app, 'jobs').get(c, id),
      push: (c, ids, slugs) => service(app, 'jobs').push(c, ids, slugs),
    }),
    {
      method: 'GET',
      path: '/employer/jobs/new',
      options: {
        app: { page },
        validate: {
          query: Joi.object({
            template: rowId,
            done: Joi.string().max(40),
          }).unknown(true),
        },
        handler: async (request, h) => {
          const c = employerOf(request);
          const q = request.query as { template?: number; done?: string };
          if (!q.template) return newPage(app, request, h, c, { flash: flash(q.done) });
          const t = await service(app, 'jobs').template(c, q.template);
          const source = await service(app, 'jobs').get(c, q.template);
          const values: FormValues = { ...valuesOf(t), siteSlugs: t.siteSlugs };
          return newPage(app, request, h, c, {
            values,
            info: `已复制职位“${source.title}”的内容作为模板，请修改后提交；提交后将作为一个新职位重新审核。`,
          });
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/jobs/new',
      options: {
        app: { page },
        handler: async (request, h) => {
          const c = employerOf(request);
          const values = formValues(request.payload);
          const checked = validate(values, true, app.clock.today());
          if (!checked.ok) return newPage(app, request, h, c, { values, errors: checked.errors }, 400);
          const { siteSlugs, ...input } = checked.value;
          try {
            const job = await service(app, 'jobs').create(c, input, siteSlugs ?? []);
            return seeOther(request, h, `/employer/jobs/${job.id}`, 'job-created');
          } catch (err) {
            const f = failure(err, NAMES, { SITE_NOT_JOINED: 'siteSlugs', NOT_FOUND: 'siteSlugs' });
            return newPage(app, request, h, c, { values, errors: f.errors, message: f.message }, f.status);
          }
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/jobs',
      options: {
        app: { page },
        validate: {
          query: Joi.object({
            tab: Joi.string().valid('active', 'expired').default('active'),
            q: Joi.string().trim().max(60).allow('').default(''),
            page: Joi.number().integer().min(1).max(1000).default(1),
            done: Joi.string().max(40),
            created: Joi.number().integer().min(0).max(100000),
          }).unknown(true),
        },
        handler: async (request, h) => {
          const c = employerOf(request);
          return listPage(app, request, h, c, request.query as unknown as ListQuery);
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/jobs/{id}',
      options: {
        app: { page },
        validate: { params: idParams, query: Joi.object({ done: Joi.string().max(40) }).unknown(true) },
        handler: async (request, h) => {
          const c = employerOf(request);
          const job = await service(app, 'jobs').get(c, (request.params as { id: number }).id);
          return render(request, h, 'jobs/job', {
            data: {
              alerts: { flash: flash((request.query as { done?: string }).done) },
              job: facts(job),
              paragraphs: paragraphs(job.description),
              publications: publicationRows(job.publications),
            },
            title: `审核状态：${job.title}`,
            menu: 'jobs',
          });
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/jobs/{id}/edit',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) => {
          const c = employerOf(request);
          return editPage(app, request, h, c, (request.params as { id: number }).id, {});
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/jobs/{id}/edit',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) => {
          const c = employerOf(request);
          const id = (request.params as { id: number }).id;
          const values = formValues(request.payload);
          const checked = validate(values, false, app.clock.today());
          if (!checked.ok) return editPage(app, request, h, c, id, { values, errors: checked.errors }, 400);
          try {
            const { siteSlugs: _ignored, ...input } = checked.value;
            await service(app, 'jobs').update(c, id, input);
            return seeOther(request, h, `/employer/jobs/${id}`, 'job-updated');
          } catch (err) {
            const f = failure(err, NAMES);
            const locked = f.code === 'JOB_LOCKED' || f.code === 'JOB_EXPIRED' ? f.message : undefined;
            return editPage(
              app,
              request,
              h,
              c,
              id,
              { values, errors: f.errors, message: f.message, locked },
              f.status,
            );
          }
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/jobs/{id}/delete',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) => {
          const c = employerOf(request);
          return deletePage(app, request, h, c, (request.params as { id: number }).id);
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/jobs/{id}/delete',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) => {
          const c = employerOf(request);
          const id = (request.params as { id: number }).id;
          try {
            await service(app, 'jobs').remove(c, id);
          } catch (err) {
            const f = failure(err, []);
            if (f.status === 404) throw err;
            return deletePage(app, request, h, c, id, f.message, f.status);
          }
          return seeOther(request, h, '/employer/jobs', 'job-deleted');
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/jobs/{id}/expire',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) => {
          const c = employerOf(request);
          return expirePage(app, request, h, c, (request.params as { id: number }).id, {});
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/jobs/{id}/expire',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) => {
          const c = employerOf(request);
          const id = (request.params as { id: number }).id;
          const values = pick(request.payload, ['on']);
          const checked = validateForm<{ on: string }>(
            Joi.object({ on: dateSchema.required() }),
            values.on?.trim() ? values : {},
            ['on'],
          );
          if (!checked.ok) return expirePage(app, request, h, c, id, { values, errors: checked.errors }, 400);
          try {
            const job = await service(app, 'jobs').expire(c, id, checked.value.on);
            return job.expired
              ? seeOther(request, h, '/employer/jobs?tab=expired', 'job-expired')
              : seeOther(request, h, '/employer/jobs', 'job-expiry-set');
          } catch (err) {
            const f = failure(err, ['on']);
            return expirePage(
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
  ];
}

async function expirePage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  id: number,
  state: FormState,
  status = 200,
) {
  const job = await service(app, 'jobs').get(c, id);
  const today = app.clock.today();
  const errors = state.errors ?? {};
  return render(request, h, 'jobs/job-expire', {
    data: {
      alerts: { message: state.message, summary: errorSummary(errors, { on: '失效日期' }, 'expire') },
      job: { id: job.id, title: job.title, expiresOn: job.expiresOn, expired: job.expired },
      field: fields(
        [
          {
            name: 'on',
            label: '失效日期',
            type: 'date',
            required: true,
            help: '默认今天，可修改。该日及以后所有站点不再显示该职位',
            attrs: { min: today },
          },
        ],
        state.values ?? { on: today },
        errors,
        'expire',
      ).on,
    },
    title: `失效：${job.title}`,
    status: status,
    menu: 'jobs',
  });
}

/** 删除职位: asks to confirm while no site has approved the posting; afterwards says why not and offers 失效. */
async function deletePage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  id: number,
  refusal?: string,
  status = 200,
) {
  const job = await service(app, 'jobs').get(c, id);
  const locked = !!refusal || job.publications.some((p) => p.status === 'approved');
  return render(request, h, 'jobs/job-delete', {
    data: {
      alerts: { message: locked ? (refusal ?? JOB_DELETE_LOCKED_MESSAGE) : undefined },
      job: { id: job.id, title: job.title, siteCount: job.publications.length },
      locked,
      publications: publicationRows(job.publications),
    },
    title: `删除职位：${job.title}`,
    status,
    menu: 'jobs',
  });
}
