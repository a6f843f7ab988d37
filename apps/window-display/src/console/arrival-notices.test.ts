import type { AppointmentArrivedEvent, CallEvent, Ticket, UpdateEvent } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import type { FeedEvent } from '../realtime/index.js';
import { initialNotices, noticeReducer, NOTICES_KEPT, NOTICES_SHOWN, visibleNotices, type NoticeAction, type NoticeState } from './arrival-notices.js';

let seq = 0;
const arrival = (n: number, windowIds = ['W06', 'W11', 'W12']): FeedEvent => {
  const payload: AppointmentArrivedEvent = { ticketNumber: `YC${String(n).padStart(3, '0')}`, ticketId: `t${n}`, serviceCode: 'SB', serviceName: '社会保险', windowIds, at: '2026-11-24T09:45:00+08:00', seq: ++seq };
  return { name: 'appointment-arrived', payload };
};
const call = (n: number, windowId = 'W11'): FeedEvent => ({ name: 'call', payload: { ticketId: `t${n}`, ticketNumber: `YC${n}`, windowId } as CallEvent });
const update = (...tickets: Partial<Ticket>[]): FeedEvent => ({ name: 'update', payload: { tickets: tickets as Ticket[], windows: [], at: '', seq: ++seq } as UpdateEvent });
const queue = (...ns: number[]): NoticeAction => ({ type: 'queue', ticketIds: ns.map((n) => `t${n}`) });
const run = (state: NoticeState, ...actions: (NoticeAction | FeedEvent)[]) => actions.reduce((s, a) => noticeReducer(s, 'type' in a ? a : { type: 'event', ev: a }), state);
const shown = (s: NoticeState) => visibleNotices(s).shown.map((n) => n.ticketNumber);

describe('预约签到提醒 at a desk', () => {
  it('shows an arrival naming this window once the queue holds the ticket, newest first', () => {
    let s = run(initialNotices('W06'), queue(), arrival(1));
    expect(s.notices).toHaveLength(1);
    expect(shown(s)).toEqual([]); // the queue read before the check-in does not hold it yet
    s = run(s, queue(1));
    expect(shown(s)).toEqual(['YC001']);
    s = run(s, arrival(2), queue(1, 2));
    expect(shown(s)).toEqual(['YC002', 'YC001']);
    expect(visibleNotices(s).shown[0]).toMatchObject({ serviceName: '社会保险', at: '2026-11-24T09:45:00+08:00' });
  });

  it('is confirmed at once when the last reading of the queue already holds the ticket', () => {
    const s = run(initialNotices('W06'), queue(7), arrival(7));
    expect(shown(s)).toEqual(['YC007']);
  });

  it('ignores an arrival for other windows, and the same arrival twice', () => {
    const s0 = initialNotices('W07');
    expect(run(s0, arrival(1, ['W06', 'W11']))).toBe(s0);
    const s = run(initialNotices('W06'), arrival(1), arrival(1), queue(1));
    expect(shown(s)).toEqual(['YC001']);
  });

  it('drops the notice when the ticket is called at any window, or stops waiting', () => {
    let s = run(initialNotices('W06'), arrival(1), arrival(2), arrival(3), queue(1, 2, 3));
    s = run(s, call(2, 'W11'));
    expect(shown(s)).toEqual(['YC003', 'YC001']);
    s = run(s, update({ id: 't3', status: 'cancelled', serviceCode: 'SB' }));
    expect(shown(s)).toEqual(['YC001']);
    // Still waiting in its service (e.g. its wait moved): kept; transferred to another service: gone.
    s = run(s, update({ id: 't1', status: 'waiting', serviceCode: 'SB' }));
    expect(shown(s)).toEqual(['YC001']);
    s = run(s, update({ id: 't1', status: 'waiting', serviceCode: 'YB' }));
    expect(s.notices).toEqual([]);
  });

  it('drops a shown notice that a later reading of the queue no longer holds, but not one never yet held', () => {
    let s = run(initialNotices('W06'), arrival(1), queue(1), arrival(2), queue(2));
    expect(s.notices.map((n) => n.ticketNumber)).toEqual(['YC002']);
    s = run(s, arrival(3), queue(2));
    expect(s.notices.map((n) => [n.ticketNumber, n.confirmed])).toEqual([
      ['YC003', false],
      ['YC002', true],
    ]);
  });

  it('a backlog replayed after a reconnect leaves only the tickets still waiting', () => {
    // Off the link: YC001 checked in and was called at W11, YC002 checked in and still waits.
    const s = run(initialNotices('W06'), arrival(1), call(1, 'W11'), update({ id: 't1', status: 'called', serviceCode: 'SB' }), arrival(2), update({ id: 't2', status: 'waiting', serviceCode: 'SB' }), queue(2));
    expect(shown(s)).toEqual(['YC002']);
  });

  it('staff dismiss one notice; the others stay', () => {
    let s = run(initialNotices('W06'), arrival(1), arrival(2), queue(1, 2));
    s = noticeReducer(s, { type: 'dismiss', ticketId: 't2' });
    expect(shown(s)).toEqual(['YC001']);
    expect(noticeReducer(s, { type: 'dismiss', ticketId: 'unknown' })).toBe(s);
  });

  it('shows a handful and counts the rest, keeping a bounded list', () => {
    const ns = Array.from({ length: NOTICES_KEPT + 5 }, (_, i) => i + 1);
    const s = run(initialNotices('W06'), ...ns.map((n) => arrival(n)), queue(...ns));
    expect(s.notices).toHaveLength(NOTICES_KEPT);
    const v = visibleNotices(s);
    expect(v.shown).toHaveLength(NOTICES_SHOWN);
    expect(v.shown[0]!.ticketNumber).toBe('YC025');
    expect(v.more).toBe(NOTICES_KEPT - NOTICES_SHOWN);
  });

  it('other events change nothing', () => {
    const s = run(initialNotices('W06'), arrival(1), queue(1));
    expect(noticeReducer(s, { type: 'event', ev: { name: 'rating', payload: { seq: ++seq } as never } })).toBe(s);
    expect(noticeReducer(s, { type: 'event', ev: { name: 'other', payload: { seq: ++seq } } })).toBe(s);
  });
});
