/**
 * GB 11643-1999 citizen identity number: 6-digit region code, 8-digit birth date,
 * 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character.
 */
import { validDate } from './hall-time.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Province-level codes (first two digits) per GB/T 2260; 71/81/82 are Taiwan, HK, Macao. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
  53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

export type IdNumberProblem = 'format' | 'region' | 'birthDate' | 'checkDigit';

export interface IdNumberInfo {
  valid: true;
  normalized: string;
  birthDate: string;
  sex: 'male' | 'female';
  regionCode: string;
}

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Validates a resident ID; `today` (YYYY-MM-DD) bounds the birth date. */
export function checkIdNumber(
  raw: string,
  today?: string,
): IdNumberInfo | { valid: false; problem: IdNumberProblem } {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { valid: false, problem: 'format' };
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return { valid: false, problem: 'region' };
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!validDate(birth) || birth < '1900-01-01' || (today !== undefined && birth > today)) {
    return { valid: false, problem: 'birthDate' };
  }
  if (idCheckChar(id) !== id[17]) return { valid: false, problem: 'checkDigit' };
  return {
    valid: true,
    normalized: id,
    birthDate: birth,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: id.slice(0, 6),
  };
}

export const ID_PROBLEM_MESSAGES: Record<IdNumberProblem, string> = {
  format: '身份证号码应为18位，最后一位可以是数字或X',
  region: '身份证号码的地区代码不正确',
  birthDate: '身份证号码中的出生日期不正确',
  checkDigit: '身份证号码校验位不正确，请核对后重新输入',
};

/** Age in whole years on `today`. */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

/** 110101********1234-style mask for anyone not authorised to see the whole number. */
export function maskIdNumber(id: string): string {
  return id.length < 10 ? '*'.repeat(id.length) : `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}
