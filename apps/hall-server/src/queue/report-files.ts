/**
 * The 统计报表 and the 《延时服务登记表》 as file tables (Chinese headers), written to CSV or XLSX
 * by the same writers as the 《预约登记表》 (`appointments/register-export.ts`).
 */
import type { HallConfig, OvertimeRecord, Report, ReportRow } from '@hall/shared';
import type { FileTable } from '../appointments/register-export.js';

/** Seconds → minutes with one decimal; '' for no figure. */
export const minutesCell = (s: number | null): number | string => (s === null ? '' : Math.round(s / 6) / 10);
/** A share 0…1 → percent with one decimal; '' for no figure. */
export const percentCell = (x: number | null): number | string => (x === null ? '' : Math.round(x * 1000) / 10);

export const REPORT_FIGURE_HEADERS = ['叫号', '办结', '过号', '平均等候(分钟)', 'P90等候(分钟)', '平均办理(分钟)', '限时内办结', '限时办结率(%)'] as const;

/** What the figures mean, written under the title of the file. */
export const REPORT_DEFINITIONS = '等候=取号→叫号；P90=九成群众的等候不超过此值；办理=开始办理（未按开始则为叫号）→办结；限时办结率=限时内办结÷办结';

export function reportTable(r: Report): FileTable {
  const bySvc = r.by === 'service';
  const figures = (x: ReportRow) => [
    x.called,
    x.served,
    x.skipped,
    minutesCell(x.avgWaitSeconds),
    minutesCell(x.p90WaitSeconds),
    minutesCell(x.avgServiceSeconds),
    x.withinTarget,
    percentCell(x.compliance),
  ];
  const row = (x: ReportRow) => (bySvc ? [x.name, x.issued ?? '', ...figures(x)] : [x.name, ...figures(x)]);
  return {
    headers: bySvc ? ['业务', '取号', ...REPORT_FIGURE_HEADERS] : ['窗口', ...REPORT_FIGURE_HEADERS],
    rows: [...r.rows.map(row), row(r.total)],
  };
}

export const OVERTIME_HEADERS = ['日期', '窗口', '工作人员', '工号', '号码', '业务', '下班时间', '办结时间', '延时(分钟)', '超出上限(分钟)'] as const;

export function overtimeTable(records: readonly OvertimeRecord[], config: HallConfig): FileTable {
  const window = (id: string) => {
    const w = config.windows.find((x) => x.id === id);
    return w ? `${w.no}号窗口` : id;
  };
  const staffName = (no: string | null) => (no ? (config.staff.find((s) => s.employeeNo === no)?.name ?? '') : '');
  const service = (code: string) => config.services.find((s) => s.code === code)?.name ?? code;
  return {
    headers: OVERTIME_HEADERS,
    rows: records.map((o) => [
      o.businessDate,
      window(o.windowId),
      staffName(o.staffNo),
      o.staffNo ?? '',
      o.ticketNumber,
      service(o.serviceCode),
      // Stored with the hall's offset: the clock time is the text after 'T'.
      o.closingAt.slice(11, 16),
      o.finishedAt.slice(11, 16),
      o.minutesPastClosing,
      // 延时服务 normally within hours.overtimeLimitMinutes [002 第三条]: empty within it.
      o.minutesOverLimit ? o.minutesOverLimit : '',
    ]),
  };
}
