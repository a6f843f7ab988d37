/**
 * The State Council holiday notices, as maintained in the `chinese-days` package: statutory
 * holidays and 调休 working days, with the years it covers (a year counts as covered once its
 * holidays are published).
 */
import { createRequire } from 'node:module';
import { WorkingCalendar, type CalendarOverride, type HolidayData } from '../core/index.js';

interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let cached: HolidayData | null = null;

export function chineseHolidayData(): HolidayData {
  if (cached) return cached;
  const json = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysJson;
  const holidays = new Set(Object.keys(json.holidays));
  cached = {
    holidays,
    workdays: new Set(Object.keys(json.workdays)),
    coveredYears: new Set([...holidays].map((d) => Number(d.slice(0, 4)))),
  };
  return cached;
}

export function hallCalendar(source: 'chinese-days' | 'weekly', overrides: readonly CalendarOverride[], enteredYears: readonly number[] = []): WorkingCalendar {
  return new WorkingCalendar(source === 'chinese-days' ? chineseHolidayData() : null, overrides, enteredYears);
}
