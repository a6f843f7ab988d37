import { describe, it, expect } from 'vitest';
import {
  addDays,
  formatHhmm,
  localDate,
  localParts,
  localToMs,
  parseHhmm,
  parseInstant,
  toIsoLocal,
  validDate,
  weekdayOf,
} from './hall-time.js';

// 2026-11-23 is a Monday. Hall local 09:00 (UTC+8) is 01:00 UTC.
const MON_0900 = Date.UTC(2026, 10, 23, 1, 0);

describe('localParts', () => {
  it('reads hall local time in UTC+8', () => {
    expect(localParts(MON_0900)).toEqual({ date: '2026-11-23', minuteOfDay: 540, weekday: 1 });
  });

  it('switches to the next local day at 16:00 UTC, not at UTC midnight', () => {
    expect(localParts(Date.UTC(2026, 10, 22, 15, 59, 59))).toEqual({ date: '2026-11-22', minuteOfDay: 1439, weekday: 0 });
    expect(localParts(Date.UTC(2026, 10, 22, 16, 0))).toEqual({ date: '2026-11-23', minuteOfDay: 0, weekday: 1 });
    // 06:00 local on Monday is still Sunday in UTC.
    expect(localDate(Date.UTC(2026, 10, 22, 22, 0))).toBe('2026-11-23');
  });

  it('drops seconds rather than rounding up to the next minute', () => {
    expect(localParts(MON_0900 + 59_999).minuteOfDay).toBe(540);
  });

  it('uses another offset when the hall config gives one', () => {
    expect(localParts(MON_0900, 0)).toEqual({ date: '2026-11-23', minuteOfDay: 60, weekday: 1 });
    expect(localParts(MON_0900, -300)).toEqual({ date: '2026-11-22', minuteOfDay: 20 * 60, weekday: 0 });
  });

  it('rolls over the year at local midnight on 31 December', () => {
    expect(localParts(Date.UTC(2026, 11, 31, 16, 0))).toMatchObject({ date: '2027-01-01', minuteOfDay: 0, weekday: 5 });
  });
});

describe('localToMs', () => {
  it('is the inverse of localParts', () => {
    expect(localToMs('2026-11-23', 540)).toBe(MON_0900);
    expect(localToMs('2026-11-23', 0)).toBe(Date.UTC(2026, 10, 22, 16, 0));
    const p = localParts(localToMs('2026-03-01', 13 * 60 + 30));
    expect(p).toMatchObject({ date: '2026-03-01', minuteOfDay: 810 });
  });
});

describe('parseHhmm / formatHhmm', () => {
  it('converts between HH:MM and minutes of the day', () => {
    expect(parseHhmm('09:30')).toBe(570);
    expect(parseHhmm('00:00')).toBe(0);
    expect(parseHhmm('23:59')).toBe(1439);
    expect(formatHhmm(570)).toBe('09:30');
    expect(formatHhmm(810.9)).toBe('13:30');
  });

  it('throws on a malformed time with the text in the message', () => {
    for (const bad of ['9:30', '24:00', '12:60', '0930', '']) {
      expect(() => parseHhmm(bad), bad).toThrow(`bad time of day: ${bad}`);
    }
  });
});

describe('toIsoLocal', () => {
  it('formats an instant with the hall offset and milliseconds', () => {
    expect(toIsoLocal(MON_0900)).toBe('2026-11-23T09:00:00.000+08:00');
    expect(toIsoLocal(MON_0900 + 1234)).toBe('2026-11-23T09:00:01.234+08:00');
    expect(toIsoLocal(Date.UTC(2026, 10, 22, 16, 0))).toBe('2026-11-23T00:00:00.000+08:00');
  });

  it('writes zero, negative and half-hour offsets correctly', () => {
    expect(toIsoLocal(MON_0900, 0)).toBe('2026-11-23T01:00:00.000+00:00');
    expect(toIsoLocal(MON_0900, -300)).toBe('2026-11-22T20:00:00.000-05:00');
    expect(toIsoLocal(MON_0900, 330)).toBe('2026-11-23T06:30:00.000+05:30');
  });
});

describe('parseInstant', () => {
  it('reads a string without an offset as hall local time', () => {
    expect(parseInstant('2026-11-23T09:00')).toBe(MON_0900);
    expect(parseInstant('2026-11-23T09:00:00')).toBe(MON_0900);
    expect(parseInstant('2026-11-23 09:00:00.250')).toBe(MON_0900 + 250);
    expect(parseInstant('2026-11-23')).toBe(localToMs('2026-11-23', 0));
    expect(parseInstant('2026-11-23T09:00', 0)).toBe(Date.UTC(2026, 10, 23, 9, 0));
  });

  it('honours an explicit offset or Z', () => {
    expect(parseInstant('2026-11-23T01:00:00Z')).toBe(MON_0900);
    expect(parseInstant('2026-11-23T09:00:00+08:00')).toBe(MON_0900);
    expect(parseInstant('2026-11-23T09:00:00+0800')).toBe(MON_0900);
    expect(parseInstant('2026-11-22T20:00:00-05:00')).toBe(MON_0900);
  });

  it('round-trips toIsoLocal', () => {
    const ms = MON_0900 + 7 * 3_600_000 + 123;
    expect(parseInstant(toIsoLocal(ms))).toBe(ms);
  });

  it('returns NaN for dates that do not exist, with or without an offset', () => {
    for (const text of ['2026-02-30', '2026-02-29T10:00', '2026-02-30T09:00:00+08:00', '2026-13-01T09:00', '2026-04-31T09:00Z']) {
      expect(parseInstant(text), text).toBeNaN();
    }
  });

  it('returns NaN for impossible times and for text that is not an ISO instant', () => {
    for (const text of ['2026-11-23T24:00', '2026-11-23T09:60', '2026-11-23T09:00:60', '23/11/2026', 'tomorrow', '', '2026-11-23T9:00']) {
      expect(parseInstant(text), text).toBeNaN();
    }
  });

  it('accepts 29 February in a leap year', () => {
    expect(localParts(parseInstant('2028-02-29T10:00'))).toMatchObject({ date: '2028-02-29', minuteOfDay: 600 });
  });
});

describe('validDate', () => {
  it('accepts real calendar dates only', () => {
    expect(validDate('2026-11-23')).toBe(true);
    expect(validDate('2028-02-29')).toBe(true);
    expect(validDate('2000-02-29')).toBe(true);
    expect(validDate('2026-02-29')).toBe(false);
    expect(validDate('1900-02-29')).toBe(false);
    expect(validDate('2026-02-30')).toBe(false);
    expect(validDate('2026-04-31')).toBe(false);
    expect(validDate('2026-00-10')).toBe(false);
    expect(validDate('2026-1-5')).toBe(false);
    expect(validDate('2026-11-23T00:00')).toBe(false);
    expect(validDate('')).toBe(false);
  });
});

describe('addDays / weekdayOf', () => {
  it('moves across month, year and leap-day boundaries', () => {
    expect(addDays('2026-11-23', 1)).toBe('2026-11-24');
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-11-23', 0)).toBe('2026-11-23');
    expect(addDays('2026-11-23', 7)).toBe('2026-11-30');
  });

  it('gives the weekday of a date, 0 = Sunday', () => {
    expect(weekdayOf('2026-11-22')).toBe(0);
    expect(weekdayOf('2026-11-23')).toBe(1);
    expect(weekdayOf('2026-10-01')).toBe(4);
    expect(weekdayOf('2027-01-01')).toBe(5);
  });
});
