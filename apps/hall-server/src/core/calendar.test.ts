import { describe, expect, it } from 'vitest';
import { chineseHolidayData } from '../calendar/holiday-data.js';
import { WorkingCalendar, type CalendarOverride, type DayKind, type HolidayData } from './calendar.js';

/** A small hand-made notice for 2026 only: 国庆 Oct 1–4, 调休 on Sun Sep 20 and Sat Oct 10. */
const data2026: HolidayData = {
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04']),
  workdays: new Set(['2026-09-20', '2026-10-10']),
  coveredYears: new Set([2026]),
};

const overrides: CalendarOverride[] = [
  { date: '2026-10-02', working: true, note: '大厅值班开放' },
  { date: '2026-11-23', working: false, note: '停电检修' },
  { date: '2027-01-04', working: false, note: '大厅搬迁' },
  { date: '2027-01-09', working: true, note: '周末办' },
];

describe('WorkingCalendar with holiday data and overrides', () => {
  const cal = new WorkingCalendar(data2026, overrides);

  // date → [dayKind, isWorkingDayOrWeekday]
  const table: [string, string, DayKind, boolean][] = [
    ['statutory holiday (Thursday)', '2026-10-01', 'off', false],
    ['statutory holiday on a Saturday', '2026-10-03', 'off', false],
    ['调休 working Sunday', '2026-09-20', 'working', true],
    ['调休 working Saturday', '2026-10-10', 'working', true],
    ['ordinary Tuesday', '2026-11-24', 'working', true],
    ['ordinary Saturday', '2026-11-28', 'off', false],
    ['ordinary Sunday', '2026-11-29', 'off', false],
    ['holiday the override opens', '2026-10-02', 'working', true],
    ['Monday the override closes', '2026-11-23', 'off', false],
    ['uncovered year, Tuesday', '2027-01-05', 'unknown', true],
    ['uncovered year, Saturday', '2027-01-02', 'unknown', false],
    ['uncovered year, Monday closed by override', '2027-01-04', 'off', false],
    ['uncovered year, Saturday opened by override', '2027-01-09', 'working', true],
  ];
  it.each(table)('%s (%s) → %s, working: %s', (_name, date, kind, working) => {
    expect(cal.dayKind(date)).toBe(kind);
    expect(cal.isWorkingDayOrWeekday(date)).toBe(working);
  });

  it('knows which years it covers', () => {
    expect(cal.covers(2026)).toBe(true);
    expect(cal.covers(2027)).toBe(false);
  });
});

describe('WorkingCalendar without holiday data (weekly source)', () => {
  const cal = new WorkingCalendar(null, [{ date: '2026-11-24', working: false, note: '' }]);
  const table: [string, DayKind][] = [
    ['2026-10-01', 'working'], // no holiday data: a Thursday is a Thursday
    ['2026-11-23', 'working'],
    ['2026-11-24', 'off'], // the override still wins
    ['2026-11-28', 'off'],
    ['2026-09-20', 'off'],
    ['2031-03-03', 'working'],
  ];
  it.each(table)('%s → %s', (date, kind) => {
    expect(cal.dayKind(date)).toBe(kind);
  });
  it('claims every year', () => {
    expect(cal.covers(2031)).toBe(true);
  });
});

describe('WorkingCalendar on the maintained data (chinese-days)', () => {
  const cal = new WorkingCalendar(chineseHolidayData());
  const table: [string, string, DayKind][] = [
    ['National Day', '2026-10-01', 'off'],
    ['National Day week, Wednesday', '2026-10-07', 'off'],
    ['调休 Sunday before National Day', '2026-09-20', 'working'],
    ['调休 Saturday after National Day', '2026-10-10', 'working'],
    ['Spring Festival Monday', '2026-02-16', 'off'],
    ['调休 Saturday before Spring Festival', '2026-02-14', 'working'],
    ['Dragon Boat Festival (Friday)', '2026-06-19', 'off'],
    ['an ordinary Monday', '2026-11-23', 'working'],
    ['an ordinary Saturday', '2026-11-28', 'off'],
    ['a year no notice covers (Monday)', '2099-06-01', 'unknown'],
    ['a year no notice covers (Saturday)', '2099-06-06', 'unknown'],
  ];
  it.each(table)('%s (%s) → %s', (_name, date, kind) => {
    expect(cal.dayKind(date)).toBe(kind);
  });

  it('an uncovered year falls back to Monday–Friday for the queue', () => {
    expect(cal.covers(2099)).toBe(false);
    expect(cal.isWorkingDayOrWeekday('2099-06-01')).toBe(true);
    expect(cal.isWorkingDayOrWeekday('2099-06-06')).toBe(false);
  });
});
