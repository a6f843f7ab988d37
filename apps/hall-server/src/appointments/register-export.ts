/**
 * 《预约登记表》 as files: one table (Chinese headers, ID numbers masked, hall-local dates as text)
 * written either as CSV or as an XLSX workbook, so the two can never show different columns.
 * The writers (`tableCsv`, `tableXlsx`) are the hall's one way of writing a table to a file: the
 * 统计报表 and the 《延时服务登记表》 use them too.
 */
import { BOOKING_CHANNEL_NAMES, maskIdNumber, type HallConfig } from '@hall/shared';
import ExcelJS from 'exceljs';
import { APPOINTMENT_STATUS_NAMES, type Appointment } from '../core/appointments/index.js';

export const REGISTER_HEADERS = ['预约码', '业务', '日期', '时段', '姓名', '身份证号', '手机号', '渠道', '录入人', '状态'] as const;

export interface RegisterTable {
  headers: readonly string[];
  rows: string[][];
}

/** A table for a file: text cells stay text; number cells are numbers in the spreadsheet. */
export interface FileTable {
  headers: readonly string[];
  rows: (string | number)[][];
}

/** Who entered a booking, as the register shows it: 姓名（工号）; empty for the applicant's own online booking. */
export function enteredByText(a: Appointment): string {
  const by = a.enteredBy;
  if (!by) return '';
  const name = by.name ?? by.id;
  return by.employeeNo ? `${name}（${by.employeeNo}）` : name;
}

export function registerTable(appointments: readonly Appointment[], config: HallConfig): RegisterTable {
  const serviceName = (code: string) => config.services.find((s) => s.code === code)?.name ?? code;
  return {
    headers: REGISTER_HEADERS,
    rows: appointments.map((a) => [
      a.code,
      serviceName(a.serviceCode),
      a.date,
      // The slot's own offset is the hall's: its clock time is the text between 'T' and the seconds.
      `${a.start.slice(11, 16)}-${a.end.slice(11, 16)}`,
      a.name,
      maskIdNumber(a.idNumber),
      a.phone,
      BOOKING_CHANNEL_NAMES[a.channel] ?? a.channel,
      enteredByText(a),
      APPOINTMENT_STATUS_NAMES[a.status],
    ]),
  };
}

/**
 * CSV with a BOM (Excel opens it as UTF-8) and CRLF. A cell that a spreadsheet would read as a
 * formula (a name typed as "=…") is prefixed with an apostrophe.
 */
export function tableCsv(t: FileTable): string {
  const cell = (value: string | number) => {
    if (typeof value === 'number') return String(value);
    const raw = value;
    const v = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
    return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  return `\uFEFF${[t.headers, ...t.rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export const registerCsv = (t: RegisterTable): string => tableCsv(t);

export interface RegisterMeta {
  hallName: string;
  fromDate: string;
  toDate: string;
  /** The service's name when the register is of one service. */
  serviceName: string | null;
  /** Hall-local time of the export, e.g. 2026-11-23 09:30. */
  exportedAt: string;
}

export function dateRangeText(from: string, to: string): string {
  return from === to ? from : `${from} 至 ${to}`;
}

/** Display width in a spreadsheet column: CJK and full-width characters count two. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/**
 * The workbook: a title row 《预约登记表》 with the hall's name, a line with the date range, the
 * service, the count and the export time, then the header row (frozen, filterable, repeated on
 * every printed page) and one row per booking. Every cell is text: dates and times stay the
 * hall's local ones whatever the time zone of the computer that opens the file.
 */
export function registerXlsx(t: RegisterTable, meta: RegisterMeta): Promise<Buffer> {
  return tableXlsx(t, {
    sheetName: '预约登记表',
    title: `${meta.hallName}《预约登记表》`,
    subtitle: [`日期：${dateRangeText(meta.fromDate, meta.toDate)}`, `业务：${meta.serviceName ?? '全部'}`, `共 ${t.rows.length} 条`, `导出时间：${meta.exportedAt}`].join('\u3000'),
    creator: meta.hallName,
  });
}

export interface SheetMeta {
  sheetName: string;
  /** Row 1, merged across the table. */
  title: string;
  /** Row 2, merged across the table. */
  subtitle: string;
  creator: string;
  /** The last row is a total (合计): bold. */
  totalRow?: boolean;
}

/**
 * One sheet: the title and subtitle rows, the header row (frozen, filterable, repeated on every
 * printed page) and one row per table row. Text cells are formatted as text (a code or phone
 * number is never turned into a number); number cells stay numbers, so a manager can sum them.
 */
export async function tableXlsx(t: FileTable, meta: SheetMeta): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.creator;
  wb.title = meta.sheetName;
  const ws = wb.addWorksheet(meta.sheetName, {
    views: [{ state: 'frozen', ySplit: 3 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' },
  });
  const cols = t.headers.length;
  const lastCol = ws.getColumn(cols).letter;

  ws.mergeCells(`A1:${lastCol}1`);
  const title = ws.getCell('A1');
  title.value = meta.title;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;

  ws.mergeCells(`A2:${lastCol}2`);
  const sub = ws.getCell('A2');
  sub.value = meta.subtitle;
  sub.alignment = { horizontal: 'center', vertical: 'middle' };

  const head = ws.getRow(3);
  head.values = [...t.headers];
  head.font = { bold: true };
  head.alignment = { horizontal: 'center', vertical: 'middle' };
  const thin = { style: 'thin' as const };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  for (let c = 1; c <= cols; c++) {
    const cell = head.getCell(c);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    cell.border = border;
  }
  t.rows.forEach((r, i) => {
    const row = ws.addRow(r);
    if (meta.totalRow && i === t.rows.length - 1) row.font = { bold: true };
    for (let c = 1; c <= cols; c++) {
      const cell = row.getCell(c);
      if (typeof r[c - 1] !== 'number') cell.numFmt = '@';
      cell.border = border;
    }
  });
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: cols } };

  for (let c = 1; c <= cols; c++) {
    const widest = Math.max(textWidth(t.headers[c - 1]!), ...t.rows.map((r) => textWidth(String(r[c - 1] ?? ''))));
    // Never exactly 9: exceljs takes 9 for its default width and leaves the column out of the file.
    ws.getColumn(c).width = Math.min(40, Math.max(10, widest + 3));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** `attachment` with an ASCII fallback name and the real (Chinese) one in RFC 5987 form. */
export function attachmentHeader(asciiName: string, utf8Name: string): string {
  const encoded = encodeURIComponent(utf8Name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}
