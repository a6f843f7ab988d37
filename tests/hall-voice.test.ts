/**
 * Voice calling on the hall screen in real Chromium, with the recorded clip set (Debian's
 * Chromium has no Chinese speech-synthesis voice). Chromium is started with autoplay allowed,
 * as a hall-screen browser is. What was played is read from the screen's own history
 * (window.hallVoice), which records each sound's start and end.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONFIG_PATH } from '../apps/hall-server/src/server/app.js';
import { launchBrowser, openPage, TcpProxy } from './support/browser.js';
import { HALL_SCREEN_KEY, KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

interface Spoken {
  kind: 'chime' | 'speech';
  text: string;
  start: number;
  end: number;
}

describe('voice calling on the hall screen', () => {
  let browser: Browser;
  let h: TestHall;
  let proxy: TcpProxy;
  let page: Awaited<ReturnType<typeof openPage>>;
  const configDir = mkdtempSync(join(tmpdir(), 'voice-config-'));
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    const config = JSON.parse(readFileSync(DEMO_CONFIG_PATH, 'utf8')) as Record<string, unknown>;
    config.voice = { repeat: 1, chime: true, numberReading: 'digits' };
    const configPath = join(configDir, 'hall.json');
    writeFileSync(configPath, JSON.stringify(config));
    [browser, h] = await Promise.all([launchBrowser(), startTestHall({ configPath })]);
    proxy = await TcpProxy.start(Number(new URL(h.baseUrl).port));
    for (const w of ['W06', 'W07', 'W10']) tokens.set(w, await h.staffAt(w));
    page = await openPage(browser, `${proxy.url}/hall-screen?key=${HALL_SCREEN_KEY}&voice=clips`, 1920, 1080);
    await page.getByTestId('window-grid').waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
    proxy?.close();
    rmSync(configDir, { recursive: true, force: true });
  });

  const history = () => page.evaluate(() => (window as unknown as { hallVoice: { history: Spoken[] } }).hallVoice.history.map((x) => ({ ...x })));
  const idle = () => page.evaluate(() => (window as unknown as { hallVoice: { idle(): Promise<void> } }).hallVoice.idle());
  async function issueAndCall(windowId: string, serviceCode: string): Promise<string> {
    const t = await h.api('POST', '/api/tickets', { serviceCode, }, KIOSK_KEY);
    expect(t.status).toBe(201);
    await h.api('POST', `/api/windows/${windowId}/finish`, {}, tokens.get(windowId)); // the previous citizen, if any
    const r = await h.api<{ ticket: { number: string } }>('POST', `/api/windows/${windowId}/call-next`, undefined, tokens.get(windowId));
    expect(r.status).toBe(200);
    return r.body.ticket.number;
  }

  it('uses the clip set and says so on screen', async () => {
    await expect.poll(() => page.getByTestId('voice-state').getAttribute('data-engine')).toBe('clips');
    expect(await page.getByTestId('voice-state').textContent()).toContain('录音片段');
  });

  it('announces calls made within a second in order, each whole, after its chime', async () => {
    const before = (await history()).length;
    // Three windows call within a second of each other.
    const numbers = [await issueAndCall('W06', 'SB'), await issueAndCall('W07', 'YB'), await issueAndCall('W10', 'QYKB')];
    await expect.poll(async () => (await history()).length - before, { timeout: 60_000, interval: 500 }).toBe(6);
    await idle();
    const played = (await history()).slice(before);
    const spoken = played.filter((p) => p.kind === 'speech').map((p) => p.text);
    const digits = (n: string) => n.replace(/\d/g, (d) => '零一二三四五六七八九'[Number(d)]!);
    expect(spoken).toEqual([`请${digits(numbers[0]!)}号到六号窗口办理`, `请${digits(numbers[1]!)}号到七号窗口办理`, `请${digits(numbers[2]!)}号到十号窗口办理`]);
    expect(played.map((p) => p.kind)).toEqual(['chime', 'speech', 'chime', 'speech', 'chime', 'speech']);
    // Never two sounds at once, and each phrase took as long as its clips (not cut short).
    for (let i = 1; i < played.length; i++) expect(played[i]!.start).toBeGreaterThanOrEqual(played[i - 1]!.end - 1);
    for (const p of played.filter((x) => x.kind === 'speech')) expect(p.end - p.start).toBeGreaterThan(2500);
    expect(await page.evaluate(() => [...(window as unknown as { hallVoice: { missing: Set<string> } }).hallVoice.missing])).toEqual([]);
  }, 90_000);

  it('after a reconnect, shows the calls it missed but does not read out the old ones', async () => {
    const before = (await history()).length;
    proxy.cut();
    await page.getByTestId('stale-banner').waitFor({ timeout: 10_000 });
    const missed = await issueAndCall('W06', 'SB');
    await h.api('POST', '/api/test-clock', { advanceMinutes: 2 });
    proxy.restore();
    await page.getByTestId('stale-banner').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => page.getByTestId('latest-number').textContent(), { timeout: 10_000 }).toBe(missed);
    const fresh = await issueAndCall('W07', 'YB');
    await expect.poll(async () => (await history()).slice(before).filter((p) => p.kind === 'speech').length, { timeout: 30_000 }).toBe(1);
    const said = (await history()).slice(before).filter((p) => p.kind === 'speech')[0]!.text;
    expect(said).toContain(fresh.replace(/\d/g, (d) => '零一二三四五六七八九'[Number(d)]!));
    expect(page.errors).toEqual([]);
  }, 60_000);
});
