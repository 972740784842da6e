// Chinese messages for joi's error types; the field's path is reported separately in `details[].path`, its Chinese
// name in `details[].label` (see field-labels.ts).
import type Joi from 'joi';

export const ZH_MESSAGES: Record<string, string> = {
  'any.required': '必填',
  'any.only': '取值不在允许范围内',
  'any.invalid': '取值不被允许',
  'any.unknown': '不允许提交此字段',
  'any.custom': '格式不正确',
  'alternatives.match': '格式不正确',
  'alternatives.any': '格式不正确',
  'array.base': '应为列表',
  'array.min': '至少需要 {{#limit}} 项',
  'array.max': '最多 {{#limit}} 项',
  'array.unique': '不能有重复项',
  'array.includesRequiredUnknowns': '缺少必填项',
  'boolean.base': '应为是或否',
  'date.base': '应为有效日期',
  'date.format': '日期格式不正确',
  'date.min': '日期过早',
  'date.max': '日期过晚',
  'number.base': '应为数字',
  'number.integer': '应为整数',
  'number.min': '不能小于 {{#limit}}',
  'number.max': '不能大于 {{#limit}}',
  'number.positive': '应为正数',
  'number.port': '端口不正确',
  'object.base': '格式不正确',
  'object.unknown': '不允许提交此字段',
  'object.missing': '缺少必填项',
  'object.min': '至少需要填写 {{#limit}} 项',
  'object.max': '最多填写 {{#limit}} 项',
  'object.with': '需同时填写相关字段',
  'object.without': '不能与其他字段同时填写',
  'object.xor': '只能填写其中一项',
  'object.and': '需同时填写相关字段',
  'object.nand': '不能同时填写这些字段',
  'object.oxor': '最多只能填写其中一项',
  'array.length': '应为 {{#limit}} 项',
  'array.sparse': '不能有空项',
  'array.hasUnknown': '缺少符合要求的项',
  'array.includes': '包含不符合要求的项',
  'array.excludes': '包含不允许的项',
  'number.less': '应小于 {{#limit}}',
  'number.greater': '应大于 {{#limit}}',
  'number.precision': '小数位数过多',
  'number.multiple': '应为 {{#multiple}} 的倍数',
  'number.unsafe': '数值超出范围',
  'number.infinity': '应为有限数值',
  'date.less': '日期过晚',
  'date.greater': '日期过早',
  'string.guid': '格式不正确',
  'string.hex': '应为十六进制字符',
  'string.domain': '域名格式不正确',
  'string.ip': 'IP 地址格式不正确',
  'string.uppercase': '应为大写',
  'string.base': '应为文本',
  'string.empty': '不能为空',
  'string.min': '至少 {{#limit}} 个字符',
  'string.max': '不能超过 {{#limit}} 个字符',
  'string.length': '长度应为 {{#limit}} 个字符',
  'string.pattern.base': '格式不正确',
  'string.pattern.name': '格式不正确',
  'string.email': '邮箱格式不正确',
  'string.uri': '网址格式不正确',
  'string.uriCustomScheme': '网址格式不正确',
  'string.hostname': '域名格式不正确',
  'string.isoDate': '日期格式不正确',
  'string.alphanum': '只能包含字母和数字',
  'string.token': '只能包含字母、数字和下划线',
  'string.lowercase': '应为小写',
  'string.trim': '首尾不能有空格',
};

export const ZH_FALLBACK = '格式不正确';

/** Words of joi's English messages (`"x" with value "重点" fails to match the required pattern`, `must be`, …). */
const JOI_ENGLISH =
  /\b(must|is required|is not allowed|not allowed|fails to match|failed custom validation|does not|contains|with value|is not|are not|should)\b/i;

/**
 * Whether a joi error item carries the schema's own Chinese message rather than joi's English default. The quoted
 * parts (label, value) and any regular expression are left out first: a Chinese value in an English message does
 * not make it Chinese.
 */
export function isOwnMessage(item: Pick<Joi.ValidationErrorItem, 'message'>): boolean {
  const text = item.message.replace(/"(?:[^"\\]|\\.)*"/g, '').replace(/\/.*\//g, '');
  return /[\u4e00-\u9fff]/.test(text) && !JOI_ENGLISH.test(text);
}

const GENERIC = new RegExp(
  `^(?:${[...Object.values(ZH_MESSAGES), ZH_FALLBACK]
    .map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\\\{#\w+\\\}\\\}/g, '.*?'))
    .join('|')})$`,
);

/** Whether a message is one of the generic ones above (it says what is wrong, not with which field). */
export function isGenericMessage(message: string): boolean {
  return GENERIC.test(message);
}
