/**
 * The kiosk with a keyboard-wedge QR scanner (a USB scanner that types) and after hours, in
 * Chromium: the real hall server, the agent as its own process, a VirtualPrinter on TCP. The
 * scanner's keystrokes are typed into the page by Playwright at a scanner's speed (a few ms per
 * key, then Enter) — the page must tell them from a person typing.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgentProcess, type AgentProcess } from '../apps/kiosk/src/agent/agent-process.js';
import { VirtualPrinter } from '../apps/kiosk/src/printer/index.js';
import { launchBrowser, openPage, screenshot } from './support/browser.js';
import { personId } from './support/people.js';
import { startTestHall, type TestHall } from './support/test-hall.js';

type TestPage = Awaited<ReturnType<typeof openPage>>;

describe('取号机 with a keyboard-wedge scanner, and after hours', () => {
  let browser: Browser;
  let h: TestHall;
  let printer: VirtualPrinter;
  let agent: AgentProcess;
  let page: TestPage;
  let qrToken = '';
  const screenIs = (name: string) => expect.poll(() => page.getByTestId('kiosk').getAttribute('data-screen'), { timeout: 10_000 }).toBe(name);

  beforeAll(async () => {
    [browser, h, printer] = await Promise.all([launchBrowser(), startTestHall(), VirtualPrinter.onTcp(0)]);
    const booked = await h.api<{ qrToken: string }>('POST', '/api/appointments', { serviceCode: 'YB', start: '2026-11-23T15:00:00+08:00', name: '周九', idNumber: personId(50), phone: '13800000050', channel: 'online' });
    if (booked.status !== 201) throw new Error(JSON.stringify(booked.body));
    qrToken = booked.body.qrToken;
    agent = await startAgentProcess(['--server', h.baseUrl, '--printer', `tcp://127.0.0.1:${printer.port}`, '--port', '0', '--scanner', 'wedge']);
    page = await openPage(browser, agent.url, 1080, 1920);
    await page.getByTestId('service-SB').waitFor();
  }, 90_000);

  afterAll(async () => {
    expect(page?.errors ?? []).toEqual([]);
    await browser?.close();
    await agent?.stop();
    await printer?.close();
    await h?.close();
  });

  it('ignores a person typing slowly on a keyboard', async () => {
    await h.api('POST', '/api/test-clock', { set: '2026-11-23T14:45:00+08:00' });
    await page.keyboard.type(qrToken.slice(0, 12), { delay: 150 });
    await page.keyboard.press('Enter');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await page.getByTestId('kiosk').getAttribute('data-screen')).toBe('home');
    expect(printer.tickets).toHaveLength(0);
  });

  it('checks in a booking whose QR code the wedge scanner typed, and prints its ticket', async () => {
    await page.keyboard.type(qrToken, { delay: 4 });
    await page.keyboard.press('Enter');
    await screenIs('result');
    const number = (await page.getByTestId('result-number').textContent())!;
    expect(number).toMatch(/^YD\d{3}$/);
    expect((await printer.waitForTicket(10_000)).bigLines).toEqual([number]);
  });

  it('after hours says so on the home screen, and a tap gets the hall’s sentence, not a ticket', async () => {
    await page.getByTestId('back-home').click();
    await h.api('POST', '/api/test-clock', { set: '2026-11-23T18:30:00+08:00' });
    await page.getByTestId('hall-closed').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('hall-closed').textContent()).toBe('现在不是办公时间，取号以各业务的取号时间为准');
    await screenshot(page, 'kiosk-after-hours-portrait');
    const before = printer.tickets.length;
    await page.getByTestId('service-SW').click();
    await screenIs('error');
    expect(await page.getByTestId('error-message').textContent()).toMatch(/^“税务办理”的取号时间为 .+，现在不能取号$/);
    await screenshot(page, 'kiosk-error-after-hours-portrait');
    expect(printer.tickets.length).toBe(before);
  });
});
