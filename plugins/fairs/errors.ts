// The refusals of the fairs service: one table of codes and the Chinese messages users read, shared by its parts.
import { appError } from '../../core/http/errors.js';

const E = {
  NOT_FOUND: [404, 'NOT_FOUND', '招聘会不存在'],
  BOOKING_NOT_FOUND: [404, 'NOT_FOUND', '预定记录不存在'],
  BOOTH_NOT_FOUND: [404, 'NOT_FOUND', '展位不存在'],
  VENUE_NOT_FOUND: [404, 'NOT_FOUND', '分会场不存在'],
  BOOTH_HAS_BOOKINGS: [409, 'BOOTH_HAS_BOOKINGS', '该展位已有预定记录，不能删除'],
  VENUE_HAS_BOOKINGS: [409, 'VENUE_HAS_BOOKINGS', '该分会场的展位已有预定记录，不能删除'],
  LAST_VENUE: [409, 'LAST_VENUE', '每场招聘会至少保留一个分会场，不能删除最后一个分会场'],
  LAST_BOOTH: [409, 'LAST_BOOTH', '每个分会场至少保留一个展位；不再需要该分会场时，请删除分会场'],
  BOOTH_TAKEN: [409, 'BOOTH_TAKEN', '该展位已被预定，请选择其他展位'],
  ALREADY_BOOKED: [409, 'ALREADY_BOOKED', '贵单位已预定本场招聘会，不能重复预定'],
  BOOKING_CLOSED: [409, 'BOOKING_CLOSED', '不在本场招聘会的预定时间内'],
  SITE_NOT_JOINED: [403, 'SITE_NOT_JOINED', '尚未入驻举办学校的站点，审核通过后才能预定展位'],
  JOB_NOT_ACTIVE: [422, 'JOB_NOT_ACTIVE', '只能选择已发布且未失效的职位'],
  FAIR_STARTED: [409, 'FAIR_STARTED', '招聘会已开始，不能再修改预定'],
  NOT_CANCELLABLE: [409, 'NOT_CANCELLABLE', '只有待审核的预定可以取消'],
  NOT_APPROVED: [409, 'NOT_APPROVED', '预定审核通过后才能选展'],
  NOT_AFTER_APPROVAL: [409, 'NOT_AFTER_APPROVAL', '本场招聘会在预定时选择展位，不能另行选展'],
  BOOTH_CHOSEN: [409, 'BOOTH_CHOSEN', '已选择展位，不能重复选展'],
  NOT_FAIR_DAY: [409, 'NOT_FAIR_DAY', '只能在招聘会当天签到'],
  CHECK_IN_NOT_APPROVED: [409, 'NOT_APPROVED', '预定审核通过后才能签到'],
  PAYMENT_NOT_REQUIRED: [409, 'PAYMENT_NOT_REQUIRED', '本场招聘会无需缴费或当前无需上传缴费凭证'],
  PAYMENT_NOT_SUBMITTED: [409, 'PAYMENT_NOT_SUBMITTED', '该预定没有待确认的缴费凭证'],
  BOOKING_ENDED: [409, 'BOOKING_ENDED', '该预定已取消或未通过审核，不能再办理缴费、修改或签到'],
  NOT_REFUND_DUE: [409, 'NOT_REFUND_DUE', '该预定没有待退款的费用'],
  FORBIDDEN: [403, 'FORBIDDEN', '您只能管理本校站点的招聘会'],
} as const;

export type FairErrorKey = keyof typeof E;

/** The error to throw for `key`. */
export function fail(key: FairErrorKey): Error {
  const [status, code, message] = E[key];
  return appError(status, code, message);
}

/** The message of `key`, for checks (such as the tenant scope's) that build their own error. */
export function message(key: FairErrorKey): string {
  return E[key][2];
}

/** Constraint names the services translate into their refusals. */
export const BOOTH_CODES_UNIQUE = 'fair_booths_venue_id_code_unique';
export const VENUE_NAMES_UNIQUE = 'fair_venues_fair_id_name_unique';
export const BOOKING_BOOTH_FK = 'fair_bookings_booth';
export const ONE_PER_BOOTH = 'fair_bookings_one_per_booth';
export const ONE_PER_EMPLOYER = 'fair_bookings_one_per_employer';
