// joi for the students API: limits defined once, shared by the routes.
import Joi from 'joi';
import { rowId } from '../../../core/http/schemas.js';

export const siteSlug = Joi.string()
  .pattern(/^[a-z0-9-]+$/)
  .max(40);

export const siteSlugParams = Joi.object({ slug: siteSlug.required() });

export const studentListQuery = Joi.object({
  q: Joi.string().trim().max(50).allow(''),
  eSignEligible: Joi.boolean(),
  page: Joi.number().integer().min(1).max(10_000).default(1),
  pageSize: Joi.number().integer().min(1).max(100).default(20),
});

export const eSignBody = Joi.object({ eSignEligible: Joi.boolean().required() });

export const bulkESignBody = Joi.object({
  ids: Joi.array().items(rowId).min(1).max(1000).required(),
  eSignEligible: Joi.boolean().required(),
});

/** 学号 or mobile number: what a student signs in with. */
export const studentLogin = Joi.string().trim().min(1).max(32).required();
