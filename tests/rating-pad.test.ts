/**
 * The evaluation pad (评价器) on the window screen, in real Chromium against a real hall server:
 * 办结 opens it, a tap records a rating that lands in /api/stats/ratings with its score, a 差评
 * cannot be sent without a detail, and a pad nobody touches records "not rated" by itself.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RatingStatsRow } from '@hall/shared';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './support/browser.js';
import { personId } from './support/people.js';
import { startTestHall, type TestHall } from './support/test-hall.js';
import { DEMO_CONFIG_PATH } from '../apps/hall-server/src/server/app.js';

const PAD_KEY = 'demo-window-w01-key';
const PAD_TIMEOUT_S = 10;

describe('evaluation pad in Chromium', () => {
  let browser: Browser;
  let h: TestHall;
  let staff: string;
  let manager: string;
  let page: Awaited<ReturnType<typeof openPage>>;
  let n = 0;
  const configDir = mkdtempSync(join(tmpdir(), 'pad-config-'));

  beforeAll(async () => {
    // The demo hall with the pad's timeout at its minimum, so the test need not wait a minute.
    const config = JSON.parse(readFileSync(DEMO_CONFIG_PATH, 'utf8')) as Record<string, unknown>;
    config.ratings = { padTimeoutSeconds: PAD_TIMEOUT_S };
    const configPath = join(configDir, 'hall.json');
    writeFileSync(configPath, JSON.stringify(config));
    [browser, h] = await Promise.all([launchBrowser(), startTestHall({ configPath })]);
    staff = await h.staffAt('W01');
    manager = await h.login('manager');
    page = await openPage(browser, `${h.baseUrl}/window/W01?key=${PAD_KEY}`, 1280, 800);
    await page.getByTestId('window-screen').waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
    rmSync(configDir, { recursive: true, force: true });
  });

  /** A citizen served at W01 from ticket to 办结; returns the ticket id. */
  async function serveOne(): Promise<string> {
    const t = await h.api<{ id: string }>('POST', '/api/tickets', { serviceCode: 'BDC', idNumber: personId(++n) }, staff);
    expect(t.status).toBe(201);
    expect((await h.api('POST', '/api/windows/W01/call-next', undefined, staff)).status).toBe(200);
    expect((await h.api('POST', '/api/windows/W01/finish', {}, staff)).status).toBe(200);
    return t.body.id;
  }
  async function staffRow(): Promise<RatingStatsRow> {
    const r = await h.api<RatingStatsRow[]>('GET', '/api/stats/ratings?by=staff', undefined, manager);
    return r.body.find((x) => x.key === '1001')!;
  }
  async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = await read();
      if (ok(v) || Date.now() > end) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const pad = () => page.getByTestId('rating-pad');

  it('opens after 办结 with five equal choices, none preselected, and a 满意 lands as 8 points', async () => {
    await serveOne();
    await pad().waitFor();
    const buttons = pad().locator('.pad-level');
    expect(await buttons.allTextContents()).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    // Nothing hints at an answer: every level looks the same and nothing has focus.
    const looks = await buttons.evaluateAll((els) => els.map((e) => { const s = getComputedStyle(e); return `${s.backgroundColor}|${s.color}|${s.borderColor}|${s.fontSize}|${e.getBoundingClientRect().width.toFixed(0)}`; }));
    expect(new Set(looks).size).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.className ?? '')).not.toContain('pad-level');
    // Who served stays visible beside the pad (亮明身份).
    expect(await page.getByTestId('staff').first().textContent()).toContain('1001');
    await screenshot(page, 'pad-ask-1280x800');
    await buttons.nth(1).click();
    await page.getByTestId('pad-thanks').waitFor();
    await screenshot(page, 'pad-thanks-1280x800');
    const row = await until(staffRow, (r) => r?.rated === 1);
    expect(row).toMatchObject({ rated: 1, score: 8, counts: { 4: 1 } });
    await pad().waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('asks a 差评 what went wrong and sends it only with a detail', async () => {
    await serveOne();
    await pad().locator('.pad-level', { hasText: /^不满意$/ }).click();
    const submit = pad().getByRole('button', { name: '提交评价' });
    expect(await submit.isDisabled()).toBe(true);
    await pad().getByRole('button', { name: '等候时间太长' }).click();
    await screenshot(page, 'pad-details-1280x800');
    expect(await submit.isEnabled()).toBe(true);
    await submit.click();
    await page.getByTestId('pad-thanks').waitFor();
    const row = await until(staffRow, (r) => r?.rated === 2);
    expect(row).toMatchObject({ rated: 2, bad: 1, score: 8 + 0 });
    await pad().waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('records "not rated" by itself when nobody answers, and no rating can be added afterwards', async () => {
    const id = await serveOne();
    await pad().waitFor();
    const opened = Date.now();
    await pad().waitFor({ state: 'detached', timeout: (PAD_TIMEOUT_S + 5) * 1000 });
    expect(Date.now() - opened).toBeGreaterThan((PAD_TIMEOUT_S - 1) * 1000);
    const late = await until(
      () => h.api<{ error: { code: string } }>('POST', '/api/ratings', { ticketId: id, level: 5 }, PAD_KEY),
      (r) => r.status === 409,
    );
    expect(late.body.error.code).toBe('ALREADY_RATED');
    const row = await staffRow();
    expect(row).toMatchObject({ served: 3, rated: 2, notRated: 1, score: 8 });
    expect(page.errors).toEqual([]);
  });

  it('does not ask again about an episode after the page reloads', async () => {
    await serveOne();
    await pad().waitFor();
    await page.reload();
    await page.getByTestId('window-screen').waitFor();
    await new Promise((r) => setTimeout(r, 1000));
    expect(await pad().count()).toBe(0);
  });
});
