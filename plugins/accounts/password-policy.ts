import Joi from 'joi';

/** ≥ 8 characters with at least one letter and one digit. */
export const passwordSchema = Joi.string()
  .min(8)
  .max(64)
  .pattern(/[A-Za-z]/, 'letter')
  .pattern(/\d/, 'digit')
  .messages({
    'string.min': '密码至少 8 位',
    'string.pattern.name': '密码须同时包含字母和数字',
    'string.max': '密码不能超过 64 位',
  });
