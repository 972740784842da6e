import type { Request, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idempotencyHeaders } from '../../../core/http/idempotency.js';
import { idParams, rowId } from '../../../core/http/schemas.js';
import type { App } from '../../../core/app.js';
import { appError } from '../../../core/http/errors.js';
import { listingResponse } from '../../postings/listing-response.js';
import type { EmployerCredentials } from '../../accounts/permissions.js';
import { slugList } from '../../jobs/schemas.js';
import { announcementAttachments, announcementBody, announcementTitle } from '../schemas.js';
import type {
  AnnouncementInput,
  AnnouncementService,
  PublicAnnouncementQuery,
} from '../announcement-service.js';

const who = (request: Request) => request.auth.credentials as unknown as EmployerCredentials;
const access = { permission: 'announcements' };
const fields = { title: announcementTitle, body: announcementBody, attachments: announcementAttachments };
const slug = Joi.string()
  .pattern(/^[a-z0-9-]+$/)
  .max(40)
  .required();

const publicAnnouncement = Joi.object({
  id: Joi.number(),
  title: Joi.string(),
  body: Joi.string(),
  attachments: Joi.array().items(
    Joi.object({
      id: Joi.string(),
      name: Joi.string(),
      size: Joi.number(),
      mime: Joi.string(),
      url: Joi.string(),
    }).label('PublicAnnouncementAttachment'),
  ),
  employer: Joi.object({ id: Joi.number(), name: Joi.string() }).label('AnnouncementEmployer'),
  publishedAt: Joi.string(),
  url: Joi.string(),
  acceptsApplications: Joi.boolean(),
}).label('PublicAnnouncement');

export function announcementRoutes(app: App, announcements: AnnouncementService): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/employer/announcements',
      options: {
        tags: ['api', 'employer'],
        description: '发布招聘公告（不能在线接收简历）：主站及所选已入驻站点，各站点分别审核',
        auth: 'employer',
        app: { access, idempotent: true },
        validate: {
          headers: idempotencyHeaders,
          payload: Joi.object({ ...fields, siteSlugs: slugList.default([]) }),
        },
        handler: async (request, h) => {
          const { siteSlugs, ...input } = request.payload as AnnouncementInput & { siteSlugs: string[] };
          return h.response(await announcements.create(who(request), input, siteSlugs)).code(201);
        },
      },
    },
    {
      method: 'GET',
      path: '/api/v1/employer/announcements',
      options: {
        tags: ['api', 'employer'],
        description: '管理招聘公告：搜索，含各站点审核状态统计',
        auth: 'employer',
        app: { access },
        validate: {
          query: Joi.object({
            q: Joi.string().trim().max(80).allow(''),
            page: Joi.number().integer().min(1).default(1),
            pageSize: Joi.number().integer().min(1).max(100).default(20),
          }),
        },
        handler: (request) =>
          announcements.list(who(request), request.query as { q?: string; page: number; pageSize: number }),
      },
    },
    {
      method: 'GET',
      path: '/api/v1/employer/announcements/{id}',
      options: {
        tags: ['api', 'employer'],
        description: '公告详情及各站点审核状态',
        auth: 'employer',
        app: { access },
        validate: { params: idParams },
        handler: (request) => announcements.get(who(request), (request.params as { id: number }).id),
      },
    },
    {
      method: 'PUT',
      path: '/api/v1/employer/announcements/{id}',
      options: {
        tags: ['api', 'employer'],
        description: '编辑公告（已有站点审核通过时不允许，409 ANNOUNCEMENT_LOCKED）',
        auth: 'employer',
        app: { access },
        validate: { params: idParams, payload: Joi.object(fields) },
        handler: (request) =>
          announcements.update(
            who(request),
            (request.params as { id: number }).id,
            request.payload as AnnouncementInput,
          ),
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/employer/announcements/{id}',
      options: {
        tags: ['api', 'employer'],
        description: '删除公告：从所有站点撤下',
        auth: 'employer',
        app: { access },
        validate: { params: idParams },
        handler: async (request, h) => {
          await announcements.remove(who(request), (request.params as { id: number }).id);
          return h.response().code(204);
        },
      },
    },
    {
      method: 'POST',
      path: '/api/v1/employer/announcements/push',
      options: {
        tags: ['api', 'employer'],
        description: '推送分站：把公告发布到更多已入驻站点',
        auth: 'employer',
        app: { access },
        validate: {
          payload: Joi.object({
            announcementIds: Joi.array()
              .items(Joi.number().integer().min(1))
              .min(1)
              .max(100)
              .unique()
              .required(),
            siteSlugs: slugList.min(1).required(),
          }),
        },
        handler: (request) => {
          const { announcementIds, siteSlugs } = request.payload as {
            announcementIds: number[];
            siteSlugs: string[];
          };
          return announcements.push(who(request), announcementIds, siteSlugs);
        },
      },
    },
    {
      method: 'GET',
      path: '/api/v1/public/sites/{slug}/announcements',
      options: {
        tags: ['api', 'public'],
        description: '站点的招聘公告：该站审核通过的（主站还包括各校审核通过、主站未驳回的），最新在前',
        auth: false,
        app: { access: { public: true } },
        validate: {
          params: Joi.object({ slug }),
          query: Joi.object({
            q: Joi.string().trim().max(40).allow(''),
            page: Joi.number().integer().min(1).max(500).default(1),
            pageSize: Joi.number().integer().min(1).max(100).default(20),
          }),
        },
        response: {
          schema: Joi.object({
            items: Joi.array().items(publicAnnouncement),
            total: Joi.number(),
            page: Joi.number(),
            pageSize: Joi.number(),
          }).label('PublicAnnouncementList'),
          sample: 0,
        },
        handler: async (request, h) => {
          const site = app.sites.require((request.params as { slug: string }).slug);
          return listingResponse(
            request,
            h,
            await announcements.publicListBytes(site, request.query as unknown as PublicAnnouncementQuery),
          );
        },
      },
    },
    {
      method: 'GET',
      path: '/api/v1/public/sites/{slug}/announcements/{id}',
      options: {
        tags: ['api', 'public'],
        description: '公告详情（仅当该站点显示它时）',
        auth: false,
        app: { access: { public: true } },
        validate: { params: Joi.object({ slug, id: rowId.required() }) },
        response: { schema: publicAnnouncement, sample: 0 },
        handler: async (request) => {
          const { slug: s, id } = request.params as { slug: string; id: number };
          const item = await announcements.publicGet(app.sites.require(s), id);
          if (!item) throw appError(404, 'NOT_FOUND', '公告不存在或已下线');
          return item;
        },
      },
    },
  ];
}
