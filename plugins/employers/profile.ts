import Joi from 'joi';
import { isRegionCode } from '../../core/regions.js';

export const NATURES = [
  '国有企业',
  '民营企业',
  '外资企业',
  '合资企业',
  '事业单位',
  '机关',
  '社会组织',
  '部队',
  '其他',
] as const;
export const SCALES = [
  '50人以下',
  '50-150人',
  '150-500人',
  '500-1000人',
  '1000-5000人',
  '5000人以上',
] as const;

/** Profile fields of PUT /employer; all optional (drafts are kept), the set in REQUIRED makes it complete. */
export const profileSchema = Joi.object({
  nature: Joi.string().valid(...NATURES),
  industry: Joi.string().trim().min(2).max(40),
  scale: Joi.string().valid(...SCALES),
  regionCode: Joi.string()
    .pattern(/^\d{6}$/)
    .custom((code: string, helpers) => (isRegionCode(code) ? code : helpers.error('any.invalid')))
    .messages({
      'string.pattern.base': '请填写6位行政区划代码',
      'any.invalid': '行政区划代码不在 GB/T 2260 列表中，请从列表中选择所在地区',
    }),
  address: Joi.string().trim().min(4).max(200),
  website: Joi.string()
    .trim()
    .uri({ scheme: ['http', 'https'] })
    .max(200)
    .allow(''),
  intro: Joi.string().trim().min(10).max(5000),
  contactName: Joi.string().trim().min(2).max(30),
  contactEmail: Joi.string().trim().email().max(100).allow(''),
  authorizationLetterFileId: Joi.string().guid({ version: 'uuidv4' }),
});

export interface ProfileInput {
  nature?: string;
  industry?: string;
  scale?: string;
  regionCode?: string;
  address?: string;
  website?: string;
  intro?: string;
  contactName?: string;
  contactEmail?: string;
  authorizationLetterFileId?: string;
}

export const REQUIRED: (keyof ProfileInput)[] = [
  'nature',
  'industry',
  'scale',
  'regionCode',
  'address',
  'intro',
  'contactName',
  'authorizationLetterFileId',
];

export const FIELD_LABELS: Record<keyof ProfileInput, string> = {
  nature: '单位性质',
  industry: '所属行业',
  scale: '单位规模',
  regionCode: '所在地区',
  address: '详细地址',
  website: '单位网址',
  intro: '单位简介',
  contactName: '联系人',
  contactEmail: '联系邮箱',
  authorizationLetterFileId: '授权委托书',
};

/** What 提交认证 says of a required field still empty. */
export function missingMessage(key: keyof ProfileInput): string {
  if (key === 'authorizationLetterFileId') return '请上传授权委托书';
  if (key === 'nature' || key === 'scale') return `请选择${FIELD_LABELS[key]}`;
  return `请填写${FIELD_LABELS[key]}`;
}

export const COLUMNS: Record<keyof ProfileInput, string> = {
  nature: 'nature',
  industry: 'industry',
  scale: 'scale',
  regionCode: 'region_code',
  address: 'address',
  website: 'website',
  intro: 'intro',
  contactName: 'contact_name',
  contactEmail: 'contact_email',
  authorizationLetterFileId: 'authorization_letter_file_id',
};

export function letterFor(eSign: boolean) {
  return eSign
    ? { form: 'registration-esign', name: '单位注册和网上签约授权委托书' }
    : { form: 'registration', name: '单位注册授权委托书' };
}
