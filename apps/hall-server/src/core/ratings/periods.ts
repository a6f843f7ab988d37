/**
 * Statistics periods [004 第八条: 一周一统计分析、一月一汇总报告、每季度上报]: the week (Monday to
 * Sunday), the month and the quarter that contain a date, as inclusive business-date ranges.
 */
import { addDays, HallError, validDate, weekdayOf } from '@hall/shared';

export type StatsPeriod = 'week' | 'month' | 'quarter';
export const PERIOD_NAMES: Record<StatsPeriod, string> = { week: '周', month: '月', quarter: '季度' };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function periodRange(period: StatsPeriod, date: string): { from: string; to: string } {
  if (!validDate(date)) throw new HallError('VALIDATION_FAILED', `日期 ${date} 不是有效的日期（应为 YYYY-MM-DD）`);
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  if (period === 'week') {
    const from = addDays(date, -((weekdayOf(date) + 6) % 7));
    return { from, to: addDays(from, 6) };
  }
  const first = period === 'month' ? m : Math.floor((m - 1) / 3) * 3 + 1;
  const last = period === 'month' ? m : first + 2;
  return { from: `${y}-${pad(first)}-01`, to: `${y}-${pad(last)}-${pad(lastDayOfMonth(y, last))}` };
}

/** A month `YYYY-MM` as its first and last dates. */
export function monthRange(month: string): { from: string; to: string } {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new HallError('VALIDATION_FAILED', `月份 ${month} 不正确（应为 YYYY-MM）`);
  return periodRange('month', `${month}-01`);
}
