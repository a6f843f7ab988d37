/**
 * The 统计报表 page of the manager console in real Chromium at 1366×768, on a hall whose Monday and
 * Tuesday were played through the API under the fake clock: the page shows the figures of those
 * days (per service, per window, the week, the month), draws its charts on a canvas, and its
 * download buttons save the report, the 《延时服务登记表》 and the 《预约登记表》 with Chinese
 * filenames and the right rows. Screenshots: test-output/screenshots/console-reports-*.png.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './support/browser.js';
import { personId } from './support/people.js';
import { KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

type TestPage = Page & { errors: string[] };

let browser: Browser;
let h: TestHall;
let page: TestPage;
let bookingCode: string;
let people = 0;

const set = async (date: string, hhmm: string) => expect((await h.api('POST', '/api/test-clock', { set: `${date}T${hhmm}:00+08:00` })).status).toBe(200);
async function issue(service: string) {
  const r = await h.api<{ number: string }>('POST', '/api/tickets', { serviceCode: service, idNumber: personId(++people) }, KIOSK_KEY);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.number;
}
async function act(windowId: string, token: string, action: string, number: string) {
  const r = await h.api<{ ticket: { number: string } }>('POST', `/api/windows/${windowId}/${action}`, action === 'finish' ? {} : undefined, token);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.ticket.number).toBe(number);
}

const MON = '2026-11-23';
const TUE = '2026-11-24';

beforeAll(async () => {
  [browser, h] = await Promise.all([launchBrowser(), startTestHall({ at: `${MON}T09:00:00+08:00` })]);
  // Monday: 不动产 at 1号窗口 (限时40分), 税务 at 4号窗口 (限时15分), one 过号.
  let w1 = await h.staffAt('W01');
  let w4 = await h.staffAt('W04');
  const booked = await h.api<{ code: string }>('POST', '/api/appointments', { serviceCode: 'SB', start: '2026-11-26T10:00:00+08:00', name: '王小明', idNumber: personId(90), phone: '13800000090', channel: 'online' });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  bookingCode = booked.body.code;
  await set(MON, '09:30');
  await issue('BDC'); // A001
  await issue('SW'); // B001
  await issue('SW'); // B002
  await set(MON, '09:40');
  await act('W01', w1, 'call-next', 'A001'); // waited 10
  await act('W04', w4, 'call-next', 'B001'); // waited 10
  await set(MON, '09:50');
  await act('W04', w4, 'finish', 'B001'); // 10 min
  await act('W04', w4, 'call-next', 'B002'); // waited 20
  await set(MON, '09:52');
  await act('W04', w4, 'skip', 'B002');
  await set(MON, '10:10');
  await act('W01', w1, 'finish', 'A001'); // 30 min
  // Tuesday: a 税务 ticket over its 15 minutes, and a 社会保险 one finished 5 minutes after closing.
  await set(TUE, '09:00');
  w1 = await h.staffAt('W01');
  w4 = await h.staffAt('W04');
  const w6 = await h.staffAt('W06');
  await set(TUE, '09:10');
  await issue('SW'); // B001
  await set(TUE, '09:20');
  await act('W04', w4, 'call-next', 'B001');
  await set(TUE, '09:45');
  await act('W04', w4, 'finish', 'B001'); // 25 min
  await set(TUE, '16:20');
  await issue('SB'); // C001
  await set(TUE, '16:30');
  await act('W06', w6, 'call-next', 'C001');
  await set(TUE, '17:05');
  await act('W06', w6, 'finish', 'C001'); // 35 min, 5 past closing
  await set(TUE, '17:10');

  page = await openPage(browser, `${h.baseUrl}/console`, 1366, 768);
  await page.getByTestId('login-username').fill('manager');
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('manager-live').waitFor();
}, 60_000);

afterAll(async () => {
  expect(page?.errors ?? []).toEqual([]);
  await browser?.close();
  await h?.close();
});

const text = (id: string) => page.getByTestId(id).first().innerText();
/** A table row as the manager reads it: its cells' text. */
const cells = async (id: string) => (await page.getByTestId(id).locator('th, td').allInnerTexts()).map((s) => s.trim());

async function canvasDrawn(testId: string): Promise<boolean> {
  return page.getByTestId(testId).locator('canvas').first().evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d')!;
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
    return false;
  });
}

async function save(button: string): Promise<{ name: string; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(button).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), body: readFileSync(path) };
}

async function sheet(body: Buffer, name: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(name)!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => v ?? '')));
  return rows;
}

describe('统计报表 page', () => {
  it('opens from the navigation on today (Tuesday) and steps back to Monday: per-service figures of the day played', async () => {
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('manager-reports').waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/manager/reports');
    expect(await text('report-label')).toBe('2026年11月24日');
    await expect.poll(() => text('total-issued')).toBe('2');
    await page.getByTestId('report-prev').click();
    expect(await text('report-label')).toBe('2026年11月23日');
    await expect.poll(() => text('total-issued')).toBe('3');
    // 取号 叫号 办结 过号 平均等候 P90 平均办理 限时办结率
    expect(await cells('report-row-BDC')).toEqual(['不动产登记', '1', '1', '1', '0', '10.0', '10.0', '30.0', '100.0%']);
    expect(await cells('report-row-SW')).toEqual(['税务办理', '2', '2', '1', '1', '15.0', '20.0', '10.0', '100.0%']);
    expect(await cells('report-row-SB')).toEqual(['社会保险', '0', '0', '0', '0', '—', '—', '—', '—']);
    expect(await cells('report-row-total')).toEqual(['合计', '3', '3', '2', '1', '13.3', '20.0', '20.0', '100.0%']);
    expect(await text('total-skipped')).toBe('1');
    expect(await text('total-p90-wait')).toBe('20.0');
    expect(await text('total-compliance')).toBe('100.0%');
    await page.getByTestId('chart-counts').locator('canvas').waitFor();
    await expect.poll(() => canvasDrawn('chart-counts')).toBe(true);
    await expect.poll(() => canvasDrawn('chart-second')).toBe(true);
    await screenshot(page, 'console-reports-day');
  });

  it('per window: 4号窗口 called two and skipped one', async () => {
    await page.getByTestId('by-window').click();
    await expect.poll(() => cells('report-row-W04')).toEqual(['4号窗口 税务办理', '2', '1', '1', '15.0', '20.0', '10.0', '100.0%']);
    expect(await cells('report-row-W01')).toEqual(['1号窗口 不动产登记', '1', '1', '0', '10.0', '10.0', '30.0', '100.0%']);
    expect(await page.getByTestId('report-table').locator('tbody tr').count()).toBe(12);
    await screenshot(page, 'console-reports-window');
  });

  it('the week (Monday–Sunday) adds Tuesday: 限时办结率 falls to 50%, shown in red; the trend chart is drawn', async () => {
    await page.getByTestId('by-service').click();
    await page.getByTestId('period-week').click();
    expect(await text('report-label')).toBe('2026年11月23日—11月29日（第48周）');
    await expect.poll(() => cells('report-row-total')).toEqual(['合计', '5', '5', '4', '1', '12.0', '20.0', '25.0', '50.0%']);
    expect(await cells('report-row-SW')).toEqual(['税务办理', '3', '3', '2', '1', '13.3', '20.0', '17.5', '50.0%']);
    expect(await page.getByTestId('report-row-SW').locator('td.low').count()).toBe(1);
    expect(await page.getByTestId('report-prev').innerText()).toBe('前一周');
    await expect.poll(() => canvasDrawn('chart-second')).toBe(true);
    await screenshot(page, 'console-reports-week');
  });

  it('downloads the week’s report (Excel, CSV), 延时服务登记表 and 预约登记表 with the right rows', async () => {
    const x = await save('download-report-xlsx');
    expect(x.name).toBe('统计报表-按业务-2026-11-23至2026-11-29.xlsx');
    const rows = await sheet(x.body, '统计报表');
    expect(rows[2]).toEqual(['业务', '取号', '叫号', '办结', '过号', '平均等候(分钟)', 'P90等候(分钟)', '平均办理(分钟)', '限时内办结', '限时办结率(%)']);
    expect(rows.find((r) => r[0] === '税务办理')).toEqual(['税务办理', 3, 3, 2, 1, 13.3, 20, 17.5, 1, 50]);
    expect(rows.at(-1)).toEqual(['合计', 5, 5, 4, 1, 12, 20, 25, 2, 50]);
    expect(await text('download-note')).toBe('已下载：统计报表-按业务-2026-11-23至2026-11-29.xlsx');

    const c = await save('download-report-csv');
    expect(c.name).toBe('统计报表-按业务-2026-11-23至2026-11-29.csv');
    expect(c.body.toString('utf8').split('\r\n')).toContain('合计,5,5,4,1,12,20,25,2,50');

    const o = await save('download-overtime-csv');
    expect(o.name).toBe('延时服务登记表-2026-11-23至2026-11-29.csv');
    const staff = h.hall.config.staff.find((s) => s.employeeNo === '1011')!.name;
    expect(o.body.toString('utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n')).toEqual([
      '日期,窗口,工作人员,工号,号码,业务,下班时间,办结时间,延时(分钟),超出上限(分钟)',
      `${TUE},6号窗口,${staff},1011,C001,社会保险,17:00,17:05,5,`,
    ]);
    const ox = await save('download-overtime-xlsx');
    expect(ox.name).toBe('延时服务登记表-2026-11-23至2026-11-29.xlsx');
    expect((await sheet(ox.body, '延时服务登记表')).slice(3)).toEqual([[TUE, '6号窗口', staff, '1011', 'C001', '社会保险', '17:00', '17:05', 5, '']]);

    const reg = await save('download-register-xlsx');
    expect(reg.name).toBe('预约登记表-2026-11-23至2026-11-29.xlsx');
    const regRows = await sheet(reg.body, '预约登记表');
    expect(regRows.slice(3).map((r) => [r[0], r[1], r[2], r[4]])).toEqual([[bookingCode, '社会保险', '2026-11-26', '王小明']]);
  });

  it('the month: the calendar month of November, stepping to October shows an empty month', async () => {
    await page.getByTestId('period-month').click();
    expect(await text('report-label')).toBe('2026年11月');
    await expect.poll(() => text('total-issued')).toBe('5');
    await screenshot(page, 'console-reports-month');
    await page.getByTestId('report-prev').click();
    expect(await text('report-label')).toBe('2026年10月');
    await expect.poll(() => text('total-issued')).toBe('0');
    expect(await text('total-avg-wait')).toBe('—');
    expect(await text('report-charts')).toContain('该期间没有取号、叫号记录');
  });
});
