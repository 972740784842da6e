// Joi for the signing routes; the service checks the ID number (GB 11643), the phone and the dates.
import Joi from 'joi';

export const authorizationSchema = Joi.object({
  letterFileId: Joi.string()
    .guid()
    .required()
    .messages({ 'string.guid': '请上传授权委托书', 'any.required': '请上传授权委托书' }),
  agentName: Joi.string()
    .trim()
    .min(2)
    .max(30)
    .required()
    .messages({ 'string.min': '经办人姓名至少 2 个字', 'string.max': '经办人姓名不能超过 30 个字' }),
  agentIdNumber: Joi.string().trim().max(18).required(),
  agentPhone: Joi.string().trim().max(20).required(),
  validUntil: Joi.string().trim().max(10).required(),
});
