/**
 * Working-day arithmetic and the Chinese wording of dates for the appointment rules. A day the
 * holiday data does not cover is never counted as a working day by guesswork: where a rule
 * needs to know, the booking is refused with a message that says why.
 */
import { HallError, addDays, formatHhmm, localParts, parseHhmm, weekdayOf } from '@hall/shared';
import type { AppointmentContext } from './appointment-state.js';

const WEEKDAY = '日一二三四五六';
/** Far enough for any policy (≤ 60 working days) across the longest holiday; bounds every walk. */
const MAX_WALK_DAYS = 200;

export function offsetOf(ctx: AppointmentContext): number {
  return ctx.config.hall.utcOffsetMinutes;
}

export function todayOf(ctx: AppointmentContext): string {
  return localParts(ctx.now, offsetOf(ctx)).date;
}

/** "11月23日（周一）", with the year when it is not the current one: "2027年1月4日（周一）". */
export function dayText(date: string, today: string): string {
  const [y, m, d] = date.split('-');
  const year = y === today.slice(0, 4) ? '' : `${y}年`;
  return `${year}${Number(m)}月${Number(d)}日（周${WEEKDAY[weekdayOf(date)]}）`;
}

/** "11月20日（周五）16:30". */
export function instantText(ms: number, ctx: AppointmentContext): string {
  const p = localParts(ms, offsetOf(ctx));
  return `${dayText(p.date, todayOf(ctx))}${formatHhmm(p.minuteOfDay)}`;
}

/** "3小时", "90分钟", "1天". */
export function durationText(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}天`;
  if (minutes % 60 === 0) return `${minutes / 60}小时`;
  return `${minutes}分钟`;
}

function uncovered(date: string): HallError {
  return new HallError(
    'NOT_A_WORKING_DAY',
    `${date.slice(0, 4)}年的节假日安排尚未公布（或系统尚未更新），无法确定${date}前后哪些日子上班，暂不接受该日预约`,
  );
}

function isWorking(ctx: AppointmentContext, date: string): boolean {
  const k = ctx.calendar.dayKind(date);
  if (k === 'unknown') throw uncovered(date);
  return k === 'working';
}

/** The n-th working day before `date` (n = 0: `date` itself). */
export function workingDayBefore(ctx: AppointmentContext, date: string, n: number): string {
  let d = date;
  for (let found = 0, steps = 0; found < n; steps++) {
    if (steps > MAX_WALK_DAYS) throw uncovered(d);
    d = addDays(d, -1);
    if (isWorking(ctx, d)) found++;
  }
  return d;
}

/** The n-th working day after `date` (n ≥ 1). */
export function workingDayAfter(ctx: AppointmentContext, date: string, n: number): string {
  let d = date;
  for (let found = 0, steps = 0; found < n; steps++) {
    if (steps > MAX_WALK_DAYS) throw uncovered(d);
    d = addDays(d, 1);
    if (isWorking(ctx, d)) found++;
  }
  return d;
}

/** Working days in (from, to]; stops counting once past `limit` (the caller only compares). */
export function workingDaysBetween(ctx: AppointmentContext, from: string, to: string, limit: number): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to && n <= limit; d = addDays(d, 1)) if (isWorking(ctx, d)) n++;
  return n;
}

/** Opening minutes of an ordinary working day (the first weekday with hours): 420 for 9–12, 13–17. */
export function workingDayMinutes(ctx: AppointmentContext): number {
  for (const wd of ['1', '2', '3', '4', '5'] as const) {
    const p = ctx.config.hours.weekly[wd];
    if (p && p.length > 0) return p.reduce((sum, [a, b]) => sum + parseHhmm(b) - parseHhmm(a), 0);
  }
  return 0;
}

/**
 * The latest instant that still lies `minutes` of opening time before `endMs`: opening time
 * counts only inside the hall's periods on working days. -Infinity when it cannot be found
 * (no working day within reach).
 */
export function openingTimeBefore(ctx: AppointmentContext, endMs: number, minutes: number): number {
  const offset = offsetOf(ctx);
  let need = minutes * 60_000;
  if (need <= 0) return endMs;
  let date = localParts(endMs, offset).date;
  for (let steps = 0; steps <= MAX_WALK_DAYS; steps++, date = addDays(date, -1)) {
    if (ctx.calendar.dayKind(date) !== 'working') continue;
    const dayStart = Date.parse(`${date}T00:00:00Z`) - offset * 60_000;
    for (const [a, b] of [...ctx.hours.periods(date)].reverse()) {
      const s = dayStart + a * 60_000;
      const e = Math.min(dayStart + b * 60_000, endMs);
      if (e <= s) continue;
      if (e - s >= need) return e - need;
      need -= e - s;
    }
  }
  return -Infinity;
}

/** First instant of the month after the one `date` is in: "2026-11-23" → "2026-12-01". */
export function firstOfNextMonth(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** Calendar months later, the day clamped to the month's end: 2026-08-31 + 6 → 2027-02-28. */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m0 = Number(date.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m0 / 12);
  const month = ((m0 % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), last);
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
