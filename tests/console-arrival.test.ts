/**
 * 预约签到提醒 at the staff caller (/console) in real Chromium at 1366×768 against a real hall
 * server (Tuesday 2026-11-24 09:45). 徐子涵 (s1011) serves a walk-in at 6号窗口 (社会保险), 马俊杰
 * (s1013) waits at 7号窗口 (医疗保障). Appointment holders for 社会保险 check in at the kiosk: the
 * 6号 desk shows each one at once, newest first, and says what to do; 切换为预约办理 switches the
 * window; a notice goes when staff press 知道了 or when its ticket is called (at 6号 or at the
 * 预约专窗); 7号 never shows one. The 6号 page's link is then cut while one holder checks in and
 * is called and another checks in: on reconnect the replayed backlog shows only the one still
 * waiting. Screenshots: test-output/screenshots/console-arrival-*.png.
 */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, TcpProxy } from './support/browser.js';
import { personId } from './support/people.js';
import { KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

type TestPage = Page & { errors: string[] };
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

async function login(page: Page, username: string) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
}

/** Logs in and signs in at the window as A post from the chooser; the desk is shown. */
async function deskAt(page: Page, username: string, windowId: string) {
  await login(page, username);
  await page.getByTestId(`sign-in-${windowId}-A`).click();
  await page.getByTestId('desk').waitFor();
}

describe('预约签到提醒 at the caller desk', () => {
  let browser: Browser;
  let h: TestHall;
  let proxy: TcpProxy;
  let w06: TestPage;
  let w07: TestPage;
  let s1011: string;
  let w12: string;
  const qr: string[] = [];
  const text = (id: string, p: Page = w06) => p.getByTestId(id).first().textContent();
  const arrivals = (p: Page = w06) => p.getByTestId('arrivals').locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-testid')));
  const checkIn = async (i: number) => {
    const r = await h.api<{ number: string; status: string }>('POST', '/api/appointments/check-in', { qrToken: qr[i] }, KIOSK_KEY);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.status).toBe('waiting');
    return r.body.number;
  };
  const callAt = async (windowId: string, token: string) => (await h.api<{ ticket: { number: string } | null }>('POST', `/api/windows/${windowId}/call-next`, undefined, token)).body.ticket?.number;
  const windowMode = async (id: string) => (await h.api<{ mode: string }>('GET', `/api/windows/${id}`)).body.mode;

  beforeAll(async () => {
    [browser, h] = await Promise.all([launchBrowser(), startTestHall()]);
    // Five holders of 社会保险 bookings for Tuesday 10:00; it is then 09:45 on Tuesday.
    for (let i = 0; i < 5; i++) {
      const r = await h.api<{ qrToken: string }>('POST', '/api/appointments', { serviceCode: 'SB', start: '2026-11-24T10:00:00+08:00', name: `预约人${i + 1}`, idNumber: personId(i + 1), phone: `1380000000${i + 1}`, channel: 'online' });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      qr.push(r.body.qrToken);
    }
    await h.api('POST', '/api/test-clock', { set: '2026-11-24T09:45:00+08:00' });
    for (let i = 0; i < 2; i++) expect((await h.api('POST', '/api/tickets', { serviceCode: 'SB' }, KIOSK_KEY)).status).toBe(201);
    proxy = await TcpProxy.start(Number(new URL(h.baseUrl).port));
    // 6号 goes through a proxy that the last test cuts; 7号 talks to the server directly.
    [w06, w07] = await Promise.all([openPage(browser, `${proxy.url}/console`, 1366, 768), openPage(browser, `${h.baseUrl}/console`, 1366, 768)]);
    await deskAt(w06, 's1011', 'W06');
    await deskAt(w07, 's1013', 'W07');
    s1011 = await h.login('s1011');
  }, 90_000);

  afterAll(async () => {
    // The cut link makes 6号's reads fail while it is down; nothing else may go wrong.
    expect((w06?.errors ?? []).filter((e) => !/ERR_CONNECTION|Failed to fetch|status of 5\d\d/.test(e))).toEqual([]);
    expect(w07?.errors ?? []).toEqual([]);
    await browser?.close();
    await proxy?.close();
    await h?.close();
  });

  it('6号 calls a walk-in: busy, so nobody calls the holders by themselves; no notice yet', async () => {
    await w06.getByTestId('action-call').click();
    await expect.poll(() => text('current-number')).toBe('C001');
    expect(await arrivals()).toEqual([]);
    expect(await w06.getByTestId('arrivals').textContent()).toBe('');
  });

  it('a holder checks in: 6号 shows the number and what to do, 7号 (医疗保障) shows nothing', async () => {
    expect(await checkIn(0)).toBe('YC001');
    await w06.getByTestId('arrival-YC001').waitFor();
    expect(await text('arrival-YC001')).toMatch(/^预约号 YC001 已签到（社会保险），09:45 到达/);
    expect(await text('arrivals-advice')).toBe('请在办完当前群众后切换为预约办理，优先为预约群众办理。');
    expect(await w06.getByTestId('arrivals-switch').textContent()).toBe('切换为预约办理');
    // The holder is in 6号's queue too.
    await w06.getByTestId('queue-YC001').waitFor();

    // 7号 has received everything up to a later event (a 医疗保障 ticket in its queue), and no notice.
    const yb = await h.api<{ number: string }>('POST', '/api/tickets', { serviceCode: 'YB' }, KIOSK_KEY);
    await w07.getByTestId(`queue-${yb.body.number}`).waitFor();
    expect(await arrivals(w07)).toEqual([]);
    expect(await w07.getByTestId('arrivals').textContent()).toBe('');
  });

  it('a second arrival stacks on top, the notice is a polite live region, and axe finds nothing serious in it', async () => {
    expect(await checkIn(1)).toBe('YC002');
    await expect.poll(() => arrivals()).toEqual(['arrival-YC002', 'arrival-YC001']);
    expect(await w06.getByTestId('arrivals').getAttribute('role')).toBe('status');
    await screenshot(w06, 'console-arrival-two');

    await w06.addScriptTag({ path: AXE_PATH });
    const serious = await w06.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: string, opts: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
      // The notices only: the desk's own buttons are console-a11y.test.ts's business.
      const { violations } = await axe.run('[data-testid="arrivals"]', { resultTypes: ['violations'] });
      return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(serious).toEqual([]);
  });

  it('知道了 removes one notice and leaves the other', async () => {
    await w06.getByRole('button', { name: '知道了，预约号 YC002' }).click();
    await expect.poll(() => arrivals()).toEqual(['arrival-YC001']);
  });

  it('切换为预约办理 switches the window, and the notice then says so', async () => {
    expect(await windowMode('W06')).toBe('normal');
    await w06.getByTestId('arrivals-switch').click();
    await expect.poll(() => windowMode('W06')).toBe('appointment');
    await expect.poll(() => text('arrivals-advice')).toBe('本窗口已切换为预约办理：办完当前群众后叫号，将优先叫到预约群众。');
    expect(await w06.getByTestId('arrivals-switch').count()).toBe(0);
    expect(await w06.getByTestId('action-mode').textContent()).toContain('预约办理：开');
    await screenshot(w06, 'console-arrival-switched');
  });

  it('the notice goes when 6号 calls the holder', async () => {
    expect((await h.api('POST', '/api/windows/W06/finish', {}, s1011)).status).toBe(200);
    await expect.poll(() => w06.getByTestId('action-call').isEnabled()).toBe(true);
    await w06.keyboard.press('F1');
    await expect.poll(() => text('current-number')).toBe('YC001');
    await expect.poll(() => arrivals()).toEqual([]);
  });

  it('the notice goes when another window (the 预约专窗) calls the holder', async () => {
    w12 = await h.staffAt('W12');
    expect(await callAt('W12', w12)).toBe('YC002');
    expect(await checkIn(2)).toBe('YC003');
    await expect.poll(() => arrivals()).toEqual(['arrival-YC003']);
    expect(await text('arrivals-advice')).toContain('本窗口已切换为预约办理');
    expect((await h.api('POST', '/api/windows/W12/finish', {}, w12)).status).toBe(200);
    expect(await callAt('W12', w12)).toBe('YC003');
    await expect.poll(() => arrivals()).toEqual([]);
    expect(await arrivals(w07)).toEqual([]);
  });

  it('after a cut link, the replayed backlog shows only the holder still waiting', async () => {
    // Record every notice the page ever renders from now on, however briefly.
    await w06.evaluate(() => {
      const seen = new Set<string>();
      (window as unknown as { seenArrivals: Set<string> }).seenArrivals = seen;
      new MutationObserver(() => document.querySelectorAll('[data-testid^="arrival-YC"]').forEach((el) => seen.add(el.getAttribute('data-testid')!))).observe(document.body, { subtree: true, childList: true });
    });
    proxy.cut();
    await expect.poll(() => text('connection'), { timeout: 15_000 }).toContain('连接中断');

    // Off the link: YC004 checks in and is called at the 预约专窗; YC005 checks in and waits.
    expect(await checkIn(3)).toBe('YC004');
    expect((await h.api('POST', '/api/windows/W12/finish', {}, w12)).status).toBe(200);
    expect(await callAt('W12', w12)).toBe('YC004');
    expect(await checkIn(4)).toBe('YC005');

    proxy.restore();
    await expect.poll(() => text('connection'), { timeout: 20_000 }).toContain('实时');
    await expect.poll(() => arrivals(), { timeout: 10_000 }).toEqual(['arrival-YC005']);
    await w06.getByTestId('queue-YC005').waitFor();
    expect(await w06.evaluate(() => [...(window as unknown as { seenArrivals: Set<string> }).seenArrivals])).toEqual(['arrival-YC005']);
    await screenshot(w06, 'console-arrival-after-reconnect');
  });
});
