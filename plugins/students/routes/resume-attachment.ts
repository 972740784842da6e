// The résumé's PDF attachment: the student uploads it (PDF by its content, at most 5 MB) and may download it again.
// Another student's file answers 404.
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { download } from '../../../core/http/content-disposition.js';
import { appError } from '../../../core/http/errors.js';
import { STUDENT_MAX_FILE_BYTES, type FileService } from '../../files/file-service.js';
import { studentOf } from './resume.js';

interface Upload {
  filename: string;
  payload: Buffer;
}

export function resumeAttachmentRoutes(files: FileService): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/student/files',
      options: {
        tags: ['api', 'student'],
        description: '上传简历附件（PDF，按内容识别，不超过 5 MB）',
        auth: 'student',
        app: { access: {} },
        payload: {
          output: 'data',
          parse: true,
          multipart: { output: 'annotated' },
          maxBytes: STUDENT_MAX_FILE_BYTES + 256 * 1024,
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
          }),
        },
        handler: async (request, h) => {
          const { file } = request.payload as { file: Upload };
          const stored = await files.storeForStudent({
            studentId: studentOf(request.auth.credentials),
            filename: file.filename,
            data: file.payload,
          });
          return h
            .response({ id: stored.id, name: stored.name, size: stored.size, mime: stored.mime })
            .code(201);
        },
      },
    },
    {
      method: 'GET',
      path: '/api/v1/student/files/{id}',
      options: {
        tags: ['api', 'student'],
        description: '下载我上传的简历附件',
        auth: 'student',
        app: { access: {} },
        validate: { params: Joi.object({ id: Joi.string().guid().required() }) },
        handler: async (request, h) => {
          const file = await files.ofStudent(
            (request.params as { id: string }).id,
            studentOf(request.auth.credentials),
          );
          if (!file) throw appError(404, 'NOT_FOUND', '文件不存在');
          return download(h, await files.read(file.storageKey), { type: file.mime, name: file.name });
        },
      },
    },
  ];
}
