import { describe, expect, it } from 'vitest';
import { chineseHolidayData } from '../calendar/holiday-data.js';
import { calendarAlert } from './alerts.js';
import { WorkingCalendar, calendarGap, type HolidayData } from './calendar.js';
import { at, demoConfig } from './test-support.js';

/** Holiday data published up to 2026, as the installed chinese-days. */
const upTo2026: HolidayData = {
  holidays: new Set(['2026-10-01', '2026-10-02']),
  workdays: new Set(['2026-09-20']),
  coveredYears: new Set([2025, 2026]),
};
const config = demoConfig();

describe('the calendar guard: days ahead the holiday data does not cover [HALL-RULES §1]', () => {
  it('the installed chinese-days covers 2026, so early December 2026 within 60 days reaches into 2027', () => {
    // A check on the data this guard exists for: when it is updated, this test says so.
    expect(new WorkingCalendar(chineseHolidayData()).covers(2026)).toBe(true);
  });

  it('says nothing while every day of the next 60 is known', () => {
    const cal = new WorkingCalendar(upTo2026);
    expect(calendarGap(cal, '2026-11-01', 60)).toBeNull();
    expect(calendarAlert(cal, config, at('09:00', '2026-11-01'))).toBeNull();
  });

  it('raises on the day the first uncovered day comes within 60 days, saying what to do in Chinese', () => {
    const cal = new WorkingCalendar(upTo2026);
    expect(calendarGap(cal, '2026-11-02', 60)).toBeNull(); // 11-02 + 59 days = 12-31
    expect(calendarGap(cal, '2026-11-03', 60)).toEqual({ firstDate: '2027-01-01', days: 1, years: [2027] });
    const alert = calendarAlert(cal, config, at('09:00', '2026-12-15'))!;
    expect(alert).toEqual({
      key: 'calendar-uncovered:2027',
      kind: 'calendar-uncovered',
      since: '2026-12-15T09:00:00.000+08:00',
      message: expect.stringContaining('2027年的法定节假日和调休安排尚未录入（服务器的节假日数据只到2026年）：2027年1月1日起今后60天内有43天无法确定是否上班'),
    });
    expect(alert.message).toContain('请在 管理 → 节假日调整 中录入2027年的节假日和调休');
    expect(alert.message).toContain('或升级服务器的节假日数据（chinese-days）后重启');
    // The same key on every tick, so it is pushed once (the server keeps the first one raised).
    expect(calendarAlert(cal, config, at('16:00', '2026-12-20'))!.key).toBe(alert.key);
  });

  it('an override covers its own day only; a year the hall entered in full covers the rest', () => {
    const overrides = [
      { date: '2027-01-01', working: false, note: '元旦' },
      { date: '2027-01-02', working: false, note: '元旦' },
    ];
    expect(calendarGap(new WorkingCalendar(upTo2026, overrides), '2026-12-20', 60)).toMatchObject({ firstDate: '2027-01-03', days: 46 });
    const entered = new WorkingCalendar(upTo2026, overrides, [2027]);
    expect(calendarGap(entered, '2026-12-20', 60)).toBeNull();
    expect(entered.covers(2027)).toBe(true);
    expect(entered.dayKind('2027-01-01')).toBe('off');
    expect(entered.dayKind('2027-01-04')).toBe('working');
    expect(entered.dayKind('2027-01-09')).toBe('off');
    expect(calendarAlert(entered, config, at('09:00', '2026-12-20'))).toBeNull();
    // 2028 is still unknown.
    expect(entered.dayKind('2028-01-04')).toBe('unknown');
  });

  it('a hall on the weekly calendar (no holiday data) never raises it; the look-ahead is calendar.guardDays', () => {
    expect(calendarAlert(new WorkingCalendar(null), config, at('09:00', '2026-12-20'))).toBeNull();
    const short = demoConfig((c) => void (c.calendar = { source: 'chinese-days', overrides: [], guardDays: 10 }));
    const cal = new WorkingCalendar(upTo2026);
    expect(calendarAlert(cal, short, at('09:00', '2026-12-21'))).toBeNull();
    expect(calendarAlert(cal, short, at('09:00', '2026-12-23'))!.message).toContain('今后10天内有1天');
  });
});
