/**
 * Accessibility of every console page, checked by axe-core in real Chromium at 1366×768 on a hall
 * with a morning's data (tickets waiting, one at a window, one finished, a booking): the login
 * page, then every page the navigation offers a manager and a window staff member — and every
 * page a page's own navigation offers (sub-pages) — found from the links themselves, so a page
 * added later is checked without touching this file. No serious or critical violation may remain.
 */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser.js';
import { personId } from './support/people.js';
import { KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

type TestPage = Page & { errors: string[] };
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser: Browser;
let h: TestHall;

beforeAll(async () => {
  [browser, h] = await Promise.all([launchBrowser(), startTestHall()]);
  // A morning: 社会保险 at 6号窗口 has finished one ticket and is serving the next; others wait.
  const w6 = await h.staffAt('W06');
  for (let i = 0; i < 4; i++) expect((await h.api('POST', '/api/tickets', { serviceCode: 'SB', idNumber: personId(i + 1) }, KIOSK_KEY)).status).toBe(201);
  await h.api('POST', '/api/tickets', { serviceCode: 'SW' }, KIOSK_KEY);
  await h.api('POST', '/api/windows/W06/call-next', undefined, w6);
  await h.api('POST', '/api/test-clock', { advanceMinutes: 12 });
  await h.api('POST', '/api/windows/W06/finish', {}, w6);
  await h.api('POST', '/api/windows/W06/call-next', undefined, w6);
  await h.api('POST', '/api/windows/W06/start', undefined, w6);
  const booked = await h.api('POST', '/api/appointments', { serviceCode: 'SB', start: '2026-11-23T15:00:00+08:00', name: '王小明', idNumber: personId(40), phone: '13800000040', channel: 'online' });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/** axe's serious and critical violations on the page as it is now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}) at ${n.target.join(' ')}${n.failureSummary ? `: ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`));
}

/** Lets the page finish its reads: nothing says 正在读取/正在加载 any more, then a beat for late paints. */
async function settle(page: Page): Promise<void> {
  await expect.poll(() => page.locator('main').innerText(), { timeout: 10_000 }).not.toMatch(/正在(读取|加载|连接)/);
  await page.waitForTimeout(300);
}

/** Every page reachable from the header navigation and from navigation inside a page, with its violations. */
async function checkAllPages(page: TestPage): Promise<Map<string, string[]>> {
  const results = new Map<string, string[]>();
  const visit = async () => {
    await settle(page);
    const path = new URL(page.url()).pathname;
    if (!results.has(path)) results.set(path, await seriousViolations(page));
    return path;
  };
  const headerTabs = await page.locator('header nav a').count();
  for (let i = 0; i < headerTabs; i++) {
    await page.locator('header nav a').nth(i).click();
    await visit();
    const subTabs = await page.locator('main nav a').count();
    for (let j = 0; j < subTabs; j++) {
      await page.locator('main nav a').nth(j).click();
      await visit();
    }
  }
  return results;
}

async function login(page: Page, username: string) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('console').waitFor();
}

describe('console accessibility (axe-core): no serious or critical violations', () => {
  let manager: TestPage;
  let staff: TestPage;

  it('the login page, with and without an error shown', async () => {
    manager = await openPage(browser, `${h.baseUrl}/console`, 1366, 768);
    await manager.getByTestId('login-page').waitFor();
    expect(await seriousViolations(manager)).toEqual([]);
    await manager.getByTestId('login-submit').click();
    await manager.getByTestId('login-error').waitFor();
    expect(await seriousViolations(manager)).toEqual([]);
  });

  it('every page a manager can open (大厅实况, 预约与信用, 延时服务与设备, 统计报表, 好差评…, 叫号台, 现场/电话预约)', async () => {
    await login(manager, 'manager');
    const results = await checkAllPages(manager);
    for (const path of ['/console/manager', '/console/manager/appointments', '/console/manager/records', '/console/manager/reports', '/console/caller', '/console/desk', '/console/booking']) {
      expect([...results.keys()], path).toContain(path);
    }
    expect(Object.fromEntries(results)).toEqual(Object.fromEntries([...results.keys()].map((k) => [k, []])));
    expect(manager.errors).toEqual([]);
  }, 120_000);

  it('every page a window staff member can open, with a ticket at the window (叫号台 at 6号窗口)', async () => {
    staff = await openPage(browser, `${h.baseUrl}/console`, 1366, 768);
    await login(staff, h.hall.config.staff.find((s) => s.employeeNo === h.hall.config.windows.find((w) => w.id === 'W06')!.posts.A)!.username);
    const results = await checkAllPages(staff);
    expect([...results.keys()].some((p) => p.startsWith('/console/caller'))).toBe(true);
    expect(Object.fromEntries(results)).toEqual(Object.fromEntries([...results.keys()].map((k) => [k, []])));
    expect(staff.errors).toEqual([]);
  }, 120_000);
});
