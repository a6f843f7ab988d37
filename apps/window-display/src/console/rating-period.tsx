/** The statistics periods of the 好差评 pages [004 第八条: 一周一统计、一月一汇总、每季度上报]: pure helpers and the picker. */
export type Period = 'week' | 'month' | 'quarter';
export const PERIOD_NAMES: Record<Period, string> = { week: '周', month: '月', quarter: '季度' };

/** The same period one step earlier or later (a week is 7 days, a quarter 3 months). */
export function stepPeriod(period: Period, date: string, dir: -1 | 1): string {
  if (period === 'week') {
    const d = new Date(`${date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 7 * dir);
    return d.toISOString().slice(0, 10);
  }
  const months = period === 'month' ? 1 : 3;
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months * dir;
  const d = new Date(Date.UTC(y, m, 1));
  return d.toISOString().slice(0, 10);
}

/** The week (Monday–Sunday), month or quarter containing `date`, as the server counts them. */
export function periodRange(period: Period, date: string): { from: string; to: string } {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  if (period === 'week') {
    const d = new Date(`${date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    const from = d.toISOString().slice(0, 10);
    d.setUTCDate(d.getUTCDate() + 6);
    return { from, to: d.toISOString().slice(0, 10) };
  }
  const first = period === 'month' ? m : Math.floor((m - 1) / 3) * 3 + 1;
  const last = period === 'month' ? m : first + 2;
  return { from: new Date(Date.UTC(y, first - 1, 1)).toISOString().slice(0, 10), to: new Date(Date.UTC(y, last, 0)).toISOString().slice(0, 10) };
}

/** 2026年11月23日—11月29日, 2026年11月, 2026年第4季度. */
export function periodText(period: Period, date: string): string {
  const { from, to } = periodRange(period, date);
  const y = from.slice(0, 4);
  if (period === 'month') return `${y}年${Number(from.slice(5, 7))}月`;
  if (period === 'quarter') return `${y}年第${Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1}季度`;
  return `${y}年${Number(from.slice(5, 7))}月${Number(from.slice(8, 10))}日—${Number(to.slice(5, 7))}月${Number(to.slice(8, 10))}日`;
}

export function PeriodPicker({ period, date, onChange, testId }: { period: Period; date: string; onChange: (p: Period, date: string) => void; testId: string }) {
  return (
    <span className="period-picker">
      <span className="rseg" role="group" aria-label="统计周期">
        {(Object.keys(PERIOD_NAMES) as Period[]).map((p) => (
          <button key={p} type="button" className={p === period ? 'rseg-btn on' : 'rseg-btn'} aria-pressed={p === period} data-testid={`${testId}-${p}`} onClick={() => onChange(p, date)}>
            按{PERIOD_NAMES[p]}
          </button>
        ))}
      </span>
      <button type="button" className="btn small" aria-label={`上一${PERIOD_NAMES[period]}`} data-testid={`${testId}-prev`} onClick={() => onChange(period, stepPeriod(period, date, -1))}>
        ‹
      </button>
      <b data-testid={testId}>{periodText(period, date)}</b>
      <button type="button" className="btn small" aria-label={`下一${PERIOD_NAMES[period]}`} data-testid={`${testId}-next`} onClick={() => onChange(period, stepPeriod(period, date, 1))}>
        ›
      </button>
    </span>
  );
}

