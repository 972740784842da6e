// 学生名单导入 and its template. The import answers 200 with the counts, or 400 VALIDATION with every row error and
// nothing written (the body still has created/updated/errors, as API.md says).
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import type { App } from '../../../core/app.js';
import type { StaffCredentials } from '../../../core/auth/principals.js';
import { download } from '../../../core/http/content-disposition.js';
import { MAX_ROSTER_BYTES, rosterTemplate } from '../roster.js';
import type { StudentService } from '../student-service.js';
import { siteSlugParams } from './schemas.js';

export const TEMPLATE_NAME = '学生名单导入模板.xlsx';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function rosterRoutes(app: App, students: StudentService): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/admin/sites/{slug}/students/import',
      options: {
        tags: ['api', 'admin'],
        description: '导入本校学生名单（.xlsx，按学号新增或更新；任一行有误则整个文件不导入并列出全部错误）',
        auth: 'staff',
        app: { access: { staffSiteParam: 'slug' } },
        payload: {
          output: 'data',
          parse: true,
          multipart: { output: 'annotated' },
          maxBytes: MAX_ROSTER_BYTES + 64 * 1024,
          allow: 'multipart/form-data',
        },
        plugins: { 'hapi-swagger': { payloadType: 'form' } },
        validate: {
          params: siteSlugParams,
          payload: Joi.object({
            file: Joi.object({
              filename: Joi.string().allow('').required(),
              headers: Joi.object().unknown(true),
              payload: Joi.binary().required(),
            })
              .unknown(true)
              .required()
              .messages({
                'object.base': '请选择要导入的 Excel 文件',
                'any.required': '请选择要导入的 Excel 文件',
              }),
          }),
        },
        handler: async (request, h) => {
          const { file } = request.payload as { file: { payload: Buffer } };
          const result = await students.importRoster(
            request.auth.credentials as unknown as StaffCredentials,
            app.sites.require((request.params as { slug: string }).slug),
            file.payload,
          );
          if (result.errors.length === 0) return result;
          const first = result.errors[0]!;
          return h
            .response({
              statusCode: 400,
              error: 'Bad Request',
              code: 'VALIDATION',
              message: `学生名单有 ${result.errors.length} 处错误，整个文件未导入：第 ${first.row} 行「${first.column}」${first.message}`,
              ...result,
            })
            .code(400);
        },
      },
    },
    {
      method: 'GET',
      path: '/api/v1/admin/sites/{slug}/students/template.xlsx',
      options: {
        tags: ['api', 'admin'],
        description: '下载学生名单导入模板（.xlsx）',
        auth: 'staff',
        app: { access: { staffSiteParam: 'slug' } },
        validate: { params: siteSlugParams },
        handler: async (_request, h) =>
          download(h, await rosterTemplate(), { type: XLSX, name: TEMPLATE_NAME, cache: 'no-store' }),
      },
    },
  ];
}
