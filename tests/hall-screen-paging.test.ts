/** A hall with 30 windows and 10 services on the 1920×1080 hall screen: pages turn by themselves. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONFIG_PATH } from '../apps/hall-server/src/server/app.js';
import { launchBrowser, openPage, screenshot } from './support/browser.js';
import { HALL_SCREEN_KEY, startTestHall, type TestHall } from './support/test-hall.js';

describe('hall screen of a big hall', () => {
  let browser: Browser;
  let h: TestHall;
  const dir = mkdtempSync(join(tmpdir(), 'big-hall-'));

  beforeAll(async () => {
    const config = JSON.parse(readFileSync(DEMO_CONFIG_PATH, 'utf8')) as { windows: Record<string, unknown>[]; services: Record<string, unknown>[] };
    for (let i = 13; i <= 30; i++) config.windows.push({ id: `W${i}`, no: String(i), name: `综合受理${i}`, department: 'ZWB', services: ['ZH'], posts: { A: '1023' } });
    for (const [code, prefix, name] of [['JY', 'J', '就业创业'], ['MZ', 'K', '民政事务']]) config.services.push({ code, prefix, name, department: 'ZWB' });
    const configPath = join(dir, 'hall.json');
    writeFileSync(configPath, JSON.stringify(config));
    [browser, h] = await Promise.all([launchBrowser(), startTestHall({ configPath })]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows 12 windows at a time with 第 n/3 页 and turns to the next page by itself', async () => {
    const page = await openPage(browser, `${h.baseUrl}/hall-screen?key=${HALL_SCREEN_KEY}&voice=off`, 1920, 1080);
    const tiles = page.getByTestId('window-grid').locator('[data-testid^=tile-]');
    await page.getByTestId('window-page').waitFor();
    expect(await page.getByTestId('window-page').textContent()).toBe('第 1/3 页');
    expect(await tiles.count()).toBe(12);
    expect(await tiles.first().getAttribute('data-testid')).toBe('tile-W01');
    expect(await page.getByTestId('queue-page').textContent()).toBe('第 1/2 页');
    await screenshot(page, 'hall-screen-30-windows-1920x1080');
    await expect.poll(() => page.getByTestId('window-page').textContent(), { timeout: 12_000 }).toBe('第 2/3 页');
    expect(await tiles.first().getAttribute('data-testid')).toBe('tile-W13');
    // Nothing spills off the screen: the last tile of a page is inside the viewport.
    const box = await tiles.last().boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(1080);
    expect(page.errors).toEqual([]);
  }, 30_000);
});
