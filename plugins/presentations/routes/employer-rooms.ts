import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import type { App } from '../../../core/app.js';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { RoomService } from '../room-service.js';
import { calendarDate, siteSlug } from '../schemas.js';

export const employerRooms = (app: App, rooms: RoomService): ServerRoute => ({
  method: 'GET',
  path: '/api/v1/employer/sites/{slug}/rooms',
  options: {
    tags: ['api', 'employer'],
    description: '已入驻学校的可预约场地及当天已占用时段（待审核和已通过的宣讲会）',
    auth: 'employer',
    app: { access: { permission: 'presentations' } },
    validate: {
      params: Joi.object({ slug: siteSlug.required() }),
      query: Joi.object({ date: calendarDate }),
    },
    handler: (request) =>
      rooms.availability(
        request.auth.credentials as unknown as EmployerCredentials,
        app.sites.get((request.params as { slug: string }).slug),
        (request.query as { date?: string }).date,
      ),
  },
});
