import { describe, expect, it } from 'vitest';
import type { WindowStatus } from '@hall/shared';
import { newWindowRuntime, type WindowRuntime } from './hall-state.js';
import { pause } from './queue-engine.js';
import { SATURDAY, TestHall, at, idNumber, iso } from './test-support.js';
import { serviceViews, ticketStatusView, ticketView, windowStatus, windowView } from './views.js';

describe('ticketView: personal data is masked on the wire', () => {
  it('masks the ID number and phone unless the viewer is authorised', () => {
    const h = new TestHall();
    const id = idNumber('1980-01-01', '011');
    const t = h.issue('BDC', { idNumber: id, phone: '13812345678' });
    const masked = ticketView(t);
    expect(masked.idNumber).toBe(`110101********${id.slice(-4)}`);
    expect(masked.phone).toBe('138****5678');
    expect(masked).not.toHaveProperty('queueKey');
    const full = ticketView(t, true);
    expect(full.idNumber).toBe(id);
    expect(full.phone).toBe('13812345678');
    expect(full).not.toHaveProperty('queueKey');
  });
});

describe('windowStatus', () => {
  const h = new TestHall();
  const staffed: WindowRuntime = { ...newWindowRuntime('W01'), onDuty: [{ name: '王建国', employeeNo: '1001', post: 'A', since: iso('08:50') }] };
  const paused: WindowRuntime = { ...staffed, pause: { reason: '临时离岗', since: iso('10:00'), sinceMs: at('10:00') } };
  const empty = newWindowRuntime('W01');
  const table: [string, WindowRuntime, number, WindowStatus][] = [
    ['staffed, in hours', staffed, at('10:00'), 'open'],
    ['staffed, after hours (延时服务)', staffed, at('17:30'), 'open'],
    ['paused', paused, at('10:20'), 'paused'],
    ['nobody, in hours', empty, at('10:00'), 'unstaffed'],
    ['nobody, lunch', empty, at('12:30'), 'closed'],
    ['nobody, Saturday', empty, at('10:00', SATURDAY), 'closed'],
  ];
  it.each(table)('%s → %s', (_name, w, now, status) => {
    expect(windowStatus(w, h.hours, now)).toBe(status);
  });
});

describe('what screens show', () => {
  it('a window shows its current ticket and pause', () => {
    const h = new TestHall();
    const staff = h.signIn('W04');
    h.issue('SW');
    h.call('W04');
    expect(windowView(h.state, h.config, h.hours, 'W04', at('09:01'))).toMatchObject({
      id: 'W04',
      no: '4',
      status: 'open',
      mode: 'normal',
      appointmentOnly: false,
      current: { number: 'B001', status: 'called' },
    });
    h.finish('W04');
    h.run(staff, (s, c) => pause(s, c, 'W04', '临时离岗'));
    expect(windowView(h.state, h.config, h.hours, 'W04', at('09:30'))).toMatchObject({
      status: 'paused',
      pause: { reason: '临时离岗', since: iso('09:00') },
      current: null,
    });
  });

  it('services show how many wait, and a ticket how many are ahead', () => {
    const h = new TestHall();
    h.signIn('W04');
    h.setTime('09:00').issue('SW');
    const b2 = h.setTime('09:01').issue('SW');
    const b3 = h.setTime('09:02').issue('SW');
    const green = h.setTime('09:03').issue('SW', { priority: 'green' });
    h.issue('SB');
    h.call('W04'); // the green ticket
    const waiting = Object.fromEntries(serviceViews(h.state, h.config).map((s) => [s.code, s.waiting]));
    expect(waiting).toMatchObject({ SW: 3, SB: 1, BDC: 0 });
    expect(ticketStatusView(h.state, h.ticket(b3.id)).waitingAhead).toBe(2);
    expect(ticketStatusView(h.state, h.ticket(b2.id)).waitingAhead).toBe(1);
    expect(ticketStatusView(h.state, h.ticket(green.id)).waitingAhead).toBe(0);
  });
});
