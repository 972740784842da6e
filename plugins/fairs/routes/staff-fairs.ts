import type { Request, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { rowId } from '../../../core/http/schemas.js';
import type { App } from '../../../core/app.js';
import type { StaffCredentials } from '../../../core/auth/principals.js';
import type { FairInput, FairService } from '../fair-service.js';
import { boothsSchema, createFairSchema, updateFairSchema, venueName, venueSchema } from '../schemas.js';
import { bookingsWorkbook } from '../export.js';

const staff = (request: Request) => request.auth.credentials as unknown as StaffCredentials;
const slug = Joi.string()
  .pattern(/^[a-z0-9-]+$/)
  .max(40)
  .required();
const id = rowId.required();
const venueParams = Joi.object({ slug, id, venueId: rowId.required() });
const access = { staffSiteParam: 'slug' };

export function staffFairRoutes(app: App, fairs: FairService): ServerRoute[] {
  /** The fair must belong to the site named in the path (404 otherwise). */
  const fairOfSite = async (slug: string, fairId: number) => {
    await fairs.getForSite(app.sites.require(slug).id, fairId);
    return fairId;
  };
  return [
    {
      method: 'POST',
      path: '/api/v1/admin/sites/{slug}/fairs',
      options: {
        tags: ['api', 'admin'],
        description: '创建招聘会：分会场、展位图、预定时间、选展方式、费用与缴费方式',
        auth: 'staff',
        app: { access },
        validate: { params: Joi.object({ slug }), payload: createFairSchema },
        handler: async (request, h) =>
          h
            .response(
              await fairs.create(
                staff(request),
                app.sites.require((request.params as { slug: string }).slug),
                request.payload as FairInput,
              ),
            )
            .code(201),
      },
    },
    {
      method: 'GET',
      path: '/api/v1/admin/sites/{slug}/fairs',
      options: {
        tags: ['api', 'admin'],
        description: '本站全部招聘会',
        auth: 'staff',
        app: { access },
        validate: { params: Joi.object({ slug }) },
        handler: (request) =>
          fairs.siteFairs(app.sites.require((request.params as { slug: string }).slug), false),
      },
    },
    {
      method: 'PUT',
      path: '/api/v1/admin/sites/{slug}/fairs/{id}',
      options: {
        tags: ['api', 'admin'],
        description: '修改招聘会基本信息',
        auth: 'staff',
        app: { access },
        validate: { params: Joi.object({ slug, id }), payload: updateFairSchema },
        handler: async (request) => {
          const p = request.params as { slug: string; id: number };
          return fairs.update(
            staff(request),
            await fairOfSite(p.slug, p.id),
            request.payload as Omit<FairInput, 'venues'>,
          );
        },
      },
    },
    {
      method: 'POST',
      path: '/api/v1/admin/sites/{slug}/fairs/{id}/venues',
      options: {
        tags: ['api', 'admin'],
        description: '增加分会场及其展位',
        auth: 'staff',
        app: { access },
        validate: { params: Joi.object({ slug, id }), payload: venueSchema },
        handler: async (request, h) => {
          const p = request.params as { slug: string; id: number };
          return h
            .response(
              await fairs.addVenue(
                staff(request),
                await fairOfSite(p.slug, p.id),
                request.payload as FairInput['venues'][number],
              ),
            )
            .code(201);
        },
      },
    },
    {
      method: 'PUT',
      path: '/api/v1/admin/sites/{slug}/fairs/{id}/venues/{venueId}',
      options: {
        tags: ['api', 'admin'],
        description: '修改分会场名称（同一招聘会内不能重名）',
        auth: 'staff',
        app: { access },
        validate: { params: venueParams, payload: Joi.object({ name: venueName }) },
        handler: async (request) => {
          const p = request.params as { slug: string; id: number; venueId: number };
          return fairs.renameVenue(
            staff(request),
            await fairOfSite(p.slug, p.id),
            p.venueId,
            (request.payload as { name: string }).name,
          );
        },
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/admin/sites/{slug}/fairs/{id}/venues/{venueId}',
      options: {
        tags: ['api', 'admin'],
        description:
          '删除分会场及其展位（展位有预定记录时 409 VENUE_HAS_BOOKINGS；最后一个分会场 409 LAST_VENUE）',
        auth: 'staff',
        app: { access },
        validate: { params: venueParams },
        handler: async (request) => {
          const p = request.params as { slug: string; id: number; venueId: number };
          return fairs.removeVenue(staff(request), await fairOfSite(p.slug, p.id), p.venueId);
        },
      },
    },
    {
      method: 'POST',
      path: '/api/v1/admin/sites/{slug}/fairs/{id}/venues/{venueId}/booths',
      options: {
        tags: ['api', 'admin'],
        description: '为分会场增加展位（展位号在分会场内不能重复）',
        auth: 'staff',
        app: { access },
        validate: { params: venueParams, payload: Joi.object({ booths: boothsSchema }) },
        handler: async (request, h) => {
          const p = request.params as { slug: string; id: number; venueId: number };
          return h
            .response(
              await fairs.addBooths(
                staff(request),
                await fairOfSite(p.slug, p.id),
                p.venueId,
                (request.payload as { booths: FairInput['venues'][number]['booths'] }).booths,
              ),
            )
            .code(201);
        },
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/admin/sites/{slug}/fairs/{id}/venues/{venueId}/booths/{boothId}',
      options: {
        tags: ['api', 'admin'],
        description: '删除展位（有预定记录时 409 BOOTH_HAS_BOOKINGS；分会场的最后一个展位 409 LAST_BOOTH）',
        auth: 'staff',
        app: { access },
        validate: { params: Joi.object({ slug, id, venueId: rowId.required(), boothId: rowId.required() }) },
        handler: async (request) => {
          const p = request.params as { slug: string; id: number; venueId: number; boothId: number };
          return fairs.removeBooth(staff(request), await fairOfSite(p.slug, p.id), p.venueId, p.boothId);
        },
      },
    },
    {
      method: 'GET',
      path: '/api/v1/admin/sites/{slug}/fairs/{id}/bookings',
      options: {
        tags: ['api', 'admin'],
        description:
          '招聘会的预定：单位、展位、职位、参会人员、缴费与签到（审核请用审核队列，reviewId 为其审核编号）',
        auth: 'staff',
        app: { access },
        validate: {
          params: Joi.object({ slug, id }),
          query: Joi.object({ status: Joi.string().valid('pending', 'approved', 'rejected', 'cancelled') }),
        },
        handler: async (request) => {
          const p = request.params as { slug: string; id: number };
          return fairs.bookings(
            staff(request),
            await fairOfSite(p.slug, p.id),
            request.query as { status?: string },
          );
        },
      },
    },
    {
      method: 'GET',
      path: '/api/v1/admin/sites/{slug}/fairs/{id}/bookings.xlsx',
      options: {
        tags: ['api', 'admin'],
        description: '导出预定（Excel）',
        auth: 'staff',
        app: { access },
        validate: { params: Joi.object({ slug, id }) },
        handler: async (request, h) => {
          const p = request.params as { slug: string; id: number };
          const data = await fairs.bookings(staff(request), await fairOfSite(p.slug, p.id));
          const buffer = await bookingsWorkbook(data);
          return h
            .response(buffer)
            .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .header(
              'Content-Disposition',
              `attachment; filename*=UTF-8''${encodeURIComponent(`${data.fair.title}-预定.xlsx`)}`,
            );
        },
      },
    },
    {
      method: 'GET',
      path: '/api/v1/admin/sites/{slug}/fairs/{id}/check-in',
      options: {
        tags: ['api', 'admin'],
        description: '当天签到名单',
        auth: 'staff',
        app: { access },
        validate: { params: Joi.object({ slug, id }) },
        handler: async (request) => {
          const p = request.params as { slug: string; id: number };
          return fairs.checkInList(staff(request), await fairOfSite(p.slug, p.id));
        },
      },
    },
    {
      method: 'POST',
      path: '/api/v1/admin/fair-bookings/{id}/check-in',
      options: {
        tags: ['api', 'admin'],
        description: '签到台为单位签到（招聘会当天，审核通过的预定；重复签到不改变签到时间）',
        auth: 'staff',
        app: { access: {} },
        validate: { params: Joi.object({ id: rowId.required() }) },
        handler: (request) => fairs.staffCheckIn(staff(request), (request.params as { id: number }).id),
      },
    },
    {
      method: 'POST',
      path: '/api/v1/admin/fair-bookings/{id}/refund',
      options: {
        tags: ['api', 'admin'],
        description:
          '登记已退款：已取消或未通过的预定所缴费用退还后标记为已退款（可附说明，如转账流水号）；没有待退款费用时 409 NOT_REFUND_DUE',
        auth: 'staff',
        app: { access: {} },
        validate: {
          params: Joi.object({ id }),
          payload: Joi.object({ note: Joi.string().trim().max(500).allow('', null) }).allow(null),
        },
        handler: (request) =>
          fairs.markRefunded(
            staff(request),
            (request.params as { id: number }).id,
            (request.payload as { note?: string | null } | null)?.note ?? null,
          ),
      },
    },
    {
      method: 'POST',
      path: '/api/v1/admin/fair-bookings/{id}/payment',
      options: {
        tags: ['api', 'admin'],
        description: '核对缴费凭证：确认或退回（退回须说明原因）',
        auth: 'staff',
        app: { access: {} },
        validate: {
          params: Joi.object({ id }),
          payload: Joi.object({
            decision: Joi.string().valid('confirm', 'return').required(),
            comment: Joi.string().trim().max(500).allow('', null),
          }),
        },
        handler: (request) => {
          const { decision, comment } = request.payload as {
            decision: 'confirm' | 'return';
            comment?: string | null;
          };
          return fairs.confirmPayment(
            staff(request),
            (request.params as { id: number }).id,
            decision,
            comment ?? null,
          );
        },
      },
    },
  ];
}
