// joi for the agreements API (网签协议): the offer's limits are defined once and shared by the routes and pages.
import Joi from 'joi';
import { calendarDate, rowId } from '../../core/http/schemas.js';
import { AGREEMENT_STATUSES, AGREEMENT_TABS } from './models/agreement.js';

export const OFFER_LIMITS = {
  position: 60,
  workPlace: 100,
  address: 200,
  note: 500,
  salaryMonthly: 1_000_000,
  probationMonths: 12,
  contractYears: 20,
};

const address = Joi.string().trim().max(OFFER_LIMITS.address).allow('', null);

/** The offer of one invitation (and of a prefilled re-invitation). */
export const offerFields = {
  position: Joi.string().trim().min(1).max(OFFER_LIMITS.position).required(),
  salaryMonthly: Joi.number().integer().min(0).max(OFFER_LIMITS.salaryMonthly).required(),
  probationMonths: Joi.number().integer().min(0).max(OFFER_LIMITS.probationMonths).required(),
  contractYears: Joi.number().integer().min(0).max(OFFER_LIMITS.contractYears).required(),
  workPlace: Joi.string().trim().min(1).max(OFFER_LIMITS.workPlace).required(),
  archive: Joi.object({
    forward: Joi.boolean().required(),
    address: Joi.when('forward', {
      is: true,
      then: Joi.string().trim().min(1).max(OFFER_LIMITS.address).required().messages({
        'any.required': '选择转递档案时请填写档案转递地址',
        'string.empty': '选择转递档案时请填写档案转递地址',
        'string.base': '选择转递档案时请填写档案转递地址',
      }),
      otherwise: address,
    }),
  }).required(),
  hukou: Joi.object({
    transfer: Joi.boolean().required(),
    address: Joi.when('transfer', {
      is: true,
      then: Joi.string().trim().min(1).max(OFFER_LIMITS.address).required().messages({
        'any.required': '选择迁移户口时请填写户口迁移地址',
        'string.empty': '选择迁移户口时请填写户口迁移地址',
        'string.base': '选择迁移户口时请填写户口迁移地址',
      }),
      otherwise: address,
    }),
  }).required(),
  respondBy: calendarDate.required(),
  note: Joi.string().trim().max(OFFER_LIMITS.note).allow('', null),
};

export const invitationSchema = Joi.object({ studentId: rowId.required(), ...offerFields });

export const invitePayload = Joi.object({
  invitations: Joi.array().items(invitationSchema).min(1).max(100).required(),
});

export const employerListQuery = Joi.object({
  tab: Joi.string()
    .valid(...AGREEMENT_TABS)
    .default('signing'),
  q: Joi.string().trim().max(80).allow(''),
  page: Joi.number().integer().min(1).default(1),
  pageSize: Joi.number().integer().min(1).max(100).default(20),
});

export const exportQuery = Joi.object({
  tab: Joi.string()
    .valid(...AGREEMENT_TABS)
    .default('signing'),
  q: Joi.string().trim().max(80).allow(''),
});

export const candidatesQuery = Joi.object({ q: Joi.string().trim().max(60).allow('') });

export const staffListQuery = Joi.object({
  status: Joi.string().valid(...AGREEMENT_STATUSES),
  q: Joi.string().trim().max(80).allow(''),
  page: Joi.number().integer().min(1).default(1),
  pageSize: Joi.number().integer().min(1).max(100).default(20),
});

export const reasonPayload = Joi.object({ reason: Joi.string().trim().min(2).max(500).required() });
export const optionalNotePayload = Joi.object({ note: Joi.string().trim().max(500).allow('', null) })
  .allow(null)
  .default({});
export const commentPayload = Joi.object({ comment: Joi.string().trim().min(2).max(500).required() });
export const optionalCommentPayload = Joi.object({ comment: Joi.string().trim().max(500).allow('', null) })
  .allow(null)
  .default({});
export const emptyPayload = Joi.object({}).allow(null).default({});

export const slugParams = Joi.object({
  slug: Joi.string()
    .pattern(/^[a-z0-9-]+$/)
    .max(40)
    .required(),
});
