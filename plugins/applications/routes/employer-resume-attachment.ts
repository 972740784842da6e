// The PDF a student attached to the résumé sent with an application: the employer downloads it from the inbox (the
// download is recorded like the résumé PDF's). Another employer's application answers 404.
import type { ResponseToolkit, ServerRoute } from '@hapi/hapi';
import { download } from '../../../core/http/content-disposition.js';
import { appError } from '../../../core/http/errors.js';
import { idParams } from '../../../core/http/schemas.js';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { FileService } from '../../files/file-service.js';
import type { InboxService } from '../inbox-service.js';

/** The attachment's bytes as a download, for the API route and the inbox page alike. */
export async function attachmentResponse(
  inbox: InboxService,
  files: FileService,
  c: EmployerCredentials,
  id: number,
  h: ResponseToolkit,
) {
  const { fileId, studentId } = await inbox.attachment(c, id);
  const file = await files.ofStudent(fileId, studentId);
  if (!file) throw appError(404, 'NO_ATTACHMENT', '该简历没有附件');
  return download(h, await files.read(file.storageKey), { type: file.mime, name: file.name });
}

export const employerResumeAttachment = (inbox: InboxService, files: FileService): ServerRoute => ({
  method: 'GET',
  path: '/api/v1/employer/applications/{id}/attachment',
  options: {
    tags: ['api', 'employer'],
    description: '下载学生随简历上传的附件（PDF），下载记录对学校可见',
    auth: 'employer',
    app: { access: { permission: 'applications' } },
    validate: { params: idParams },
    handler: (request, h) =>
      attachmentResponse(
        inbox,
        files,
        request.auth.credentials as unknown as EmployerCredentials,
        (request.params as { id: number }).id,
        h,
      ),
  },
});
