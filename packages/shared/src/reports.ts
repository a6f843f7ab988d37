/**
 * 统计报表 (issue #6): the query of `GET /api/reports`, the answer's shape, and the report periods
 * (a hall-local day, a Monday–Sunday week, a calendar month) — shared so that the console steps
 * 前一/后一 exactly as the server cuts its periods.
 */
import { z } from 'zod';
import { addDays, validDate, weekdayOf } from './hall-time.js';

export const REPORT_PERIODS = ['day', 'week', 'month'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];
export const REPORT_PERIOD_NAMES: Record<ReportPeriod, string> = { day: '日', week: '周', month: '月' };
export type ReportBy = 'service' | 'window';

const dateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD');

/** `GET /api/reports`: the period containing `date` (today by default), rows per service or per window. */
export const ReportQuery = z.strictObject({
  period: z.enum(REPORT_PERIODS).optional(),
  date: dateText.optional(),
  by: z.enum(['service', 'window']).optional(),
  format: z.enum(['json', 'csv', 'xlsx']).optional(),
});

/** `GET /api/overtime`: the 延时服务登记表 of the period containing `date` (a day by default). */
export const OvertimeQuery = z.strictObject({
  period: z.enum(REPORT_PERIODS).optional(),
  date: dateText.optional(),
  format: z.enum(['json', 'csv', 'xlsx']).optional(),
});

export interface ReportRange {
  period: ReportPeriod;
  /** First and last hall-local date of the period, inclusive. */
  from: string;
  to: string;
  /** e.g. 2026年11月23日 · 2026年11月23日—11月29日（第48周）· 2026年11月 */
  label: string;
  /** A date in the period before / after (what 前一/后一 show). */
  prev: string;
  next: string;
}

const cn = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** ISO 8601 week number of a date (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(date: string): { year: number; week: number } {
  const thursday = addDays(date, 3 - ((weekdayOf(date) + 6) % 7));
  const year = Number(thursday.slice(0, 4));
  const dayOfYear = (Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / 86_400_000;
  return { year, week: Math.floor(dayOfYear / 7) + 1 };
}

/** The day, the Monday–Sunday week or the calendar month that holds `date` (a valid YYYY-MM-DD). */
export function reportRange(period: ReportPeriod, date: string): ReportRange {
  if (!validDate(date)) throw new RangeError(`not a date: ${date}`);
  if (period === 'day') {
    return { period, from: date, to: date, label: `${date.slice(0, 4)}年${cn(date)}`, prev: addDays(date, -1), next: addDays(date, 1) };
  }
  if (period === 'week') {
    const from = addDays(date, -((weekdayOf(date) + 6) % 7));
    const to = addDays(from, 6);
    const { week } = isoWeek(from);
    return { period, from, to, label: `${from.slice(0, 4)}年${cn(from)}—${cn(to)}（第${week}周）`, prev: addDays(from, -7), next: addDays(from, 7) };
  }
  const from = `${date.slice(0, 7)}-01`;
  const next = addDays(from, 32).slice(0, 7) + '-01';
  const to = addDays(next, -1);
  return { period, from, to, label: `${from.slice(0, 4)}年${Number(from.slice(5, 7))}月`, prev: `${addDays(from, -1).slice(0, 7)}-01`, next };
}

/** Every date from `from` to `to`, inclusive. */
export function datesOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** One row of a report: a service, a window, or the whole hall (合计). */
export interface ReportRow {
  /** Service code or window id; `total` for the 合计 row. */
  key: string;
  /** 业务 name, or 「N号窗口 名称」. */
  name: string;
  /** Tickets the service gave out (a transfer-in is not a new issue; a ticket voided on its day — never printed — is not counted). Null for a window: windows call tickets, they do not issue them. */
  issued: number | null;
  /** Tickets called (叫号) — for a service, its tickets called anywhere; for a window, tickets it called. */
  called: number;
  /** Services finished (办结). */
  served: number;
  /** Tickets left as 过号: skipped, or called and never started when the day ended (a skipped ticket that came back and was served counts as served). */
  skipped: number;
  /** Issue → first call, in seconds, over tickets called (not counting transfer-ins, whose issue time is the original one). */
  avgWaitSeconds: number | null;
  /** 90th percentile of the same waits (nearest rank: the smallest wait that at least 90% of waits do not exceed). */
  p90WaitSeconds: number | null;
  /** 开始办理 (or the call, when the window finished without pressing 开始) → 办结, over services finished. */
  avgServiceSeconds: number | null;
  /** Services finished within their service's 限时办结 target (targetMinutes). */
  withinTarget: number;
  /** withinTarget / served, 0…1; null when nothing was finished. */
  compliance: number | null;
}

export interface ReportDay {
  date: string;
  issued: number;
  served: number;
  skipped: number;
  avgWaitSeconds: number | null;
  compliance: number | null;
}

/** `GET /api/reports` as JSON. */
export interface Report {
  period: ReportPeriod;
  by: ReportBy;
  from: string;
  to: string;
  label: string;
  prev: string;
  next: string;
  rows: ReportRow[];
  total: ReportRow;
  /** The hall's figures day by day (one entry per date of the period), for the trend chart. */
  days: ReportDay[];
}
