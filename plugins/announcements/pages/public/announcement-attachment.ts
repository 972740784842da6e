// An attachment of an announcement, downloaded from a site that shows the announcement: streamed with its type and
// its own (often Chinese) name. Not shown on this site, deleted, or not one of its attachments: 404, never a hint
// that the file exists.
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import { download } from '../../../../core/http/content-disposition.js';
import { appError } from '../../../../core/http/errors.js';
import { rowId } from '../../../../core/http/schemas.js';
import { paramsOr404 } from '../../../../core/pages/index.js';

const notFound = () => appError(404, 'NOT_FOUND', '附件不存在或公告已下线');

const params = Joi.object({ id: rowId.required(), fileId: Joi.string().guid().required() });

export function announcementAttachmentPages(app: App): ServerRoute {
  return {
    method: 'GET',
    path: '/announcements/{id}/attachments/{fileId}',
    options: {
      app: { page: { audience: 'public' } },
      validate: { params: paramsOr404(params, notFound), query: Joi.object().unknown(true) },
      handler: async (request, h) => {
        const { id, fileId } = request.params as { id: number; fileId: string };
        const file = await service(app, 'announcements').publicAttachment(request.app.xz.site, id, fileId);
        if (!file) throw notFound();
        return download(h, file.stream, {
          type: file.mime,
          name: file.name,
          size: file.size,
          cache: 'public, no-cache',
        });
      },
    },
  };
}
