import type { PrinterStatus } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { DEVICE_SILENCE_SECONDS, deviceAlerts, deviceSummary, type DeviceHealth } from './device-alerts.js';
import { at, iso } from './test-support.js';

const FINE: PrinterStatus = { online: true, paperNearEnd: false, paperOut: false, coverOpen: false, error: false };
const kiosk = (printer: Partial<PrinterStatus> | null, lastSeen: number | null = at('09:30')): DeviceHealth => ({
  id: 'k1',
  name: '大厅取号机1',
  role: 'kiosk',
  windowId: null,
  lastSeen,
  printer: printer === null ? null : { ...FINE, ...printer },
});
const alerts = (d: DeviceHealth, now = at('09:30'), open = true) => deviceAlerts([d], open, now, 480);

describe('printer alerts', () => {
  const table: [string, Partial<PrinterStatus>, string[], string][] = [
    ['paper out', { paperOut: true, paperNearEnd: true }, ['printer:k1:paper-out'], '大厅取号机1：打印纸已用完，取号机不能出票，请立即更换打印纸'],
    ['cover open', { coverOpen: true }, ['printer:k1:cover-open'], '大厅取号机1：打印机盖未关好，取号机不能出票，请合上打印机盖'],
    ['cutter or other error', { error: true }, ['printer:k1:error'], '大厅取号机1：打印机故障（切刀或其他错误），取号机不能出票，请检查打印机'],
    ['printer not answering (its other flags mean nothing)', { online: false, paperOut: true }, ['printer:k1:offline'], '大厅取号机1：打印机未连接或无响应，取号机不能出票，请检查打印机电源和连线'],
    ['paper near its end', { paperNearEnd: true }, ['printer:k1:near-end'], '大厅取号机1：打印纸即将用完，请准备更换打印纸'],
    ['all well', {}, [], ''],
  ];
  it.each(table)('%s', (_name, printer, keys, message) => {
    const list = alerts(kiosk(printer));
    expect(list.map((a) => a.key)).toEqual(keys);
    if (message) expect(list[0]).toMatchObject({ kind: 'printer', deviceId: 'k1', message });
  });

  it('paper near its end is a warning; paper out needs action now', () => {
    expect(alerts(kiosk({ paperNearEnd: true }))[0]!.severity).toBe('warning');
    expect(alerts(kiosk({ paperOut: true }))[0]).not.toHaveProperty('severity');
  });

  it('several problems at once are separate alerts, each clearing on its own', () => {
    expect(alerts(kiosk({ coverOpen: true, error: true })).map((a) => a.key)).toEqual(['printer:k1:cover-open', 'printer:k1:error']);
  });
});

describe('a kiosk not heard from', () => {
  const silentFor = (seconds: number, now = at('10:00')) => kiosk(null, now - seconds * 1000);

  it(`is an alert after ${DEVICE_SILENCE_SECONDS} s while the hall is open`, () => {
    expect(alerts(silentFor(DEVICE_SILENCE_SECONDS), at('10:00'))).toEqual([]);
    const [a] = alerts(silentFor(DEVICE_SILENCE_SECONDS + 1), at('10:00'));
    expect(a).toEqual({
      key: 'device-offline:k1',
      kind: 'device-offline',
      deviceId: 'k1',
      since: iso('09:59:59'),
      message: '大厅取号机1超过60秒未联络（最后联络 09:58:59），请检查取号机电源和网络',
    });
  });

  it('is no alert while the hall is closed (lunch, night), nor for a device never heard from', () => {
    expect(alerts(silentFor(600, at('12:30')), at('12:30'), false)).toEqual([]);
    expect(alerts(kiosk(null, null))).toEqual([]);
  });

  it('concerns kiosks only (screens keep a socket, not a heartbeat)', () => {
    expect(alerts({ ...silentFor(600), role: 'hall-screen' }, at('10:00'))).toEqual([]);
  });
});

describe('the manager’s one-line summary', () => {
  it('says 正常, or everything that is wrong', () => {
    expect(deviceSummary(kiosk({}), at('09:30'))).toEqual({ ok: true, summary: '正常' });
    expect(deviceSummary(kiosk({ paperNearEnd: true, coverOpen: true }), at('09:30'))).toEqual({ ok: false, summary: '打印机盖未关好；打印纸即将用完' });
    expect(deviceSummary(kiosk({}, at('09:30')), at('09:45'))).toEqual({ ok: false, summary: '已15分钟未联络' });
    expect(deviceSummary(kiosk(null, null), at('09:30'))).toEqual({ ok: false, summary: '服务器启动以来未联络' });
  });
});
