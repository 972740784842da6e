import type { Request, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idempotencyHeaders } from '../../../core/http/idempotency.js';
import { idParams, rowId } from '../../../core/http/schemas.js';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import type { BookingInput, FairService } from '../fair-service.js';
import { attendeesSchema, jobIdsSchema } from '../schemas.js';

const who = (request: Request) => request.auth.credentials as unknown as EmployerCredentials;
const access = { permission: 'fairs' };

export function employerFairRoutes(fairs: FairService): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/employer/fairs',
      options: {
        tags: ['api', 'employer'],
        description: '当前可预定的招聘会（已入驻站点举办、在预定时间内）',
        auth: 'employer',
        app: { access },
        handler: (request) => fairs.bookable(who(request)),
      },
    },
    {
      method: 'POST',
      path: '/api/v1/employer/fair-bookings',
      options: {
        tags: ['api', 'employer'],
        description: '预定展位：选择展位（或审核通过后选展）、已发布未失效的职位与参会人员',
        auth: 'employer',
        app: { access, idempotent: true },
        validate: {
          headers: idempotencyHeaders,
          payload: Joi.object({
            fairId: rowId.required(),
            boothId: Joi.number().integer().min(1).allow(null),
            jobIds: jobIdsSchema,
            attendees: attendeesSchema,
          }),
        },
        handler: async (request, h) =>
          h.response(await fairs.book(who(request), request.payload as BookingInput)).code(201),
      },
    },
    {
      method: 'GET',
      path: '/api/v1/employer/fair-bookings',
      options: {
        tags: ['api', 'employer'],
        description: '我的预定',
        auth: 'employer',
        app: { access },
        handler: (request) => fairs.mine(who(request)),
      },
    },
    {
      method: 'GET',
      path: '/api/v1/employer/fair-bookings/{id}',
      options: {
        tags: ['api', 'employer'],
        description: '查看预定',
        auth: 'employer',
        app: { access },
        validate: { params: idParams },
        handler: (request) => fairs.get(who(request), (request.params as { id: number }).id),
      },
    },
    {
      method: 'PUT',
      path: '/api/v1/employer/fair-bookings/{id}',
      options: {
        tags: ['api', 'employer'],
        description: '编辑预定的职位和参会人员（招聘会开始前）',
        auth: 'employer',
        app: { access },
        validate: {
          params: idParams,
          payload: Joi.object({ jobIds: jobIdsSchema, attendees: attendeesSchema }),
        },
        handler: (request) =>
          fairs.edit(
            who(request),
            (request.params as { id: number }).id,
            request.payload as Pick<BookingInput, 'jobIds' | 'attendees'>,
          ),
      },
    },
    {
      method: 'POST',
      path: '/api/v1/employer/fair-bookings/{id}/cancel',
      options: {
        tags: ['api', 'employer'],
        description: '取消预定（仅待审核的预定）',
        auth: 'employer',
        app: { access },
        validate: { params: idParams },
        handler: (request) => fairs.cancel(who(request), (request.params as { id: number }).id),
      },
    },
    {
      method: 'POST',
      path: '/api/v1/employer/fair-bookings/{id}/receipt',
      options: {
        tags: ['api', 'employer'],
        description: '上传缴费凭证（先通过 POST /api/v1/files 上传文件）',
        auth: 'employer',
        app: { access },
        validate: { params: idParams, payload: Joi.object({ fileId: Joi.string().guid().required() }) },
        handler: (request) =>
          fairs.uploadReceipt(
            who(request),
            (request.params as { id: number }).id,
            (request.payload as { fileId: string }).fileId,
          ),
      },
    },
    {
      method: 'POST',
      path: '/api/v1/employer/fair-bookings/{id}/booth',
      options: {
        tags: ['api', 'employer'],
        description: '选展：审核通过后选择展位（审核后选展的招聘会）',
        auth: 'employer',
        app: { access },
        validate: {
          params: idParams,
          payload: Joi.object({ boothId: rowId.required() }),
        },
        handler: (request) =>
          fairs.chooseBooth(
            who(request),
            (request.params as { id: number }).id,
            (request.payload as { boothId: number }).boothId,
          ),
      },
    },
    {
      method: 'POST',
      path: '/api/v1/employer/fair-bookings/{id}/check-in',
      options: {
        tags: ['api', 'employer'],
        description: '签到（招聘会当天，审核通过的预定）',
        auth: 'employer',
        app: { access },
        validate: { params: idParams },
        handler: (request) => fairs.checkIn(who(request), (request.params as { id: number }).id),
      },
    },
  ];
}
