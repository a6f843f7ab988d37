/**
 * Device status on a real server (SQLite file, loopback HTTP and socket.io), Monday 09:30, as the
 * hall manager notices it: a kiosk's printer running out of paper reaches the manager's socket as
 * an `alert` at once and clears when paper is loaded; a kiosk silent for a minute while the hall
 * is open raises an alert that clears when it is heard again (and is no alert at lunch); the
 * device list says who was seen when and what is wrong, in Chinese.
 */
import type { AlertEvent, DeviceStatusView, PrinterStatus } from '@hall/shared';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HALL_SCREEN_KEY, KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

interface Err {
  error: { code: string; message: string };
}
const FINE: PrinterStatus = { online: true, paperNearEnd: false, paperOut: false, coverOpen: false, error: false };

describe('device status and alerts', () => {
  let h: TestHall;
  let manager: string;
  let socket: Socket;
  const events: AlertEvent[] = [];
  /** Device alerts received on the manager's socket since `from`. */
  const deviceEvents = (from = 0) => events.slice(from).filter((e) => e.alert.kind === 'printer' || e.alert.kind === 'device-offline');
  const report = (printer: Partial<PrinterStatus> | undefined, key = KIOSK_KEY, detail?: string) =>
    h.api('POST', '/api/devices/status', { ...(printer ? { printer: { ...FINE, ...printer } } : {}), ...(detail !== undefined ? { detail } : {}) }, key);
  const kioskRow = async () => (await h.api<DeviceStatusView[]>('GET', '/api/devices/status', undefined, manager)).body.find((d) => d.name === '大厅取号机1')!;
  const setClock = (set: string) => h.api('POST', '/api/test-clock', { set });

  beforeAll(async () => {
    h = await startTestHall();
    manager = await h.login('manager');
    socket = h.socket(manager);
    socket.on('alert', (e: AlertEvent) => events.push(e));
    await new Promise((done) => socket.once('snapshot', done));
  });
  afterAll(() => h?.close());

  it('lists every registered device; none heard from yet', async () => {
    const list = (await h.api<DeviceStatusView[]>('GET', '/api/devices/status', undefined, manager)).body;
    expect(list).toHaveLength(h.hall.config.devices.length);
    expect(list[0]).toMatchObject({ name: '大厅取号机1', role: 'kiosk', windowId: null, lastSeenAt: null, printer: null, ok: false, summary: '服务器启动以来未联络' });
    expect(list.find((d) => d.windowId === 'W03')).toMatchObject({ role: 'window-display', name: '3号窗口屏' });
  });

  it('paper out: the manager is told at once; loading paper clears it', async () => {
    const mark = events.length;
    const r = await report({ paperOut: true, paperNearEnd: true }, KIOSK_KEY, '出票失败 1 次');
    expect(r.status).toBe(204);
    expect(r.body).toBeNull();
    await expect.poll(() => deviceEvents(mark).map((e) => [e.raised, e.alert.message])).toEqual([[true, '大厅取号机1：打印纸已用完，取号机不能出票，请立即更换打印纸']]);
    expect(deviceEvents(mark)[0]!.alert).toMatchObject({ kind: 'printer', key: expect.stringMatching(/:paper-out$/) });
    expect(await kioskRow()).toMatchObject({
      lastSeenAt: '2026-11-23T09:30:00.000+08:00',
      secondsSinceSeen: 0,
      printer: { paperOut: true },
      detail: '出票失败 1 次',
      ok: false,
      summary: '打印纸已用完',
    });
    expect((await h.api<{ kind: string }[]>('GET', '/api/alerts', undefined, manager)).body.map((a) => a.kind)).toContain('printer');

    // New roll in: paper out clears; the sensor still says near end until it is past it.
    const mark2 = events.length;
    await report({ paperNearEnd: true });
    await expect.poll(() => deviceEvents(mark2).map((e) => [e.raised, e.alert.key.split(':').pop(), e.alert.severity ?? null])).toEqual([
      [true, 'near-end', 'warning'],
      [false, 'paper-out', null],
    ]);
    const mark3 = events.length;
    await report(FINE);
    await expect.poll(() => deviceEvents(mark3).map((e) => [e.raised, e.alert.key.split(':').pop()])).toEqual([[false, 'near-end']]);
    expect(await kioskRow()).toMatchObject({ ok: true, summary: '正常', printer: FINE });
  });

  it('cover open and printer not answering are alerts too, each clearing when fixed', async () => {
    const mark = events.length;
    await report({ coverOpen: true });
    await report({ online: false });
    await report(FINE);
    await expect.poll(() => deviceEvents(mark).map((e) => `${e.raised ? '+' : '-'}${e.alert.key.split(':').pop()}`)).toEqual(['+cover-open', '+offline', '-cover-open', '-offline']);
    expect(deviceEvents(mark)[1]!.alert.message).toBe('大厅取号机1：打印机未连接或无响应，取号机不能出票，请检查打印机电源和连线');
  });

  it('a kiosk silent for more than 60 s while the hall is open: alert; heard again: cleared', async () => {
    const mark = events.length;
    await setClock('2026-11-23T09:31:01+08:00');
    await expect.poll(() => deviceEvents(mark).map((e) => [e.raised, e.alert.kind, e.alert.message])).toEqual([
      [true, 'device-offline', '大厅取号机1超过60秒未联络（最后联络 09:30:00），请检查取号机电源和网络'],
    ]);
    expect(await kioskRow()).toMatchObject({ ok: false, secondsSinceSeen: 61, summary: '已61秒未联络' });
    // Any request with the kiosk's key counts as being heard from.
    await h.api('GET', '/api/services', undefined, KIOSK_KEY);
    await expect.poll(() => deviceEvents(mark).map((e) => [e.raised, e.alert.kind])).toEqual([
      [true, 'device-offline'],
      [false, 'device-offline'],
    ]);
    expect(await kioskRow()).toMatchObject({ ok: true, summary: '正常', lastSeenAt: '2026-11-23T09:31:01.000+08:00' });
  });

  it('is no alert during the lunch break (kiosks may be switched off), and is one again at 13:00', async () => {
    const mark = events.length;
    await setClock('2026-11-23T12:30:00+08:00');
    await new Promise((done) => setTimeout(done, 1500)); // a tick or two of the hall's timer
    expect(deviceEvents(mark)).toEqual([]);
    await setClock('2026-11-23T13:00:00+08:00');
    await expect.poll(() => deviceEvents(mark).map((e) => [e.raised, e.alert.kind])).toEqual([[true, 'device-offline']]);
    await report(FINE);
    await expect.poll(() => deviceEvents(mark).map((e) => e.raised)).toEqual([true, false]);
  });

  it('screens may report (any device key) and are listed with their last contact', async () => {
    expect((await report(undefined, HALL_SCREEN_KEY, '1920×1080')).status).toBe(204);
    const list = (await h.api<DeviceStatusView[]>('GET', '/api/devices/status', undefined, manager)).body;
    expect(list.find((d) => d.role === 'hall-screen')).toMatchObject({ lastSeenAt: '2026-11-23T13:00:00.000+08:00', printer: null, detail: '1920×1080', ok: true, summary: '正常' });
  });

  it('who may do what, in Chinese', async () => {
    const staff = await h.login('s1001');
    const admin = await h.login('admin');
    const cases: [string, string, unknown, string | undefined, number, string][] = [
      ['GET', '/api/devices/status', undefined, staff, 403, 'FORBIDDEN'],
      ['GET', '/api/devices/status', undefined, KIOSK_KEY, 403, 'FORBIDDEN'],
      ['GET', '/api/devices/status', undefined, undefined, 401, 'UNAUTHORIZED'],
      ['POST', '/api/devices/status', { printer: FINE }, undefined, 401, 'UNAUTHORIZED'],
      ['POST', '/api/devices/status', { printer: FINE }, staff, 403, 'FORBIDDEN'],
      ['POST', '/api/devices/status', { printer: FINE }, admin, 403, 'FORBIDDEN'],
      ['POST', '/api/devices/status', { printer: { online: true } }, KIOSK_KEY, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/devices/status', { printer: { ...FINE, paperOut: 'yes' } }, KIOSK_KEY, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/devices/status', { battery: 80 }, KIOSK_KEY, 400, 'VALIDATION_FAILED'],
    ];
    for (const [method, path, body, token, status, code] of cases) {
      const r = await h.api<Err>(method, path, body, token);
      expect([r.status, r.body.error.code], `${method} ${path} ${JSON.stringify(body)}`).toEqual([status, code]);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await h.api<Err>('POST', '/api/devices/status', { printer: { online: true } }, KIOSK_KEY)).body.error.message).toContain('printer.paperNearEnd');
    expect((await h.api<Err>('POST', '/api/devices/status', { printer: FINE }, admin)).body.error.message).toBe('设备状态须由设备用自己的设备密钥上报');
  });
});
