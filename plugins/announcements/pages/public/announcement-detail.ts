// One announcement as this site shows it. Announcements only inform: they never take applications, and the page
// says so. Not approved here, deleted or unknown: the theme's 404.
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idParams } from '../../../../core/http/schemas.js';
import { service, type App } from '../../../../core/app.js';
import { appError } from '../../../../core/http/errors.js';
import { dateOf, paragraphs } from '../../../postings/pages/listing-format.js';
import { paramsOr404, render } from '../../../../core/pages/index.js';

const FILE_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
};

/** 320 KB, 1.5 MB. */
function fileSize(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const notFound = () => appError(404, 'NOT_FOUND', '公告不存在或已下线');

export function announcementDetailPages(app: App): ServerRoute {
  return {
    method: 'GET',
    path: '/announcements/{id}',
    options: {
      app: { page: { audience: 'public' } },
      validate: { params: paramsOr404(idParams, notFound), query: Joi.object().unknown(true) },
      handler: async (request, h) => {
        const { site } = request.app.xz;
        const item = await service(app, 'announcements').publicGet(
          site,
          (request.params as { id: number }).id,
        );
        if (!item) throw notFound();
        return render(request, h, 'announcements/public-announcement', {
          data: {
            announcement: {
              id: item.id,
              title: item.title,
              employer: item.employer.name,
              publishedAt: item.publishedAt,
              publishedOn: dateOf(item.publishedAt),
              body: paragraphs(item.body),
              attachments: item.attachments.map((f) => ({
                name: f.name,
                size: fileSize(f.size),
                type: FILE_TYPES[f.mime] ?? '文件',
                href: `/announcements/${item.id}/attachments/${f.id}`,
              })),
            },
          },
          title: item.title,
          description: `${item.employer.name}：${item.title}`,
        });
      },
    },
  };
}
