// Files staff may read, such as an employer's 授权委托书: the rule of GET /api/v1/files/{id} for a staff token — the
// province sees every employer's files, a school only those of its approved members (staff-access.ts) — with the page
// session of this site's staff. Anything else is "not found", never a hint that the file exists.
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import { appError } from '../../../../core/http/errors.js';
import { staffMayRead } from '../../staff-access.js';

export function filePages(app: App): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/admin/files/{id}',
      options: {
        app: { page: { audience: 'staff' } },
        validate: { params: Joi.object({ id: Joi.string().guid().required() }) },
        handler: async (request, h) => {
          const site = request.app.xz.site;
          const file = await service(app, 'files').find((request.params as { id: string }).id);
          const allowed = !!file && (await staffMayRead(service(app, 'memberships'), site, file.employerId));
          if (!file || !allowed) throw appError(404, 'NOT_FOUND', '文件不存在');
          return h
            .response(await service(app, 'files').read(file.storageKey))
            .type(file.mime)
            .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
            .header('X-Content-Type-Options', 'nosniff')
            .header('Cache-Control', 'private, no-store');
        },
      },
    },
  ];
}
