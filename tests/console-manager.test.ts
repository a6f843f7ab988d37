/**
 * The hall manager's console in real Chromium at 1366×768 against a real hall server (the demo
 * hall with 午间不间断办 bookings on, so that out-of-hours requests wait for approval): the live
 * map of windows (states, tickets, time against 限时办结 turning red, A/B posts), alerts arriving
 * as they are raised (暂停过久, printer out of paper), the queue per service with its longest wait,
 * approving and refusing out-of-hours bookings, lifting a credit ban with a reason, the 延时服务
 * record of a service finished after closing, and a caller opened by the manager.
 * Screenshots: test-output/screenshots/console-manager-*.png.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONFIG_PATH } from '../apps/hall-server/src/server/app.js';
import { launchBrowser, openPage, screenshot } from './support/browser.js';
import { makeBan } from './support/console.js';
import { personId } from './support/people.js';
import { KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

type TestPage = Page & { errors: string[] };
interface Booked {
  id: string;
  code: string;
  status: string;
}

describe('manager console at /console', () => {
  let browser: Browser;
  let h: TestHall;
  let page: TestPage;
  let manager: string;
  const configDir = mkdtempSync(join(tmpdir(), 'console-config-'));
  const text = (id: string) => page.getByTestId(id).first().textContent();
  const classes = (id: string) => page.getByTestId(id).first().getAttribute('class');

  beforeAll(async () => {
    const config = JSON.parse(readFileSync(DEMO_CONFIG_PATH, 'utf8')) as Record<string, unknown>;
    config.appointments = { sessions: { lunch: { enabled: true } } };
    const configPath = join(configDir, 'hall.json');
    writeFileSync(configPath, JSON.stringify(config));
    [browser, h] = await Promise.all([launchBrowser(), startTestHall({ configPath })]);
    manager = await h.login('manager');

    // A morning in the hall: W01 serves 不动产, W03 a 税务 ticket that will run over its 15 minutes, W06 paused.
    const w1 = await h.staffAt('W01');
    const w3 = await h.staffAt('W03');
    const w6 = await h.staffAt('W06');
    await h.staffAt('W03', 'B');
    for (let i = 0; i < 2; i++) await h.api('POST', '/api/tickets', { serviceCode: 'BDC', idNumber: personId(i) }, KIOSK_KEY);
    await h.api('POST', '/api/tickets', { serviceCode: 'SW' }, KIOSK_KEY);
    for (let i = 0; i < 3; i++) await h.api('POST', '/api/tickets', { serviceCode: 'SB' }, KIOSK_KEY);
    await h.api('POST', '/api/windows/W01/call-next', undefined, w1);
    await h.api('POST', '/api/windows/W01/start', undefined, w1);
    expect((await h.api<{ ticket: { number: string } }>('POST', '/api/windows/W03/call-next', undefined, w3)).body.ticket.number).toBe('A002');
    await h.api('POST', '/api/windows/W03/finish', {}, w3);
    expect((await h.api<{ ticket: { number: string } }>('POST', '/api/windows/W03/call-next', undefined, w3)).body.ticket.number).toBe('B001');
    await h.api('POST', '/api/test-clock', { advanceMinutes: 16 });
    expect((await h.api('POST', '/api/windows/W06/pause', { reason: '参加会议' }, w6)).status).toBe(200);
    await h.api('PUT', '/api/windows/W06/mode', { mode: 'appointment' }, w6);
    // The kiosk's heartbeat: its printer is fine for now.
    expect((await h.api('POST', '/api/devices/status', { printer: { online: true, paperNearEnd: false, paperOut: false, coverOpen: false, error: false } }, KIOSK_KEY)).status).toBe(204);

    page = await openPage(browser, `${h.baseUrl}/console`, 1366, 768);
  }, 60_000);

  afterAll(async () => {
    // Chromium logs the refusals the test provokes (400 empty reason, 403 manager signing in at W01, 409 calling at an unstaffed window).
    expect((page?.errors ?? []).filter((e) => !/status of (400|403|409)/.test(e))).toEqual([]);
    await browser?.close();
    await h?.close();
    rmSync(configDir, { recursive: true, force: true });
  });

  it('logs the manager in to the live view of every window', async () => {
    await page.getByTestId('login-username').fill('manager');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('manager-live').waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/manager');
    expect(await page.locator('.tile').count()).toBe(12);
    expect(await text('state-W01')).toBe('办理中');
    expect(await text('tile-ticket-W01')).toBe('A001');
    expect(await text('state-W06')).toBe('暂停');
    expect(await text('tile-W06')).toContain('起暂停：参加会议');
    expect(await text('tile-W06')).toContain('预约办理');
    expect(await text('state-W02')).toBe('空岗');
    expect(await text('tile-W03')).toContain('A 陈海燕');
    expect(await text('tile-W03')).toContain('B 杨文博');
    expect(await page.getByTestId('tile-W03').locator('.tile-posts .on').count()).toBe(2);
    expect(await page.getByTestId('tile-W01').locator('.tile-posts .on').count()).toBe(1);
    // W03's 税务 ticket has been at the window 16 minutes against 15: red. W01's 不动产 (40) is not.
    expect(await text('tile-ticket-W03')).toBe('B001');
    expect(await classes('tile-W03')).toContain('over');
    expect(await classes('tile-clock-W03')).toContain('over');
    expect(await text('tile-clock-W03')).toMatch(/^16:\d\d \/ 限时15分$/);
    expect(await classes('tile-W01')).not.toContain('over');
    // Queues: waiting counts and the longest wait.
    expect(await text('queue-SB')).toMatch(/社会保险3\d+分钟0/);
    expect(await text('kpi-alerts')).toMatch(/当前告警\d+/);
    await page.getByTestId('alert-overdue').waitFor();
    expect(await text('alert-overdue')).toContain('3号窗口 B001（税务办理）已办理16分钟，超过限时办结15分钟');
    await screenshot(page, 'console-manager-live');
  });

  it('shows alerts as they arrive: a pause past 15 minutes and a printer out of paper', async () => {
    expect(await page.getByTestId('alert-pause-too-long').count()).toBe(0);
    await h.api('POST', '/api/test-clock', { advanceMinutes: 16 });
    await page.getByTestId('alert-pause-too-long').waitFor();
    expect(await text('alert-pause-too-long')).toContain('6号窗口暂停（参加会议）已超过15分钟，请安排B岗顶岗');
    expect((await h.api('POST', '/api/devices/status', { printer: { online: true, paperNearEnd: false, paperOut: true, coverOpen: false, error: false } }, KIOSK_KEY)).status).toBe(204);
    await page.getByTestId('alert-printer').waitFor();
    expect(await text('alert-printer')).toContain('打印纸已用完');
    // Newest first.
    expect(await page.locator('.alert-list li').first().getAttribute('data-testid')).toBe('alert-printer');
    await screenshot(page, 'console-manager-alerts');
  });

  it('approves one out-of-hours booking and refuses another with a reason', async () => {
    const lunch = '2026-11-24T12:00:00+08:00';
    const book = (n: number, name: string) => h.api<Booked>('POST', '/api/appointments', { serviceCode: 'SB', start: lunch, name, idNumber: personId(60 + n), phone: `1380000006${n}`, channel: 'online' });
    const a = (await book(1, '钱午间')).body;
    const b = (await book(2, '孙午间')).body;
    expect([a.status, b.status]).toEqual(['pending-approval', 'pending-approval']);

    await page.getByTestId('nav-appointments').click();
    await page.getByTestId(`pending-${a.code}`).waitFor();
    expect(await text(`pending-${a.code}`)).toContain('午间不间断办');
    expect(await text(`pending-${a.code}`)).toContain('钱午间');
    expect(await text(`pending-${a.code}`)).not.toContain(personId(61));
    expect(await text('summary-pending-approval')).toBe('待窗口确认0');
    await screenshot(page, 'console-manager-appointments');

    await page.getByTestId(`approve-${a.code}`).click();
    await page.getByTestId(`pending-${a.code}`).waitFor({ state: 'detached' });

    await page.getByTestId(`refuse-open-${b.code}`).click();
    await page.getByTestId(`refuse-reason-${b.code}`).press('Enter');
    await expect.poll(() => text(`pending-error-${b.code}`)).toBe('请填写不予确认的理由（将发送给申请人）');
    await page.getByTestId(`refuse-reason-${b.code}`).fill('午间窗口人员不足，请改约工作时间');
    await page.getByTestId(`refuse-reason-${b.code}`).press('Enter');
    await page.getByTestId(`pending-${b.code}`).waitFor({ state: 'detached' });
    expect(await text('pending')).toContain('没有待确认的预约申请');

    const register = (await h.api<{ code: string; status: string }[]>('GET', '/api/appointments?date=2026-11-24', undefined, manager)).body;
    expect(register.find((r) => r.code === a.code)?.status).toBe('booked');
    expect(register.find((r) => r.code === b.code)?.status).toBe('refused');
  });

  it('lifts a credit ban with a reason, and it leaves the list', async () => {
    const id = personId(88);
    await makeBan(h, id, '吴爽约', '13900000088');
    await page.reload();
    const ban = page.locator('[data-testid^="ban-"]', { hasText: '吴爽约' });
    await ban.waitFor();
    const banId = (await ban.getAttribute('data-testid'))!.slice('ban-'.length);
    expect(await ban.textContent()).toContain('当月爽约限制');
    expect(await ban.textContent()).toContain(`${id.slice(0, 6)}********${id.slice(-4)}`);
    expect(await ban.textContent()).toContain('2026-12-01 前不能预约');
    await page.getByTestId(`lift-open-${banId}`).click();
    await page.getByTestId(`lift-confirm-${banId}`).click();
    await expect.poll(() => text(`lift-error-${banId}`)).toBe('请填写解除理由（记入操作日志）');
    await page.getByTestId(`lift-reason-${banId}`).fill('系统故障未能签到，已核实');
    await screenshot(page, 'console-manager-ban-lift');
    await page.getByTestId(`lift-confirm-${banId}`).click();
    await page.getByTestId(`ban-${banId}`).waitFor({ state: 'detached' });
    expect(await text('bans')).toContain('目前没有生效的预约限制');
    expect((await h.api<unknown[]>('GET', `/api/bans?idNumber=${id}`, undefined, manager)).body).toEqual([]);
    // The lift is audited with its reason.
    const row = h.hall.db.prepare("SELECT input, actor_id FROM events WHERE type = 'appointment.ban-lift'").get() as { input: string; actor_id: string } | undefined;
    expect(row?.input ?? '').toContain('系统故障未能签到，已核实');
    expect(row?.actor_id).toBe('manager');
  });

  it('lists the 延时服务 record of a service finished after closing, and the devices', async () => {
    await h.api('POST', '/api/test-clock', { set: '2026-11-26T16:20:00+08:00' });
    const staff = await h.staffAt('W02');
    const issued = await h.api('POST', '/api/tickets', { serviceCode: 'BDC', idNumber: personId(90) }, KIOSK_KEY);
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const called = await h.api<{ ticket: { number: string } }>('POST', '/api/windows/W02/call-next', undefined, staff);
    expect(called.body.ticket, JSON.stringify(called.body)).not.toBeNull();
    await h.api('POST', '/api/test-clock', { set: '2026-11-26T17:12:00+08:00' });
    const finished = await h.api('POST', '/api/windows/W02/finish', { caseNo: 'BDC-2026-000999' }, staff);
    expect(finished.status, JSON.stringify(finished.body)).toBe(200);

    await page.getByTestId('nav-records').click();
    const record = page.getByTestId(`overtime-${called.body.ticket.number}`);
    await record.waitFor();
    expect(await record.textContent()).toContain('2号窗口');
    expect(await record.textContent()).toContain('张志强（1003）');
    expect(await record.textContent()).toContain('12 分钟');
    expect(await text('devices')).toContain('打印纸已用完');
    await screenshot(page, 'console-manager-records');
  });

  it('may open a caller; acting there still needs the window\'s roster', async () => {
    await page.getByTestId('nav-caller').click();
    await page.getByTestId('open-W01').click();
    await page.getByTestId('desk').waitFor();
    await page.getByTestId('sign-in-panel').waitFor();
    await page.keyboard.press('F1');
    await expect.poll(() => text('error-call')).toBe('1号窗口无人在岗，请先签到上岗');
    await page.getByTestId('desk-sign-in-A').click();
    await expect.poll(() => text('desk-sign-in-error')).toBe('您未被安排在1号窗口（A岗或B岗），不能在此签到');
    await screenshot(page, 'console-manager-caller');
  });

  it('fits the live view at 1920×1080', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByTestId('nav-live').click();
    await page.getByTestId('manager-live').waitFor();
    await page.getByTestId('queue-SB').waitFor();
    await page.getByTestId('rating-row-W02').waitFor();
    await expect.poll(() => text('kpi-appointments')).toMatch(/今日预约\d/);
    await screenshot(page, 'console-manager-live-1920');
  });
});
