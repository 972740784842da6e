import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import type { Credentials, StaffCredentials } from '../../../core/auth/principals.js';
import { appError } from '../../../core/http/errors.js';
import type { SiteRegistry } from '../../../core/tenancy/sites.js';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { MembershipService } from '../../network/membership-service.js';
import { staffMayRead } from '../staff-access.js';
import { FILE_PURPOSES, MAX_FILE_BYTES, type FilePurpose, type FileService } from '../file-service.js';

interface Upload {
  filename: string;
  headers: Record<string, string>;
  payload: Buffer;
}

export function fileRoutes(
  files: FileService,
  memberships: MembershipService,
  sites: SiteRegistry,
): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/files',
      options: {
        tags: ['api', 'employer'],
        description: '上传文件（PDF、JPG、PNG，按内容识别，不超过 10 MB）',
        auth: 'employer',
        app: { access: {} },
        payload: {
          output: 'data',
          parse: true,
          multipart: { output: 'annotated' },
          maxBytes: MAX_FILE_BYTES + 256 * 1024,
          allow: 'multipart/form-data',
        },
        plugins: { 'hapi-swagger': { payloadType: 'form' } },
        validate: {
          payload: Joi.object({
            file: Joi.object({
              filename: Joi.string().allow('').required(),
              headers: Joi.object().unknown(true),
              payload: Joi.binary().required(),
            })
              .unknown(true)
              .required()
              .messages({ 'object.base': '请选择要上传的文件' }),
            purpose: Joi.string()
              .valid(...FILE_PURPOSES)
              .required(),
          }),
        },
        handler: async (request, h) => {
          const c = request.auth.credentials as unknown as EmployerCredentials;
          const { file, purpose } = request.payload as { file: Upload; purpose: FilePurpose };
          const stored = await files.store({
            employerId: c.employerId,
            accountId: c.id,
            purpose,
            filename: file.filename,
            data: file.payload,
          });
          return h
            .response({
              id: stored.id,
              name: stored.name,
              size: stored.size,
              mime: stored.mime,
              sha256: stored.sha256,
            })
            .code(201);
        },
      },
    },
    {
      method: 'GET',
      path: '/api/v1/files/{id}',
      options: {
        tags: ['api'],
        description: '下载文件（上传单位；省级主站管理员；该单位已入驻学校的管理员）',
        auth: 'any',
        app: { access: {} },
        validate: { params: Joi.object({ id: Joi.string().guid().required() }) },
        handler: async (request, h) => {
          const file = await files.find((request.params as { id: string }).id);
          if (!file) throw appError(404, 'NOT_FOUND', '文件不存在');
          const c = request.auth.credentials as unknown as Credentials;
          let allowed = false;
          if (c.kind === 'employer')
            allowed = (c as unknown as EmployerCredentials).employerId === file.employerId;
          if (c.kind === 'staff')
            allowed = await staffMayRead(
              memberships,
              sites.get((c as StaffCredentials).site),
              file.employerId,
            );
          if (!allowed) throw appError(404, 'NOT_FOUND', '文件不存在');
          return h
            .response(await files.read(file.storageKey))
            .type(file.mime)
            .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
            .header('X-Content-Type-Options', 'nosniff')
            .header('Cache-Control', 'private, no-store');
        },
      },
    },
  ];
}
