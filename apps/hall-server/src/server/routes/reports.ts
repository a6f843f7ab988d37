/**
 * 统计报表 for managers: a day, a Monday–Sunday week or a calendar month (hall-local dates), per
 * service or per window, as JSON or as a CSV / XLSX file with a Chinese filename (RFC 5987).
 * The figures are computed by `core/reports.ts`; this file reads the period's tickets and writes files.
 */
import { HallError, ReportQuery, datesOf, localDate, reportRange, validDate, type ReportPeriod } from '@hall/shared';
import { attachmentHeader, tableCsv, tableXlsx, type FileTable } from '../../appointments/register-export.js';
import { buildReport } from '../../core/reports.js';
import { REPORT_DEFINITIONS, reportTable } from '../../queue/report-files.js';
import { route, type RouteSpec } from '../route-kit.js';
import type { HallContext } from '../hall-context.js';
import type { FastifyReply } from 'fastify';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The period holding `date` (today by default); a date that does not exist is refused in Chinese. */
export function periodOf(hall: HallContext, period: ReportPeriod | undefined, date: string | undefined) {
  const day = date ?? localDate(hall.queue.clock.now(), hall.config.hall.utcOffsetMinutes);
  if (!validDate(day)) throw new HallError('VALIDATION_FAILED', `日期 ${day} 不存在，请核对`);
  return reportRange(period ?? 'day', day);
}

/** How a period reads in a filename: 2026-11-23, 2026-11-23至2026-11-29, 2026-11. */
export function periodFileText(r: { period: ReportPeriod; from: string; to: string }): { ascii: string; text: string } {
  if (r.period === 'day') return { ascii: r.from, text: r.from };
  if (r.period === 'month') return { ascii: r.from.slice(0, 7), text: `${r.from.slice(0, 4)}年${Number(r.from.slice(5, 7))}月` };
  return { ascii: `${r.from}_${r.to}`, text: `${r.from}至${r.to}` };
}

/** Sends a table as CSV or XLSX under `name` (Chinese) / `ascii` (fallback), both without extension. */
export async function sendTable(
  reply: FastifyReply,
  format: 'csv' | 'xlsx',
  table: FileTable,
  names: { ascii: string; text: string },
  sheet: { sheetName: string; title: string; subtitle: string; creator: string; totalRow?: boolean },
): Promise<string | Buffer> {
  if (format === 'csv') {
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachmentHeader(`${names.ascii}.csv`, `${names.text}.csv`));
    return tableCsv(table);
  }
  const file = await tableXlsx(table, sheet);
  reply.header('content-type', XLSX_TYPE).header('content-disposition', attachmentHeader(`${names.ascii}.xlsx`, `${names.text}.xlsx`));
  return file;
}

export function reportRoutes(hall: HallContext): RouteSpec<never, never, never>[] {
  return [
    route({
      method: 'GET',
      url: '/api/reports',
      summary:
        '统计报表：某日、某周（周一至周日）或某月（period=day|week|month，date 为其中任一天，缺省今天），按业务或按窗口（by=service|window）的取号、叫号、办结、过号、平均与 P90 等候（取号→叫号）、平均办理时长（开始办理或叫号→办结）、限时办结率；可导出 CSV 或 Excel（format=csv|xlsx）',
      tags: ['统计'],
      access: ['manager'],
      query: ReportQuery,
      returns: '{"period","by","from","to","label","prev","next","rows":[row],"total":row,"days":[…]}，或 CSV / XLSX 文件（文件名为中文，RFC 5987）',
      handler: async ({ query, reply }) => {
        const range = periodOf(hall, query.period, query.date);
        const by = query.by ?? 'service';
        const tickets = datesOf(range.from, range.to).flatMap((d) => hall.store.ticketsOfDay(d));
        const report = buildReport(hall.config, range, by, tickets);
        if (query.format === undefined || query.format === 'json') return report;
        const byText = by === 'service' ? '按业务' : '按窗口';
        const when = periodFileText(range);
        const exportedAt = hall.queue.nowIso().slice(0, 16).replace('T', ' ');
        return sendTable(
          reply,
          query.format,
          reportTable(report),
          { ascii: `report-${by}-${when.ascii}`, text: `统计报表-${byText}-${when.text}` },
          {
            sheetName: '统计报表',
            title: `${hall.config.hall.name}统计报表（${byText}）`,
            subtitle: [`统计周期：${range.label}`, `导出时间：${exportedAt}`, REPORT_DEFINITIONS].join('\u3000'),
            creator: hall.config.hall.name,
            totalRow: true,
          },
        );
      },
    }),
  ];
}
