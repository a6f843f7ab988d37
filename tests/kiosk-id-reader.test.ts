/**
 * The kiosk with a serial ID card reader, end to end: the hall server (SQLite file, loopback,
 * Monday 2026-11-23 09:30), the agent as its own process started with
 * `--id-reader serial:<pty>`, a simulated SAM security module on the far end of a socat PTY pair
 * (tests/support/sam-reader-sim.ts: real frames, a card placed and taken away by the test), a
 * VirtualPrinter on TCP, and the built kiosk page in Chromium. A card placed on the reader takes a
 * real-name ticket that the hall issues with the card's number; the reader pulled out shows in
 * the agent's state and in the hall's device list, in Chinese.
 */
import type { DeviceStatusView, TicketStatusView } from '@hall/shared';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgentProcess, type AgentProcess } from '../apps/kiosk/src/agent/agent-process.js';
import { VirtualPrinter } from '../apps/kiosk/src/printer/index.js';
import type { KioskState } from '../apps/kiosk/src/protocol.js';
import { launchBrowser, openPage } from './support/browser.js';
import { personId } from './support/people.js';
import { SamReaderSim } from './support/sam-reader-sim.js';
import { startTestHall, type TestHall } from './support/test-hall.js';

type TestPage = Awaited<ReturnType<typeof openPage>>;

describe('取号机 with a serial (SAM) ID card reader', () => {
  let browser: Browser;
  let h: TestHall;
  let printer: VirtualPrinter;
  let sim: SamReaderSim;
  let agent: AgentProcess;
  let page: TestPage;
  let manager: string;
  const card = { name: '赵六', idNumber: personId(60) };
  const screenIs = (name: string) => expect.poll(() => page.getByTestId('kiosk').getAttribute('data-screen'), { timeout: 15_000 }).toBe(name);
  const readerState = async () => ((await (await fetch(`${agent.url}/api/state`)).json()) as KioskState).idReader;

  beforeAll(async () => {
    [browser, h, printer, sim] = await Promise.all([launchBrowser(), startTestHall(), VirtualPrinter.onTcp(0), SamReaderSim.start()]);
    manager = await h.login('manager');
    agent = await startAgentProcess(['--server', h.baseUrl, '--printer', `tcp://127.0.0.1:${printer.port}`, '--port', '0', '--scanner', 'none', '--id-reader', `serial:${sim.path}`]);
    page = await openPage(browser, agent.url, 1080, 1920);
    await page.getByTestId('service-BDC').waitFor();
  }, 90_000);

  afterAll(async () => {
    expect(page?.errors ?? []).toEqual([]);
    await browser?.close();
    await agent?.stop();
    await printer?.close();
    await sim?.close();
    await h?.close();
  });

  it('says the reader is connected once its module answers', async () => {
    await expect.poll(readerState, { timeout: 15_000 }).toEqual({ kind: 'serial', ok: true, detail: null });
    expect(agent.output()).toContain(`身份证阅读器 serial:${sim.path}`);
  });

  it('takes a real-name ticket with the number of the card placed on the reader', async () => {
    await page.getByTestId('service-BDC').click();
    await screenIs('id-card');
    sim.place(card);
    await screenIs('result');
    const number = (await page.getByTestId('result-number').textContent())!;
    const paper = await printer.waitForTicket(15_000);
    expect(paper.bigLines).toEqual([number]);
    expect(paper.lines).toContain('不动产登记');
    const id = /\/t\/([^/]+)$/.exec(paper.qr[0]!)![1]!;
    const ticket = (await h.api<TicketStatusView>('GET', `/api/tickets/${id}`)).body;
    expect(ticket.idNumber).toMatch(new RegExp(`${card.idNumber.slice(-4)}$`));
    expect(sim.received.read).toBeGreaterThanOrEqual(1);
  });

  it('does not take the card lying on the reader again; taken away and placed again, the hall answers', async () => {
    await page.getByTestId('back-home').click();
    await screenIs('home');
    await page.getByTestId('service-BDC').click();
    await screenIs('id-card');
    // The card still lies there: the reader keeps reading it, and hands it on no more.
    const reads = sim.received.read;
    await expect.poll(() => sim.received.read, { timeout: 15_000 }).toBeGreaterThanOrEqual(reads + 3);
    expect(await page.getByTestId('kiosk').getAttribute('data-screen')).toBe('id-card');
    expect(printer.tickets).toHaveLength(1);
    // Taken away (for longer than the reader's 1.5 s) and placed again: a new placement.
    sim.remove();
    const finds = sim.received.find;
    await expect.poll(() => sim.received.find, { timeout: 15_000 }).toBeGreaterThanOrEqual(finds + 6);
    sim.place(card);
    await screenIs('error');
    expect(await page.getByTestId('error-message').textContent()).toMatch(/^您有一个号码 A\d{3}（不动产登记）尚未办理，请等候叫号$/);
    expect(printer.tickets).toHaveLength(1);
    await page.getByTestId('back-home').click();
    await screenIs('home');
  });

  it('says in Chinese that the reader was pulled out, tells the hall, and is back when plugged in', async () => {
    sim.remove();
    await sim.unplug();
    await expect.poll(async () => (await readerState()).ok, { timeout: 15_000 }).toBe(false);
    expect((await readerState()).detail).toMatch(/^身份证阅读器(已断开|未连接|无应答)（串口 /);
    const kioskRow = async () => (await h.api<DeviceStatusView[]>('GET', '/api/devices/status', undefined, manager)).body.find((d) => d.role === 'kiosk');
    await expect.poll(async () => (await kioskRow())?.detail ?? '', { timeout: 15_000 }).toMatch(/身份证阅读器(已断开|未连接|无应答)/);
    await sim.plugIn();
    await expect.poll(readerState, { timeout: 20_000 }).toEqual({ kind: 'serial', ok: true, detail: null });
  });
});
