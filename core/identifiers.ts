// Identifier checks of DOMAIN.md: 统一社会信用代码 (GB 32100-2015), 居民身份证号 (GB 11643-1999), mobile numbers.

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export function normalizeUscc(input: string): string {
  return input.trim().toUpperCase();
}

/** The check character for the first 17 characters of a USCC. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += USCC_CHARSET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

export type UsccCheck = 'ok' | 'shape' | 'check_char';

/** Checks a normalised USCC: its shape (charset, digits in positions 3–8), then its check character. */
export function checkUscc(uscc: string): UsccCheck {
  if (!USCC_SHAPE.test(uscc)) return 'shape';
  return usccCheckChar(uscc.slice(0, 17)) === uscc[17] ? 'ok' : 'check_char';
}

export const USCC_MESSAGES: Record<Exclude<UsccCheck, 'ok'>, string> = {
  shape: '统一社会信用代码应为18位，由数字和大写字母组成（不含I、O、S、V、Z）',
  check_char: '统一社会信用代码校验位不正确，请核对后重新输入',
};

const MOBILE = /^(?:(?:\+|00)86)?(1[3-9]\d{9})$/;

/** The bare 11 digits of a mainland mobile number, or null. */
export function normalizeMobile(input: string): string | null {
  const m = MOBILE.exec(input.replace(/[\s-]/g, ''));
  return m ? m[1]! : null;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of the 17 digits of a 居民身份证号 (ISO 7064 MOD 11-2). */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** 居民身份证号: 17 digits + ISO 7064 MOD 11-2 check; the birth date must be real and in the past. */
export function checkIdNumber(input: string, today = new Date()): boolean {
  const id = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  if (idNumberCheckChar(id) !== id[17]) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return false;
  return birth.getTime() < today.getTime() && y >= 1850;
}
