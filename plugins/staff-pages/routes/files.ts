// Files staff may read, such as an employer's 授权委托书: the rule of GET /api/v1/files/{id} for a staff token — the
// province sees every employer's files, a school only those of employers that applied to join it — with the page
// session of this site's staff. Anything else is "not found", never a hint that the file exists.
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../core/app.js';
import { appError } from '../../../core/http/errors.js';
import { STAFF_AUTH, staffOf, toLogin } from '../session.js';

export function fileRoutes(app: App): ServerRoute[] {
  const files = service(app, 'files');
  const memberships = service(app, 'memberships');
  return [
    {
      method: 'GET',
      path: '/admin/files/{id}',
      options: {
        auth: STAFF_AUTH,
        app: { access: {} },
        validate: { params: Joi.object({ id: Joi.string().guid().required() }) },
        handler: async (request, h) => {
          const c = staffOf(request);
          if (!c) return toLogin(request, h, '/admin/reviews');
          const site = request.app.xz.site;
          const file = await files.find((request.params as { id: string }).id);
          const allowed =
            !!file &&
            file.employerId !== null &&
            (site.isMain || !!(await memberships.get(file.employerId, site)));
          if (!file || !allowed) throw appError(404, 'NOT_FOUND', '文件不存在');
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
