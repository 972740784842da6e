import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import type { App } from '../../../core/app.js';
import type { RoomService } from '../room-service.js';
import { siteSlug } from '../schemas.js';

export const listRooms = (app: App, rooms: RoomService): ServerRoute => ({
  method: 'GET',
  path: '/api/v1/admin/sites/{slug}/rooms',
  options: {
    tags: ['api', 'admin'],
    description: '本校的宣讲会场地',
    auth: 'staff',
    app: { access: { staffSiteParam: 'slug' } },
    validate: { params: Joi.object({ slug: siteSlug.required() }) },
    handler: (request) => rooms.list(app.sites.require((request.params as { slug: string }).slug)),
  },
});
