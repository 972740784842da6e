import Joi from 'joi';

const iso = Joi.string().isoDate().required();

export const fairFields = {
  title: Joi.string().trim().min(2).max(80).required(),
  description: Joi.string().trim().max(5000).allow('').default(''),
  startsAt: iso,
  endsAt: iso,
  bookingOpensAt: iso,
  bookingClosesAt: iso,
  boothSelection: Joi.string().valid('at_booking', 'after_approval').required(),
  fee: Joi.object({
    amount: Joi.number().integer().min(0).max(1_000_000).required(),
    payment: Joi.string().valid('none', 'at_booking', 'after_approval').required(),
  }).required(),
};

export const boothSchema = Joi.object({
  code: Joi.string()
    .trim()
    .uppercase()
    .pattern(/^[A-Z0-9][A-Z0-9-]{0,9}$/)
    .required()
    .messages({ 'string.pattern.base': '展位号只能包含字母、数字和连字符，如 A01' }),
  x: Joi.number().integer().min(0).max(10000),
  y: Joi.number().integer().min(0).max(10000),
});

/** Booths of one venue, at creation and in total. */
export const MAX_BOOTHS_PER_VENUE = 1000;

export const venueName = Joi.string().trim().min(1).max(40).required();
export const boothsSchema = Joi.array().items(boothSchema).min(1).max(MAX_BOOTHS_PER_VENUE).required();

export const venueSchema = Joi.object({
  name: venueName,
  booths: boothsSchema,
});

export const createFairSchema = Joi.object({
  ...fairFields,
  venues: Joi.array().items(venueSchema).min(1).max(20).required(),
});
export const updateFairSchema = Joi.object(fairFields);

export const attendeesSchema = Joi.array()
  .items(
    Joi.object({
      name: Joi.string().trim().min(2).max(20).required(),
      phone: Joi.string()
        .trim()
        .pattern(/^1[3-9]\d{9}$/)
        .required()
        .messages({ 'string.pattern.base': '手机号格式不正确' }),
      title: Joi.string().trim().max(30).allow(''),
    }),
  )
  .min(1)
  .max(10)
  .required();

export const jobIdsSchema = Joi.array()
  .items(Joi.number().integer().min(1))
  .min(1)
  .max(50)
  .unique()
  .required();
