/**
 * Working days: the State Council's statutory holidays and 调休 working days, from a data set
 * that knows which years it covers, plus the hall's own override table. For a year the data
 * does not cover it refuses to guess: `dayKind` says 'unknown' and callers decide.
 */
import { addDays } from '@hall/shared';

export interface HolidayData {
  /** Dates off work (statutory holidays, including the weekend days inside them). */
  holidays: ReadonlySet<string>;
  /** Weekend dates that are working days (调休上班). */
  workdays: ReadonlySet<string>;
  /** Years for which the data is published. */
  coveredYears: ReadonlySet<number>;
}

export interface CalendarOverride {
  date: string;
  working: boolean;
  note: string;
}

export type DayKind = 'working' | 'off' | 'unknown';

export class WorkingCalendar {
  private readonly overrides: Map<string, CalendarOverride>;
  private readonly enteredYears: ReadonlySet<number>;
  /**
   * `enteredYears`: years whose holidays and 调休 the hall has entered itself as overrides
   * (`calendar.enteredYears`): known even where the data does not reach.
   */
  constructor(
    private readonly data: HolidayData | null,
    overrides: readonly CalendarOverride[] = [],
    enteredYears: readonly number[] = [],
  ) {
    this.overrides = new Map(overrides.map((o) => [o.date, o]));
    this.enteredYears = new Set(enteredYears);
  }

  /** 'unknown' only when no override applies and neither the data nor the hall covers the year. */
  dayKind(date: string): DayKind {
    const o = this.overrides.get(date);
    if (o) return o.working ? 'working' : 'off';
    if (this.data === null) return weekdayKind(date);
    const year = Number(date.slice(0, 4));
    if (!this.data.coveredYears.has(year)) return this.enteredYears.has(year) ? weekdayKind(date) : 'unknown';
    if (this.data.holidays.has(date)) return 'off';
    if (this.data.workdays.has(date)) return 'working';
    return weekdayKind(date);
  }

  /** The year is known: the data covers it, the hall entered it, or there is no data to follow. */
  covers(year: number): boolean {
    return this.data === null || this.data.coveredYears.has(year) || this.enteredYears.has(year);
  }

  /** The newest year the holiday data covers (null: no data, or none). */
  lastDataYear(): number | null {
    if (this.data === null || this.data.coveredYears.size === 0) return null;
    return Math.max(...this.data.coveredYears);
  }

  /** For the queue: an uncovered year falls back to Monday–Friday (the hall still opens). */
  isWorkingDayOrWeekday(date: string): boolean {
    const k = this.dayKind(date);
    return k === 'unknown' ? weekdayKind(date) === 'working' : k === 'working';
  }
}

function weekdayKind(date: string): DayKind {
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  return wd === 0 || wd === 6 ? 'off' : 'working';
}

export interface CalendarGap {
  /** The first day within the look-ahead that is 'unknown'. */
  firstDate: string;
  /** How many days of the look-ahead are 'unknown'. */
  days: number;
  /** The years those days are in. */
  years: number[];
}

/**
 * The calendar guard [HALL-RULES §1]: the days from `today` through `today + lookAheadDays - 1`
 * that neither the holiday data nor an override nor an entered year covers; null when none.
 */
export function calendarGap(calendar: WorkingCalendar, today: string, lookAheadDays: number): CalendarGap | null {
  const unknown: string[] = [];
  for (let i = 0; i < lookAheadDays; i++) {
    const date = addDays(today, i);
    if (calendar.dayKind(date) === 'unknown') unknown.push(date);
  }
  if (unknown.length === 0) return null;
  return { firstDate: unknown[0]!, days: unknown.length, years: [...new Set(unknown.map((d) => Number(d.slice(0, 4))))] };
}
