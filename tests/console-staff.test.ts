/**
 * A staff day at the console (/console) in real Chromium at 1366×768 against a real hall server
 * (Monday 2026-11-23 09:30): log in as 王建国 (s1001); a window he is not assigned to refuses him
 * (the server's sentence, beside the button); sign in at W01 as A post; F1 calls, F7 starts, F4
 * finishes with a 办件编号; the window's evaluation pad rates it and the manager's console, open
 * in another tab, shows the rating in its summary without a reload; skip and re-queue; a server
 * refusal shows beside the button that caused it; pause with a reason and resume; transfer;
 * 预约办理; the 一次性告知单 prints; a 电话 booking is entered; manager pages are refused to staff in
 * the page and by the API; a login the server has ended goes back to the login page with a message.
 * Screenshots: test-output/screenshots/console-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './support/browser.js';
import { personId } from './support/people.js';
import { KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

type TestPage = Page & { errors: string[] };
const W = 1366;
const H = 768;
const PAD_KEY = 'demo-window-w01-key';

async function login(page: Page, username: string, password = 'demo1234') {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

describe('staff caller at /console', () => {
  let browser: Browser;
  let h: TestHall;
  let page: TestPage;
  let managerPage: TestPage;
  const text = (id: string, p: Page = page) => p.getByTestId(id).first().textContent();
  /** Presses a function key at the desk once the previous action has been answered (keys are ignored while one is in flight). */
  const key = async (k: string) => {
    await expect.poll(() => page.getByTestId('action-call').isEnabled()).toBe(true);
    await page.keyboard.press(k);
  };

  beforeAll(async () => {
    [browser, h] = await Promise.all([launchBrowser(), startTestHall()]);
    page = await openPage(browser, `${h.baseUrl}/console`, W, H);
  }, 60_000);

  afterAll(async () => {
    // Chromium logs the refused requests the test provokes on purpose (403 at W05, 409 call while busy, 401 after logout).
    const unexpected = (page?.errors ?? []).filter((e) => !/status of (401|403|409)/.test(e));
    expect(unexpected).toEqual([]);
    expect(managerPage?.errors ?? []).toEqual([]);
    await browser?.close();
    await h?.close();
  });

  it('opens on the login page and refuses a wrong password in Chinese', async () => {
    await page.getByTestId('login-page').waitFor();
    expect(await page.locator('h1').textContent()).toBe(h.hall.config.hall.name);
    await screenshot(page, 'console-login');
    await login(page, 's1001', 'wrong-password');
    await expect.poll(() => text('login-error')).toBe('用户名或密码错误');
    await screenshot(page, 'console-login-error');
  });

  it('logs a staff member in to the window chooser, with his own windows first', async () => {
    await login(page, 's1001');
    await page.getByTestId('window-chooser').waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/caller');
    expect(await text('who')).toContain('王建国');
    expect(await text('choose-W01')).toContain('您在本窗口为 A岗');
    // Staff have no manager tabs.
    expect(await page.getByTestId('nav-live').count()).toBe(0);
    await screenshot(page, 'console-caller-choose');
  });

  it('shows the server refusal when he tries a window he is not assigned to', async () => {
    await page.getByTestId('sign-in-W05-A').click();
    await expect.poll(() => text('sign-in-error-W05')).toBe('您未被安排在5号窗口（A岗或B岗），不能在此签到');
    const w5 = (await h.api<{ onDuty: unknown[] }>('GET', '/api/windows/W05')).body;
    expect(w5.onDuty).toEqual([]);
    await page.getByTestId('sign-in-error-W05').scrollIntoViewIfNeeded();
    await screenshot(page, 'console-caller-not-assigned');
  });

  it('signs in at W01 as A post and shows the empty desk with every shortcut on its button', async () => {
    await page.getByTestId('sign-in-W01-A').click();
    await page.getByTestId('desk').waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/caller/W01');
    expect(await text('desk-posts')).toContain('A岗 王建国（1001） · 您');
    const labels = await page.getByTestId('actions').locator('.action-btn').allTextContents();
    expect(labels).toEqual(['F1叫号', 'F2重呼', 'F3过号', 'F4办结', 'F7开始办理', 'F8转移', 'F6暂停服务', 'F9预约办理：关']);
    expect(await text('current')).toContain('当前没有号码，按 F1 叫号');
    expect((await h.api<{ onDuty: { employeeNo: string; post: string }[] }>('GET', '/api/windows/W01')).body.onDuty).toMatchObject([{ employeeNo: '1001', post: 'A' }]);
    await screenshot(page, 'console-caller-empty');
  });

  it('lists the queue with priority and the server\'s reason, live as tickets are issued', async () => {
    for (let i = 1; i <= 3; i++) expect((await h.api('POST', '/api/tickets', { serviceCode: 'BDC', idNumber: personId(i) }, KIOSK_KEY)).status).toBe(201);
    await page.getByTestId('queue-A003').waitFor();
    expect(await text('queue-A001')).toContain('普通');
    expect(await text('queue-A001')).toContain('09:30 取号，同级中最早');
    expect(await page.getByTestId('queue').locator('h2').textContent()).toBe('等候队列（3人）');
  });

  it('calls with F1, starts with F7, and the manager console is open in another tab', async () => {
    managerPage = await openPage(browser, `${h.baseUrl}/console`, W, H);
    await login(managerPage, 'manager');
    await managerPage.getByTestId('manager-live').waitFor();
    expect(new URL(managerPage.url()).pathname).toBe('/console/manager');

    await key('F1');
    await expect.poll(() => text('current-number')).toBe('A001');
    expect(await text('current-status')).toBe('已呼叫');
    await expect.poll(() => page.getByTestId('queue-A001').count()).toBe(0);
    await key('F7');
    await expect.poll(() => text('current-status')).toBe('办理中');
    expect(await text('serving-clock')).toContain('限时办结 40 分钟');
    await screenshot(page, 'console-caller-serving');
    // The manager sees the window serving it.
    await expect.poll(() => text('tile-ticket-W01', managerPage)).toBe('A001');
  });

  it('F4 asks for the 办件编号 (shortcuts stay quiet while typing) and finishes with it', async () => {
    await key('F4');
    await page.getByTestId('finish-dialog').waitFor();
    await page.getByTestId('case-no').fill('BDC-2026-000123');
    // F1 while typing in the field calls nobody.
    await key('F1');
    await screenshot(page, 'console-caller-finish');
    await page.keyboard.press('Enter');
    await page.getByTestId('finish-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => text('current')).toContain('当前没有号码');
    const queue = (await h.api<{ ticket: { number: string } }[]>('GET', '/api/windows/W01/queue', undefined, await h.login('admin'))).body;
    expect(queue.map((r) => r.ticket.number)).toEqual(['A002', 'A003']);
    const ticket = (await h.api<{ status: string; caseNo: string }>('GET', `/api/tickets/${await ticketId('A001')}`)).body;
    expect(ticket).toMatchObject({ status: 'done', caseNo: 'BDC-2026-000123' });
  });

  async function ticketId(number: string): Promise<string> {
    const row = h.hall.store.ticketsOfDay('2026-11-23').find((t) => t.number === number);
    if (!row) throw new Error(`no ticket ${number}`);
    return row.id;
  }

  it('the window pad rates it: the desk counts it, and the manager summary shows it live', async () => {
    await expect.poll(() => text('rated-W01', managerPage)).toBe('0');
    const r = await h.api('POST', '/api/ratings', { ticketId: await ticketId('A001'), level: 5 }, PAD_KEY);
    expect(r.status).toBe(201);
    await expect.poll(() => text('rated-W01', managerPage)).toBe('1');
    expect(await text('bad-W01', managerPage)).toBe('0');
    expect(await text('kpi-ratings', managerPage)).toContain('差评 0');
    await expect.poll(() => text('rating-count-5')).toContain('1');
    expect(await text('rating-summary')).toBe('共评价 1 次，其中差评 0 次；未评价 0 次。只显示数量，不显示评价人。');
    // Staff see counts only: no ticket number next to the rating.
    expect(await text('window-ratings')).not.toContain('A001');
    await screenshot(managerPage, 'console-manager-rating-live');
  });

  it('recalls with F2, skips with F3 and re-queues the skipped ticket when the citizen returns', async () => {
    await key('F1');
    await expect.poll(() => text('current-number')).toBe('A002');
    await key('F2');
    await expect.poll(() => text('current')).toContain('已重呼 1 次');
    await key('F3');
    await page.getByTestId('skipped-A002').waitFor();
    await screenshot(page, 'console-caller-skipped');
    await page.getByTestId('requeue-A002').click();
    await page.getByTestId('queue-A002').waitFor();
    await expect.poll(() => page.getByTestId('skipped-A002').count()).toBe(0);
  });

  it('shows a server refusal beside the button that caused it', async () => {
    await key('F1');
    await expect.poll(() => text('current-number')).toBe('A003');
    await page.getByTestId('action-call').click();
    await expect.poll(() => text('error-call')).toBe('当前号码 A003 尚未办结，请先办结、过号或转移');
    await screenshot(page, 'console-caller-error');
  });

  it('transfers the current ticket to another service with F8', async () => {
    await key('F8');
    await page.getByTestId('transfer-dialog').waitFor();
    await page.getByTestId('transfer-service').selectOption('SW');
    await screenshot(page, 'console-caller-transfer');
    await page.getByTestId('transfer-confirm').click();
    await page.getByTestId('transfer-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => text('current')).toContain('当前没有号码');
    const sw = (await h.api<{ code: string; waiting: number }[]>('GET', '/api/services')).body.find((s) => s.code === 'SW')!;
    expect(sw.waiting).toBe(1);
  });

  it('pauses with F6 and a listed reason, shown to the hall, then resumes with F6', async () => {
    await key('F6');
    await page.getByTestId('pause-dialog').waitFor();
    await page.getByTestId('pause-dialog').getByText('参加会议').click();
    await screenshot(page, 'console-caller-pause-dialog');
    await page.getByTestId('pause-confirm').click();
    await expect.poll(() => text('state-W01')).toBe('暂停（参加会议）');
    expect(await text('action-pause')).toContain('恢复服务');
    await expect.poll(() => text('tile-W01', managerPage)).toContain('起暂停：参加会议');
    await screenshot(page, 'console-caller-paused');
    await key('F6');
    await expect.poll(() => text('state-W01')).toBe('空闲');
  });

  it('pauses with a reason of its own typed in', async () => {
    await key('F6');
    await page.getByTestId('pause-text').fill('到档案室调取材料');
    await page.getByTestId('pause-confirm').click();
    await expect.poll(() => text('state-W01')).toBe('暂停（到档案室调取材料）');
    await key('F6');
    await expect.poll(() => text('state-W01')).toBe('空闲');
  });

  it('turns 预约办理 on and off with F9', async () => {
    await key('F9');
    await expect.poll(() => text('action-mode')).toContain('预约办理：开');
    expect((await h.api<{ mode: string }>('GET', '/api/windows/W01')).body.mode).toBe('appointment');
    await key('F9');
    await expect.poll(() => text('action-mode')).toContain('预约办理：关');
  });

  it('prints a 一次性告知单 with the materials the citizen still lacks ticked', async () => {
    await page.getByTestId('open-guide').click();
    await page.getByTestId('guide-sheet').waitFor();
    expect(await text('guide-sheet')).toContain('不动产登记申请书');
    await page.getByTestId('material-1').check();
    await page.getByTestId('material-3').check();
    expect(await text('guide-missing-count')).toBe('已勾选尚缺材料 2 项');
    await screenshot(page, 'console-caller-guide');
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.getByTestId('guide-print').click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    // What the printer gets: the sheet alone, the lacking items marked ☑.
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'console-caller-guide-print');
    const marks = await page.locator('.guide-sheet .print-only').allTextContents();
    expect(marks).toEqual(['☐', '☑', '☐', '☑', '☐']);
    await page.emulateMedia({ media: 'screen' });
    await page.keyboard.press('Escape');
    await page.getByTestId('guide-dialog').waitFor({ state: 'detached' });
  });

  it('enters a 电话 booking and shows the code to read out', async () => {
    await page.getByTestId('nav-booking').click();
    await page.getByTestId('booking-entry').waitFor();
    await page.getByTestId('book-service').selectOption('SB');
    expect(await text('book-date')).toBe('2026年11月24日（周二）');
    await page.getByTestId('book-slot-10:00').click();
    await page.getByTestId('book-name').fill('李四');
    await page.getByTestId('book-id').fill(personId(50).slice(0, 17) + (personId(50)[17] === '0' ? '1' : '0'));
    await page.getByTestId('book-phone').fill('13800000050');
    await page.getByTestId('book-channel-phone').check();
    await page.getByTestId('book-submit').click();
    await expect.poll(() => text('book-error')).toBe('身份证号码：身份证号码校验位不正确，请核对后重新输入');
    await page.getByTestId('book-id').fill(personId(50));
    await page.getByTestId('book-submit').click();
    await page.getByTestId('booking-code').waitFor();
    const code = (await text('booking-code'))!.trim();
    expect(code).toMatch(/^[A-Z0-9]{6,12}$/);
    expect(await text('booking-status')).toBe('已预约');
    await screenshot(page, 'console-booking');
    const reg = (await h.api<{ code: string; channel: string; enteredBy: string | null }[]>('GET', '/api/appointments?date=2026-11-24', undefined, await h.login('admin'))).body;
    expect(reg.find((r) => r.code === code)).toMatchObject({ channel: 'phone', enteredBy: '王建国' });
  });

  it('refuses the manager pages to staff, in the page and by the API', async () => {
    await page.goto(`${h.baseUrl}/console/manager`);
    await page.getByTestId('refused').waitFor();
    expect(await text('refused')).toContain('大厅管理页面仅限大厅负责人和系统管理员使用');
    await screenshot(page, 'console-staff-refused');
    const token = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('hall.console.session')!) as { token: string }).token);
    for (const path of ['/api/console/queues', '/api/console/bans', '/api/console/appointments/summary', '/api/stats/ratings?by=window', '/api/overtime', '/api/devices/status']) {
      const r = await h.api<{ error: { message: string } }>('GET', path, undefined, token);
      expect(r.status, path).toBe(403);
      expect(r.body.error.message, path).toBe('您的账号无权执行此操作');
    }
    // Back to his desk after a reload: still signed in at W01.
    await page.getByRole('button', { name: '返回叫号台' }).click();
    await page.getByTestId('on-duty-banner').waitFor();
    expect(await text('on-duty-banner')).toContain('1号窗口');
  });

  it('a login the server has ended goes back to the login page with a Chinese message', async () => {
    await page.getByTestId('on-duty-banner').getByRole('button', { name: '进入叫号台' }).click();
    await page.getByTestId('desk').waitFor();
    const token = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('hall.console.session')!) as { token: string }).token);
    expect((await h.api('POST', '/api/auth/logout', undefined, token)).status).toBe(200);
    await key('F9');
    await page.getByTestId('login-page').waitFor();
    expect(await text('login-notice')).toBe('登录已失效（可能已超时或在别处退出），请重新登录');
    await screenshot(page, 'console-login-expired');
  });

  it('fits the desk at 1920×1080 too', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    // Logging in again returns to the page he was on: his desk at W01.
    await login(page, 's1001');
    await page.getByTestId('desk').waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/caller/W01');
    await screenshot(page, 'console-caller-1920');
    await page.setViewportSize({ width: W, height: H });
  });
});
