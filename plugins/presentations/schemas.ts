// joi for the info sessions API: limits defined once, shared by the routes.
import Joi from 'joi';
import { calendarDate, rowId } from '../../core/http/schemas.js';
import { PRESENTATION_STATUSES } from './models/presentation.js';

export const siteSlug = Joi.string()
  .pattern(/^[a-z0-9-]+$/)
  .max(40);

const clock = Joi.string()
  .pattern(/^([01]\d|2[0-3]):[0-5]\d$/)
  .messages({ 'string.pattern.base': '时间格式应为 HH:MM，如 08:00' });

export const roomSchema = Joi.object({
  name: Joi.string().trim().min(1).max(40).required(),
  building: Joi.string().trim().max(60).allow('').default(''),
  capacity: Joi.number().integer().min(1).max(100_000).required(),
  bookable: Joi.boolean().default(true),
  opens: clock.default('08:00'),
  closes: clock.default('21:30'),
});

export { calendarDate };

export const contactsSchema = Joi.array()
  .items(
    Joi.object({
      name: Joi.string().trim().min(2).max(20).required(),
      phone: Joi.string()
        .trim()
        .pattern(/^1[3-9]\d{9}$/)
        .required()
        .messages({ 'string.pattern.base': '手机号格式不正确' }),
    }),
  )
  .min(1)
  .max(10);

const presentationFields = {
  mode: Joi.string().valid('online', 'offline'),
  title: Joi.string().trim().min(2).max(80),
  startsAt: Joi.string().isoDate(),
  endsAt: Joi.string().isoDate(),
  roomId: rowId.allow(null),
  liveUrl: Joi.string()
    .trim()
    .uri({ scheme: ['http', 'https'] })
    .max(500)
    .allow(null, '')
    .messages({
      'string.uri': '直播链接应为 http:// 或 https:// 开头的网址',
      'string.uriCustomScheme': '直播链接应为 http:// 或 https:// 开头的网址',
    }),
  description: Joi.string().trim().max(10_000).allow(''),
  jobIds: Joi.array().items(rowId).max(50).unique(),
  contacts: contactsSchema,
  expectedAudience: Joi.number().integer().min(1).max(100_000).allow(null),
};

export const createPresentationSchema = Joi.object({
  siteSlug: siteSlug.required(),
  ...presentationFields,
  mode: presentationFields.mode.required(),
  title: presentationFields.title.required(),
  startsAt: presentationFields.startsAt.required(),
  endsAt: presentationFields.endsAt.required(),
  description: presentationFields.description.default(''),
  jobIds: presentationFields.jobIds.default([]),
  contacts: contactsSchema.required(),
});

export const updatePresentationSchema = Joi.object(presentationFields).min(1);

export const listQuery = Joi.object({
  status: Joi.string().valid(...PRESENTATION_STATUSES),
  q: Joi.string().trim().max(80).allow(''),
  site: siteSlug,
  page: Joi.number().integer().min(1).default(1),
  pageSize: Joi.number().integer().min(1).max(100).default(20),
});

export const staffListQuery = Joi.object({
  from: calendarDate,
  to: calendarDate,
  status: Joi.string().valid(...PRESENTATION_STATUSES),
});
