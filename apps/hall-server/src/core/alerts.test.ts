import { describe, expect, it } from 'vitest';
import type { Alert, AlertKind } from '@hall/shared';
import { chineseHolidayData } from '../calendar/holiday-data.js';
import { computeAlerts } from './alerts.js';
import { WorkingCalendar } from './calendar.js';
import { pause, resume, signOut, transfer } from './queue-engine.js';
import { SATURDAY, TestHall, at, demoConfig, idNumber, iso, type TestHallOptions } from './test-support.js';

const chinese = new WorkingCalendar(chineseHolidayData());
const hall = (opts: TestHallOptions = {}) => new TestHall({ calendar: chinese, ...opts });

function alerts(h: TestHall, now: number, kind?: AlertKind): Alert[] {
  return computeAlerts(h.state, h.config, h.hours, now).filter((a) => kind === undefined || a.kind === kind);
}

describe('空岗: a window with nobody on duty during opening hours', () => {
  // Nobody has signed in anywhere; the demo hall has 12 windows.
  const table: [string, number, number][] = [
    ['Monday 08:00, before opening', at('08:00'), 0],
    ['Monday 08:59', at('08:59'), 0],
    ['Monday 09:00', at('09:00'), 12],
    ['Monday 11:59', at('11:59'), 12],
    ['Monday 12:00, lunch break', at('12:00'), 0],
    ['Monday 12:30, lunch break', at('12:30'), 0],
    ['Monday 13:00', at('13:00'), 12],
    ['Monday 16:59', at('16:59'), 12],
    ['Monday 17:00, closed', at('17:00'), 0],
    ['Saturday 10:00', at('10:00', SATURDAY), 0],
    ['Sunday 10:00', at('10:00', '2026-11-29'), 0],
    ['National Day 10:00', at('10:00', '2026-10-01'), 0],
    ['调休 working Sunday 10:00', at('10:00', '2026-09-20'), 12],
  ];
  it.each(table)('%s → %i windows 空岗', (_name, now, n) => {
    expect(alerts(hall(), now, 'unstaffed')).toHaveLength(n);
  });

  it('names the window so the manager sees it at once', () => {
    const [w01] = alerts(hall(), at('09:00'), 'unstaffed');
    expect(w01).toEqual({ key: 'unstaffed:W01', kind: 'unstaffed', windowId: 'W01', since: iso('09:00'), message: '1号窗口（不动产登记）空岗：开放时间内无人在岗' });
  });

  it('clears when someone signs in, and returns when the last one leaves', () => {
    const h = hall();
    const a = h.signIn('W01');
    h.signIn('W12');
    const open = alerts(h, at('09:30'), 'unstaffed').map((x) => x.windowId);
    expect(open).toHaveLength(10);
    expect(open).not.toContain('W01');
    expect(open).not.toContain('W12');
    h.run(a, (s, c) => signOut(s, c, 'W01', '1001'));
    expect(alerts(h, at('09:40'), 'unstaffed').map((x) => x.windowId)).toContain('W01');
  });

  it('a window paused by its staff is not 空岗', () => {
    const h = hall();
    const a = h.signIn('W01');
    h.run(a, (s, c) => pause(s, c, 'W01', '临时离岗'));
    expect(alerts(h, at('09:05'), 'unstaffed').map((x) => x.windowId)).not.toContain('W01');
  });
});

describe('限时办结: a service over its target time', () => {
  // [service, window, minutes after the call, overdue message or null]
  const table: [string, string, number, string | null][] = [
    ['BDC', 'W01', 39, null],
    ['BDC', 'W01', 40, null],
    ['BDC', 'W01', 41, '1号窗口 A001（不动产登记）已办理41分钟，超过限时办结40分钟'],
    ['SW', 'W04', 15, null],
    ['SW', 'W04', 16, '4号窗口 B001（税务办理）已办理16分钟，超过限时办结15分钟'],
    ['SW', 'W04', 40, '4号窗口 B001（税务办理）已办理40分钟，超过限时办结15分钟'],
  ];
  it.each(table)('%s at %s, %i minutes after the call', (code, windowId, minutes, message) => {
    const h = hall();
    h.signIn(windowId);
    h.issue(code, code === 'BDC' ? { idNumber: idNumber('1980-01-01') } : {});
    const t = h.setTime('09:00').call(windowId).ticket!;
    h.setTime('09:05').start(windowId);
    const found = alerts(h, at('09:00') + minutes * 60_000, 'overdue');
    if (message === null) {
      expect(found).toEqual([]);
    } else {
      const target = code === 'BDC' ? 40 : 15;
      expect(found).toEqual([
        { key: `overdue:${t.id}`, kind: 'overdue', windowId, ticketId: t.id, since: iso(`09:${String(target).padStart(2, '0')}`), message },
      ]);
    }
  });

  it('clears once the ticket is finished or transferred away', () => {
    const h = hall();
    const staff = h.signIn('W04');
    h.signIn('W06');
    h.issue('SW');
    h.issue('SW');
    h.setTime('09:00').call('W04');
    expect(alerts(h, at('09:30'), 'overdue')).toHaveLength(1);
    h.setTime('09:30').finish('W04');
    expect(alerts(h, at('09:31'), 'overdue')).toEqual([]);
    h.call('W04');
    h.setTime('10:00').run(staff, (s, c) => transfer(s, c, 'W04', { serviceCode: 'SB' }));
    expect(alerts(h, at('10:00'), 'overdue')).toEqual([]);
  });
});

describe('pause too long: the B post must cover', () => {
  // [case, the hall's limit (null: demo's 15 min), minutes paused, alert]
  const table: [string, number | null, number, string | null][] = [
    ['15 min (the limit)', null, 15, null],
    ['16 min', null, 16, '4号窗口暂停（临时离岗）已超过15分钟，请安排B岗顶岗'],
    ['6 min in a hall whose limit is 5', 5, 6, '4号窗口暂停（临时离岗）已超过5分钟，请安排B岗顶岗'],
  ];
  it.each(table)('%s', (_name, limit, minutes, message) => {
    const config = limit === null ? demoConfig() : demoConfig((raw) => (raw.queue!.pauseLimitMinutes = limit));
    const h = hall({ config });
    const staff = h.signIn('W04');
    h.setTime('10:00').run(staff, (s, c) => pause(s, c, 'W04', '临时离岗'));
    const found = alerts(h, at('10:00') + minutes * 60_000, 'pause-too-long');
    if (message === null) expect(found).toEqual([]);
    else expect(found).toEqual([{ key: `pause:W04:${iso('10:00')}`, kind: 'pause-too-long', windowId: 'W04', since: iso('10:00'), message }]);
  });

  it('clears on resume', () => {
    const h = hall();
    const staff = h.signIn('W04');
    h.setTime('10:00').run(staff, (s, c) => pause(s, c, 'W04', '临时离岗'));
    expect(alerts(h, at('10:20'), 'pause-too-long')).toHaveLength(1);
    h.setTime('10:20').run(staff, (s, c) => resume(s, c, 'W04'));
    expect(alerts(h, at('10:21'), 'pause-too-long')).toEqual([]);
  });
});

describe('queue too long', () => {
  const table: [string, number, number, string | null][] = [
    ['30 waiting (the threshold)', 30, 30, null],
    ['31 waiting', 30, 31, '“税务办理”等候31人，超过30人'],
    ['4 waiting with a threshold of 3', 3, 4, '“税务办理”等候4人，超过3人'],
  ];
  it.each(table)('%s', (_name, threshold, n, message) => {
    const h = hall({ config: demoConfig((raw) => (raw.queue!.queueAlertThreshold = threshold)) });
    for (let i = 0; i < n; i++) h.issue('SW');
    const found = alerts(h, at('09:30'), 'queue-long');
    if (message === null) expect(found).toEqual([]);
    else expect(found).toEqual([{ key: 'queue:SW', kind: 'queue-long', serviceCode: 'SW', since: iso('09:30'), message }]);
  });

  it('counts only those still waiting', () => {
    const h = hall({ config: demoConfig((raw) => (raw.queue!.queueAlertThreshold = 3)) });
    h.signIn('W04');
    for (let i = 0; i < 4; i++) h.issue('SW');
    expect(alerts(h, at('09:30'), 'queue-long')).toHaveLength(1);
    h.call('W04');
    expect(alerts(h, at('09:30'), 'queue-long')).toEqual([]);
  });
});
