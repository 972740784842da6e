import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import type { App } from '../../../core/app.js';
import type { StaffCredentials } from '../../../core/auth/principals.js';
import type { RoomInput, RoomService } from '../room-service.js';
import { roomSchema, siteSlug } from '../schemas.js';

export const createRoom = (app: App, rooms: RoomService): ServerRoute => ({
  method: 'POST',
  path: '/api/v1/admin/sites/{slug}/rooms',
  options: {
    tags: ['api', 'admin'],
    description:
      '新增宣讲会场地：名称（本校唯一）、楼宇、容纳人数、是否开放预约、开放时间（默认 08:00–21:30）',
    auth: 'staff',
    app: { access: { staffSiteParam: 'slug' } },
    validate: { params: Joi.object({ slug: siteSlug.required() }), payload: roomSchema },
    handler: async (request, h) =>
      h
        .response(
          await rooms.create(
            request.auth.credentials as unknown as StaffCredentials,
            app.sites.require((request.params as { slug: string }).slug),
            request.payload as RoomInput,
          ),
        )
        .code(201),
  },
});
