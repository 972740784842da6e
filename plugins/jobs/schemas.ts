import Joi from 'joi';
import { calendarDate } from '../../core/http/schemas.js';
import { REGIONS } from '../../core/regions.js';
import { DEGREES, JOB_CATEGORIES } from '../postings/vocab.js';

/** A calendar date YYYY-MM-DD that exists. */
export const dateSchema = calendarDate;

export const slugList = Joi.array()
  .items(
    Joi.string()
      .pattern(/^[a-z0-9-]+$/)
      .max(40),
  )
  .max(200)
  .unique();

export const jobFields = {
  title: Joi.string().trim().min(2).max(60).required(),
  category: Joi.string()
    .valid(...JOB_CATEGORIES)
    .required(),
  description: Joi.string().trim().min(10).max(5000).required(),
  headcount: Joi.number().integer().min(1).max(10000).required(),
  salaryMin: Joi.number().integer().min(0).max(1_000_000).required(),
  salaryMax: Joi.number().integer().min(0).max(1_000_000).required(),
  cities: Joi.array()
    .items(
      Joi.string()
        .valid(...Object.keys(REGIONS))
        .messages({ 'any.only': '工作地点须为行政区划代码（如南京市 320100）' }),
    )
    .min(1)
    .max(20)
    .unique()
    .required(),
  degree: Joi.string()
    .valid(...DEGREES)
    .required(),
  majors: Joi.array().items(Joi.string().trim().min(1).max(30)).max(20).unique().default([]),
  expiresOn: dateSchema,
};

export const jobInputSchema = Joi.object(jobFields);
export const createJobSchema = Joi.object({ ...jobFields, siteSlugs: slugList.default([]) });

export const publicJobSchema = Joi.object({
  id: Joi.number().required(),
  title: Joi.string().required(),
  category: Joi.string().required(),
  employer: Joi.object({ id: Joi.number(), name: Joi.string() }).label('JobEmployer'),
  headcount: Joi.number(),
  salaryMin: Joi.number(),
  salaryMax: Joi.number(),
  cities: Joi.array().items(Joi.string()),
  cityNames: Joi.array().items(Joi.string()),
  degree: Joi.string(),
  majors: Joi.array().items(Joi.string()),
  expiresOn: Joi.string(),
  publishedAt: Joi.string(),
  url: Joi.string(),
  description: Joi.string(),
}).label('PublicJob');

export const publicJobListSchema = Joi.object({
  items: Joi.array().items(publicJobSchema).required(),
  total: Joi.number().required(),
  totalIsCapped: Joi.boolean(),
  page: Joi.number().required(),
  pageSize: Joi.number().required(),
}).label('PublicJobList');
