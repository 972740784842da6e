// 管理控制台 › 学生管理 (school sites only): the roster with search (学号, 姓名, 手机, 专业), a 可网签 filter, pages and
// checkboxes to switch 可网签 on or off for several students at once; 导入名单 (upload the .xlsx, every row error in a
// table, the counts on success) with its template; a student's record (the ID number in full: only the school's own
// staff reach it) with a link to their applications. Another school's student is "not found" here; the provincial
// console has no roster.
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import { appError } from '../../../../core/http/errors.js';
import { download } from '../../../../core/http/content-disposition.js';
import { idParams } from '../../../../core/http/schemas.js';
import {
  dateTime,
  flashTexts,
  lenientQuery,
  list,
  listHref,
  pager,
  render,
  seeOther,
  sessionOf,
  staffOf,
  toLogin,
  uploads,
} from '../../../../core/pages/index.js';
import type { StaffCredentials } from '../../../../core/auth/principals.js';
import { MAX_ROSTER_BYTES, rosterTemplate, type RosterError } from '../../roster.js';
import { TEMPLATE_NAME, XLSX } from '../../routes/roster.js';
import type { ImportResult } from '../../student-service.js';

const PAGE_SIZE = 20;

const flash = flashTexts({
  'e-sign-on': '已将选中的学生设为可网签。',
  'e-sign-off': '已取消选中学生的可网签。',
  'none-selected': '请先勾选学生。',
  saved: '已保存。',
});

const listQuery = Joi.object({
  q: Joi.string().trim().max(50).allow(''),
  eSign: Joi.string().valid('yes', 'no', ''),
  page: Joi.number().integer().min(1).max(10_000).default(1),
  done: Joi.string().max(40),
}).unknown(true);

/** The roster belongs to school sites; the provincial console answers 404 in Chinese. */
function schoolOnly(request: Request) {
  if (request.app.xz.site.isMain)
    throw appError(404, 'NOT_FOUND', '省就业网没有学生名单：学生由各高校在本校的管理控制台导入和管理');
}

/** Back to the list the form was posted from (its filters and page), as a site path. */
function backToList(payload: unknown): string {
  const p = (payload ?? {}) as Record<string, unknown>;
  const q = typeof p.q === 'string' ? p.q.slice(0, 50) : '';
  const eSign = p.eSign === 'yes' || p.eSign === 'no' ? p.eSign : '';
  const page = typeof p.page === 'string' && /^[1-9]\d{0,4}$/.test(p.page) ? Number(p.page) : 1;
  return listHref('/admin/students', { q, eSign }, page);
}

function importPage(
  request: Request,
  h: ResponseToolkit,
  state: { result?: ImportResult; errors?: RosterError[]; message?: string },
  status = 200,
) {
  return render(request, h, 'students/staff-import', {
    data: {
      result: state.result,
      rowErrors: state.errors ?? [],
      alerts: { message: state.message },
      maxMb: MAX_ROSTER_BYTES / 1024 / 1024,
    },
    title: '导入学生名单',
    status,
    menu: 'students',
  });
}

export function staffStudentPages(app: App): ServerRoute[] {
  const students = () => service(app, 'students');
  return [
    {
      method: 'GET',
      path: '/admin/students',
      options: {
        app: { page: { audience: 'staff' } },
        validate: { query: lenientQuery(listQuery) },
        handler: async (request, h) => {
          schoolOnly(request);
          const q = request.query as { q?: string; eSign?: string; page: number; done?: string };
          const site = request.app.xz.site;
          const filter = { q: q.q ?? '', eSign: q.eSign ?? '' };
          const result = await students().listBySite(site.id, {
            q: filter.q,
            eSignEligible: filter.eSign === 'yes' ? true : filter.eSign === 'no' ? false : undefined,
            page: q.page,
            pageSize: PAGE_SIZE,
          });
          return render(request, h, 'students/staff-students', {
            data: {
              alerts: { flash: flash(q.done) },
              filter,
              pageNumber: q.page,
              total: result.total,
              eSignOptions: [
                { value: '', label: '全部', selected: filter.eSign === '' },
                { value: 'yes', label: '可网签', selected: filter.eSign === 'yes' },
                { value: 'no', label: '不可网签', selected: filter.eSign === 'no' },
              ],
              rows: result.items.map((s) => {
                const v = students().staffView(s);
                return { ...v, signedInText: v.lastLoginAt ? dateTime(v.lastLoginAt) : '未登录' };
              }),
              pager: pager('/admin/students', filter, q.page, PAGE_SIZE, result.total),
              filtered: !!(filter.q || filter.eSign),
            },
            title: '学生管理',
            menu: 'students',
          });
        },
      },
    },
    {
      method: 'POST',
      path: '/admin/students/e-sign',
      options: {
        app: { page: { audience: 'staff' } },
        handler: async (request, h) => {
          schoolOnly(request);
          const payload = (request.payload ?? {}) as Record<string, unknown>;
          const ids = list(payload.ids)
            .filter((id) => /^[1-9]\d{0,9}$/.test(id))
            .map(Number)
            .filter((id) => id <= 2_147_483_647);
          const on = payload.eSignEligible === 'true';
          const back = backToList(payload);
          if (ids.length === 0) return seeOther(request, h, back, 'none-selected');
          await students().bulkESign(staffOf(request), request.app.xz.site, ids.slice(0, 1000), on);
          return seeOther(request, h, back, on ? 'e-sign-on' : 'e-sign-off');
        },
      },
    },
    {
      method: 'GET',
      path: '/admin/students/import',
      options: {
        app: { page: { audience: 'staff' } },
        handler: (request, h) => {
          schoolOnly(request);
          return importPage(request, h, {});
        },
      },
    },
    {
      method: 'POST',
      path: '/admin/students/import',
      options: {
        app: { page: { audience: 'staff' } },
        payload: {
          output: 'data',
          parse: true,
          multipart: { output: 'annotated' },
          maxBytes: MAX_ROSTER_BYTES + 64 * 1024,
          failAction: async (request: Request, h: ResponseToolkit, err: Error | undefined) => {
            // read before the page access check: a visitor who is not signed in goes to the login page
            const c = sessionOf<StaffCredentials>(request, 'staff');
            if (!c) return toLogin(request, h, 'staff', '/admin/students/import').takeover();
            const status = (err as { output?: { statusCode?: number } })?.output?.statusCode ?? 400;
            const message =
              status === 413
                ? `文件不能超过 ${MAX_ROSTER_BYTES / 1024 / 1024} MB，请分批导入`
                : '上传失败，请重新选择文件';
            return (await importPage(request, h, { message }, status)).takeover();
          },
        },
        handler: async (request, h) => {
          schoolOnly(request);
          const [file] = uploads((request.payload as Record<string, unknown> | null)?.file);
          if (!file) return importPage(request, h, { message: '请选择要导入的 Excel 文件（.xlsx）' }, 400);
          try {
            const result = await students().importRoster(
              staffOf(request),
              request.app.xz.site,
              file.payload!,
            );
            if (result.errors.length)
              return importPage(
                request,
                h,
                {
                  errors: result.errors,
                  message: `名单中有 ${result.errors.length} 处错误，整个文件未导入。请按下表修改后重新上传。`,
                },
                400,
              );
            return importPage(request, h, { result });
          } catch (err) {
            const status = (err as { output?: { statusCode?: number } }).output?.statusCode;
            if (!status || status >= 500 || status === 403) throw err;
            return importPage(request, h, { message: (err as Error).message }, status);
          }
        },
      },
    },
    {
      method: 'GET',
      path: '/admin/students/template.xlsx',
      options: {
        app: { page: { audience: 'staff' } },
        handler: async (_request, h) =>
          download(h, await rosterTemplate(), { type: XLSX, name: TEMPLATE_NAME, cache: 'no-store' }),
      },
    },
    {
      method: 'GET',
      path: '/admin/students/{id}',
      options: {
        app: { page: { audience: 'staff' } },
        validate: {
          params: idParams,
          failAction: () => {
            throw appError(404, 'NOT_FOUND', '学生不存在');
          },
          query: Joi.object({ done: Joi.string().max(40) }).unknown(true),
        },
        handler: async (request, h) => {
          schoolOnly(request);
          const row = await students().forStaff(staffOf(request), (request.params as { id: number }).id);
          const v = students().staffView(row);
          return render(request, h, 'students/staff-student', {
            data: {
              student: {
                ...v,
                lastLoginText: v.lastLoginAt ? dateTime(v.lastLoginAt) : '尚未登录',
                createdText: dateTime(v.createdAt),
                updatedText: dateTime(v.updatedAt),
              },
              alerts: { flash: flash((request.query as { done?: string }).done) },
            },
            title: `学生：${v.name}`,
            menu: 'students',
          });
        },
      },
    },
    {
      method: 'POST',
      path: '/admin/students/{id}/e-sign',
      options: {
        app: { page: { audience: 'staff' } },
        validate: {
          params: idParams,
          failAction: () => {
            throw appError(404, 'NOT_FOUND', '学生不存在');
          },
        },
        handler: async (request, h) => {
          schoolOnly(request);
          const id = (request.params as { id: number }).id;
          const on = ((request.payload ?? {}) as Record<string, unknown>).eSignEligible === 'true';
          await students().setESign(staffOf(request), id, on);
          return seeOther(request, h, `/admin/students/${id}`, 'saved');
        },
      },
    },
  ];
}
