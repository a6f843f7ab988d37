/**
 * The kiosk agent against a real hall server (SQLite file, loopback, Monday 2026-11-23 09:30)
 * and a real ESC/POS printer link to the VirtualPrinter on TCP: one ticket per tap, the printer
 * checked before the hall is asked, a ticket that will not print voided at the hall, the
 * printer's state reported to the hall, an unreachable hall, and the local API's answers to bad
 * input. To make paper run out in the instant between the check and the print, one test wraps
 * the real printer so that its `print` first empties the virtual printer's paper.
 */
import type { ServiceStatus, TicketStatusView } from '@hall/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HallClient } from '../apps/kiosk/src/agent/hall-client.js';
import { Kiosk, VOID_REASON } from '../apps/kiosk/src/agent/kiosk.js';
import { startAgent, type RunningAgent } from '../apps/kiosk/src/agent/agent.js';
import { parseAgentArgs } from '../apps/kiosk/src/agent/options.js';
import { SimulatedIdReader } from '../apps/kiosk/src/id-reader/index.js';
import { openPrinter, VirtualPrinter, type TicketPrinter } from '../apps/kiosk/src/printer/index.js';
import type { JobResult, KioskEvent, KioskState } from '../apps/kiosk/src/protocol.js';
import { NoScanner } from '../apps/kiosk/src/scanner/index.js';
import { TcpProxy } from './support/browser.js';
import { personId } from './support/people.js';
import { KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

const FAST = { printerPollMs: 150, hallPollMs: 200, reportEveryMs: 1_000, retryDelayMs: 50 };

describe('kiosk agent with the hall server and a TCP printer', () => {
  let h: TestHall;
  let admin: string;
  const waiting = async (code: string) => (await h.api<ServiceStatus[]>('GET', '/api/services')).body.find((s) => s.code === code)!.waiting;
  const until = async (f: () => boolean, ms = 5_000) => {
    const end = Date.now() + ms;
    while (!f()) {
      if (Date.now() > end) throw new Error('等待超时');
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  beforeAll(async () => {
    h = await startTestHall();
    admin = await h.login('admin');
  });
  afterAll(() => h?.close());

  describe('taking tickets', () => {
    let printer: VirtualPrinter;
    let kiosk: Kiosk;
    /** The real printer; `beforePrint` runs at the moment the kiosk starts to print. */
    let beforePrint: (() => void) | null = null;
    const logs: Record<string, unknown>[] = [];

    beforeAll(async () => {
      printer = await VirtualPrinter.onTcp(0);
      const real = openPrinter(`tcp://127.0.0.1:${printer.port}`);
      const wrapped: TicketPrinter = {
        status: () => real.status(),
        print: (t) => {
          beforePrint?.();
          return real.print(t);
        },
        close: () => real.close(),
      };
      const log = (message: string, data?: Record<string, unknown>) => logs.push({ message, ...data });
      kiosk = new Kiosk({ hall: new HallClient({ server: h.baseUrl, deviceKey: KIOSK_KEY }), printer: wrapped, scanner: new NoScanner(), idReader: new SimulatedIdReader(), statusBase: h.baseUrl, log, ...FAST });
      await kiosk.start();
    });
    afterAll(async () => {
      await kiosk?.stop();
      await printer?.close();
    });

    it('answers a repeated request id once, and tells a second tap during printing to wait', async () => {
      const before = await waiting('SW');
      const [a, b, c] = await Promise.all([
        kiosk.take({ serviceCode: 'SW', requestId: 'tap-000001' }),
        kiosk.take({ serviceCode: 'SW', requestId: 'tap-000001' }),
        kiosk.take({ serviceCode: 'SW', requestId: 'tap-000002' }),
      ]);
      expect(a.ok).toBe(true);
      expect(b).toEqual(a);
      expect(c).toEqual({ ok: false, code: 'BUSY', message: '正在出票，请稍候' });
      // Asked again later (a retried request): still the same ticket, not a new one.
      expect(await kiosk.take({ serviceCode: 'SW', requestId: 'tap-000001' })).toEqual(a);
      expect(await waiting('SW')).toBe(before + 1);
      const paper = await printer.waitForTicket();
      expect(a.ok && paper.bigLines).toEqual([a.ok && a.ticket.number]);
      expect(printer.tickets).toHaveLength(1);
    });

    it('voids a ticket that would not print (after one retry) and goes out of service', async () => {
      const before = await waiting('YB');
      let prints = 0;
      beforePrint = () => {
        prints++;
        printer.setState({ paperOut: true }); // the roll ends right after the kiosk's check
      };
      const events: KioskEvent[] = [];
      const off = kiosk.subscribe((e) => events.push(e));
      const r = await kiosk.take({ serviceCode: 'YB', requestId: 'tap-000003' });
      off();
      beforePrint = null;
      expect(prints).toBe(2);
      expect(r).toMatchObject({ ok: false, code: 'PRINT_FAILED', message: '号票打印失败（打印纸已用完），该号码已作废，未占用排队位置。请稍候再取号或联系工作人员' });
      expect(await waiting('YB')).toBe(before);
      // The hall has the ticket as voided, and its event log says why.
      const failure = logs.find((l) => l.message === '号票打印失败')!;
      expect(failure).toMatchObject({ voided: true, ticket: expect.stringMatching(/^D\d{3}$/) });
      expect((await h.api<TicketStatusView>('GET', `/api/tickets/${failure.ticketId as string}`)).body).toMatchObject({ number: failure.ticket, status: 'cancelled' });
      const rows = h.hall.db.prepare('SELECT input FROM events WHERE subject = ?').all(failure.ticketId) as { input: string }[];
      expect(rows.some((r) => r.input.includes(VOID_REASON))).toBe(true);
      expect(kiosk.snapshot().outOfService?.reason).toBe('打印纸已用完');
      expect(events.some((e) => e.type === 'state' && e.state.outOfService?.reason === '打印纸已用完')).toBe(true);
      expect(printer.tickets).toHaveLength(1);
      // Paper in: the kiosk serves again by itself.
      printer.setState({ paperOut: false });
      await until(() => kiosk.snapshot().outOfService === null);
    });

    it('refuses at once, issuing nothing, while the printer cannot print', async () => {
      printer.setState({ coverOpen: true });
      const before = await waiting('SB');
      const r = await kiosk.take({ serviceCode: 'SB', requestId: 'tap-000004' });
      expect(r).toEqual({ ok: false, code: 'OUT_OF_SERVICE', message: '打印机盖未关好，暂停取号，请稍候' });
      expect(await waiting('SB')).toBe(before);
      printer.setState({ coverOpen: false });
      await until(() => kiosk.snapshot().outOfService === null);
    });

    it('says 打印机未连接 while the printer does not answer, and serves again when it does', async () => {
      printer.setState({ offline: true });
      await until(() => kiosk.snapshot().outOfService?.reason === '打印机未连接');
      expect(await kiosk.take({ serviceCode: 'SB', requestId: 'tap-000005' })).toEqual({ ok: false, code: 'OUT_OF_SERVICE', message: '打印机未连接，暂停取号，请稍候' });
      printer.setState({ offline: false });
      await until(() => kiosk.snapshot().outOfService === null);
    });

    it('keeps a checked-in booking’s ticket when it will not print, and shows its number instead', async () => {
      const booked = await h.api<{ qrToken: string }>('POST', '/api/appointments', { serviceCode: 'HZ', start: '2026-11-23T15:00:00+08:00', name: '钱七', idNumber: personId(40), phone: '13800000040', channel: 'online' });
      expect(booked.status).toBe(201);
      await h.api('POST', '/api/test-clock', { set: '2026-11-23T14:45:00+08:00' });
      beforePrint = () => printer.setState({ paperOut: true });
      const r = (await kiosk.checkIn({ qrToken: booked.body.qrToken, requestId: 'scan-00001' })) as Extract<JobResult, { ok: false }>;
      beforePrint = null;
      expect(r).toMatchObject({ ok: false, code: 'PRINT_FAILED', ticket: { number: expect.stringMatching(/^YF\d{3}$/), printed: false, priorityLabel: '预约' } });
      expect(r.message).toContain('您已签到成功');
      expect((await h.api<TicketStatusView>('GET', `/api/tickets/${r.ticket!.ticketId}`)).body.status).toBe('waiting');
      printer.setState({ paperOut: false });
      await until(() => kiosk.snapshot().outOfService === null);
    });

    it('tells the hall what its printer says: at once on a change, and every few seconds', async () => {
      printer.setState({ paperNearEnd: true });
      const mine = async () => (await h.api<{ role: string; printer: { paperNearEnd: boolean } | null; summary: string }[]>('GET', '/api/devices/status', undefined, admin)).body.find((d) => d.role === 'kiosk' && d.printer);
      await until(() => kiosk.snapshot().printer?.paperNearEnd === true);
      await expect.poll(async () => (await mine())?.printer?.paperNearEnd, { timeout: 5_000 }).toBe(true);
      // Near the end is a warning for the hall, not a reason to stop.
      expect(kiosk.snapshot().outOfService).toBeNull();
      printer.setState({ paperNearEnd: false });
      await expect.poll(async () => (await mine())?.printer?.paperNearEnd, { timeout: 5_000 }).toBe(false);
    });
  });

  describe('the hall out of reach', () => {
    let proxy: TcpProxy;
    let printer: VirtualPrinter;
    let agent: RunningAgent;

    beforeAll(async () => {
      proxy = await TcpProxy.start(Number(new URL(h.baseUrl).port));
      printer = await VirtualPrinter.onTcp(0);
      agent = await startAgent(parseAgentArgs(['--server', proxy.url, '--printer', `tcp://127.0.0.1:${printer.port}`, '--port', '0', '--scanner', 'none'], {}), { timings: FAST });
    });
    afterAll(async () => {
      await agent?.close();
      await printer?.close();
      await proxy?.close();
    });

    it('says 服务器连接中断, issues and prints nothing, and serves again when the hall is back', async () => {
      const state = async () => (await (await fetch(`${agent.url}/api/state`)).json()) as KioskState;
      expect((await state()).outOfService).toBeNull();
      proxy.cut();
      await expect.poll(async () => (await state()).outOfService?.reason, { timeout: 5_000 }).toBe('服务器连接中断');
      const r = await fetch(`${agent.url}/api/take`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serviceCode: 'GJJ', requestId: 'tap-100001' }) });
      expect(await r.json()).toEqual({ ok: false, code: 'OUT_OF_SERVICE', message: '服务器连接中断，暂停取号，请稍候' });
      expect(printer.tickets).toHaveLength(0);
      proxy.restore();
      await expect.poll(async () => (await state()).outOfService, { timeout: 5_000 }).toBeNull();
      const ok = (await (await fetch(`${agent.url}/api/take`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serviceCode: 'GJJ', requestId: 'tap-100002' }) })).json()) as JobResult;
      expect(ok.ok).toBe(true);
      expect((await printer.waitForTicket()).lines).toContain('住房公积金');
    });
  });

  describe('the local API', () => {
    let printer: VirtualPrinter;
    let agent: RunningAgent;
    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      fetch(`${agent.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

    beforeAll(async () => {
      printer = await VirtualPrinter.onTcp(0);
      agent = await startAgent(parseAgentArgs(['--server', h.baseUrl, '--printer', `tcp://127.0.0.1:${printer.port}`, '--port', '0', '--scanner', 'none', '--id-reader', 'simulated'], {}), { timings: FAST });
    });
    afterAll(async () => {
      await agent?.close();
      await printer?.close();
    });

    it('sends the page the whole state first, then each change, over Server-Sent Events', async () => {
      const res = await fetch(`${agent.url}/api/events`);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reader = res.body!.getReader();
      const events: KioskEvent[] = [];
      let buffer = '';
      const read = async () => {
        const { value } = await reader.read();
        buffer += new TextDecoder().decode(value);
        for (const m of buffer.matchAll(/^data: (.*)$/gm)) events.push(JSON.parse(m[1]!) as KioskEvent);
        buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
      };
      while (!events.length) await read();
      expect(events[0]).toMatchObject({ type: 'state', state: { hallName: h.hall.config.hall.name, services: expect.arrayContaining([expect.objectContaining({ code: 'SB', name: '社会保险' })]) } });
      expect((await post('/api/id-reader/simulate', JSON.stringify({ name: '孙八', idNumber: personId(41) }))).status).toBe(202);
      while (!events.some((e) => e.type === 'id-card')) await read();
      expect(events.find((e) => e.type === 'id-card')).toEqual({ type: 'id-card', card: { name: '孙八', idNumber: personId(41) } });
      await reader.cancel();
    });

    it('answers bad input with a Chinese sentence and never falls over', async () => {
      const error = async (r: Response) => ({ status: r.status, ...((await r.json()) as { error: { code: string; message: string } }).error });
      expect(await error(await post('/api/take', '{}'))).toEqual({ status: 400, code: 'VALIDATION_FAILED', message: '请求内容不正确：业务、请求编号缺失或格式不对' });
      expect(await error(await post('/api/take', '{"serviceCode":'))).toEqual({ status: 400, code: 'VALIDATION_FAILED', message: '请求内容不是有效的 JSON' });
      expect(await error(await post('/api/take', JSON.stringify({ serviceCode: 'SB', requestId: 'x' })))).toMatchObject({ status: 400, message: '请求编号无效' });
      expect(await error(await post('/api/check-in', JSON.stringify({ requestId: 'tap-200001' })))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: expect.stringMatching(/^请求内容不正确/) });
      expect(await error(await post('/api/scan', JSON.stringify({ text: 'YY123' })))).toEqual({ status: 409, code: 'SCANNER_NOT_WEDGE', message: '本机的扫码器不是键盘式扫码枪' });
      expect(await error(await post('/api/take', JSON.stringify({ serviceCode: 'SB', requestId: 'tap-200002' }), { origin: 'http://evil.example' }))).toEqual({ status: 403, code: 'FORBIDDEN', message: '只接受本机取号页面的请求' });
      expect(await error(await fetch(`${agent.url}/api/nothing`))).toEqual({ status: 404, code: 'NOT_FOUND', message: '没有这个接口：GET /api/nothing' });
      expect(await error(await post('/api/take', 'x'.repeat(20_000)))).toMatchObject({ status: 413, message: '请求内容过大' });
      // The hall's own refusals come through as its sentences.
      const unknown = (await (await post('/api/take', JSON.stringify({ serviceCode: 'NOPE', requestId: 'tap-200003' }))).json()) as JobResult;
      expect(unknown).toEqual({ ok: false, code: 'UNKNOWN_SERVICE', message: '没有这项业务，请重新选择' });
      const badId = (await (await post('/api/take', JSON.stringify({ serviceCode: 'SB', idNumber: '123', requestId: 'tap-200004' }))).json()) as JobResult;
      expect(badId).toMatchObject({ ok: false, code: 'INVALID_ID_NUMBER', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
      // Still serving.
      expect((await fetch(`${agent.url}/api/state`)).status).toBe(200);
      expect(printer.tickets).toHaveLength(0);
    });
  });
});
