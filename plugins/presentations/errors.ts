// The refusals of the info sessions (宣讲会) services: one table of codes and the Chinese messages users read.
import { appError } from '../../core/http/errors.js';

const E = {
  ROOM_NOT_FOUND: [404, 'NOT_FOUND', '场地不存在'],
  NOT_FOUND: [404, 'NOT_FOUND', '宣讲会不存在'],
  ROOM_NAME_TAKEN: [409, 'ROOM_NAME_TAKEN', '本校已有同名场地，请换一个名称'],
  ROOM_TAKEN: [409, 'ROOM_TAKEN', '该场地在所选时间已被占用，请选择其他时间或场地'],
  NO_ROOMS_ON_MAIN: [422, 'NO_ROOMS_ON_MAIN', '主站不设场地：宣讲会在各校站点举办，场地由各校管理'],
  ROOM_NOT_BOOKABLE: [422, 'ROOM_NOT_BOOKABLE', '该场地暂不开放预约，请选择其他场地'],
  OUTSIDE_HOURS: [422, 'OUTSIDE_HOURS', '所选时间超出该场地的开放时间'],
  SITE_NOT_JOINED: [403, 'SITE_NOT_JOINED', '尚未入驻该学校的站点，入驻审核通过后才能申请宣讲会'],
  JOB_NOT_ACTIVE: [422, 'JOB_NOT_ACTIVE', '只能选择已发布且未失效的职位'],
  PRESENTATION_LOCKED: [409, 'PRESENTATION_LOCKED', '宣讲会审核通过后不能再修改时间、场地和宣讲方式'],
  NOT_EDITABLE: [409, 'NOT_EDITABLE', '已取消或已撤回的宣讲会不能修改'],
  NOT_APPROVED: [409, 'NOT_APPROVED', '宣讲会审核通过后才能下载参会凭证'],
  NOT_CANCELLABLE: [409, 'NOT_CANCELLABLE', '只有待审核或尚未开始的已通过宣讲会可以取消'],
  FORBIDDEN: [403, 'FORBIDDEN', '您只能管理本校站点的场地和宣讲会'],
} as const;

export type PresentationErrorKey = keyof typeof E;

/** The error to throw for `key`. */
export function fail(key: PresentationErrorKey): Error {
  const [status, code, message] = E[key];
  return appError(status, code, message);
}

/** The message of `key`, for checks (such as the tenant scope's) that build their own error. */
export function message(key: PresentationErrorKey): string {
  return E[key][2];
}

/** Constraint names the services translate into their refusals. */
export const ROOM_NAMES_UNIQUE = 'rooms_site_id_name_unique';
export const ROOM_FREE = 'presentations_room_free';
export const PRESENTATION_ROOM_FK = 'presentations_room';
