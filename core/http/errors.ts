// One error shape for every API response: { statusCode, error, message, code, details? }.
// `appError` is how services fail; `toErrorPayload` maps Boom, joi, objection and pg errors onto the shape.
import Boom from '@hapi/boom';
import type Joi from 'joi';
import { fieldLabel } from './field-labels.js';
import { isGenericMessage, isOwnMessage, ZH_FALLBACK, ZH_MESSAGES } from './joi-zh.js';
import { sqlState } from '../db/errors.js';

export interface ErrorDetail {
  path: string;
  message: string;
}

export interface ErrorPayload {
  statusCode: number;
  error: string;
  message: string;
  code: string;
  details?: ErrorDetail[];
}

interface AppErrorData {
  code: string;
  details?: ErrorDetail[];
}

/** A request-time failure with a stable code and a Chinese message. */
export function appError(
  status: number,
  code: string,
  message: string,
  details?: ErrorDetail[],
): Boom.Boom<AppErrorData> {
  const err = new Boom.Boom<AppErrorData>(message, { statusCode: status, data: { code, details } });
  return err;
}

const DEFAULTS: Record<number, { code: string; message: string }> = {
  400: { code: 'BAD_REQUEST', message: '请求格式不正确' },
  401: { code: 'UNAUTHORIZED', message: '请先登录' },
  403: { code: 'FORBIDDEN', message: '没有权限执行此操作' },
  404: { code: 'NOT_FOUND', message: '请求的资源不存在' },
  405: { code: 'METHOD_NOT_ALLOWED', message: '不支持该请求方法' },
  408: { code: 'REQUEST_TIMEOUT', message: '请求超时，请重试' },
  409: { code: 'CONFLICT', message: '操作与现有数据冲突' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型' },
  422: { code: 'UNPROCESSABLE', message: '请求无法处理' },
  423: { code: 'LOCKED', message: '资源已锁定' },
  429: { code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试' },
  503: { code: 'UNAVAILABLE', message: '服务暂时不可用，请稍后再试' },
};
const INTERNAL = { code: 'INTERNAL', message: '服务器内部错误，请稍后再试' };

function zhMessage(item: Joi.ValidationErrorItem): string {
  const template = ZH_MESSAGES[item.type];
  if (!template) return ZH_FALLBACK;
  const ctx = (item.context ?? {}) as Record<string, unknown>;
  return template.replace(/\{\{#(\w+)\}\}/g, (_m, key: string) => String(ctx[key] ?? ''));
}

/** Joi details → [{ path, message }] in Chinese, one per field. */
export function joiDetails(error: Joi.ValidationError, prefix?: string): ErrorDetail[] {
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  for (const item of error.details) {
    const path = [prefix, ...item.path.map(String)].filter(Boolean).join('.') || '(body)';
    if (seen.has(path)) continue;
    seen.add(path);
    // A schema's own Chinese message (`.messages({...})`) wins over the generic one for its type; joi's English one
    // never goes out, even when the value it quotes is Chinese.
    details.push({ path, message: isOwnMessage(item) ? item.message : zhMessage(item) });
  }
  return details;
}

/** The Chinese name of a joi error item's field: the schema's Chinese `.label()`, else from its path. */
export function joiLabel(item: Joi.ValidationErrorItem, prefix?: string): string | null {
  return fieldLabel([...(prefix ? prefix.split('.') : []), ...item.path], item.context?.label);
}

/**
 * A generic message gets the field's name (“「单位标记第 2 项的标识」格式不正确”); a schema's or service's own message is
 * written to stand alone (“第 2 个单位标记的标识只能包含…”, “最高薪资不能低于最低薪资”) and is kept as it is.
 */
function namedMessage(detail: ErrorDetail, label: string | null): string {
  if (!label || !isGenericMessage(detail.message)) return detail.message;
  return `「${label}」${detail.message}`;
}

/**
 * 400 VALIDATION with field details; the message names the first field in Chinese (`firstLabel`, or the name
 * field-labels.ts gives its path).
 */
export function validationError(details: ErrorDetail[], firstLabel?: string | null): Boom.Boom<AppErrorData> {
  const first = details[0];
  const label = first ? (firstLabel ?? fieldLabel(first.path.split('.'))) : null;
  const message = first ? `提交的信息有误：${namedMessage(first, label)}` : '提交的信息有误';
  return appError(400, 'VALIDATION', message, details);
}

/** Maps objection/pg errors that escaped a service to a 4xx; anything else stays a 500. */
export function fromDatabaseError(err: unknown): Boom.Boom | null {
  const e = err as { name?: string };
  const code = sqlState(err);
  if (e.name === 'NotFoundError') return appError(404, 'NOT_FOUND', DEFAULTS[404]!.message);
  if (e.name === 'ValidationError') return appError(400, 'VALIDATION', '提交的信息有误');
  switch (code) {
    case '23505':
      return appError(409, 'CONFLICT', '该记录已存在');
    case '23503':
      return appError(409, 'CONFLICT', '关联的数据不存在或仍被引用');
    case '23514':
    case '22P02':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
      return appError(400, 'VALIDATION', '提交的信息有误');
    case '22021': // character_not_in_repertoire: a NUL byte in text
    case '22P05': // untranslatable_character: \u0000 in jsonb
      return appError(400, 'VALIDATION', '提交的内容包含不允许的控制字符');
    case '23P01':
      return appError(409, 'CONFLICT', '与现有安排冲突');
    case '40001':
    case '40P01':
      return appError(409, 'CONFLICT', '数据正在被修改，请重试');
    default:
      return null;
  }
}

/** The API error body for any Boom. */
export function toErrorPayload(err: Boom.Boom): ErrorPayload {
  const status = err.output.statusCode;
  const data = (err.data ?? {}) as Partial<AppErrorData>;
  const fallback = DEFAULTS[status] ?? (status >= 500 ? INTERNAL : { code: 'ERROR', message: '请求失败' });
  const payload: ErrorPayload = {
    statusCode: status,
    error: err.output.payload.error,
    message: data.code ? err.message : status >= 500 ? INTERNAL.message : fallback.message,
    code: data.code ?? (status >= 500 ? INTERNAL.code : fallback.code),
  };
  if (status === 401 && !data.code && /expired|invalid|bad/i.test(err.message)) {
    payload.code = 'INVALID_TOKEN';
    payload.message = '登录已失效，请重新登录';
  }
  if (data.details) payload.details = data.details;
  return payload;
}
