/** The contract's surface, driven over HTTP and socket.io as a hall would use it. */
import type { AlertEvent, Ticket, WindowView } from '@hall/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HALL_SCREEN_KEY, KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

type Err = { error: { code: string; message: string } };

describe('hall server API', () => {
  let h: TestHall;
  beforeEach(async () => {
    h = await startTestHall();
  });
  afterEach(async () => {
    await h.close();
  });
  const setClock = (iso: string) => h.api('POST', '/api/test-clock', { set: iso });
  const advance = (minutes: number) => h.api('POST', '/api/test-clock', { advanceMinutes: minutes });

  it('publishes every contract path in /api/openapi.json', async () => {
    const doc = (await h.api<{ openapi: string; paths: Record<string, Record<string, unknown>> }>('GET', '/api/openapi.json')).body;
    expect(doc.openapi).toMatch(/^3\./);
    const expected = [
      'get /api/health', 'get /api/services', 'get /api/windows', 'post /api/windows/{id}/sign-in', 'post /api/windows/{id}/sign-out',
      'post /api/tickets', 'get /api/tickets/{id}', 'post /api/windows/{id}/call-next', 'post /api/windows/{id}/recall',
      'post /api/windows/{id}/skip', 'post /api/windows/{id}/finish', 'post /api/windows/{id}/transfer', 'post /api/windows/{id}/pause',
      'post /api/windows/{id}/resume', 'put /api/windows/{id}/mode', 'get /api/appointments/slots', 'post /api/appointments',
      'delete /api/appointments/{id}', 'post /api/appointments/check-in', 'post /api/ratings', 'get /api/stats/ratings',
      'get /api/stats/queue', 'post /api/auth/login', 'post /api/devices', 'post /api/test-clock',
    ];
    for (const e of expected) {
      const [method, path] = e.split(' ') as [string, string];
      expect(doc.paths[path]?.[method], e).toBeDefined();
    }
    expect(JSON.stringify(doc.paths['/api/tickets'])).toContain('serviceCode');
  });

  it('keeps each role to its own actions', async () => {
    const w1 = await h.staffAt('W01');
    const staffW06 = await h.login('s1011');
    const kioskCall = await h.api<Err>('POST', '/api/windows/W01/call-next', undefined, KIOSK_KEY);
    expect(kioskCall.status).toBe(403);
    expect(kioskCall.body.error.code).toBe('FORBIDDEN');
    const elsewhere = await h.api<Err>('POST', '/api/windows/W01/call-next', undefined, staffW06);
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.code).toBe('WINDOW_NOT_ASSIGNED');
    expect(elsewhere.body.error.message).toContain('1号窗口');
    const stats = await h.api<Err>('GET', '/api/stats/queue', undefined, w1);
    expect(stats.status).toBe(403);
    const anonymous = await h.api<Err>('POST', '/api/tickets', { serviceCode: 'SB' });
    expect(anonymous.status).toBe(401);
    const urgentByStaff = await h.api<Err>('POST', '/api/tickets', { serviceCode: 'SB', priority: 'urgent' }, w1);
    expect(urgentByStaff.body.error.code).toBe('FORBIDDEN');
    const manager = await h.login('manager');
    const urgent = await h.api<Ticket>('POST', '/api/tickets', { serviceCode: 'SB', priority: 'urgent' }, manager);
    expect(urgent.body.priority).toBe('urgent');
    // The admin account may act at any window, even one nobody holds.
    const admin = await h.login('admin');
    const byAdmin = await h.api<{ ticket: Ticket }>('POST', '/api/windows/W06/call-next', undefined, admin);
    expect(byAdmin.body.ticket.number).toBe('C001');
    const device = await h.api<{ id: string; key: string }>('POST', '/api/devices', { role: 'window-display', windowId: 'W03' }, admin);
    expect(device.status).toBe(201);
    expect((await h.api('GET', '/api/auth/me', undefined, device.body.key)).body).toMatchObject({ kind: 'device', role: 'window-display', windowId: 'W03' });
  });

  it('reports a day that the test computes on its own', async () => {
    const staff = await h.staffAt('W06');
    const manager = await h.login('manager');
    // 09:30: three 社保 tickets; calls at 09:40, 10:00, 10:20 with service times of 10 and 15 minutes, one skipped.
    for (let i = 0; i < 3; i++) await h.api('POST', '/api/tickets', { serviceCode: 'SB' }, KIOSK_KEY);
    await setClock('2026-11-23T09:40:00+08:00');
    await h.api('POST', '/api/windows/W06/call-next', undefined, staff);
    await advance(10);
    await h.api('POST', '/api/windows/W06/finish', { caseNo: 'SB20261123001' }, staff);
    await setClock('2026-11-23T10:00:00+08:00');
    await h.api('POST', '/api/windows/W06/call-next', undefined, staff);
    await advance(2);
    await h.api('POST', '/api/windows/W06/start', undefined, staff);
    await advance(15);
    await h.api('POST', '/api/windows/W06/finish', {}, staff);
    await setClock('2026-11-23T10:20:00+08:00');
    await h.api('POST', '/api/windows/W06/call-next', undefined, staff);
    await h.api('POST', '/api/windows/W06/skip', undefined, staff);
    const rows = (await h.api<{ serviceCode: string; issued: number; served: number; skipped: number; avgWaitSeconds: number; avgServiceSeconds: number }[]>('GET', '/api/stats/queue?date=2026-11-23', undefined, manager)).body;
    const sb = rows.find((r) => r.serviceCode === 'SB')!;
    const waits = [10, 30, 50].map((m) => m * 60);
    const services = [10 * 60, 15 * 60];
    expect(sb).toMatchObject({ issued: 3, served: 2, skipped: 1 });
    expect(sb.avgWaitSeconds).toBe(waits.reduce((a, b) => a + b) / waits.length);
    expect(sb.avgServiceSeconds).toBe(services.reduce((a, b) => a + b) / services.length);
    expect(rows.find((r) => r.serviceCode === 'BDC')).toMatchObject({ issued: 0, served: 0 });
  });

  it('logs a service that runs past closing as 延时服务', async () => {
    const staff = await h.staffAt('W06');
    const manager = await h.login('manager');
    await setClock('2026-11-23T16:20:00+08:00');
    const t = (await h.api<Ticket>('POST', '/api/tickets', { serviceCode: 'SB' }, KIOSK_KEY)).body;
    // 16:31: past the 30-minute cutoff, no more tickets — but the one issued is still served.
    await setClock('2026-11-23T16:31:00+08:00');
    const late = await h.api<Err>('POST', '/api/tickets', { serviceCode: 'SB' }, KIOSK_KEY);
    expect(late.body.error.code).toBe('HALL_CLOSED');
    expect(late.body.error.message).toContain('16:30');
    await setClock('2026-11-23T16:55:00+08:00');
    await h.api('POST', '/api/windows/W06/call-next', undefined, staff);
    await setClock('2026-11-23T17:23:00+08:00');
    await h.api('POST', '/api/windows/W06/finish', {}, staff);
    const records = (await h.api<{ ticketId: string; ticketNumber: string; minutesPastClosing: number; staffNo: string; windowId: string }[]>('GET', '/api/overtime?date=2026-11-23', undefined, manager)).body;
    expect(records).toEqual([expect.objectContaining({ ticketId: t.id, ticketNumber: 'C001', minutesPastClosing: 23, staffNo: '1011', windowId: 'W06' })]);
  });

  it('pushes 空岗 and 限时办结 alerts to the console as they happen', async () => {
    const manager = await h.login('manager');
    const s = h.socket(manager);
    const alerts: AlertEvent[] = [];
    s.on('alert', (e: AlertEvent) => alerts.push(e));
    await new Promise((r) => s.once('snapshot', r));
    const now = (await h.api<{ kind: string; windowId?: string }[]>('GET', '/api/alerts', undefined, manager)).body;
    expect(now.filter((a) => a.kind === 'unstaffed')).toHaveLength(12);
    const staff = await h.staffAt('W01');
    await h.api('POST', '/api/tickets', { serviceCode: 'BDC', idNumber: '110101198001010053' }, KIOSK_KEY);
    await h.api('POST', '/api/windows/W01/call-next', undefined, staff);
    await advance(41); // 不动产登记 is allowed 40 minutes
    await expect.poll(() => alerts.filter((a) => a.raised).map((a) => a.alert.kind)).toContain('overdue');
    expect(alerts.find((a) => a.alert.kind === 'overdue')!.alert.message).toMatch(/1号窗口 A001.*超过限时办结40分钟/);
    // W01 was staffed, so its 空岗 alert cleared.
    expect(alerts.some((a) => !a.raised && a.alert.key === 'unstaffed:W01')).toBe(true);
  });

  it('starts a new day: numbers restart and yesterday\'s waiting tickets are void', async () => {
    const yesterday = (await h.api<Ticket>('POST', '/api/tickets', { serviceCode: 'SB' }, KIOSK_KEY)).body;
    await setClock('2026-11-24T09:00:00+08:00');
    const today = (await h.api<Ticket>('POST', '/api/tickets', { serviceCode: 'SB' }, KIOSK_KEY)).body;
    expect(today.number).toBe('C001');
    expect(today.businessDate).toBe('2026-11-24');
    expect((await h.api<Ticket>('GET', `/api/tickets/${yesterday.id}`)).body.status).toBe('cancelled');
    expect((await h.api<{ code: string; waiting: number }[]>('GET', '/api/services')).body.find((s) => s.code === 'SB')!.waiting).toBe(1);
  });

  it('shows 暂停 with its reason and 预约办理 on the window, and refuses a call while paused', async () => {
    const staff = await h.staffAt('W07');
    const screen = h.socket(HALL_SCREEN_KEY);
    await new Promise((r) => screen.once('snapshot', r));
    const seen = new Promise<WindowView>((resolve) =>
      screen.on('update', (e: { windows: WindowView[] }) => {
        const w7 = e.windows.find((w) => w.id === 'W07');
        if (w7?.status === 'paused') resolve(w7);
      }),
    );
    const paused = await h.api<WindowView>('POST', '/api/windows/W07/pause', { reason: '系统故障' }, staff);
    expect(paused.body).toMatchObject({ status: 'paused', pause: { reason: '系统故障' } });
    expect((await seen).pause?.reason).toBe('系统故障');
    const refused = await h.api<Err>('POST', '/api/windows/W07/call-next', undefined, staff);
    expect(refused.body.error.code).toBe('WINDOW_PAUSED');
    await h.api('POST', '/api/windows/W07/resume', undefined, staff);
    const mode = await h.api<WindowView>('PUT', '/api/windows/W07/mode', { mode: 'appointment' }, staff);
    expect(mode.body).toMatchObject({ status: 'open', mode: 'appointment' });
  });

  it('a skipped citizen who returns is re-queued behind the next three', async () => {
    const staff = await h.staffAt('W08');
    const issued: Ticket[] = [];
    for (let i = 0; i < 6; i++) issued.push((await h.api<Ticket>('POST', '/api/tickets', { serviceCode: 'GJJ' }, KIOSK_KEY)).body);
    await h.api('POST', '/api/windows/W08/call-next', undefined, staff);
    await h.api('POST', '/api/windows/W08/skip', undefined, staff);
    const back = await h.api<Ticket & { waitingAhead: number }>('POST', `/api/tickets/${issued[0]!.id}/requeue`, {}, staff);
    expect(back.body).toMatchObject({ status: 'waiting', number: 'E001', waitingAhead: 3 });
    const queue = (await h.api<{ ticket: Ticket; why: string }[]>('GET', '/api/windows/W08/queue', undefined, staff)).body;
    expect(queue.map((q) => q.ticket.number)).toEqual(['E002', 'E003', 'E004', 'E001', 'E005', 'E006']);
    expect(queue[3]!.why).toContain('过号重排');
  });

  it('transfers keep the number and the original issue time', async () => {
    const tax = await h.staffAt('W04');
    const estate = await h.staffAt('W03');
    const first = (await h.api<Ticket>('POST', '/api/tickets', { serviceCode: 'SW' }, KIOSK_KEY)).body;
    await advance(5);
    await h.api('POST', '/api/tickets', { serviceCode: 'BDC', idNumber: '110101198001010053' }, KIOSK_KEY);
    await h.api('POST', '/api/windows/W04/call-next', undefined, tax);
    const moved = await h.api<{ ticket: Ticket }>('POST', '/api/windows/W04/transfer', { serviceCode: 'BDC' }, tax);
    expect(moved.body.ticket).toMatchObject({ number: first.number, serviceCode: 'BDC', status: 'waiting', issuedAt: first.issuedAt, transferredFrom: first.id });
    expect((await h.api<Ticket>('GET', `/api/tickets/${first.id}`)).body.status).toBe('transferred');
    // Issued earlier, it is called before the 不动产 ticket issued five minutes later.
    const next = await h.api<{ ticket: Ticket }>('POST', '/api/windows/W03/call-next', undefined, estate);
    expect(next.body.ticket.number).toBe(first.number);
  });
});
