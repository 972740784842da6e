// 招聘信息 → 发布招聘公告 and 管理招聘公告 (user guide §6–7). Publishing stays on the form (连续发布): after a save the
// page comes back empty with a flash, ready for the next one. Attachments are uploaded with the form (multipart, like
// the profile page) and stored by the files service before the announcement is saved with their ids. The list offers
// 查看审核状态, 编辑 (refused once a site approved it), 删除 (a confirmation page: it disappears from every site) and
// 推送分站. Every rule is the announcement service's, called as /api/v1/employer/announcements calls it.
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idParams, rowId } from '../../../../core/http/schemas.js';
import { service, type App } from '../../../../core/app.js';
import { appError } from '../../../../core/http/errors.js';
import type { EmployerCredentials } from '../../../accounts/permissions.js';
import { ANNOUNCEMENT_LOCKED_MESSAGE, type AnnouncementInput } from '../../announcement-service.js';
import { MAX_FILE_BYTES } from '../../../files/file-service.js';
import { MAX_ATTACHMENTS } from '../../schemas.js';
import { pushedText, pushPages } from '../../../postings/pages/employer/push.js';
import { MAIN_SITE_NOTE } from '../../../jobs/pages/employer/jobs.js';
import { paragraphs } from '../../../postings/format.js';
import {
  Upload,
  dateTime,
  errorSummary,
  failure,
  fields,
  list,
  pager,
  render,
  seeOther,
  sessionOf,
  toLogin,
  uploads,
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
import {
  SPECS,
  NAMES,
  LABELS,
  textSchema,
  formValues,
  textInput,
  AnnouncementView,
  FormState,
  attachmentField,
  withDroppedFiles,
} from './announcement-form.js';

const PAGE_SIZE = 20;
/** One form carries at most this much: two files at the limit, or several smaller ones. */
const MAX_FORM_BYTES = 2 * MAX_FILE_BYTES + 256 * 1024;

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
  const values = state.values ?? {};
  const errors = withDroppedFiles(state.errors ?? {}, state.fileDropped);
  return render(request, h, 'announcements/announcement-form', {
    data: {
      heading: '发布招聘公告',
      action: '/employer/announcements/new',
      isNew: true,
      certified: summary.status === 'verified',
      certification: { ...EMPLOYER_STATUS[summary.status], status: summary.status },
      pending: summary.status === 'pending',
      saved: state.saved,
      alerts: {
        flash: state.flash,
        message: state.message,
        summary: errorSummary(errors, LABELS, 'ann'),
      },
      form: {
        fields: fields(SPECS, values, errors, 'ann'),
        attachments: attachmentField('ann', errors.attachments),
      },
      sites: siteFieldset(
        'ann',
        siteChoices(joined, list(values.siteSlugs), 'ann'),
        errors.siteSlugs,
        '发布站点',
        MAIN_SITE_NOTE,
      ),
      submitLabel: '保存',
    },
    title: '发布招聘公告',
    status: status,
    menu: 'announcement-new',
  });
}

async function fileList(app: App, ids: string[]) {
  const files = service(app, 'files');
  const found = await Promise.all(ids.map((id) => files.find(id)));
  return ids.map((id, i) => ({
    id,
    name: found[i]?.name ?? '附件',
    size: found[i] ? `${Math.max(1, Math.round(found[i]!.size / 1024))} KB` : '',
  }));
}

async function editPage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  id: number,
  state: FormState,
  status = 200,
) {
  const item = await service(app, 'announcements').get(c, id);
  const approved = item.publications.some((p) => p.status === 'approved');
  const locked = state.locked ?? (approved ? ANNOUNCEMENT_LOCKED_MESSAGE : undefined);
  const values = locked || !state.values ? { title: item.title, body: item.body } : state.values;
  const errors = locked ? {} : withDroppedFiles(state.errors ?? {}, state.fileDropped);
  const keep = locked || !state.keep ? item.attachments : state.keep;
  return render(request, h, 'announcements/announcement-form', {
    data: {
      heading: '编辑招聘公告',
      action: `/employer/announcements/${id}/edit`,
      isNew: false,
      certified: true,
      item: { id: item.id, title: item.title },
      locked: !!locked,
      existing: (await fileList(app, item.attachments)).map((f) => ({
        ...f,
        href: `/employer/announcements/${id}/attachments/${f.id}`,
        checked: keep.includes(f.id),
        inputId: `xz-f-ann-keep-${f.id}`,
      })),
      alerts: { message: locked ?? state.message, summary: errorSummary(errors, LABELS, 'ann') },
      form: {
        fields: fields(SPECS, values, errors, 'ann'),
        attachments: attachmentField('ann', errors.attachments),
      },
      submitLabel: '保存修改',
    },
    title: '编辑招聘公告',
    status: status,
    menu: 'announcements',
  });
}

/** The payload options of the two multipart forms: a file far over the limit answers with the form, not a bare 413. */
function multipart(
  back: (request: Request) => string,
  page: (
    request: Request,
    h: ResponseToolkit,
    c: EmployerCredentials,
    state: FormState,
    status: number,
  ) => ReturnType<typeof render>,
) {
  return {
    output: 'data' as const,
    parse: true,
    multipart: { output: 'annotated' as const },
    maxBytes: MAX_FORM_BYTES,
    failAction: async (request: Request, h: ResponseToolkit, err: Error | undefined) => {
      // The payload is read before the page access check: a visitor who is not signed in goes to the login page.
      const c = sessionOf<EmployerCredentials>(request, 'employer');
      if (!c) return toLogin(request, h, 'employer', back(request)).takeover();
      const status = (err as { output?: { statusCode?: number } })?.output?.statusCode ?? 400;
      const message = status === 413 ? '附件合计不能超过 20 MB，请分次上传' : '上传失败，请重新选择文件';
      return (await page(request, h, c, { errors: { attachments: message } }, status)).takeover();
    },
  };
}

export function announcementPages(app: App): ServerRoute[] {
  const page = { audience: 'employer', permission: 'announcements' } as const;

  /**
   * Stores the chosen files as attachments and returns their ids; when one is refused, the ones stored before it are
   * removed again and the refusal is thrown (to be shown next to the file field).
   */
  const store = async (c: EmployerCredentials, chosen: Upload[]) => {
    const ids: string[] = [];
    try {
      for (const upload of chosen) {
        const stored = await service(app, 'files').store({
          employerId: c.employerId,
          accountId: c.id,
          purpose: 'attachment',
          filename: upload.filename || '附件',
          data: upload.payload!,
        });
        ids.push(stored.id);
      }
    } catch (err) {
      await service(app, 'files').discard(ids, c.employerId);
      throw err;
    }
    return ids;
  };

  return [
    ...pushPages(app, {
      kind: 'announcements',
      noun: '公告',
      measure: '条',
      listTitle: '管理招聘公告',
      get: (c, id) => service(app, 'announcements').get(c, id),
      push: (c, ids, slugs) => service(app, 'announcements').push(c, ids, slugs),
    }),
    {
      method: 'GET',
      path: '/employer/announcements/new',
      options: {
        app: { page },
        validate: {
          query: Joi.object({
            done: Joi.string().max(40),
            saved: rowId,
          }).unknown(true),
        },
        handler: async (request, h) => {
          const c = employerOf(request);
          const q = request.query as { done?: string; saved?: number };
          return newPage(app, request, h, c, { flash: flash(q.done), saved: q.saved });
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/announcements/new',
      options: {
        app: { page },
        payload: multipart(
          () => '/employer/announcements/new',
          (request, h, c, state, status) => newPage(app, request, h, c, state, status),
        ),
        handler: async (request, h) => {
          const c = employerOf(request);
          const payload = (request.payload ?? {}) as Record<string, unknown>;
          const values = formValues(payload);
          const chosen = uploads(payload.attachments);
          const checked = validateForm<{ title: string; body: string; siteSlugs: string[] }>(
            textSchema,
            textInput(values),
            NAMES,
          );
          if (!checked.ok || chosen.length > MAX_ATTACHMENTS) {
            const errors = { ...checked.errors };
            if (chosen.length > MAX_ATTACHMENTS) errors.attachments = `最多上传 ${MAX_ATTACHMENTS} 个附件`;
            return newPage(app, request, h, c, { values, errors, fileDropped: chosen.length > 0 }, 400);
          }
          let attachments: string[];
          try {
            attachments = await store(c, chosen);
          } catch (err) {
            const f = failure(err, NAMES);
            return newPage(
              app,
              request,
              h,
              c,
              { values, errors: { attachments: f.message ?? '上传失败' } },
              f.status,
            );
          }
          try {
            const { siteSlugs, title, body } = checked.value;
            const saved = await service(app, 'announcements').create(
              c,
              { title, body, attachments },
              siteSlugs,
            );
            return seeOther(
              request,
              h,
              `/employer/announcements/new?saved=${saved.id}`,
              'announcement-saved',
            );
          } catch (err) {
            await service(app, 'files').discard(attachments, c.employerId);
            const f = failure(err, NAMES, { SITE_NOT_JOINED: 'siteSlugs', NOT_FOUND: 'siteSlugs' });
            return newPage(
              app,
              request,
              h,
              c,
              { values, errors: f.errors, message: f.message, fileDropped: chosen.length > 0 },
              f.status,
            );
          }
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/announcements',
      options: {
        app: { page },
        validate: {
          query: Joi.object({
            q: Joi.string().trim().max(80).allow('').default(''),
            page: Joi.number().integer().min(1).max(1000).default(1),
            done: Joi.string().max(40),
            created: Joi.number().integer().min(0).max(100000),
          }).unknown(true),
        },
        handler: async (request, h) => {
          const c = employerOf(request);
          const q = request.query as { q: string; page: number; done?: string; created?: number };
          const result = await service(app, 'announcements').list(c, {
            q: q.q || undefined,
            page: q.page,
            pageSize: PAGE_SIZE,
          });
          return render(request, h, 'announcements/announcements', {
            data: {
              alerts: { flash: q.done === 'pushed' ? pushedText(q.created, '公告') : flash(q.done) },
              filter: { q: q.q },
              rows: result.items.map((a) => ({
                id: a.id,
                title: a.title,
                createdAt: dateTime(a.createdAt),
                attachments: a.attachments.length,
                counts: countBadges(a.publicationCounts),
                locked: a.publicationCounts.approved > 0,
              })),
              total: result.total,
              maxPush: MAX_PUSH,
              pager: pager('/employer/announcements', { q: q.q }, q.page, PAGE_SIZE, result.total),
            },
            title: '管理招聘公告',
            menu: 'announcements',
          });
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/announcements/{id}',
      options: {
        app: { page },
        validate: { params: idParams, query: Joi.object({ done: Joi.string().max(40) }).unknown(true) },
        handler: async (request, h) => {
          const c = employerOf(request);
          const item = await service(app, 'announcements').get(c, (request.params as { id: number }).id);
          return render(request, h, 'announcements/announcement', {
            data: {
              alerts: { flash: flash((request.query as { done?: string }).done) },
              item: view(item),
              paragraphs: paragraphs(item.body),
              attachments: (await fileList(app, item.attachments)).map((f) => ({
                ...f,
                href: `/employer/announcements/${item.id}/attachments/${f.id}`,
              })),
              publications: publicationRows(item.publications),
            },
            title: `审核状态：${item.title}`,
            menu: 'announcements',
          });
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/announcements/{id}/edit',
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
      path: '/employer/announcements/{id}/edit',
      options: {
        app: { page },
        validate: { params: idParams },
        payload: multipart(
          (request) => `/employer/announcements/${paramId(request)}/edit`,
          (request, h, c, state, status) => editPage(app, request, h, c, paramId(request), state, status),
        ),
        handler: async (request, h) => {
          const id = (request.params as { id: number }).id;
          const c = employerOf(request);
          const payload = (request.payload ?? {}) as Record<string, unknown>;
          const values = formValues(payload);
          const chosen = uploads(payload.attachments);
          const current = await service(app, 'announcements').get(c, id);
          const keep = list(payload.keep).filter((f) => current.attachments.includes(f));
          const checked = validateForm<{ title: string; body: string }>(
            textSchema,
            { ...textInput(values), siteSlugs: [] },
            NAMES,
          );
          const tooMany = keep.length + chosen.length > MAX_ATTACHMENTS;
          if (!checked.ok || tooMany) {
            const errors = { ...checked.errors };
            if (tooMany) errors.attachments = `每条公告最多 ${MAX_ATTACHMENTS} 个附件`;
            return editPage(
              app,
              request,
              h,
              c,
              id,
              { values, errors, keep, fileDropped: chosen.length > 0 },
              400,
            );
          }
          if (current.publications.some((p) => p.status === 'approved'))
            return editPage(app, request, h, c, id, { locked: ANNOUNCEMENT_LOCKED_MESSAGE }, 409);
          let added: string[];
          try {
            added = await store(c, chosen);
          } catch (err) {
            const f = failure(err, NAMES);
            return editPage(
              app,
              request,
              h,
              c,
              id,
              { values, keep, errors: { attachments: f.message ?? '上传失败' } },
              f.status,
            );
          }
          try {
            const input: AnnouncementInput = {
              title: checked.value.title,
              body: checked.value.body,
              attachments: [...keep, ...added],
            };
            await service(app, 'announcements').update(c, id, input);
            return seeOther(request, h, `/employer/announcements/${id}`, 'announcement-updated');
          } catch (err) {
            await service(app, 'files').discard(added, c.employerId);
            const f = failure(err, NAMES);
            const locked = f.code === 'ANNOUNCEMENT_LOCKED' ? f.message : undefined;
            return editPage(
              app,
              request,
              h,
              c,
              id,
              { values, keep, errors: f.errors, message: f.message, locked, fileDropped: chosen.length > 0 },
              f.status,
            );
          }
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/announcements/{id}/delete',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) => {
          const c = employerOf(request);
          const item = await service(app, 'announcements').get(c, (request.params as { id: number }).id);
          return render(request, h, 'announcements/announcement-delete', {
            data: {
              item: view(item),
              publications: publicationRows(item.publications),
            },
            title: `删除公告：${item.title}`,
            menu: 'announcements',
          });
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/announcements/{id}/delete',
      options: {
        app: { page },
        validate: { params: idParams },
        handler: async (request, h) => {
          const c = employerOf(request);
          await service(app, 'announcements').remove(c, (request.params as { id: number }).id);
          return seeOther(request, h, '/employer/announcements', 'announcement-deleted');
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/announcements/{id}/attachments/{fileId}',
      options: {
        app: { page },
        validate: {
          params: idParams.keys({ fileId: Joi.string().guid().required() }),
        },
        handler: async (request, h) => {
          const c = employerOf(request);
          const { id, fileId } = request.params as { id: number; fileId: string };
          const item = await service(app, 'announcements').get(c, id);
          const file = item.attachments.includes(fileId)
            ? await service(app, 'files').find(fileId)
            : undefined;
          if (!file || file.employerId !== c.employerId) throw appError(404, 'NOT_FOUND', '附件不存在');
          return h
            .response(await service(app, 'files').read(file.storageKey))
            .type(file.mime)
            .header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`)
            .header('X-Content-Type-Options', 'nosniff')
            .header('Cache-Control', 'private, no-store');
        },
      },
    },
  ];
}

/** The id of the path before params are validated (a payload failure answers first): 404 unless it is one. */
function paramId(request: Request): number {
  const raw = String((request.params as { id?: unknown }).id ?? '');
  if (!/^[1-9]\d{0,9}$/.test(raw) || Number(raw) > 2_147_483_647)
    throw appError(404, 'NOT_FOUND', '公告不存在');
  return Number(raw);
}

function view(item: AnnouncementView) {
  return {
    id: item.id,
    title: item.title,
    createdAt: dateTime(item.createdAt),
    updatedAt: dateTime(item.updatedAt),
    locked: item.publications.some((p) => p.status === 'approved'),
    siteCount: item.publications.length,
  };
}
