/**
 * The kiosk (取号机) end to end, with real parts only: the hall server (SQLite file, loopback,
 * Monday 2026-11-23 09:30), the kiosk agent as its own process (`kiosk:web`'s entry point), a
 * thermal printer on a serial line (a socat PTY pair with the VirtualPrinter on the far end), a
 * serial QR scanner on a second PTY pair (the test types into the far end), the simulated ID
 * card reader, and the built kiosk page in Chromium at 1080×1920 (portrait) and 1920×1080
 * (landscape). The agent reaches the hall through a TCP proxy so the link can be cut.
 * The one stand-in: headless Chromium has no speech engine, so the elderly-mode test gives the
 * page a recording `speechSynthesis` with a Chinese voice and checks what it was asked to say.
 * Screenshots of every screen in both orientations: test-output/screenshots/kiosk-*.png.
 */
import type { ServiceStatus, TicketStatusView } from '@hall/shared';
import type { Browser, Page } from 'playwright-core';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgentProcess, type AgentProcess } from '../apps/kiosk/src/agent/agent-process.js';
import { VirtualPrinter } from '../apps/kiosk/src/printer/index.js';
import { launchBrowser, openPage, screenshot, TcpProxy } from './support/browser.js';
import { englishOnScreen, layoutProblems } from './support/kiosk-page.js';
import { personId } from './support/people.js';
import { openPtyPair, type PtyPair } from './support/pty-pair.js';
import { startTestHall, type TestHall } from './support/test-hall.js';

type TestPage = Awaited<ReturnType<typeof openPage>>;
const PORTRAIT = [1080, 1920] as const;
const LANDSCAPE = [1920, 1080] as const;

describe('取号机 in Chromium with a serial printer, a serial scanner and the simulated ID reader', () => {
  let browser: Browser;
  let h: TestHall;
  let proxy: TcpProxy;
  let printerLine: PtyPair;
  let scannerLine: PtyPair;
  let printer: VirtualPrinter;
  let scanner: SerialPort;
  let agent: AgentProcess;
  let page: TestPage;
  let orientation = 'portrait';
  /** Booked at 09:30 for 15:00 today (online bookings close 3 h ahead); checked in after the clock moves. */
  let qrBooking: { code: string; qrToken: string };
  let codeBooking: { code: string; qrToken: string };

  const services = async () => Object.fromEntries((await h.api<ServiceStatus[]>('GET', '/api/services')).body.map((s) => [s.code, s]));
  const shot = async (p: Page, name: string, allowed: string[] = []) => {
    expect(await englishOnScreen(p, allowed)).toEqual([]);
    expect(await layoutProblems(p)).toEqual([]);
    await screenshot(p, `kiosk-${name}-${orientation}`);
  };
  const screenIs = (p: Page, name: string) => expect.poll(() => p.getByTestId('kiosk').getAttribute('data-screen'), { timeout: 10_000 }).toBe(name);
  const presentCard = async (name: string, idNumber: string) => {
    const r = await fetch(`${agent.url}/api/id-reader/simulate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, idNumber }) });
    expect(r.status).toBe(202);
  };
  const scan = (text: string | Buffer) => new Promise<void>((res, rej) => scanner.write(text, (err) => (err ? rej(err) : scanner.drain(() => res()))));
  const book = async (serviceCode: string, person: number, slot: string) => {
    const r = await h.api<{ code: string; qrToken: string }>('POST', '/api/appointments', { serviceCode, start: slot, name: '预约人', idNumber: personId(person), phone: '13800000000', channel: 'online' });
    if (r.status !== 201) throw new Error(`预约失败：${JSON.stringify(r.body)}`);
    return r.body;
  };

  beforeAll(async () => {
    [browser, h, printerLine, scannerLine] = await Promise.all([launchBrowser(), startTestHall(), openPtyPair(), openPtyPair()]);
    proxy = await TcpProxy.start(Number(new URL(h.baseUrl).port));
    printer = await VirtualPrinter.onSerial(printerLine.b);
    scanner = new SerialPort({ path: scannerLine.b, baudRate: 9600, autoOpen: false });
    await new Promise<void>((res, rej) => scanner.open((e) => (e ? rej(e) : res())));
    agent = await startAgentProcess([
      '--server', proxy.url,
      '--public-url', h.baseUrl,
      '--printer', `serial:${printerLine.a}`,
      '--port', '0',
      '--scanner', `serial:${scannerLine.a}`,
      '--id-reader', 'simulated',
      '--idle-seconds', '8',
      '--result-seconds', '4',
    ]);
    qrBooking = await book('SB', 11, '2026-11-23T15:00:00+08:00');
    codeBooking = await book('GJJ', 12, '2026-11-23T15:00:00+08:00');
    page = await openPage(browser, agent.url, ...PORTRAIT);
  }, 90_000);

  afterAll(async () => {
    // Chromium logs nothing else; a page error would show here.
    expect(page?.errors ?? []).toEqual([]);
    await browser?.close();
    await agent?.stop();
    await printer?.close();
    if (scanner?.isOpen) await new Promise<void>((res) => scanner.close(() => res()));
    await Promise.all([printerLine?.close(), scannerLine?.close()]);
    await proxy?.close();
    await h?.close();
  });

  it('shows the hall name, the hall clock, every service with its people waiting, and the check-in entry', async () => {
    await page.getByTestId('service-SB').waitFor();
    expect(await page.getByTestId('hall-name').textContent()).toBe(h.hall.config.hall.name);
    expect(await page.getByTestId('clock').textContent()).toMatch(/^09:3\d11月23日 星期一$/);
    const list = await services();
    expect(await page.locator('.service').count()).toBe(Object.keys(list).length);
    await h.api('POST', '/api/tickets', { serviceCode: 'GJJ' }, 'demo-kiosk-0001-key'); // someone took one elsewhere
    await expect.poll(() => page.getByTestId('waiting-GJJ').textContent(), { timeout: 10_000 }).toBe('1');
    expect(await page.getByTestId('check-in-entry').textContent()).toContain('预约签到');
    await shot(page, 'home');
  });

  it('prints the ticket of a tapped service on the serial printer, once for a double tap, and shows it', async () => {
    const before = (await services()).SB!.waiting;
    // Two taps in the same instant (before the page could redraw): one ticket.
    await page.getByTestId('service-SB').evaluate((b: HTMLElement) => {
      b.click();
      b.click();
    });
    await screenIs(page, 'result');
    const number = (await page.getByTestId('result-number').textContent())!;
    expect(number).toMatch(/^C\d{3}$/);
    const paper = await printer.waitForTicket(10_000);
    expect(paper.bigLines).toEqual([number]);
    expect(paper.lines).toContain('社会保险');
    expect(paper.lines).toContain(`前面还有 ${before} 人`);
    expect(paper.cut).toBe(true);
    const id = /\/t\/([^/]+)$/.exec(paper.qr[0]!)![1]!;
    expect(paper.qr).toEqual([`${h.baseUrl}/t/${id}`]); // --public-url, not the proxy the kiosk uses
    const onServer = await h.api<TicketStatusView>('GET', `/api/tickets/${id}`);
    expect(onServer.body).toMatchObject({ number, serviceCode: 'SB', status: 'waiting', channel: 'kiosk' });
    expect(await page.getByTestId('result-service').textContent()).toBe('社会保险');
    expect(await page.getByTestId('result-ahead').textContent()).toBe(String(before));
    expect(await page.getByTestId('take-away').textContent()).toContain('请取走您的号票');
    await shot(page, 'result', [number]);
    expect((await services()).SB!.waiting).toBe(before + 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(printer.tickets).toHaveLength(1);
    // The result screen goes home by itself, sooner than the other screens.
    await screenIs(page, 'home');
  });

  it('goes out of service when the paper runs out, issues nothing, and comes back by itself', async () => {
    const before = (await services()).SW!.waiting;
    const printed = printer.tickets.length;
    printer.setState({ paperOut: true });
    // A citizen taps at once: either the kiosk already noticed (the tap meets the notice), or the
    // printer check before the ticket does.
    await page.getByTestId('service-SW').click({ force: true, timeout: 2_000 }).catch(() => {});
    await screenIs(page, 'out-of-service');
    expect(await page.getByTestId('oos-reason').textContent()).toBe('打印纸已用完');
    await shot(page, 'out-of-service');
    expect((await services()).SW!.waiting).toBe(before);
    expect(printer.tickets.length).toBe(printed);
    // The hall hears of it too.
    const admin = await h.login('admin');
    await expect
      .poll(async () => (await h.api<{ role: string; printer: { paperOut: boolean } | null }[]>('GET', '/api/devices/status', undefined, admin)).body.find((d) => d.role === 'kiosk' && d.printer)?.printer?.paperOut, { timeout: 10_000 })
      .toBe(true);
    printer.setState({ paperOut: false });
    await screenIs(page, 'home');
    expect(printer.tickets.length).toBe(printed);
  });

  it('goes out of service while the hall server cannot be reached, and back when it can', async () => {
    proxy.cut();
    await screenIs(page, 'out-of-service');
    expect(await page.getByTestId('oos-reason').textContent()).toBe('服务器连接中断');
    await shot(page, 'server-down');
    proxy.restore();
    await screenIs(page, 'home');
  });

  it('asks for the ID card for a real-name service; the card placed on the reader takes the ticket', async () => {
    await page.getByTestId('service-BDC').click();
    await screenIs(page, 'id-card');
    expect(await page.getByTestId('id-card-prompt').textContent()).toBe('请在感应区放置身份证');
    await shot(page, 'id-card');
    // Typing instead: a wrong check digit is refused in the page.
    await page.getByTestId('type-id').click();
    await screenIs(page, 'id-keypad');
    const wrong = personId(7).slice(0, 17) + (personId(7)[17] === '1' ? '2' : '1');
    for (const ch of wrong) await page.getByTestId(`key-${ch}`).click();
    await page.getByTestId('confirm').click();
    expect(await page.getByTestId('keypad-problem').textContent()).toBe('身份证号码校验位不正确，请核对后重新输入');
    await shot(page, 'id-keypad');
    // The card wins over the half-typed number.
    await presentCard('王五', personId(7));
    await screenIs(page, 'result');
    const number = (await page.getByTestId('result-number').textContent())!;
    expect(number).toMatch(/^A\d{3}$/);
    const paper = await printer.waitForTicket(10_000);
    expect(paper.bigLines).toEqual([number]);
    expect(paper.lines).toContain('不动产登记');
    const id = /\/t\/([^/]+)$/.exec(paper.qr[0]!)![1]!;
    expect((await h.api<TicketStatusView>('GET', `/api/tickets/${id}`)).body.idNumber).toMatch(new RegExp(`${personId(7).slice(-4)}$`));
    // Now the kiosk knows: the home screen marks the service.
    await screenIs(page, 'home');
    expect(await page.getByTestId('service-BDC').textContent()).toContain('须刷身份证');
  });

  it('shows the hall’s own sentence when it refuses (a second active ticket for one ID)', async () => {
    await page.getByTestId('service-BDC').click();
    await screenIs(page, 'id-card');
    await presentCard('王五', personId(7));
    await screenIs(page, 'error');
    expect(await page.getByTestId('error-message').textContent()).toMatch(/^您有一个号码 A\d{3}（不动产登记）尚未办理，请等候叫号$/);
    await shot(page, 'error');
    await page.getByTestId('back-home').click();
    await screenIs(page, 'home');
  });

  it('checks in a booking from a QR code read by the serial scanner, through line noise, and prints the appointment ticket', async () => {
    const booking = qrBooking;
    await h.api('POST', '/api/test-clock', { set: '2026-11-23T14:40:00+08:00' });
    // Noise from a plug, then half a read that never ends, then nothing for a while (well past the
    // scanner's 0.5 s, even for an agent starved of CPU by the other tests): all dropped.
    await scan(Buffer.from([0x00, 0xff, 0x02, 0x7f]));
    await scan('YYHALF');
    await new Promise((r) => setTimeout(r, 2_000));
    await scan(`${booking.qrToken}\r\n`);
    await screenIs(page, 'result');
    const number = (await page.getByTestId('result-number').textContent())!;
    expect(number).toMatch(/^YC\d{3}$/);
    expect(await page.getByTestId('result-priority').textContent()).toBe('预约');
    const paper = await printer.waitForTicket(10_000);
    expect(paper.bigLines).toEqual([number]);
    expect(paper.lines).toContain('【预约】');
    const id = /\/t\/([^/]+)$/.exec(paper.qr[0]!)![1]!;
    expect((await h.api<TicketStatusView>('GET', `/api/tickets/${id}`)).body).toMatchObject({ number, priority: 'appointment', status: 'waiting' });
    await shot(page, 'check-in-result', [number]);
    // The same code read again (scanners repeat) does not check in twice, and is not mistaken for a new person.
    await scan(`${booking.qrToken}\r`);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(printer.tickets.filter((t) => t.bigLines[0] === number)).toHaveLength(1);
  });

  it('says so when the code scanned is not a booking', async () => {
    await page.getByTestId('back-home').click({ timeout: 2_000 }).catch(() => {});
    await screenIs(page, 'home');
    await scan('HELLO\r');
    await screenIs(page, 'error');
    expect(await page.getByTestId('error-message').textContent()).toBe('无法识别该二维码，请出示预约成功页面或短信中的签到二维码');
    await page.getByTestId('back-home').click();
  });

  it('checks in with the booking code typed on the keypad and the ID card', async () => {
    const r = { body: codeBooking };
    await screenIs(page, 'home');
    await page.getByTestId('check-in-entry').click();
    await screenIs(page, 'check-in');
    await shot(page, 'check-in');
    await page.getByTestId('check-in-code').click();
    await screenIs(page, 'code-keypad');
    for (const ch of r.body.code) await page.getByTestId(`key-${ch}`).click();
    expect(await page.getByTestId('keypad-value').textContent()).toBe(r.body.code);
    await shot(page, 'code-keypad', [r.body.code]);
    await page.getByTestId('confirm').click();
    await screenIs(page, 'id-keypad');
    await presentCard('赵六', personId(12));
    await screenIs(page, 'result');
    const number = (await page.getByTestId('result-number').textContent())!;
    expect(number).toMatch(/^YE\d{3}$/);
    expect((await printer.waitForTicket(10_000)).bigLines).toEqual([number]);
  });

  it('goes back home after a while without a touch', async () => {
    await page.getByTestId('back-home').click({ timeout: 2_000 }).catch(() => {});
    await screenIs(page, 'home');
    await page.getByTestId('check-in-entry').click();
    await screenIs(page, 'check-in');
    const left = Date.now();
    await expect.poll(() => page.getByTestId('kiosk').getAttribute('data-screen'), { timeout: 15_000, interval: 200 }).toBe('home');
    const after = (Date.now() - left) / 1000;
    expect(after).toBeGreaterThan(6);
    expect(after).toBeLessThan(11);
  });

  it('has an elderly mode: larger type, high contrast, spoken prompts in Chinese', async () => {
    const elder = await browser.newPage({ viewport: { width: PORTRAIT[0], height: PORTRAIT[1] } });
    const errors: string[] = [];
    elder.on('pageerror', (e) => errors.push(String(e)));
    // Stand-in for the speech engine headless Chromium lacks: a Chinese voice that records.
    await elder.addInitScript(() => {
      const spoken: string[] = [];
      (window as unknown as { spoken: string[] }).spoken = spoken;
      const voice = { lang: 'zh-CN', name: '中文', default: true, localService: true, voiceURI: 'zh' };
      Object.defineProperty(window, 'speechSynthesis', {
        value: { getVoices: () => [voice], speak: (u: SpeechSynthesisUtterance) => spoken.push(u.text), cancel: () => {}, addEventListener: () => {} },
      });
    });
    await elder.goto(agent.url);
    await elder.getByTestId('service-SB').waitFor();
    const size = () => elder.getByTestId('service-SB').locator('.name').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    const plain = await size();
    await elder.getByTestId('elder-toggle').click();
    expect(await elder.getByTestId('elder-toggle').getAttribute('aria-pressed')).toBe('true');
    expect(await size()).toBeGreaterThan(plain * 1.25);
    expect(await elder.locator('body').evaluate(() => getComputedStyle(document.querySelector('.kiosk')!).backgroundColor)).toBe('rgb(0, 0, 0)');
    await expect.poll(() => elder.evaluate(() => (window as unknown as { spoken: string[] }).spoken)).toContain('请点击要办理的业务。已预约的群众，请点击预约签到');
    expect(await layoutProblems(elder)).toEqual([]);
    await elder.getByTestId('service-YB').click();
    await elder.getByTestId('screen-result').waitFor();
    const number = (await elder.getByTestId('result-number').textContent())!;
    await printer.waitForTicket(10_000);
    const spokenNumber = [...number].map((c) => '零一二三四五六七八九'[Number(c)] ?? c).join('');
    await expect.poll(() => elder.evaluate(() => (window as unknown as { spoken: string[] }).spoken)).toContain(`您的号码是${spokenNumber}，前面还有0人。请取走您的号票`);
    expect(await englishOnScreen(elder, [number])).toEqual([]);
    expect(errors).toEqual([]);
    await elder.close();
    await screenIs(page, 'home');
  });

  for (const [name, size] of [
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ] as const) {
    it(`fits every screen in ${name} (${size[0]}×${size[1]}), in both modes`, async () => {
      expect(page.errors).toEqual([]);
      await page.close();
      orientation = name;
      page = await openPage(browser, agent.url, size[0], size[1]);
      await page.getByTestId('service-HZ').waitFor();
      await shot(page, 'home');
      await page.getByTestId('elder-toggle').click();
      await shot(page, 'home-elder');
      await page.getByTestId('service-SW').click();
      await screenIs(page, 'result');
      let number = (await page.getByTestId('result-number').textContent())!;
      await printer.waitForTicket(10_000);
      await shot(page, 'result-elder', [number]);
      await page.getByTestId('back-home').click();
      await page.getByTestId('elder-toggle').click();
      await page.getByTestId('service-HZ').click();
      await screenIs(page, 'id-card');
      await shot(page, 'id-card');
      await page.getByTestId('type-id').click();
      for (const ch of personId(20).slice(0, 10)) await page.getByTestId(`key-${ch}`).click();
      await page.getByTestId('confirm').click();
      await shot(page, 'id-keypad');
      await page.getByTestId('back').click();
      await page.getByTestId('check-in-entry').click();
      await shot(page, 'check-in');
      await page.getByTestId('check-in-code').click();
      for (const ch of 'AB23') await page.getByTestId(`key-${ch}`).click();
      await shot(page, 'code-keypad', ['AB23']);
      await page.getByTestId('back').click();
      // The working screen, held for a moment by delaying the page's request.
      await page.route('**/api/take', async (route) => {
        await new Promise((r) => setTimeout(r, 1_500));
        await route.continue();
      });
      await page.getByTestId('service-QYKB').click();
      await screenIs(page, 'working');
      await shot(page, 'working');
      await screenIs(page, 'result');
      number = (await page.getByTestId('result-number').textContent())!;
      await shot(page, 'result', [number]);
      await printer.waitForTicket(10_000);
      await page.unroute('**/api/take');
      await page.getByTestId('back-home').click();
      await scan('HELLO\r');
      await screenIs(page, 'error');
      await shot(page, 'error');
      await page.getByTestId('back-home').click();
      printer.setState({ coverOpen: true });
      await screenIs(page, 'out-of-service');
      expect(await page.getByTestId('oos-reason').textContent()).toBe('打印机盖未关好');
      await shot(page, 'out-of-service');
      printer.setState({ coverOpen: false });
      await screenIs(page, 'home');
    });
  }
});
