// The refusals of online signing's agreements (网签协议): one table of codes and the Chinese messages users read.
import { appError } from '../../core/http/errors.js';

const E = {
  NOT_FOUND: [404, 'NOT_FOUND', '协议不存在'],
  FORBIDDEN: [403, 'FORBIDDEN', '只有学生所在学校的管理员可以处理该协议'],
  INVALID_STATE: [409, 'INVALID_STATE', '协议当前的状态不允许该操作'],
  NOT_SIGNED: [409, 'NOT_SIGNED', '协议经学校确认签约后才能下载协议书'],
  STUDENT_HAS_AGREEMENT: [
    409,
    'STUDENT_HAS_AGREEMENT',
    '该学生已有生效或待学校确认的协议，不能再接受其他签约',
  ],
  INVITATION_EXPIRED: [409, 'INVITATION_EXPIRED', '该签约邀请已过应约截止日期'],
  STUDENT_NOT_FOUND: [
    404,
    'STUDENT_NOT_FOUND',
    '未找到该学生：请先在“发送签约邀请”中按学号和姓名或身份证号查找，或从拟录用名单中选择',
  ],
  STUDENT_NOT_ELIGIBLE: [422, 'STUDENT_NOT_ELIGIBLE', '该学生不能进行网签'],
  ALREADY_INVITED: [409, 'ALREADY_INVITED', '已向该学生发出签约邀请或已与其签约，不能重复邀约'],
} as const;

export type AgreementErrorKey = keyof typeof E;

/** The error to throw for `key`. */
export function fail(key: AgreementErrorKey, message?: string): Error {
  const [status, code, text] = E[key];
  return appError(status, code, message ?? text);
}

/** The Chinese message of `key` (per-student refusals of a batch, page notices). */
export function messageOf(key: AgreementErrorKey): string {
  return E[key][2];
}

/** The partial unique index that keeps one agreement in force per student. */
export const ONE_ACTIVE = 'agreements_one_active_per_student';
/** The partial unique index that keeps one live invitation or agreement per employer and student. */
export const ONE_LIVE = 'agreements_one_live_per_employer';
