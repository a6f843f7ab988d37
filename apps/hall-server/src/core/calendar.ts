/**
 * Working days: the State Council's statutory holidays and 调休 working days, from a data set
 * that knows which years it covers, plus the hall's own override table. For a year the data
 * does not cover it refuses to guess: `dayKind` says 'unknown' and callers decide.
 */
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
  constructor(
    private readonly data: HolidayData | null,
    overrides: readonly CalendarOverride[] = [],
  ) {
    this.overrides = new Map(overrides.map((o) => [o.date, o]));
  }

  /** 'unknown' only when no override applies and the data does not cover the year. */
  dayKind(date: string): DayKind {
    const o = this.overrides.get(date);
    if (o) return o.working ? 'working' : 'off';
    if (this.data === null) return weekdayKind(date);
    if (!this.data.coveredYears.has(Number(date.slice(0, 4)))) return 'unknown';
    if (this.data.holidays.has(date)) return 'off';
    if (this.data.workdays.has(date)) return 'working';
    return weekdayKind(date);
  }

  covers(year: number): boolean {
    return this.data === null || this.data.coveredYears.has(year);
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
