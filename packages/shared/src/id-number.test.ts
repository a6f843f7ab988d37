import { describe, it, expect } from 'vitest';
import { ageOn, checkIdNumber, ID_PROBLEM_MESSAGES, idCheckChar, maskIdNumber } from './id-number.js';

// Check characters below were computed by hand with ISO 7064 MOD 11-2 (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2,
// remainder → 1 0 X 9 8 7 6 5 4 3 2), independently of the code under test.
const STANDARD_EXAMPLE = '11010519491231002X'; // the example printed in GB 11643-1999
const OLD_EXAMPLE = '440524188001010014'; // the other GB 11643 example, born 1880
const HENAN_MALE = '411624199006150037';
const LEAP_DAY = '320106200002291230';

describe('checkIdNumber (GB 11643)', () => {
  it('accepts the examples from the standard and reads birth date, sex and region', () => {
    expect(checkIdNumber(STANDARD_EXAMPLE)).toEqual({
      valid: true,
      normalized: STANDARD_EXAMPLE,
      birthDate: '1949-12-31',
      sex: 'female',
      regionCode: '110105',
    });
    expect(checkIdNumber(HENAN_MALE)).toMatchObject({ valid: true, birthDate: '1990-06-15', sex: 'male', regionCode: '411624' });
  });

  it('computes the check character, including X', () => {
    expect(idCheckChar(STANDARD_EXAMPLE.slice(0, 17))).toBe('X');
    expect(idCheckChar(OLD_EXAMPLE.slice(0, 17))).toBe('4');
    expect(idCheckChar(HENAN_MALE.slice(0, 17))).toBe('7');
    expect(idCheckChar('41162420080301002')).toBe('4');
  });

  it('normalises a lowercase x and surrounding spaces typed at the kiosk', () => {
    const r = checkIdNumber('  11010519491231002x ');
    expect(r).toMatchObject({ valid: true, normalized: STANDARD_EXAMPLE });
  });

  it('accepts 29 February in a leap year', () => {
    expect(checkIdNumber(LEAP_DAY)).toMatchObject({ valid: true, birthDate: '2000-02-29' });
  });

  it.each([
    ['17 digits', '41162419900615003'],
    ['19 digits', '4116241990061500377'],
    ['X in the middle', '4116241990X6150037'],
    ['inner spaces', '411624 19900615 0037'],
    ['X before the last place', '4116241990061500X7'],
    ['full-width digits', '４１１６２４１９９００６１５００３７'],
    ['letters', 'ABCDEFGHIJKLMNOPQR'],
    ['15-digit first-generation number', '110105491231002'],
    ['empty', ''],
  ])('reports a format problem for %s', (_label, id) => {
    expect(checkIdNumber(id)).toEqual({ valid: false, problem: 'format' });
  });

  it('reports an unknown province code as a region problem', () => {
    // 00 and 99 are not provinces; the check digit is made valid so only the region is wrong.
    for (const first17 of ['00010519491231002', '99010519491231002']) {
      expect(checkIdNumber(first17 + idCheckChar(first17))).toEqual({ valid: false, problem: 'region' });
    }
  });

  it('reports impossible birth dates', () => {
    for (const first17 of [
      '41162420260230003', // 30 February
      '41162420250229003', // 29 February in a non-leap year
      '41162419901315003', // month 13
      '41162419900600003', // day 0
      '41162418991231003', // before 1900
    ]) {
      expect(checkIdNumber(first17 + idCheckChar(first17)), first17).toEqual({ valid: false, problem: 'birthDate' });
    }
    // The standard's own 1880 example has a correct check digit but falls before the 1900 floor.
    expect(checkIdNumber(OLD_EXAMPLE)).toEqual({ valid: false, problem: 'birthDate' });
    expect(checkIdNumber('110101190001010014')).toMatchObject({ valid: true, birthDate: '1900-01-01' });
  });

  it('rejects a birth date after `today`, and accepts one born today', () => {
    const bornToday = '110101202601010013';
    expect(checkIdNumber(bornToday, '2025-12-31')).toEqual({ valid: false, problem: 'birthDate' });
    expect(checkIdNumber(bornToday, '2026-01-01')).toMatchObject({ valid: true, birthDate: '2026-01-01' });
    // Without `today` the future is not checked.
    expect(checkIdNumber(bornToday)).toMatchObject({ valid: true });
  });

  it('reports a mistyped digit as a check digit problem', () => {
    expect(checkIdNumber('11010519491231002Y')).toEqual({ valid: false, problem: 'format' });
    expect(checkIdNumber('110105194912310021')).toEqual({ valid: false, problem: 'checkDigit' });
    // Two adjacent digits swapped — the kind of typo the check digit exists to catch.
    expect(checkIdNumber('411624199006150307')).toEqual({ valid: false, problem: 'checkDigit' });
    expect(checkIdNumber('411624199006150038')).toEqual({ valid: false, problem: 'checkDigit' });
  });

  it('has a Chinese message for every problem', () => {
    expect(ID_PROBLEM_MESSAGES.checkDigit).toContain('校验位');
    expect(ID_PROBLEM_MESSAGES.birthDate).toContain('出生日期');
    expect(ID_PROBLEM_MESSAGES.format).toContain('18位');
    expect(ID_PROBLEM_MESSAGES.region).toContain('地区');
  });
});

describe('ageOn', () => {
  it('counts whole years, turning a year older on the birthday', () => {
    expect(ageOn('1956-03-15', '2026-03-14')).toBe(69);
    expect(ageOn('1956-03-15', '2026-03-15')).toBe(70);
    expect(ageOn('1956-03-15', '2026-12-31')).toBe(70);
    expect(ageOn('2026-01-01', '2026-01-01')).toBe(0);
  });

  it('treats a 29 February birthday as reached on 1 March in a common year', () => {
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
    expect(ageOn('2000-02-29', '2028-02-29')).toBe(28);
  });
});

describe('maskIdNumber', () => {
  it('keeps the region code and the last four characters only', () => {
    expect(maskIdNumber(STANDARD_EXAMPLE)).toBe('110105********002X');
    expect(maskIdNumber(HENAN_MALE)).toBe('411624********0037');
  });

  it('hides the birth date entirely', () => {
    expect(maskIdNumber(HENAN_MALE)).not.toContain('19900615');
    expect(maskIdNumber(HENAN_MALE)).toHaveLength(18);
  });

  it('masks short input completely rather than leaking most of it', () => {
    expect(maskIdNumber('123456789')).toBe('*********');
    expect(maskIdNumber('')).toBe('');
  });
});
