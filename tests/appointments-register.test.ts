/**
 * 《预约登记表》 over HTTP on a real server: the XLSX a manager downloads holds exactly the
 * bookings made, with Chinese headers, masked ID numbers, hall-local dates as text, who entered
 * each 现场/电话 booking, and the same rows as the CSV; a past week is still exportable after a
 * restart.
 */
import ExcelJS from 'exceljs';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { personId as person } from './support/people.js';
import { startTestHall, type TestHall } from './support/test-hall.js';

type Err = { error: { code: string; message: string } };
interface Booked {
  id: string;
  code: string;
}
interface RegisterRow {
  code: string;
  channel: string;
  enteredBy: string | null;
}

const HEADERS = ['预约码', '业务', '日期', '时段', '姓名', '身份证号', '手机号', '渠道', '录入人', '状态'];
const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

async function download(h: TestHall, path: string, token: string): Promise<{ status: number; type: string; disposition: string; body: Buffer }> {
  const res = await fetch(h.baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition') ?? '', body: Buffer.from(await res.arrayBuffer()) };
}

/** The filename a browser saves: the RFC 5987 `filename*` when present. */
function savedName(disposition: string): string {
  const m = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  if (!m) throw new Error(`no filename* in ${disposition}`);
  return decodeURIComponent(m[1]!);
}

async function sheetOf(xlsx: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('预约登记表');
  if (!ws) throw new Error(`no sheet 预约登记表 in ${wb.worksheets.map((w) => w.name).join(', ')}`);
  return ws;
}

const text = (ws: ExcelJS.Worksheet, row: number) => {
  const out: unknown[] = [];
  for (let c = 1; c <= HEADERS.length; c++) out.push(ws.getRow(row).getCell(c).value);
  return out;
};

describe('《预约登记表》 export', () => {
  let h: TestHall | undefined;
  let h2: TestHall | undefined;
  let keptDir: string | undefined;
  afterEach(async () => {
    await h2?.close();
    await h?.close();
    if (keptDir) rmSync(keptDir, { recursive: true, force: true });
    h = h2 = keptDir = undefined;
  });

  it('downloads as XLSX with a Chinese filename; the rows are the bookings made, as in the CSV, with who entered them', async () => {
    h = await startTestHall();
    const t = h;
    // 徐子涵 (工号 1011) at 社会保险 enters a 现场 and a 电话 booking; two citizens book online.
    const staff = await t.login('s1011');
    const manager = await t.login('manager');
    const book = async (body: Record<string, unknown>, token?: string) => {
      const r = await t.api<Booked | Err>('POST', '/api/appointments', body, token);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body as Booked;
    };
    const made = [
      { serviceCode: 'SB', start: '2026-11-24T09:00:00+08:00', name: '张三', idNumber: person(1), phone: '13800000001', channel: 'online' },
      { serviceCode: 'SB', start: '2026-11-24T10:00:00+08:00', name: '李四', idNumber: person(2), phone: '13800000002', channel: 'onsite' },
      { serviceCode: 'GJJ', start: '2026-11-24T14:00:00+08:00', name: '=1+2', idNumber: person(3), phone: '13800000003', channel: 'online' },
      { serviceCode: 'BDC', start: '2026-11-25T15:00:00+08:00', name: '欧阳娜娜', idNumber: person(4), phone: '13800000004', channel: 'phone' },
    ];
    const booked: Booked[] = [];
    for (const m of made) booked.push(await book(m, m.channel === 'online' ? undefined : staff));
    const codes = booked.map((b) => b.code);
    // A booking outside the range, and one cancelled by its holder (still on the register, as 已取消).
    await book({ serviceCode: 'SB', start: '2026-11-26T09:00:00+08:00', name: '王五', idNumber: person(5), phone: '13800000005', channel: 'online' });
    const cancelled = await t.api<{ status: string }>('DELETE', `/api/appointments/${booked[0]!.id}`, { idNumber: person(1) });
    expect(cancelled.body.status).toBe('cancelled');

    const expected = [
      [codes[0], '社会保险', '2026-11-24', '09:00-10:00', '张三', masked(person(1)), '13800000001', '线上', '', '已取消'],
      [codes[1], '社会保险', '2026-11-24', '10:00-11:00', '李四', masked(person(2)), '13800000002', '现场', '徐子涵（1011）', '已预约'],
      [codes[2], '住房公积金', '2026-11-24', '14:00-15:00', '=1+2', masked(person(3)), '13800000003', '线上', '', '已预约'],
      [codes[3], '不动产登记', '2026-11-25', '15:00-16:00', '欧阳娜娜', masked(person(4)), '13800000004', '电话', '徐子涵（1011）', '已预约'],
    ];

    const x = await download(t, '/api/appointments?from=2026-11-24&to=2026-11-25&format=xlsx', manager);
    expect(x.status).toBe(200);
    expect(x.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(x.disposition).toMatch(/^attachment; filename="register-2026-11-24_2026-11-25\.xlsx"; filename\*=UTF-8''/);
    expect(savedName(x.disposition)).toBe('预约登记表-2026-11-24至2026-11-25.xlsx');

    const ws = await sheetOf(x.body);
    expect(ws.getCell('A1').value).toBe('示范县政务服务中心《预约登记表》');
    expect(String(ws.getCell('A2').value)).toContain('日期：2026-11-24 至 2026-11-25');
    expect(String(ws.getCell('A2').value)).toContain('共 4 条');
    expect(text(ws, 3)).toEqual(HEADERS);
    expect(ws.rowCount).toBe(3 + expected.length);
    expect(expected.map((_, i) => text(ws, 4 + i))).toEqual(expected);
    // Every cell is text: a spreadsheet shows the hall's date and time, never a shifted serial number or a formula.
    for (let r = 4; r <= ws.rowCount; r++) for (let c = 1; c <= HEADERS.length; c++) expect(typeof ws.getRow(r).getCell(c).value).toBe('string');
    // Columns wide enough for what they hold: an 18-character ID number, a name with 工号.
    expect(ws.getColumn(6).width).toBeGreaterThanOrEqual(18);
    expect(ws.getColumn(9).width).toBeGreaterThanOrEqual(14);
    for (let c = 1; c <= HEADERS.length; c++) expect(ws.getColumn(c).width).toBeGreaterThanOrEqual(8);

    // The CSV of the same range: the same header and rows (a formula-like name is defused with an apostrophe).
    const c = await download(t, '/api/appointments?from=2026-11-24&to=2026-11-25&format=csv', manager);
    expect(c.status).toBe(200);
    expect(savedName(c.disposition)).toBe('预约登记表-2026-11-24至2026-11-25.csv');
    const lines = c.body.toString('utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((l) => l.split(','));
    expect(lines).toEqual([HEADERS, ...expected.map((r) => r.map((v) => (v === '=1+2' ? "'=1+2" : v)))]);

    // One day and one service: the title says so.
    const one = await sheetOf((await download(t, '/api/appointments?date=2026-11-24&serviceCode=SB&format=xlsx', manager)).body);
    expect(String(one.getCell('A2').value)).toContain('日期：2026-11-24　业务：社会保险');
    expect(one.rowCount).toBe(5);

    // JSON names who entered each staff booking, too.
    const json = (await t.api<RegisterRow[]>('GET', '/api/appointments?date=2026-11-24', undefined, manager)).body;
    expect(json.map((r) => [r.code, r.channel, r.enteredBy])).toEqual([
      [codes[0], 'online', null],
      [codes[1], 'onsite', '徐子涵'],
      [codes[2], 'online', null],
    ]);
  });

  it('refuses bad ranges in Chinese, and the public may not download it', async () => {
    h = await startTestHall();
    const manager = await h.login('manager');
    const cases: [string, RegExp][] = [
      ['/api/appointments?format=xlsx', /请提供日期/],
      ['/api/appointments?from=2026-11-25&to=2026-11-24&format=xlsx', /不能早于/],
      ['/api/appointments?date=2026-02-30&format=xlsx', /不存在/],
      ['/api/appointments?from=2026-01-01&to=2027-06-30&format=xlsx', /366/],
      ['/api/appointments?date=2026-11-24&from=2026-11-24', /不要同时提供/],
      ['/api/appointments?date=2026-11-24&format=pdf', /[\u4e00-\u9fff]/],
    ];
    for (const [path, message] of cases) {
      const r = await h.api<Err>('GET', path, undefined, manager);
      expect(r.status, path).toBe(400);
      expect(r.body.error.message, path).toMatch(message);
    }
    const unknown = await h.api<Err>('GET', '/api/appointments?date=2026-11-24&serviceCode=NOPE&format=xlsx', undefined, manager);
    expect(unknown.body.error.code).toBe('UNKNOWN_SERVICE');
    expect((await h.api<Err>('GET', '/api/appointments?date=2026-11-24&format=xlsx')).status).toBe(401);
  });

  it('a past week is still on the register after a restart weeks later', async () => {
    h = await startTestHall({ keepDir: true });
    await h.api('POST', '/api/appointments', { serviceCode: 'HZ', start: '2026-11-24T11:00:00+08:00', name: '赵六', idNumber: person(6), phone: '13800000006' });
    const dir = (keptDir = h.dir);
    await h.close();
    h = undefined;
    h2 = await startTestHall({ dir, at: '2026-12-21T09:30:00+08:00' });
    const manager = await h2.login('manager');
    const ws = await sheetOf((await download(h2, '/api/appointments?from=2026-11-23&to=2026-11-27&format=xlsx', manager)).body);
    expect(ws.rowCount).toBe(4);
    expect(text(ws, 4).slice(1, 6)).toEqual(['户政业务', '2026-11-24', '11:00-12:00', '赵六', masked(person(6))]);
  });
});
