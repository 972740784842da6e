import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import type { App } from '../../../core/app.js';
import type { StaffCredentials } from '../../../core/auth/principals.js';
import type { PresentationService } from '../presentation-service.js';
import { siteSlug, staffListQuery } from '../schemas.js';

export const sitePresentations = (app: App, presentations: PresentationService): ServerRoute => ({
  method: 'GET',
  path: '/api/v1/admin/sites/{slug}/presentations',
  options: {
    tags: ['api', 'admin'],
    description:
      '本校宣讲会日历：按日期（含结束日，默认今天起 30 天）和状态筛选；审核在审核中心（type=presentation）',
    auth: 'staff',
    app: { access: { staffSiteParam: 'slug' } },
    validate: { params: Joi.object({ slug: siteSlug.required() }), query: staffListQuery },
    handler: (request) =>
      presentations.forSite(
        request.auth.credentials as unknown as StaffCredentials,
        app.sites.require((request.params as { slug: string }).slug),
        request.query as Parameters<PresentationService['forSite']>[2],
      ),
  },
});
