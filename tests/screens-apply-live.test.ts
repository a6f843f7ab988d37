/**
 * 立即生效 reaches what the open pages read from the config when they loaded, without a reload
 * (real Chromium, the hall in a HallRunner as under `npm start`): the admin renames the hall,
 * shortens the ticket cut-off (a line of the scrolling notice), renames 3号窗口 and its staff
 * member, and sets the voice to one reading without a chime; the hall screen shows the new name
 * and notice, the window screen its new header, footer and staff name, the console header the new
 * name — each page still the one loaded before (a marker set on `window` survives). The call
 * being read out when the config changes is read to its end, the calls after it are shown and
 * read out under the new policy. Screenshot: screens-apply-live-hall.png.
 */
import type { HallConfig } from '@hall/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './support/browser.js';
import { ADMIN_PASSWORD, HALL_SCREEN_KEY, KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

type TestPage = Page & { errors: string[] };
interface Spoken {
  kind: 'chime' | 'speech';
  text: string;
  start: number;
  end: number;
}

const OLD_NAME = '示范县政务服务中心';
const NEW_NAME = '示范县新区政务服务中心';
const windowKey = (id: string) => `demo-window-${id.toLowerCase()}-key`;
const digits = (n: string) => n.replace(/\d/g, (d) => '零一二三四五六七八九'[Number(d)]!);

let browser: Browser;
let h: TestHall;
let hall: TestPage;
let win: TestPage;
let desk: TestPage;
let admin: string;
const tokens = new Map<string, string>();

beforeAll(async () => {
  [browser, h] = await Promise.all([launchBrowser(), startTestHall({ live: true })]);
  admin = await h.login('admin');
  for (const w of ['W03', 'W06', 'W07']) tokens.set(w, await h.staffAt(w));
  // The clip set: Debian's Chromium has no Chinese speech voice (see hall-voice.test.ts).
  hall = await openPage(browser, `${h.baseUrl}/hall-screen?key=${HALL_SCREEN_KEY}&voice=clips`, 1920, 1080);
  win = await openPage(browser, `${h.baseUrl}/window/W03?key=${windowKey('W03')}`, 1920, 1080);
  desk = await openPage(browser, `${h.baseUrl}/console`, 1366, 768);
  await desk.getByTestId('login-username').fill('admin');
  await desk.getByTestId('login-password').fill(ADMIN_PASSWORD);
  await desk.getByTestId('login-submit').click();
  await Promise.all([hall.getByTestId('window-grid').waitFor(), win.getByTestId('window-screen').waitFor(), desk.getByTestId('console').waitFor()]);
  await hall.locator('[data-testid="voice-state"][data-engine="clips"]').waitFor();
  // Set once on each page: gone if the page reloads.
  for (const p of [hall, win, desk]) await p.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const history = () => hall.evaluate(() => (window as unknown as { hallVoice: { history: Spoken[] } }).hallVoice.history.map((x) => ({ ...x })));
const notReloaded = (p: TestPage) => p.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce === true);

async function issueAndCall(windowId: string, serviceCode: string): Promise<string> {
  const t = await h.api('POST', '/api/tickets', { serviceCode }, KIOSK_KEY);
  expect(t.status, JSON.stringify(t.body)).toBe(201);
  await h.api('POST', `/api/windows/${windowId}/finish`, {}, tokens.get(windowId)); // the previous citizen, if any
  const r = await h.api<{ ticket: { number: string } }>('POST', `/api/windows/${windowId}/call-next`, undefined, tokens.get(windowId));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.ticket.number;
}

describe('立即生效 on the open screens and console', () => {
  let spokenBefore = 0;
  let first = '';
  let staffName = '';

  it('before: the pages show the config they loaded with', async () => {
    expect(await hall.locator('.hall-head h1').innerText()).toBe(OLD_NAME);
    expect(await hall.getByTestId('notice-line').innerText()).toContain('下班前 30 分钟停止取号');
    expect(await win.locator('.win-foot').innerText()).toContain(OLD_NAME);
    expect(await desk.locator('.brand b').innerText()).toBe(OLD_NAME);
    spokenBefore = (await history()).length;
  });

  it('a call is being read out when the admin applies a new hall name, notice, window name and voice policy', async () => {
    first = await issueAndCall('W06', 'SB');
    await expect.poll(() => hall.getByTestId('latest-number').textContent(), { timeout: 15_000 }).toBe(first);

    const { config: c } = (await h.api<{ config: HallConfig }>('GET', '/api/admin/config', undefined, admin)).body;
    c.hall.name = NEW_NAME;
    c.hours.ticketCutoffMinutes = 20;
    const w03 = c.windows.find((w) => w.id === 'W03')!;
    w03.name = '不动产登记（综合）';
    const onDuty = c.staff.find((s) => s.employeeNo === w03.posts.A)!;
    onDuty.name = staffName = `${onDuty.name.slice(0, 1)}新名`;
    c.voice = { ...c.voice, repeat: 1, chime: false };
    const saved = await h.api('PUT', '/api/admin/config', c, admin);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const applied = await h.api<{ message: string }>('POST', '/api/admin/config/apply', {}, admin);
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.message).toBe('第 2 版已生效');
  }, 60_000);

  it('the hall screen shows the new name and notice without a reload', async () => {
    await expect.poll(() => hall.locator('.hall-head h1').innerText(), { timeout: 20_000 }).toBe(NEW_NAME);
    const notice = await hall.getByTestId('notice-line').innerText();
    expect(notice).toContain(`欢迎来到${NEW_NAME}`);
    expect(notice).toContain('下班前 20 分钟停止取号');
    expect(notice).not.toContain(OLD_NAME);
    expect(await hall.title()).toBe(`大厅综合屏 · ${NEW_NAME}`);
    expect(await hall.getByTestId('tile-W03').innerText()).toContain('不动产登记（综合）');
    expect(await notReloaded(hall)).toBe(true);
  });

  it('the window screen shows its new name, the hall’s and its staff member’s without a reload', async () => {
    await expect.poll(() => win.locator('.win-foot').innerText(), { timeout: 20_000 }).toContain(NEW_NAME);
    expect(await win.locator('.win-title h1').innerText()).toBe('不动产登记（综合）');
    await expect.poll(() => win.getByTestId('staff').first().innerText(), { timeout: 20_000 }).toContain(staffName);
    expect(await win.title()).toBe(`W03 窗口屏 · ${NEW_NAME}`);
    expect(await notReloaded(win)).toBe(true);
  });

  it('the console header shows the new hall name without a reload', async () => {
    await expect.poll(() => desk.locator('.brand b').innerText(), { timeout: 20_000 }).toBe(NEW_NAME);
    expect(await desk.title()).toContain(NEW_NAME);
    expect(await notReloaded(desk)).toBe(true);
  });

  it('the call read out during the change is read to its end; a call after it is shown and read out once, without a chime', async () => {
    const next = await issueAndCall('W07', 'YB');
    await expect.poll(() => hall.getByTestId('latest-number').textContent(), { timeout: 20_000 }).toBe(next);
    const said = async () => (await history()).slice(spokenBefore).filter((p) => p.kind === 'speech').map((p) => p.text);
    await expect.poll(said, { timeout: 60_000, interval: 500 }).toContain(`请${digits(next)}号到七号窗口办理`);
    await hall.evaluate(() => (window as unknown as { hallVoice: { idle(): Promise<void> } }).hallVoice.idle());
    const played = (await history()).slice(spokenBefore);
    // The first call as queued under the old policy (chime, read twice); the next under the new one.
    expect(played.map((p) => (p.kind === 'chime' ? 'chime' : p.text))).toEqual(['chime', `请${digits(first)}号到六号窗口办理`, `请${digits(first)}号到六号窗口办理`, `请${digits(next)}号到七号窗口办理`]);
    // Never two sounds at once, and no phrase cut short.
    for (let i = 1; i < played.length; i++) expect(played[i]!.start).toBeGreaterThanOrEqual(played[i - 1]!.end - 1);
    for (const p of played.filter((x) => x.kind === 'speech')) expect(p.end - p.start).toBeGreaterThan(2500);
    await screenshot(hall, 'screens-apply-live-hall');
    await screenshot(win, 'screens-apply-live-window');
    expect(await notReloaded(hall)).toBe(true);
    for (const p of [hall, win, desk]) expect(p.errors).toEqual([]);
  }, 90_000);
});
