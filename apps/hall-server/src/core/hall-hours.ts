/**
 * Opening hours and ticket-issuing hours of a hall on a given day, from the config's weekly
 * pattern and the working-day calendar. Pure: every answer is a function of its arguments.
 */
import { formatHhmm, localParts, localToMs, parseHhmm, weekdayOf, type HallConfig, type ServiceConfig } from '@hall/shared';
import type { WorkingCalendar } from './calendar.js';

/** Minutes since local midnight, [start, end). */
export type Span = readonly [number, number];

export class HallHours {
  private readonly weekly: Map<number, Span[]>;
  constructor(
    private readonly config: HallConfig,
    private readonly calendar: WorkingCalendar,
  ) {
    this.weekly = new Map();
    for (const [day, list] of Object.entries(config.hours.weekly)) {
      this.weekly.set(Number(day), list.map(([a, b]) => [parseHhmm(a), parseHhmm(b)] as const));
    }
  }

  get offset(): number {
    return this.config.hall.utcOffsetMinutes;
  }

  /** Opening periods of a date; [] on days off. A 调休 weekend working day uses Monday's hours. */
  periods(date: string): Span[] {
    if (!this.calendar.isWorkingDayOrWeekday(date)) return [];
    const own = this.weekly.get(weekdayOf(date)) ?? [];
    if (own.length > 0) return own;
    for (const wd of [1, 2, 3, 4, 5]) {
      const p = this.weekly.get(wd);
      if (p && p.length > 0) return p;
    }
    return [];
  }

  isOpenAt(ms: number): boolean {
    const { date, minuteOfDay } = localParts(ms, this.offset);
    return this.periods(date).some(([a, b]) => minuteOfDay >= a && minuteOfDay < b);
  }

  /** The instant the hall closes on `date`, or null on a day off. */
  closingAt(date: string): number | null {
    const p = this.periods(date);
    return p.length === 0 ? null : localToMs(date, p[p.length - 1]![1], this.offset);
  }

  /** Ticket-issuing spans of a service on a date (hall hours widened/cut by the policies). */
  issueSpans(date: string, service: ServiceConfig): Span[] {
    const p = this.periods(date);
    if (p.length === 0) return [];
    const h = this.config.hours;
    const start = p[0]![0] - h.issueOpensMinutesBefore;
    const end = p[p.length - 1]![1] - h.ticketCutoffMinutes;
    let spans: Span[] = h.issueDuringLunch
      ? [[start, end]]
      : p.map(([a, b], i) => [i === 0 ? start : a, i === p.length - 1 ? end : b] as const);
    if (service.ticketHours) {
      // A service's own issuing hours replace the hall's cutoff (e.g. 综合受理 until 16:45) but
      // stay within the hall's day and its lunch policy.
      const own = service.ticketHours.map(([a, b]) => [parseHhmm(a), parseHhmm(b)] as const);
      const day: Span[] = h.issueDuringLunch
        ? [[start, p[p.length - 1]![1]]]
        : p.map(([a, b], i) => [i === 0 ? start : a, b] as const);
      spans = intersect(day, own);
    }
    return spans.filter(([a, b]) => b > a);
  }

  /** null when a ticket may be issued now; otherwise the Chinese reason. */
  issueRefusal(ms: number, service: ServiceConfig): string | null {
    const { date, minuteOfDay } = localParts(ms, this.offset);
    if (this.periods(date).length === 0) return '今天不是工作日，大厅不办理业务';
    const spans = this.issueSpans(date, service);
    if (spans.some(([a, b]) => minuteOfDay >= a && minuteOfDay < b)) return null;
    const text = spans.map(([a, b]) => `${formatHhmm(a)}–${formatHhmm(b)}`).join('、');
    return spans.length === 0
      ? `“${service.name}”今天不取号`
      : `“${service.name}”的取号时间为 ${text}，现在不能取号`;
  }
}

function intersect(a: Span[], b: Span[]): Span[] {
  const out: Span[] = [];
  for (const [a0, a1] of a) for (const [b0, b1] of b) {
    const s = Math.max(a0, b0);
    const e = Math.min(a1, b1);
    if (e > s) out.push([s, e]);
  }
  return out.sort((x, y) => x[0] - y[0]);
}
