import { UNTOUCHED_TICKET, type CallEvent, type SnapshotEvent, type Ticket, type WindowView } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { fromSnapshot, receive, RECENT_CALLS, type HallView } from './hall-view.js';

const win = (id: string, patch: Partial<WindowView> = {}): WindowView => ({
  id,
  no: id.slice(1),
  name: `窗口${id}`,
  department: 'D',
  services: ['S'],
  status: 'open',
  mode: 'normal',
  appointmentOnly: false,
  pause: null,
  onDuty: [],
  current: null,
  ...patch,
});
const call = (seq: number, ticketId: string, recall = false): CallEvent => ({
  seq,
  ticketId,
  ticketNumber: ticketId,
  windowId: 'W1',
  windowNo: '1',
  windowName: '窗口W1',
  serviceName: '业务',
  text: `请${ticketId}号到1号窗口办理`,
  at: '2026-11-23T09:30:00+08:00',
  recall,
});
const snapshot: SnapshotEvent = {
  seq: 10,
  at: '2026-11-23T09:30:00+08:00',
  windows: [win('W1'), win('W2')],
  services: [
    { code: 'S', name: '业务', prefix: 'A', department: 'D', waiting: 3 },
    { code: 'T', name: '另一业务', prefix: 'B', department: 'D', waiting: 0 },
  ],
  recentCalls: [call(8, 'A001'), call(9, 'A002')],
  alerts: [],
};

describe('hall view', () => {
  it('a `complete` update (a new hall config took effect) replaces the windows and services: renamed, added, removed', () => {
    const v = fromSnapshot(snapshot);
    const services = [{ code: 'S', name: '业务（新名）', prefix: 'A', department: 'D', waiting: 3 }, { code: 'U', name: '新业务', prefix: 'C', department: 'D', waiting: 0 }];
    const { view } = receive(v, { name: 'update', payload: { seq: 11, at: v.at, tickets: [], windows: [win('W1', { name: '一号窗口' }), win('W3')], services, complete: true } });
    expect(view.windows.map((w) => [w.id, w.name])).toEqual([['W1', '一号窗口'], ['W3', '窗口W3']]);
    expect(view.services.map((s) => s.code)).toEqual(['S', 'U']);
    // An ordinary update still merges.
    const merged = receive(view, { name: 'update', payload: { seq: 12, at: v.at, tickets: [], windows: [win('W3', { status: 'paused' })] } });
    expect(merged.view.windows.map((w) => [w.id, w.status])).toEqual([['W1', 'open'], ['W3', 'paused']]);
  });

  it('starts from a snapshot with the newest call first', () => {
    const v = fromSnapshot(snapshot);
    expect(v.seq).toBe(10);
    expect(v.recentCalls.map((c) => c.ticketNumber)).toEqual(['A002', 'A001']);
  });

  it('folds in the next event, ignores one already seen, and reports a gap', () => {
    const v = fromSnapshot(snapshot);
    const next = receive(v, { name: 'call', payload: call(11, 'A003') });
    expect(next.gap).toBe(false);
    expect(next.view.seq).toBe(11);
    expect(next.view.recentCalls[0]!.ticketNumber).toBe('A003');

    const again = receive(next.view, { name: 'call', payload: call(11, 'A003') });
    expect(again).toEqual({ view: next.view, gap: false });

    const skipped = receive(next.view, { name: 'call', payload: call(13, 'A005') });
    expect(skipped).toEqual({ view: next.view, gap: true });
  });

  it('merges changed windows and only the services that moved', () => {
    const v = fromSnapshot(snapshot);
    const { view } = receive(v, {
      name: 'update',
      payload: {
        seq: 11,
        at: '2026-11-23T09:31:00+08:00',
        tickets: [],
        windows: [win('W2', { status: 'paused', pause: { reason: '系统维护', since: '2026-11-23T09:31:00+08:00' } })],
        services: [{ code: 'S', name: '业务', prefix: 'A', department: 'D', waiting: 2 }],
      },
    });
    expect(view.windows.map((w) => w.status)).toEqual(['open', 'paused']);
    expect(view.windows[0]).toBe(v.windows[0]);
    expect(view.services.map((s) => s.waiting)).toEqual([2, 0]);
    expect(view.at).toBe('2026-11-23T09:31:00+08:00');
  });

  it('a recall moves the ticket back to the top instead of listing it twice; the list is bounded', () => {
    let v: HallView = fromSnapshot(snapshot);
    v = receive(v, { name: 'call', payload: call(11, 'A001', true) }).view;
    expect(v.recentCalls.map((c) => c.ticketNumber)).toEqual(['A001', 'A002']);
    for (let i = 0; i < 20; i++) v = receive(v, { name: 'call', payload: call(12 + i, `B${i}`) }).view;
    expect(v.recentCalls).toHaveLength(RECENT_CALLS);
    expect(v.recentCalls[0]!.ticketNumber).toBe('B19');
  });

  it('raises and clears alerts by key', () => {
    const alert = { key: 'unstaffed:W2', kind: 'unstaffed' as const, windowId: 'W2', since: snapshot.at, message: '2号窗口空岗' };
    let v = fromSnapshot(snapshot);
    v = receive(v, { name: 'alert', payload: { seq: 11, alert, raised: true } }).view;
    expect(v.alerts).toEqual([alert]);
    v = receive(v, { name: 'alert', payload: { seq: 12, alert, raised: false } }).view;
    expect(v.alerts).toEqual([]);
  });

  it('remembers the episode each window last finished, for its evaluation pad, and which were answered', () => {
    const done: Ticket = {
      ...{ id: 't1', number: 'A001', serviceCode: 'S', priority: 'normal', status: 'done', businessDate: '2026-11-23', issuedAt: snapshot.at, calledAt: snapshot.at },
      ...UNTOUCHED_TICKET,
      ...{ startedAt: snapshot.at, finishedAt: snapshot.at, windowId: 'W1', staffNo: '1001', channel: 'kiosk' },
    };
    let v = fromSnapshot(snapshot);
    expect(v.finished).toEqual({});
    v = receive(v, { name: 'update', payload: { seq: 11, at: snapshot.at, tickets: [done, { ...done, id: 't2', status: 'waiting', windowId: null }], windows: [] } }).view;
    expect(Object.keys(v.finished)).toEqual(['W1']);
    expect(v.finished.W1!.id).toBe('t1');
    v = receive(v, { name: 'rating', payload: { seq: 12, ticketId: 't1', ticketNumber: 'A001', windowId: 'W1', level: 4, bad: false, at: snapshot.at } }).view;
    expect(v.answered).toEqual(['t1']);
    expect(v.ratingSeq).toBe(12);
    // A client not entitled to the ticket gets the event without it: counted, nothing remembered.
    v = receive(v, { name: 'rating', payload: { seq: 13, windowId: 'W2', level: 1, bad: true } }).view;
    expect(v.answered).toEqual(['t1']);
    expect(v.ratingSeq).toBe(13);
  });

  it('counts an event it does not know in the sequence instead of seeing a gap after it', () => {
    let v = fromSnapshot(snapshot);
    const r = receive(v, { name: 'other', payload: { seq: 11 } });
    expect(r.gap).toBe(false);
    v = r.view;
    expect(receive(v, { name: 'call', payload: call(12, 'A009') }).view.recentCalls[0]!.ticketNumber).toBe('A009');
  });
});
