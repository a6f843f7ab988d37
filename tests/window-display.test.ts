/**
 * The window screen and the hall screen in real Chromium against a real hall server on loopback.
 * The pages reach the server through a TCP proxy so that a test can cut them off while the server
 * keeps working. Measures API call → DOM latency; screenshots go to test-output/screenshots/.
 */
import { rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '@hall/shared';
import { launchBrowser, openPage, screenshot, TcpProxy, watchText } from './support/browser.js';
import { HALL_SCREEN_KEY, KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

type TestPage = Awaited<ReturnType<typeof openPage>>;
const windowKey = (id: string) => `demo-window-${id.toLowerCase()}-key`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `min ${s[0]} ms, median ${s[Math.floor(s.length / 2)]} ms, max ${s.at(-1)} ms (${xs.join(', ')})`;
};

describe('window screen and hall screen in Chromium', () => {
  let browser: Browser;
  let h: TestHall;
  let dir: string;
  let proxy: TcpProxy;
  let staff: string;
  const pages: TestPage[] = [];
  let win: TestPage; // W03, 1920×1080
  let tablet: TestPage; // W03, 1280×800
  let hall: TestPage; // 1920×1080
  let led: TestPage; // 1920×360
  const open = async (path: string, width: number, height: number) => {
    const page = await openPage(browser, proxy.url + path, width, height);
    pages.push(page);
    return page;
  };
  const call = async (windowId: string, token: string) => (await h.api<{ ticket: { number: string } | null }>('POST', `/api/windows/${windowId}/call-next`, undefined, token)).body.ticket?.number;

  beforeAll(async () => {
    [browser, h] = await Promise.all([launchBrowser(), startTestHall()]);
    dir = h.dir;
    proxy = await TcpProxy.start(Number(new URL(h.baseUrl).port));
    // A morning in the hall: queues at every service, a few windows already calling.
    const issue = { BDC: 10, SW: 3, SB: 4, YB: 2, GJJ: 3, HZ: 5, QYKB: 1, ZH: 2 };
    let person = 0;
    for (const [serviceCode, n] of Object.entries(issue)) {
      for (let i = 0; i < n; i++) {
        const first17 = `11010119800101${String(++person).padStart(3, '0')}`; // BDC and HZ take tickets by ID card
        const r = await h.api('POST', '/api/tickets', { serviceCode, idNumber: first17 + idCheckChar(first17) }, KIOSK_KEY);
        expect(r.status).toBe(201);
      }
    }
    for (const id of ['W06', 'W08', 'W09', 'W11']) await call(id, await h.staffAt(id));
    staff = await h.staffAt('W03');
    win = await open(`/window/W03?key=${windowKey('W03')}`, 1920, 1080);
    tablet = await open(`/window/W03?key=${windowKey('W03')}`, 1280, 800);
    hall = await open(`/hall-screen?key=${HALL_SCREEN_KEY}`, 1920, 1080);
    led = await open(`/hall-screen?layout=led&key=${HALL_SCREEN_KEY}`, 1920, 360);
    await Promise.all([win, tablet, hall, led].map((p) => p.getByTestId('window-grid').or(p.getByTestId('window-screen')).waitFor()));
  }, 60_000);

  afterAll(async () => {
    for (const p of pages) expect(p.errors, `errors in ${p.url()}`).toEqual([]);
    await browser?.close();
    await proxy?.close();
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes the device key once from ?key=, keeps it, and removes it from the address', async () => {
    expect(win.url()).toBe(`${proxy.url}/window/W03`);
    expect(led.url()).toBe(`${proxy.url}/hall-screen?layout=led`);
    expect(await win.evaluate(() => localStorage.getItem('hall.deviceKey:/window/W03'))).toBe(windowKey('W03'));
    await win.reload();
    await expect.poll(() => win.getByTestId('staff').first().textContent()).toContain('陈海燕');
    const text = await win.getByTestId('window-screen').textContent();
    for (const part of ['3号窗口', '不动产税务联办', '县不动产登记中心', '工号 1005', 'A岗', '等候叫号', '不动产登记、税务办理']) expect(text).toContain(part);
  });

  it('a page without a key, with a wrong key or for an unknown window says so', async () => {
    const none = await open('/hall-screen', 1280, 800);
    await expect.poll(() => none.getByTestId('notice').textContent()).toContain('本设备尚未登记');
    const wrong = await open('/window/W03?key=not-a-device-key', 1280, 800);
    await expect.poll(() => wrong.getByTestId('notice').textContent()).toContain('设备密钥无效');
    await Promise.all([none.close(), wrong.close()]);
    const unknown = await fetch(`${proxy.url}/window/W99?key=${windowKey('W03')}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('W99');
  });

  it('a call made through the API appears on the window screen and the hall screen', async () => {
    const latency = { api: [] as number[], window: [] as number[], hall: [] as number[] };
    for (let i = 1; i <= 6; i++) {
      if (i > 1) await h.api('POST', '/api/windows/W03/finish', {}, staff);
      const number = `A00${i}`;
      const [onWindow, onHall] = await Promise.all([watchText(win, '[data-testid=current-number]', number), watchText(hall, '[data-testid=latest-number]', number)]);
      const t0 = Date.now();
      expect(await call('W03', staff)).toBe(number);
      latency.api.push(Date.now() - t0);
      latency.window.push((await onWindow.seen()) - t0);
      latency.hall.push((await onHall.seen()) - t0);
    }
    console.log(`call-next → HTTP answer:     ${stats(latency.api)}`);
    console.log(`call-next → window screen DOM: ${stats(latency.window)}`);
    console.log(`call-next → hall screen DOM:   ${stats(latency.hall)}`);
    expect(Math.max(...latency.window, ...latency.hall)).toBeLessThan(1000);

    await expect.poll(() => tablet.getByTestId('current-number').textContent()).toBe('A006');
    await expect.poll(() => led.getByTestId('latest-number').textContent()).toBe('A006');
    expect(await win.getByTestId('window-state').textContent()).toContain('不动产登记');
    expect(await hall.getByTestId('latest-call').textContent()).toContain('3号窗口办理');
    const recent = await hall.getByTestId('recent-calls').locator('li b').allTextContents();
    expect(recent.slice(0, 5)).toEqual(['A005', 'A004', 'A003', 'A002', 'A001']);
    expect(await hall.getByTestId('tile-W03').textContent()).toContain('A006');
    expect(await hall.getByTestId('queue-BDC').textContent()).toContain('4'); // 10 issued, 6 called
    await sleep(3500); // let the new-call flash settle before the pictures
    await Promise.all([
      screenshot(win, 'window-serving-1920x1080'),
      screenshot(tablet, 'window-serving-1280x800'),
      screenshot(hall, 'hall-screen-1920x1080'),
      screenshot(led, 'hall-screen-led-1920x360'),
    ]);
  }, 60_000);

  it('a paused window shows 暂停服务 with its reason', async () => {
    await h.api('POST', '/api/windows/W03/finish', {}, staff);
    expect((await h.api('POST', '/api/windows/W03/pause', { reason: '系统升级维护' }, staff)).status).toBe(200);
    for (const p of [win, tablet]) {
      await expect.poll(() => p.getByTestId('window-screen').getAttribute('data-status')).toBe('paused');
      expect(await p.getByTestId('window-state').textContent()).toContain('暂停服务');
      expect(await p.getByTestId('pause-reason').textContent()).toBe('系统升级维护');
    }
    await expect.poll(() => hall.getByTestId('tile-W03').textContent()).toContain('暂停');
    await Promise.all([screenshot(win, 'window-paused-1920x1080'), screenshot(tablet, 'window-paused-1280x800')]);
    expect((await h.api('POST', '/api/windows/W03/resume', undefined, staff)).status).toBe(200);
  });

  it('预约办理 mode says so and tells walk-ins to wait; a 预约专窗 says it only serves appointments', async () => {
    await h.staffAt('W03', 'B'); // both posts on duty: the most the staff column has to show
    expect(await call('W03', staff)).toBe('A007');
    expect((await h.api('PUT', '/api/windows/W03/mode', { mode: 'appointment' }, staff)).status).toBe(200);
    for (const p of [win, tablet]) {
      await expect.poll(() => p.getByTestId('mode-strip').textContent()).toContain('预约办理中');
      expect(await p.getByTestId('mode-strip').textContent()).toContain('现场取号的群众请留意叫号');
      expect(await p.getByTestId('staff').allTextContents()).toEqual(['陈陈海燕工号 1005A岗', '杨杨文博工号 1006B岗']);
    }
    await Promise.all([screenshot(win, 'window-appointment-1920x1080'), screenshot(tablet, 'window-appointment-1280x800')]);
    expect((await h.api('PUT', '/api/windows/W03/mode', { mode: 'normal' }, staff)).status).toBe(200);
    await expect.poll(() => win.getByTestId('mode-strip').count()).toBe(0);

    await h.staffAt('W12');
    const w12 = await open(`/window/W12?key=${windowKey('W12')}`, 1920, 1080);
    await expect.poll(() => w12.getByTestId('mode-strip').textContent()).toContain('预约专窗');
    await screenshot(w12, 'window-appointment-only-1920x1080');
    await w12.close();
  });

  it('a window nobody is signed in at shows 空岗', async () => {
    const [big, small] = [await open(`/window/W05?key=${windowKey('W05')}`, 1920, 1080), await open(`/window/W05?key=${windowKey('W05')}`, 1280, 800)];
    for (const p of [big, small]) {
      await expect.poll(() => p.getByTestId('window-screen').getAttribute('data-status')).toBe('unstaffed');
      expect(await p.getByTestId('window-state').textContent()).toContain('空岗');
      expect(await p.getByTestId('staff').count()).toBe(0);
    }
    expect(await hall.getByTestId('tile-W05').textContent()).toContain('空岗');
    await Promise.all([screenshot(big, 'window-unstaffed-1920x1080'), screenshot(small, 'window-unstaffed-1280x800')]);
  });

  it('when the server goes away the stale banner appears within 5 s; on its return the pages catch up without a reload', async () => {
    await h.api('POST', '/api/windows/W03/finish', {}, staff);
    expect(await call('W03', staff)).toBe('A008');
    await expect.poll(() => win.getByTestId('current-number').textContent()).toBe('A008');
    for (const p of [win, hall]) await p.evaluate(() => Object.assign(window, { sameLoad: true }));

    const banners = await Promise.all([win, tablet, hall, led].map((p) => watchText(p, '[data-testid=stale-banner]', null)));
    const t0 = Date.now();
    await h.hall.close();
    proxy.cut(); // the pages stay cut off while the hall comes back
    const staleMs = (await Promise.all(banners.map((b) => b.seen()))).map((t) => t - t0);
    console.log(`server closed → stale banner on the 4 pages after ${staleMs.join(', ')} ms`);
    expect(Math.max(...staleMs)).toBeLessThan(5000);

    // The hall comes back on the same database and goes on calling while the pages are cut off.
    h = await startTestHall({ dir });
    proxy.target = Number(new URL(h.baseUrl).port);
    staff = await h.login('s1005');
    const missed: string[] = [];
    for (let i = 0; i < 3; i++) {
      await h.api('POST', '/api/windows/W03/finish', {}, staff);
      missed.push((await call('W03', staff))!);
    }
    expect(missed).toEqual(['A009', 'A010', 'B001']);
    await sleep(500);
    expect(await win.getByTestId('current-number').textContent()).toBe('A008');
    await Promise.all([screenshot(win, 'window-stale-1920x1080'), screenshot(tablet, 'window-stale-1280x800'), screenshot(hall, 'hall-screen-stale-1920x1080'), screenshot(led, 'hall-screen-led-stale-1920x360')]);

    const t1 = Date.now();
    proxy.restore();
    await Promise.all([win, tablet, hall, led].map((p) => p.getByTestId('stale-banner').waitFor({ state: 'detached', timeout: 10_000 })));
    console.log(`link restored → banner gone on all 4 pages: ${Date.now() - t1} ms`);
    await expect.poll(() => win.getByTestId('current-number').textContent()).toBe('B001');
    await expect.poll(() => hall.getByTestId('latest-number').textContent()).toBe('B001');
    const recent = await hall.getByTestId('recent-calls').locator('li b').allTextContents();
    expect(recent.slice(0, 3)).toEqual(['A010', 'A009', 'A008']);
    for (const p of [win, hall]) expect(await p.evaluate(() => (window as unknown as { sameLoad?: boolean }).sameLoad)).toBe(true);
  }, 60_000);

  it('a link that goes silent without closing is caught by the heartbeat watchdog', async () => {
    await sleep(1000);
    const banner = await watchText(win, '[data-testid=stale-banner]', null);
    const t0 = Date.now();
    proxy.freeze();
    const silentMs = (await banner.seen()) - t0;
    console.log(`link frozen → stale banner: ${silentMs} ms (server pings every 3 s; silence limit: ping interval + 1.5 s)`);
    expect(silentMs).toBeLessThan(7500);
    await h.api('POST', '/api/windows/W03/finish', {}, staff);
    expect(await call('W03', staff)).toBe('B002');
    proxy.restore();
    await win.getByTestId('stale-banner').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => win.getByTestId('current-number').textContent()).toBe('B002');
  }, 60_000);

  it('after closing time an empty window shows 已下班', async () => {
    await h.api('POST', '/api/test-clock', { set: '2026-11-23T17:40:00+08:00' });
    const [big, small] = [await open(`/window/W05?key=${windowKey('W05')}`, 1920, 1080), await open(`/window/W05?key=${windowKey('W05')}`, 1280, 800)];
    for (const p of [big, small]) {
      await expect.poll(() => p.getByTestId('window-screen').getAttribute('data-status')).toBe('closed');
      expect(await p.getByTestId('window-state').textContent()).toContain('已下班');
      expect(await p.getByTestId('window-state').textContent()).toContain('周一至周五 09:00—12:00、13:00—17:00');
    }
    await Promise.all([screenshot(big, 'window-closed-1920x1080'), screenshot(small, 'window-closed-1280x800')]);
  });
});
