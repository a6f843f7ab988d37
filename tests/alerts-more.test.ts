/**
 * The alerts beyond 空岗 and 限时办结, on a real hall server with a settable clock, as a manager's
 * socket receives them: 延时服务 past its limit (and the record that says so), an out-of-hours
 * booked slot about to start with nobody at its windows, an out-of-hours request left unanswered
 * past its hour, and the holiday data running out (December 2026: chinese-days stops at 2026) —
 * each raised and cleared. Then the manager console showing them (Chromium, axe, screenshots),
 * and `npm start`'s first lines warning about the calendar.
 * Screenshots: test-output/screenshots/alerts-more-*.png.
 */
import type { Alert, AlertEvent, HallConfig } from '@hall/shared';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONFIG_PATH } from '../apps/hall-server/src/server/app.js';
import { launchBrowser, openPage, screenshot } from './support/browser.js';
import { personId } from './support/people.js';
import { startServerProcess } from './support/server-process.js';
import { ADMIN_PASSWORD, KIOSK_KEY, startTestHall, type TestHall, type TestHallOptions } from './support/test-hall.js';

const configDir = mkdtempSync(join(tmpdir(), 'alerts-more-config-'));
/** The demo hall with 周末办 (needs the window's approval) and 早晚弹性办 (booked at once). */
const configPath = join(configDir, 'hall.json');
{
  const config = JSON.parse(readFileSync(DEMO_CONFIG_PATH, 'utf8')) as Record<string, unknown>;
  config.appointments = { sessions: { weekend: { enabled: true }, flexible: { enabled: true, needsApproval: false } } };
  writeFileSync(configPath, JSON.stringify(config));
}
afterAll(() => rmSync(configDir, { recursive: true, force: true }));

/** A hall, a manager's socket and every alert event it receives. */
async function hallWithManager(opts: TestHallOptions = {}) {
  const h = await startTestHall({ configPath, ...opts });
  const manager = await h.login('manager');
  const s = h.socket(manager);
  const events: AlertEvent[] = [];
  s.on('alert', (e: AlertEvent) => events.push(e));
  await new Promise((r) => s.once('snapshot', r));
  const raised = (kind: Alert['kind']) => events.filter((e) => e.raised && e.alert.kind === kind).map((e) => e.alert);
  const cleared = (kind: Alert['kind']) => events.filter((e) => !e.raised && e.alert.kind === kind).map((e) => e.alert);
  const current = async (kind: Alert['kind']) => (await h.api<Alert[]>('GET', '/api/alerts', undefined, manager)).body.filter((a) => a.kind === kind);
  const setClock = (iso: string) => h.api('POST', '/api/test-clock', { set: iso });
  return { h, manager, raised, cleared, current, setClock };
}

describe('alerts pushed to the manager and cleared', () => {
  let h: TestHall | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('延时服务 past the hour [002 第三条]: raised with the window, the staff and how long; cleared at 办结; the record says how far past the limit', async () => {
    const t = await hallWithManager();
    h = t.h;
    await t.setClock('2026-11-23T16:20:00+08:00');
    const staff = await h.staffAt('W06');
    expect((await h.api('POST', '/api/tickets', { serviceCode: 'SB' }, KIOSK_KEY)).status).toBe(201);
    await h.api('POST', '/api/windows/W06/call-next', undefined, staff);
    await h.api('POST', '/api/windows/W06/start', undefined, staff);
    await t.setClock('2026-11-23T18:00:00+08:00');
    expect(await t.current('overtime-limit')).toEqual([]);
    await t.setClock('2026-11-23T18:05:00+08:00');
    await expect.poll(() => t.raised('overtime-limit').length).toBe(1);
    const name = h.hall.config.staff.find((s) => s.employeeNo === '1011')!.name;
    expect(t.raised('overtime-limit')[0]!.message).toBe(`6号窗口（社会保险）${name}（1011）仍在办理 C001（社会保险），已超过下班时间65分钟，超出延时服务上限60分钟，请了解情况、安排处理`);
    expect((await h.api('POST', '/api/windows/W06/finish', {}, staff)).status).toBe(200);
    await expect.poll(() => t.cleared('overtime-limit').length).toBe(1);
    expect(await t.current('overtime-limit')).toEqual([]);

    const records = (await h.api<{ ticketNumber: string; minutesPastClosing: number; minutesOverLimit: number }[]>('GET', '/api/overtime?date=2026-11-23', undefined, t.manager)).body;
    expect(records).toEqual([expect.objectContaining({ ticketNumber: 'C001', minutesPastClosing: 65, minutesOverLimit: 5 })]);
    const csv = await fetch(`${h.baseUrl}/api/overtime?date=2026-11-23&format=csv`, { headers: { authorization: `Bearer ${t.manager}` } });
    const rows = (await csv.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(rows[0]).toBe('日期,窗口,工作人员,工号,号码,业务,下班时间,办结时间,延时(分钟),超出上限(分钟)');
    expect(rows[1]).toBe(`2026-11-23,6号窗口,${name},1011,C001,社会保险,17:00,18:05,65,5`);
  });

  it('a booked 早晚弹性办 slot 15 minutes away with nobody at a 不动产登记 window [000 第五条(四)]: raised, cleared when someone signs in', async () => {
    const t = await hallWithManager();
    h = t.h;
    const booked = await h.api<{ status: string }>('POST', '/api/appointments', { serviceCode: 'BDC', start: '2026-11-24T08:00:00+08:00', name: '李早班', idNumber: personId(5), phone: '13800000005', channel: 'online' });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body.status).toBe('booked');
    await t.setClock('2026-11-24T07:44:00+08:00');
    expect(await t.current('appointment-unstaffed')).toEqual([]);
    await t.setClock('2026-11-24T07:45:00+08:00');
    await expect.poll(() => t.raised('appointment-unstaffed').length).toBe(1);
    expect(t.raised('appointment-unstaffed')[0]!.message).toBe(
      '早晚弹性办：“不动产登记”11月24日（周二）08:00–09:00有1人预约，办理该业务的窗口（1号、2号、3号、12号）无人在岗；工作人员须在预约时段开始前15分钟到岗，请立即安排',
    );
    await h.staffAt('W02');
    await expect.poll(() => t.cleared('appointment-unstaffed').length).toBe(1);
    expect(await t.current('appointment-unstaffed')).toEqual([]);
  });

  it('an out-of-hours (周末办) request unanswered for an hour [002 第五条]: raised, cleared when the window approves', async () => {
    const t = await hallWithManager();
    h = t.h;
    const booked = await h.api<{ id: string; code: string; status: string }>('POST', '/api/appointments', { serviceCode: 'SB', start: '2026-11-28T09:00:00+08:00', name: '赵周末', idNumber: personId(6), phone: '13800000006', channel: 'online' });
    expect(booked.body.status).toBe('pending-approval');
    await h.api('POST', '/api/test-clock', { advanceMinutes: 60 });
    expect(await t.current('approval-overdue')).toEqual([]);
    await h.api('POST', '/api/test-clock', { advanceMinutes: 1 });
    await expect.poll(() => t.raised('approval-overdue').length).toBe(1);
    expect(t.raised('approval-overdue')[0]!.message).toBe(
      `非工作时间预约申请超过60分钟未答复：“社会保险”11月28日（周六）09:00–10:00（周末办），预约码${booked.body.code}，11月23日（周一）09:30提交；请在 预约与信用 中确认或拒绝（拒绝须说明理由）`,
    );
    const staff = await h.staffAt('W06');
    expect((await h.api('POST', `/api/appointments/${booked.body.id}/approve`, {}, staff)).status).toBe(200);
    await expect.poll(() => t.cleared('approval-overdue').length).toBe(1);
    expect(await t.current('approval-overdue')).toEqual([]);
  });

  it('December 2026: the holiday data stops at 2026 — raised with what to do; cleared once 2027 is entered in 节假日调整 and applied', async () => {
    const t = await hallWithManager({ at: '2026-10-14T09:30:00+08:00', live: true });
    h = t.h;
    expect(await t.current('calendar-uncovered')).toEqual([]);
    const slots2027 = () => h!.api<{ error?: { code: string; message: string } }>('GET', '/api/appointments/slots?serviceCode=SB&date=2027-01-05');
    expect((await slots2027()).body.error?.message).toContain('2027年的法定节假日安排尚未公布');

    await t.setClock('2026-12-15T09:30:00+08:00');
    await expect.poll(() => t.raised('calendar-uncovered').length).toBe(1);
    const alert = t.raised('calendar-uncovered')[0]!;
    expect(alert.message).toContain('2027年的法定节假日和调休安排尚未录入（服务器的节假日数据只到2026年）：2027年1月1日起今后60天内有43天无法确定是否上班');
    expect(alert.message).toContain('请在 管理 → 节假日调整 中录入2027年的节假日和调休');
    expect(alert.message).toContain('或升级服务器的节假日数据（chinese-days）后重启');

    // The admin enters 2027's 元旦 and says the year is complete; 立即生效.
    const admin = await h.login('admin');
    const { config } = (await h.api<{ config: HallConfig }>('GET', '/api/admin/config', undefined, admin)).body;
    config.calendar.overrides.push({ date: '2027-01-01', working: false, note: '元旦' });
    config.calendar.enteredYears = [2027];
    expect((await h.api('PUT', '/api/admin/config', config, admin)).status).toBe(200);
    const applied = await h.api('POST', '/api/admin/config/apply', {}, admin);
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    await expect.poll(async () => (await t.current('calendar-uncovered')).length).toBe(0);
    // What the alert was about: /book now takes January 2027.
    expect((await slots2027()).body).toEqual(expect.arrayContaining([expect.objectContaining({ session: 'regular' })]));
  });
});

describe('the manager console lists them with Chinese names; the 延时服务 record shows 超出上限', () => {
  let browser: Browser;
  let h: TestHall;
  let page: Page & { errors: string[] };
  const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

  beforeAll(async () => {
    [browser, h] = await Promise.all([launchBrowser(), startTestHall({ configPath, at: '2026-12-15T16:20:00+08:00' })]);
    const staff = await h.staffAt('W06');
    expect((await h.api('POST', '/api/tickets', { serviceCode: 'SB' }, KIOSK_KEY)).status).toBe(201);
    expect((await h.api('POST', '/api/windows/W06/call-next', undefined, staff)).status).toBe(200);
    await h.api('POST', '/api/test-clock', { set: '2026-12-15T18:20:00+08:00' });
    page = await openPage(browser, `${h.baseUrl}/console`, 1366, 768);
  }, 60_000);

  afterAll(async () => {
    expect(page?.errors ?? []).toEqual([]);
    await browser?.close();
    await h?.close();
  });

  it('大厅实况: 节假日数据 and 延时超限 in the alert list; 延时服务与设备: the record 超出 20 分钟', async () => {
    await page.getByTestId('login-username').fill('manager');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('manager-live').waitFor();
    const calendar = page.getByTestId('alert-calendar-uncovered');
    await calendar.waitFor();
    expect(await calendar.locator('.alert-kind').textContent()).toBe('节假日数据');
    expect(await calendar.textContent()).toContain('管理 → 节假日调整');
    const overtime = page.getByTestId('alert-overtime-limit');
    await overtime.waitFor();
    expect(await overtime.locator('.alert-kind').textContent()).toBe('延时超限');
    expect(await overtime.textContent()).toContain('已超过下班时间80分钟');
    await screenshot(page, 'alerts-more-live');
    await page.addScriptTag({ path: AXE_PATH });
    const serious = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(d: Document): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[]; failureSummary?: string }[] }[] }> } }).axe;
      return (await axe.run(document)).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}: ${n.failureSummary ?? ''}`));
    });
    expect(serious).toEqual([]);

    const staff = await h.login('s1011');
    expect((await h.api('POST', '/api/windows/W06/finish', {}, staff)).status).toBe(200);
    await page.getByTestId('nav-records').click();
    await page.getByTestId('overtime-C001').waitFor();
    expect(await page.getByTestId('overtime-C001-over').textContent()).toBe('超出 20 分钟');
    await screenshot(page, 'alerts-more-records');
  });

  it('管理 → 节假日调整 says it to the admin, with the field to declare 2027 entered', async () => {
    const admin = await openPage(browser, `${h.baseUrl}/console`, 1366, 768);
    try {
      await admin.getByTestId('login-username').fill('admin');
      await admin.getByTestId('login-password').fill(ADMIN_PASSWORD);
      await admin.getByTestId('login-submit').click();
      await admin.getByTestId('nav-admin').click();
      await admin.getByTestId('admin-tab-calendar').click();
      const guard = admin.getByTestId('calendar-guard');
      await guard.waitFor();
      expect(await guard.textContent()).toContain('2027年的法定节假日和调休安排尚未录入');
      await admin.getByTestId('calendar-entered-years').fill('2027');
      expect(await admin.getByTestId('calendar-entered-years').inputValue()).toBe('2027');
      await screenshot(admin, 'alerts-more-admin-calendar');
      expect(admin.errors).toEqual([]);
    } finally {
      await admin.close();
    }
  });
});

describe('npm start (main.ts) says it at start', () => {
  it('with the clock in December 2026, the first lines tell the admin to enter 2027', async () => {
    const d = mkdtempSync(join(tmpdir(), 'alerts-more-start-'));
    const server = await startServerProcess(['--db', join(d, 'hall.sqlite'), '--fake-clock', '2026-12-15T09:00:00+08:00', '--admin-password', ADMIN_PASSWORD]);
    try {
      expect(server.output()).toMatch(/注意（节假日数据）：2027年的法定节假日和调休安排尚未录入.*请在 管理 → 节假日调整 中录入2027年的节假日和调休/);
    } finally {
      await server.kill();
      rmSync(d, { recursive: true, force: true });
    }
  });
});
