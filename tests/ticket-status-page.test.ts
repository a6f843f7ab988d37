/**
 * 号码状态 (/t/{id}, what the QR on a printed ticket opens) on a phone (375×667) in real Chromium
 * against a real hall server, Monday 2026-11-23 09:30: a waiting ticket shows its number,
 * service, people ahead and 预计等候时间; when a window calls it the page says which window
 * within a few seconds, by itself; then 办理中, 已办结; a skipped, a voided and a transferred
 * ticket; an unknown id. Screenshots: test-output/screenshots/ticket-*.png.
 */
import type { TicketStatusView } from '@hall/shared';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, watchText } from './support/browser.js';
import { KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

type TestPage = Awaited<ReturnType<typeof openPage>>;

describe('号码状态 page on a phone', () => {
  let browser: Browser;
  let h: TestHall;
  let w06: string;
  const pages: TestPage[] = [];
  const issue = async (serviceCode: string) => (await h.api<TicketStatusView>('POST', '/api/tickets', { serviceCode }, KIOSK_KEY)).body;
  const open = async (id: string) => {
    const page = await openPage(browser, `${h.baseUrl}/t/${id}`, 375, 667);
    pages.push(page);
    return page;
  };
  const text = (page: TestPage, testId: string) => page.getByTestId(testId).textContent({ timeout: 5000 });

  beforeAll(async () => {
    [browser, h] = await Promise.all([launchBrowser(), startTestHall()]);
    w06 = await h.staffAt('W06'); // 6号窗口 社会保险
  }, 60_000);

  afterAll(async () => {
    // The unknown id is answered 404 by the API (Chromium logs it); nothing else may go wrong.
    for (const p of pages) expect(p.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await browser?.close();
    await h?.close();
  });

  it('is served publicly at /t/{id}', async () => {
    const res = await fetch(`${h.baseUrl}/t/anything`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain(h.hall.config.hall.name);
  });

  it('shows a waiting ticket: number, service, people ahead, estimate; then the window that calls it, within seconds', async () => {
    await issue('SB'); // C001, ahead of ours
    const mine = await issue('SB');
    expect(mine).toMatchObject({ number: 'C002', waitingAhead: 1, estimatedWaitMinutes: 15 });
    const page = await open(mine.id);
    await page.getByTestId('ticket').waitFor();
    expect(await text(page, 'ticket-number')).toBe('C002');
    expect(await text(page, 'ticket-service')).toBe('社会保险');
    expect(await text(page, 'ticket-status')).toBe('等候中');
    expect(await text(page, 'waiting-ahead')).toBe('1 人');
    expect(await text(page, 'estimate')).toBe('约 15 分钟');
    expect(await text(page, 'updated-at')).toMatch(/^更新于 \d\d:\d\d:\d\d · 每 3 秒自动刷新$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375); // no sideways scrolling
    await screenshot(page, 'ticket-1-waiting');

    // 6号窗口 calls C001: ours is next.
    await h.api('POST', '/api/windows/W06/call-next', undefined, w06);
    await expect.poll(() => text(page, 'waiting-ahead'), { timeout: 6000 }).toBe('0 人');

    // C001 done, the window calls ours: the page says where to go, by itself, within a few seconds.
    await h.api('POST', '/api/windows/W06/finish', {}, w06);
    const seen = await watchText(page, '[data-testid="ticket-status"]', '请到 6 号窗口办理');
    const calledAt = Date.now();
    const call = await h.api<{ ticket: { id: string } }>('POST', '/api/windows/W06/call-next', undefined, w06);
    expect(call.body.ticket.id).toBe(mine.id);
    const delay = (await seen.seen()) - calledAt;
    expect(delay).toBeLessThan(5000);
    expect(await text(page, 'advice')).toContain('6号窗口（社会保险）正在呼叫您的号码');
    expect(await page.getByTestId('waiting-ahead').count()).toBe(0);
    await screenshot(page, 'ticket-2-called');

    await h.api('POST', '/api/windows/W06/start', undefined, w06);
    await expect.poll(() => text(page, 'ticket-status'), { timeout: 6000 }).toBe('办理中');
    expect(await text(page, 'advice')).toContain('6号窗口（社会保险）');
    await h.api('POST', '/api/windows/W06/finish', {}, w06);
    await expect.poll(() => text(page, 'ticket-status'), { timeout: 6000 }).toBe('已办结');
    expect(await text(page, 'updated-at')).not.toContain('自动刷新'); // nothing changes any more
    await screenshot(page, 'ticket-3-done');
  });

  it('a skipped ticket says what to do', async () => {
    const t = await issue('SB');
    await h.api('POST', '/api/windows/W06/call-next', undefined, w06);
    await h.api('POST', '/api/windows/W06/skip', undefined, w06);
    const page = await open(t.id);
    await expect.poll(() => text(page, 'ticket-status')).toBe('已过号');
    expect(await text(page, 'advice')).toContain('请到服务台或原窗口说明情况，工作人员可为您重新排队');
    await screenshot(page, 'ticket-4-skipped');
  });

  it('a ticket the kiosk voided says so', async () => {
    const t = await issue('SB');
    await h.api('POST', `/api/tickets/${t.id}/cancel`, { reason: '打印失败作废' }, KIOSK_KEY);
    const page = await open(t.id);
    await expect.poll(() => text(page, 'ticket-status')).toBe('已作废');
    expect(await text(page, 'advice')).toContain('重新取号');
    await screenshot(page, 'ticket-5-cancelled');
  });

  it('follows a ticket transferred to another service: same number, new queue', async () => {
    await h.staffAt('W07'); // 医疗保障, so the transferred ticket has a window
    const t = await issue('SB');
    const page = await open(t.id);
    await expect.poll(() => text(page, 'ticket-status')).toBe('等候中');
    await h.api('POST', '/api/windows/W06/call-next', undefined, w06);
    await h.api('POST', '/api/windows/W06/transfer', { serviceCode: 'YB' }, w06);
    await expect.poll(() => text(page, 'ticket-service'), { timeout: 8000 }).toBe('医疗保障');
    expect(await text(page, 'ticket-number')).toBe(t.number);
    expect(await text(page, 'ticket-status')).toBe('等候中');
    expect(await text(page, 'estimate')).toBe('即将叫号');
  });

  it('an unknown id gets a clear message', async () => {
    const page = await open('no-such-ticket');
    await page.getByTestId('not-found').waitFor();
    expect(await text(page, 'not-found')).toContain('找不到该号码');
    await screenshot(page, 'ticket-6-unknown');
  });
});
