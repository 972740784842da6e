// The refusals of online signing (网签): one table of codes and the Chinese messages users read.
import { appError } from '../../core/http/errors.js';

const E = {
  ALREADY_PENDING: [409, 'ALREADY_PENDING', '已有一份签约授权申请正在审核中，请等待省级主站审核后再提交'],
} as const;

export type SigningErrorKey = keyof typeof E;

/** The error to throw for `key`. */
export function fail(key: SigningErrorKey): Error {
  const [status, code, message] = E[key];
  return appError(status, code, message);
}

/** The constraint that keeps one pending request per employer. */
export const ONE_PENDING = 'signing_authorizations_one_pending';
