/**
 * 统计报表 over HTTP on a real server under the fake clock: three hall days are played through the
 * real API (issue, call, start, skip, finish at known times, at two windows for two services, a
 * ticket left waiting, a kiosk ticket voided, a service run past closing), and the test keeps its
 * own ledger of those times. Every figure the manager reads — issued, called, served, 过号, average
 * and P90 wait, average service time, 限时办结 compliance — is computed from the ledger here and
 * must equal the JSON, the parsed XLSX and the CSV; the day's figures stay the same after the day
 * is over (the rollover cancels what was left); weeks run Monday–Sunday and months are calendar
 * months. The 《延时服务登记表》 downloads as XLSX and CSV with Chinese headers and filenames.
 */
import type { Report, ReportRow } from '@hall/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personId } from './support/people.js';
import { KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

// ---------------------------------------------------------------- the test's own ledger

interface Entry {
  date: string;
  number: string;
  service: string;
  window: string | null;
  issued: string;
  called: string | null;
  started: string | null;
  finished: string | null;
  skipped: boolean;
}

const TARGET_MINUTES: Record<string, number> = { BDC: 40, SW: 15, SB: 15, YB: 15 };
const ms = (iso: string) => new Date(iso).getTime();

/** Figures of ledger entries, computed the plain way. P90: sort, take the ⌈0.9·n⌉-th (nearest rank). */
function expected(entries: Entry[]) {
  const waits = entries.filter((e) => e.called).map((e) => (ms(e.called!) - ms(e.issued)) / 1000);
  const finished = entries.filter((e) => e.finished);
  const services = finished.map((e) => (ms(e.finished!) - ms(e.started ?? e.called!)) / 1000);
  const within = finished.filter((e, i) => services[i]! <= TARGET_MINUTES[e.service]! * 60).length;
  const avg = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);
  const sorted = [...waits].sort((a, b) => a - b);
  return {
    issued: entries.length,
    called: waits.length,
    served: finished.length,
    skipped: entries.filter((e) => e.skipped).length,
    avgWaitSeconds: avg(waits),
    p90WaitSeconds: sorted.length ? sorted[Math.ceil(sorted.length * 0.9) - 1]! : null,
    avgServiceSeconds: avg(services),
    withinTarget: within,
    compliance: finished.length ? within / finished.length : null,
  };
}

/** A ReportRow's figures (without key/name), to compare with `expected`. */
function figuresOf(r: ReportRow, withIssued = true) {
  const { key: _k, name: _n, issued, ...rest } = r;
  return withIssued ? { issued, ...rest } : rest;
}
// Half up, in integers: 1449 s is 24.15 min → 24.2.
const minutes = (s: number | null) => (s === null ? '' : Math.round((s * 10) / 60) / 10);
const percent = (x: number | null) => (x === null ? '' : Math.round(x * 1000) / 10);
/** The row a manager reads in the file, from the ledger. */
const fileRow = (name: string, e: ReturnType<typeof expected>, withIssued = true) => [
  name,
  ...(withIssued ? [e.issued] : []),
  e.called,
  e.served,
  e.skipped,
  minutes(e.avgWaitSeconds),
  minutes(e.p90WaitSeconds),
  minutes(e.avgServiceSeconds),
  e.withinTarget,
  percent(e.compliance),
];

// ---------------------------------------------------------------- the hall days

let h: TestHall;
let manager: string;
const ledger: Entry[] = [];
let dayOneReport: { service: Report; window: Report };
const tokens = new Map<string, string>();

async function setClock(date: string, hhmm: string) {
  const r = await h.api('POST', '/api/test-clock', { set: `${date}T${hhmm}:00+08:00` });
  expect(r.status).toBe(200);
}
const now = (date: string, hhmm: string) => `${date}T${hhmm}:00+08:00`;

async function issue(date: string, hhmm: string, service: string): Promise<Entry> {
  await setClock(date, hhmm);
  // Each person brings an ID card (不动产 is 实名取号).
  const r = await h.api<{ number: string; id: string }>('POST', '/api/tickets', { serviceCode: service, idNumber: personId(ledger.length + 1) }, KIOSK_KEY);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const e: Entry = { date, number: r.body.number, service, window: null, issued: now(date, hhmm), called: null, started: null, finished: null, skipped: false };
  ledger.push(e);
  return e;
}

async function act(date: string, hhmm: string, windowId: string, action: 'call-next' | 'start' | 'skip' | 'finish', expectNumber: string) {
  await setClock(date, hhmm);
  const r = await h.api<{ ticket: { number: string } | null }>('POST', `/api/windows/${windowId}/${action}`, action === 'finish' ? {} : undefined, tokens.get(windowId));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.ticket?.number).toBe(expectNumber);
  const e = ledger.find((x) => x.date === date && x.number === expectNumber)!;
  const t = now(date, hhmm);
  if (action === 'call-next') Object.assign(e, { called: t, window: windowId });
  if (action === 'start') e.started = t;
  if (action === 'skip') e.skipped = true;
  if (action === 'finish') e.finished = t;
}

async function signIn(date: string, ...windows: string[]) {
  await setClock(date, '09:00');
  for (const w of windows) tokens.set(w, await h.staffAt(w));
}

async function report(query: string): Promise<Report> {
  const r = await h.api<Report>('GET', `/api/reports?${query}`, undefined, manager);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

async function download(path: string) {
  const res = await fetch(h.baseUrl + path, { headers: { authorization: `Bearer ${manager}` } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', name: savedName(res.headers.get('content-disposition') ?? ''), body: Buffer.from(await res.arrayBuffer()) };
}

/** The filename a browser saves: the RFC 5987 `filename*`. */
function savedName(disposition: string): string {
  const m = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  if (!m) throw new Error(`no filename* in ${disposition}`);
  return decodeURIComponent(m[1]!);
}

async function sheetRows(xlsx: Buffer, sheet: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    const cells: unknown[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(row.getCell(c).value ?? '');
    out.push(cells);
  });
  return out;
}

const csvRows = (body: Buffer) =>
  body
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
/** Rows as the CSV spells them. */
const asText = (rows: unknown[][]) => rows.map((r) => r.map(String));

const DAY1 = '2026-11-23'; // Monday
const DAY2 = '2026-11-27'; // Friday, same week
const DAY3 = '2026-11-30'; // Monday, next week, same month
const DAY4 = '2026-12-01'; // next month

beforeAll(async () => {
  h = await startTestHall({ at: `${DAY1}T08:45:00+08:00` });
  manager = await h.login('manager');

  // Day 1: 不动产 (A, 限时40分) at 1号窗口, 税务 (B, 限时15分) at 4号窗口.
  await signIn(DAY1, 'W01', 'W04');
  await issue(DAY1, '09:30', 'BDC'); // A001
  await issue(DAY1, '09:30', 'SW'); // B001
  await issue(DAY1, '09:30', 'SW'); // B002
  await issue(DAY1, '09:35', 'BDC'); // A002
  await issue(DAY1, '09:35', 'SW'); // B003
  await act(DAY1, '09:40', 'W01', 'call-next', 'A001');
  await act(DAY1, '09:40', 'W04', 'call-next', 'B001');
  await act(DAY1, '09:42', 'W01', 'start', 'A001');
  await act(DAY1, '09:45', 'W04', 'start', 'B001');
  await act(DAY1, '09:58', 'W04', 'finish', 'B001'); // 13 min: within 15
  await act(DAY1, '09:58', 'W04', 'call-next', 'B002');
  await act(DAY1, '10:00', 'W04', 'skip', 'B002'); // 过号
  await act(DAY1, '10:00', 'W04', 'call-next', 'B003');
  await act(DAY1, '10:12', 'W01', 'finish', 'A001'); // 30 min: within 40
  await act(DAY1, '10:12', 'W01', 'call-next', 'A002');
  await act(DAY1, '10:20', 'W04', 'finish', 'B003'); // no 开始: call → finish 20 min, over 15
  await issue(DAY1, '10:50', 'SB'); // C001, still waiting at the end of the day
  await act(DAY1, '10:55', 'W01', 'finish', 'A002'); // no 开始: 43 min, over 40
  // A kiosk ticket that never printed is voided: not an issued ticket.
  await setClock(DAY1, '10:56');
  const voided = await h.api<{ id: string }>('POST', '/api/tickets', { serviceCode: 'YB' }, KIOSK_KEY);
  expect((await h.api('POST', `/api/tickets/${voided.body.id}/cancel`, { reason: '打印失败作废' }, KIOSK_KEY)).status).toBe(200);
  dayOneReport = { service: await report(`period=day&date=${DAY1}&by=service`), window: await report(`period=day&date=${DAY1}&by=window`) };

  // Day 2 (Friday): a 税务 ticket served quickly at 4号窗口; a 不动产 ticket skipped at 1号窗口 and never back.
  await signIn(DAY2, 'W01', 'W04');
  await issue(DAY2, '09:10', 'SW'); // B001
  await issue(DAY2, '09:10', 'BDC'); // A001
  await act(DAY2, '09:20', 'W04', 'call-next', 'B001');
  await act(DAY2, '09:21', 'W04', 'start', 'B001');
  await act(DAY2, '09:25', 'W01', 'call-next', 'A001');
  await act(DAY2, '09:27', 'W01', 'skip', 'A001');
  await act(DAY2, '09:30', 'W04', 'finish', 'B001'); // 9 min

  // Day 3 (next Monday): 社会保险 at 6号窗口, one of them finished after closing (延时服务).
  await signIn(DAY3, 'W06');
  await issue(DAY3, '09:10', 'SB'); // C001
  await act(DAY3, '09:15', 'W06', 'call-next', 'C001');
  await act(DAY3, '09:40', 'W06', 'finish', 'C001'); // 25 min, over 15
  await issue(DAY3, '16:20', 'SB'); // C002
  await act(DAY3, '16:40', 'W06', 'call-next', 'C002');
  await act(DAY3, '16:41', 'W06', 'start', 'C002');
  await act(DAY3, '17:10', 'W06', 'finish', 'C002'); // 29 min, 10 min past closing

  // Day 4 (1 December): one ticket, outside November.
  await issue(DAY4, '09:10', 'SB');
}, 60_000);

afterAll(async () => {
  await h?.close();
});

const onDays = (...dates: string[]) => ledger.filter((e) => dates.includes(e.date));
const bySvc = (entries: Entry[], code: string) => entries.filter((e) => e.service === code);
const byWin = (entries: Entry[], id: string) => entries.filter((e) => e.window === id);
const row = (r: Report, key: string) => r.rows.find((x) => x.key === key)!;

describe('统计报表 of one day', () => {
  it('per service: the figures equal those computed from the times the test played', async () => {
    const r = await report(`period=day&date=${DAY1}&by=service`);
    const day = onDays(DAY1);
    expect(r).toMatchObject({ period: 'day', from: DAY1, to: DAY1, label: '2026年11月23日', prev: '2026-11-22', next: '2026-11-24' });
    for (const code of ['BDC', 'SW', 'SB']) expect(figuresOf(row(r, code)), code).toEqual(expected(bySvc(day, code)));
    expect(figuresOf(r.total)).toEqual(expected(day));
    // What the manager reads, in plain numbers: 税务 waited 10, 28 and 25 minutes → average 21, P90 28.
    expect(row(r, 'SW')).toMatchObject({ name: '税务办理', issued: 3, served: 2, skipped: 1, avgWaitSeconds: 21 * 60, p90WaitSeconds: 28 * 60, compliance: 0.5 });
    // 不动产 finished in 30 (with 开始办理 at 9:42) and 43 minutes (no 开始: from the call) against 40.
    expect(row(r, 'BDC')).toMatchObject({ served: 2, avgServiceSeconds: Math.round(((30 + 43) / 2) * 60), withinTarget: 1, compliance: 0.5 });
    // 社会保险's ticket is waiting: issued, not called. The voided 医疗保障 ticket is not counted at all.
    expect(row(r, 'SB')).toMatchObject({ issued: 1, called: 0, avgWaitSeconds: null, p90WaitSeconds: null, compliance: null });
    expect(row(r, 'YB')).toMatchObject({ issued: 0, called: 0, served: 0 });
    expect(r.total.issued).toBe(6);
    // Every configured service has a row, zeros included, in config order.
    expect(r.rows.map((x) => x.key)).toEqual(h.hall.config.services.map((s) => s.code));
    expect(r.days).toEqual([{ date: DAY1, issued: 6, served: 4, skipped: 1, avgWaitSeconds: expected(day).avgWaitSeconds, compliance: 0.5 }]);
  });

  it('per window: each window is held to its tickets’ own 限时办结 target', async () => {
    const r = await report(`period=day&date=${DAY1}&by=window`);
    const day = onDays(DAY1);
    for (const id of ['W01', 'W04']) expect(figuresOf(row(r, id), false), id).toEqual(((x) => (delete (x as Partial<typeof x>).issued, x))(expected(byWin(day, id))));
    expect(row(r, 'W01')).toMatchObject({ name: '1号窗口 不动产登记', issued: null, called: 2, served: 2 });
    expect(row(r, 'W04')).toMatchObject({ name: '4号窗口 税务办理', called: 3, served: 2, skipped: 1 });
    expect(row(r, 'W06')).toMatchObject({ called: 0, served: 0, avgWaitSeconds: null });
    expect(r.rows).toHaveLength(h.hall.config.windows.length);
    expect(figuresOf(r.total)).toEqual(expected(day));
  });

  it('reads the same after the day is over: the rollover cancels the 过号 and the waiting ticket, the report still counts them', async () => {
    expect(await report(`period=day&date=${DAY1}&by=service`)).toEqual(dayOneReport.service);
    expect(await report(`period=day&date=${DAY1}&by=window`)).toEqual(dayOneReport.window);
    // Friday's 不动产 ticket was skipped and never came back: still 1 过号 on Friday.
    expect(row(await report(`period=day&date=${DAY2}`), 'BDC')).toMatchObject({ issued: 1, called: 1, skipped: 1, served: 0 });
  });

  it('downloads as XLSX and CSV with a Chinese filename; the rows are the figures the test computed', async () => {
    const day = onDays(DAY1);
    const names = h.hall.config.services.map((s) => s.name);
    const want = [
      ['业务', '取号', '叫号', '办结', '过号', '平均等候(分钟)', 'P90等候(分钟)', '平均办理(分钟)', '限时内办结', '限时办结率(%)'],
      ...h.hall.config.services.map((s, i) => fileRow(names[i]!, expected(bySvc(day, s.code)))),
      fileRow('合计', expected(day)),
    ];
    // Spot check of one row as the manager reads it: 税务 3 issued, 21.0 / 28.0 min wait, 50%.
    expect(want[2]).toEqual(['税务办理', 3, 3, 2, 1, 21, 28, 16.5, 1, 50]);

    const x = await download(`/api/reports?period=day&date=${DAY1}&by=service&format=xlsx`);
    expect(x.status).toBe(200);
    expect(x.type).toContain('spreadsheetml');
    expect(x.name).toBe('统计报表-按业务-2026-11-23.xlsx');
    const rows = await sheetRows(x.body, '统计报表');
    expect(rows[0]![0]).toBe('示范县政务服务中心统计报表（按业务）');
    expect(String(rows[1]![0])).toContain('统计周期：2026年11月23日');
    expect(rows.slice(2)).toEqual(want);

    const c = await download(`/api/reports?period=day&date=${DAY1}&by=service&format=csv`);
    expect(c.type).toContain('text/csv');
    expect(c.name).toBe('统计报表-按业务-2026-11-23.csv');
    expect(csvRows(c.body)).toEqual(asText(want));

    const w = await download(`/api/reports?period=day&date=${DAY1}&by=window&format=xlsx`);
    expect(w.name).toBe('统计报表-按窗口-2026-11-23.xlsx');
    const wRows = await sheetRows(w.body, '统计报表');
    expect(wRows[2]![0]).toBe('窗口');
    expect(wRows.find((r) => r[0] === '4号窗口 税务办理')).toEqual(fileRow('4号窗口 税务办理', expected(byWin(day, 'W04')), false));
    expect(wRows.at(-1)).toEqual(fileRow('合计', expected(day), false));
  });
});

describe('统计报表 of a week and a month', () => {
  it('a week runs Monday to Sunday: Monday and Friday together, next Monday not', async () => {
    const r = await report(`period=week&date=2026-11-25&by=service`);
    expect(r).toMatchObject({ from: DAY1, to: '2026-11-29', label: '2026年11月23日—11月29日（第48周）', prev: '2026-11-16', next: '2026-11-30' });
    const week = onDays(DAY1, DAY2);
    for (const code of ['BDC', 'SW', 'SB']) expect(figuresOf(row(r, code)), code).toEqual(expected(bySvc(week, code)));
    expect(figuresOf(r.total)).toEqual(expected(week));
    expect(r.days.map((d) => [d.date, d.issued])).toEqual([
      [DAY1, 6],
      ['2026-11-24', 0],
      ['2026-11-25', 0],
      ['2026-11-26', 0],
      [DAY2, 2],
      ['2026-11-28', 0],
      ['2026-11-29', 0],
    ]);
    // Sunday belongs to the week that began on Monday.
    expect((await report('period=week&date=2026-11-29')).from).toBe(DAY1);
    const next = await report(`period=week&date=${DAY3}&by=window`);
    expect(next).toMatchObject({ from: DAY3, to: '2026-12-06' });
    expect(figuresOf(next.total)).toEqual(expected(onDays(DAY3, DAY4)));
  });

  it('a month is the calendar month: three November days, not 1 December', async () => {
    const r = await report('period=month&date=2026-11-15&by=window');
    expect(r).toMatchObject({ from: '2026-11-01', to: '2026-11-30', label: '2026年11月', prev: '2026-10-01', next: '2026-12-01' });
    expect(r.days).toHaveLength(30);
    const month = onDays(DAY1, DAY2, DAY3);
    expect(figuresOf(r.total)).toEqual(expected(month));
    for (const id of ['W01', 'W04', 'W06']) expect(figuresOf(row(r, id), false), id).toEqual(((x) => (delete (x as Partial<typeof x>).issued, x))(expected(byWin(month, id))));
    const file = await download('/api/reports?period=month&date=2026-11-15&by=service&format=xlsx');
    expect(file.name).toBe('统计报表-按业务-2026年11月.xlsx');
    expect((await sheetRows(file.body, '统计报表')).at(-1)).toEqual(fileRow('合计', expected(month)));
    expect((await report('period=month&date=2026-12-31')).total.issued).toBe(1);
  });

  it('an empty period has zeros and no averages, not errors', async () => {
    const r = await report('period=month&date=2026-10-10');
    expect(r.total).toMatchObject({ issued: 0, called: 0, served: 0, skipped: 0, avgWaitSeconds: null, p90WaitSeconds: null, avgServiceSeconds: null, compliance: null });
    expect(r.days).toHaveLength(31);
  });
});

describe('《延时服务登记表》 and bad input', () => {
  it('downloads the 延时服务 records as XLSX and CSV with Chinese headers', async () => {
    const json = await h.api<{ ticketNumber: string; minutesPastClosing: number }[]>('GET', '/api/overtime?period=month&date=2026-11-01', undefined, manager);
    expect(json.body.map((o) => [o.ticketNumber, o.minutesPastClosing])).toEqual([['C002', 10]]);
    const want = [
      ['日期', '窗口', '工作人员', '工号', '号码', '业务', '下班时间', '办结时间', '延时(分钟)', '超出上限(分钟)'],
      [DAY3, '6号窗口', h.hall.config.staff.find((s) => s.employeeNo === '1011')!.name, '1011', 'C002', '社会保险', '17:00', '17:10', 10, ''],
    ];
    const x = await download(`/api/overtime?date=${DAY3}&format=xlsx`);
    expect(x.name).toBe('延时服务登记表-2026-11-30.xlsx');
    const rows = await sheetRows(x.body, '延时服务登记表');
    expect(rows[0]![0]).toBe('示范县政务服务中心《延时服务登记表》');
    expect(rows.slice(2)).toEqual(want);
    const c = await download('/api/overtime?period=week&date=2026-12-02&format=csv');
    expect(c.name).toBe('延时服务登记表-2026-11-30至2026-12-06.csv');
    expect(csvRows(c.body)).toEqual(asText(want));
    // Without period it is one day, as before: the Monday before has none.
    expect((await h.api<unknown[]>('GET', `/api/overtime?date=${DAY1}`, undefined, manager)).body).toEqual([]);
  });

  it('refuses a period, date or grouping it does not know, in Chinese; staff may not read reports', async () => {
    const bad = async (q: string) => (await h.api<{ error: { code: string; message: string } }>('GET', `/api/reports?${q}`, undefined, manager)).body.error;
    expect(await bad('period=year')).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('period') });
    expect(await bad('date=2026-02-30')).toMatchObject({ code: 'VALIDATION_FAILED', message: '日期 2026-02-30 不存在，请核对' });
    expect(await bad('date=23.11.2026')).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('YYYY-MM-DD') });
    expect(await bad('by=staff')).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('"service" / "window"') });
    const staff = await h.login('s1011');
    expect((await h.api('GET', '/api/reports', undefined, staff)).status).toBe(403);
    expect((await h.api('GET', '/api/overtime?format=xlsx', undefined, staff)).status).toBe(403);
  });
});
