import { describe, expect, it } from 'vitest';
import { pause, skip, transfer } from './queue-engine.js';
import { TestHall, at, idNumber } from './test-support.js';
import { serviceStatusViews, ticketWaitView } from './views.js';
import { WAIT_MODEL, estimateNewTicketWaits, estimateTicketWait, typicalMinutes } from './wait-estimate.js';

/** 预计等候时间 of a ticket taken now, per service code. */
const newTicket = (h: TestHall) => estimateNewTicketWaits(h.state, h.config, h.hours, h.clock.now());
const ofTicket = (h: TestHall, id: string) => estimateTicketWait(h.state, h.config, h.hours, h.clock.now(), h.ticket(id));

let people = 0;
/** Someone's resident ID (不动产 and 户政 are taken with the ID card). */
const id = () => ({ idNumber: idNumber('1980-01-01', String(++people).padStart(3, '0')) });

/** Calls at `windowId`, and finishes after `minutes` (the clock moves). */
function handle(h: TestHall, windowId: string, minutes: number): void {
  h.call(windowId);
  h.setTime(h.clock.now() + minutes * 60_000);
  h.finish(windowId);
}

describe('typical handling time per service', () => {
  it('is the configured target (限时办结) before anything was finished today', () => {
    const t = typicalMinutes(new TestHall().state, new TestHall().config);
    expect(t.get('BDC')).toBe(40);
    expect(t.get('SB')).toBe(15);
  });

  it('follows the handlings of the day, the recent ones weighing more', () => {
    const h = new TestHall();
    h.signIn('W06');
    for (let i = 0; i < 12; i++) h.issue('SB');
    for (let i = 0; i < 6; i++) handle(h, 'W06', 20);
    const after20s = typicalMinutes(h.state, h.config).get('SB')!;
    expect(after20s).toBeGreaterThan(18);
    for (let i = 0; i < 6; i++) handle(h, 'W06', 6);
    const now = typicalMinutes(h.state, h.config).get('SB')!;
    // Six 20-minute handlings, then six of 6 minutes: closer to 6 than to 20, but not forgetting the 20s.
    expect(now).toBeGreaterThan(6);
    expect(now).toBeLessThan(11);
  });

  it('counts a forgotten 办结 for at most a few target times', () => {
    const h = new TestHall();
    h.signIn('W06');
    h.issue('SB');
    handle(h, 'W06', 300); // 5 hours on one ticket
    const cap = 15 * WAIT_MODEL.maxTargetMultiple;
    const expected = (15 * WAIT_MODEL.priorWeight + cap) / (WAIT_MODEL.priorWeight + 1);
    expect(typicalMinutes(h.state, h.config).get('SB')).toBeCloseTo(expected, 6);
  });

  it('counts a 过号 as the short window time it took', () => {
    const h = new TestHall();
    const staff = h.signIn('W06');
    h.issue('SB');
    h.call('W06');
    h.setTime('09:02');
    h.run(staff, (s, c) => skip(s, c, 'W06'));
    expect(typicalMinutes(h.state, h.config).get('SB')).toBeCloseTo((15 * WAIT_MODEL.priorWeight + 2) / (WAIT_MODEL.priorWeight + 1), 6);
  });
});

describe('minutes until a ticket is called', () => {
  it('grows with the people ahead: each one takes the typical time at the one open window', () => {
    const h = new TestHall();
    h.signIn('W06');
    const [a, b, c] = [h.issue('SB'), h.issue('SB'), h.issue('SB')];
    expect([ofTicket(h, a.id), ofTicket(h, b.id), ofTicket(h, c.id)]).toEqual([0, 15, 30]);
    expect(newTicket(h).get('SB')).toBe(45);
  });

  it('halves with two windows open for the service', () => {
    const h = new TestHall();
    h.signIn('W01');
    for (let i = 0; i < 4; i++) h.issue('BDC', id());
    expect(newTicket(h).get('BDC')).toBe(160);
    h.signIn('W02');
    expect(newTicket(h).get('BDC')).toBe(80);
  });

  it('a window serving two services shares its time between them in calling order', () => {
    const h = new TestHall();
    h.signIn('W03'); // 不动产 and 税务
    h.setTime('09:00');
    h.issue('SW');
    h.setTime('09:01');
    h.issue('SW');
    h.setTime('09:02');
    const bdc = h.issue('BDC', id());
    // Both 税务 tickets came first: 2 × 15 minutes, minus the 2 minutes already gone by.
    expect(ofTicket(h, bdc.id)).toBe(30);
    h.signIn('W04'); // a 税务-only window opens: it takes one 税务 ticket
    expect(ofTicket(h, bdc.id)).toBe(15);
  });

  it('counts the time the current customer still needs (at least a share of the typical time)', () => {
    const h = new TestHall();
    h.signIn('W06');
    h.issue('SB');
    h.call('W06');
    h.setTime('09:10');
    expect(newTicket(h).get('SB')).toBe(5);
    h.setTime('09:40'); // long past the typical 15 minutes
    expect(newTicket(h).get('SB')).toBe(Math.round(15 * WAIT_MODEL.minRemainingShare));
  });

  it('skips the lunch break', () => {
    const h = new TestHall();
    h.signIn('W06');
    h.setTime('11:55');
    h.issue('SB');
    h.call('W06'); // free again around 12:10, which is lunch: the next call is at 13:00
    expect(newTicket(h).get('SB')).toBe(65);
  });

  it('a green-channel ticket issued later waits less than the normal tickets ahead of it', () => {
    const h = new TestHall();
    h.signIn('W06');
    const normal = [h.issue('SB'), h.issue('SB'), h.issue('SB')];
    const green = h.issue('SB', { priority: 'green' });
    expect(ofTicket(h, green.id)).toBe(0);
    expect(normal.map((t) => ofTicket(h, t.id))).toEqual([15, 30, 45]);
  });

  it('is null when no window that may call the ticket is open', () => {
    const h = new TestHall();
    const t = h.issue('HZ', id());
    expect(ofTicket(h, t.id)).toBeNull(); // nobody signed in
    h.signIn('W01'); // 不动产 only
    expect(ofTicket(h, t.id)).toBeNull();
    expect(newTicket(h).get('HZ')).toBeNull();
    expect(newTicket(h).get('BDC')).toBe(0);
    const staff = h.signIn('W09'); // 户政
    expect(ofTicket(h, t.id)).toBe(0);
    h.run(staff, (s, c) => pause(s, c, 'W09', '临时离岗'));
    expect(ofTicket(h, t.id)).toBeNull();
  });

  it('a 预约专窗 counts for appointment tickets only', () => {
    const h = new TestHall();
    h.signIn('W12');
    h.issue('ZH');
    expect(newTicket(h).get('ZH')).toBeNull();
    const appointment = h.issue('ZH', { priority: 'appointment' }); // called at once by W12
    expect(h.ticket(appointment.id).status).toBe('called');
    const second = h.issue('ZH', { priority: 'appointment' });
    expect(ofTicket(h, second.id)).toBe(15);
  });

  it('a ticket transferred to a window waits for that window only', () => {
    const h = new TestHall();
    const w06 = h.signIn('W06');
    const w11 = h.signIn('W11');
    h.issue('SB');
    h.call('W06');
    const moved = h.run(w06, (s, c) => transfer(s, c, 'W06', { windowId: 'W11' })).value;
    expect(ofTicket(h, moved.id)).toBe(0);
    h.run(w11, (s, c) => pause(s, c, 'W11', '临时离岗'));
    expect(ofTicket(h, moved.id)).toBeNull(); // W06 is open and serves 社会保险, but may not call it
  });

  it('is null for a ticket that is no longer waiting', () => {
    const h = new TestHall();
    h.signIn('W06');
    const t = h.issue('SB');
    h.call('W06');
    expect(ofTicket(h, t.id)).toBeNull();
  });
});

describe('what the kiosk and the status page receive', () => {
  it('ticket: people ahead and 预计等候时间 side by side', () => {
    const h = new TestHall();
    h.signIn('W06');
    h.issue('SB');
    const t = h.issue('SB');
    expect(ticketWaitView(h.state, t, { config: h.config, hours: h.hours, now: h.clock.now() })).toMatchObject({ number: 'C002', waitingAhead: 1, estimatedWaitMinutes: 15 });
  });

  it('a transferred ticket points to the ticket it became', () => {
    const h = new TestHall();
    const staff = h.signIn('W06');
    h.signIn('W07');
    const t = h.issue('SB');
    h.call('W06');
    const moved = h.run(staff, (s, c) => transfer(s, c, 'W06', { serviceCode: 'YB' })).value;
    const view = ticketWaitView(h.state, h.ticket(t.id), { config: h.config, hours: h.hours, now: h.clock.now() });
    expect(view).toMatchObject({ status: 'transferred', transferredTo: moved.id, estimatedWaitMinutes: null });
  });

  it('service list: every service with the wait of a ticket taken now', () => {
    const h = new TestHall();
    h.signIn('W06');
    h.issue('SB');
    h.issue('SB');
    const list = serviceStatusViews(h.state, { config: h.config, hours: h.hours, now: at('09:00') });
    expect(list.find((s) => s.code === 'SB')).toMatchObject({ waiting: 2, estimatedWaitMinutes: 30 });
    expect(list.find((s) => s.code === 'BDC')).toMatchObject({ waiting: 0, estimatedWaitMinutes: null });
    expect(list).toHaveLength(h.config.services.length);
  });
});
