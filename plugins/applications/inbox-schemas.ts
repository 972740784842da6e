// joi for the employer inbox and the staff view: limits defined once, shared by the API routes and the pages.
import Joi from 'joi';
import { calendarDate, rowId } from '../../core/http/schemas.js';
import { STUDENT_DEGREES } from '../students/models/student.js';
import { APPLICATION_STATUSES } from './models/application.js';

export const INBOX_PAGE_SIZE = 20;

export const inboxFilterFields = {
  jobId: rowId.allow(''),
  site: Joi.string()
    .pattern(/^[a-z0-9-]+$/)
    .max(40)
    .allow(''),
  status: Joi.string()
    .valid(...APPLICATION_STATUSES)
    .allow(''),
  q: Joi.string().trim().max(50).allow(''),
  degree: Joi.string()
    .valid(...STUDENT_DEGREES)
    .allow(''),
  major: Joi.string().trim().max(50).allow(''),
  from: calendarDate.allow(''),
  to: calendarDate.allow(''),
  page: Joi.number().integer().min(1).max(5000).default(1),
};

export const inboxQuery = Joi.object({
  ...inboxFilterFields,
  pageSize: Joi.number().integer().min(1).max(100).default(INBOX_PAGE_SIZE),
});

export const idList = Joi.array().items(rowId).min(1).max(100).required();

export const batchPayload = Joi.object({
  ids: idList,
  action: Joi.string().valid('reject', 'offer', 'mark_viewed').required(),
});

export const exportPayload = Joi.object({ ids: idList });

const mobileOrLandline = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

export const interviewFields = {
  startsAt: Joi.string().isoDate().required().messages({ 'string.isoDate': '面试时间格式不正确' }),
  mode: Joi.string().valid('onsite', 'online').required(),
  place: Joi.when('mode', {
    is: 'onsite',
    then: Joi.string().trim().min(2).max(200).required(),
    otherwise: Joi.string().trim().max(200).allow('', null),
  }),
  url: Joi.when('mode', {
    is: 'online',
    then: Joi.string()
      .trim()
      .uri({ scheme: ['http', 'https'] })
      .max(500)
      .required(),
    otherwise: Joi.string().trim().max(500).allow('', null),
  }).messages({
    'string.uri': '面试链接应为 http:// 或 https:// 开头的网址',
    'string.uriCustomScheme': '面试链接应为 http:// 或 https:// 开头的网址',
  }),
  contactName: Joi.string().trim().min(1).max(20).required(),
  contactPhone: Joi.string()
    .trim()
    .pattern(mobileOrLandline)
    .required()
    .messages({ 'string.pattern.base': '联系电话应为手机号或座机号（如 025-83591234）' }),
  note: Joi.string().trim().max(500).allow('', null),
};

export const interviewPayload = Joi.object(interviewFields);
