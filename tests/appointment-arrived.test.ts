/**
 * 预约办理 [003 四(三)]: when an appointment holder checks in at the kiosk, the windows that serve
 * the service are told at once on `/hall` (`appointment-arrived`, numbered like every event and
 * replayed on reconnect), and the busy window switches to 预约办理 and calls the holder as soon as
 * its current customer is finished. Real server, real sockets on loopback.
 */
import type { AppointmentArrivedEvent, CallEvent, SnapshotEvent } from '@hall/shared';
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { personId as person } from './support/people.js';
import { KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

const W06_KEY = 'demo-window-w06-key';
type Seen = { name: string; payload: { seq: number } & Record<string, unknown> };

/** Every numbered event (one with a `seq`) a socket receives, in order. */
function record(s: Socket): { events: Seen[]; snapshot: Promise<SnapshotEvent>; next(name: string, match?: (p: Record<string, unknown>) => boolean): Promise<Seen> } {
  const events: Seen[] = [];
  const waiters: { name: string; match: (p: Record<string, unknown>) => boolean; done: (e: Seen) => void }[] = [];
  s.onAny((name: string, payload: Seen['payload']) => {
    if (name === 'snapshot' || typeof payload?.seq !== 'number') return;
    const e = { name, payload };
    events.push(e);
    for (const w of [...waiters]) {
      if (w.name !== name || !w.match(payload)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.done(e);
    }
  });
  return {
    events,
    snapshot: new Promise((resolve) => s.once('snapshot', resolve)),
    next: (name, match = () => true) => {
      const seen = events.find((e) => e.name === name && match(e.payload));
      if (seen) return Promise.resolve(seen);
      return new Promise((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no ${name} within 5 s; got ${events.map((e) => e.name).join(', ')}`)), 5000);
        waiters.push({
          name,
          match,
          done: (e) => {
            clearTimeout(timer);
            done(e);
          },
        });
      });
    },
  };
}

describe('appointment-arrived', () => {
  let h: TestHall;
  let qrToken: string;
  beforeEach(async () => {
    h = await startTestHall();
    const booked = await h.api<{ qrToken: string }>('POST', '/api/appointments', { serviceCode: 'SB', start: '2026-11-24T10:00:00+08:00', name: '张三', idNumber: person(1), phone: '13800000001' });
    expect(booked.status).toBe(201);
    qrToken = booked.body.qrToken;
    await h.api('POST', '/api/test-clock', { set: '2026-11-24T09:45:00+08:00' });
  });
  afterEach(async () => {
    await h.close();
  });

  it('busy windows serving 社会保险 learn it at once; W06 switches to 预约办理 and calls the holder after its current customer', async () => {
    // W06 (社会保险) and W11 (综合受理: 综合, 社保, 医保) are both serving a walk-in.
    const w06 = await h.staffAt('W06');
    const w11 = await h.staffAt('W11');
    for (let i = 0; i < 2; i++) expect((await h.api('POST', '/api/tickets', { serviceCode: 'SB' }, KIOSK_KEY)).status).toBe(201);
    expect((await h.api<{ ticket: { number: string } }>('POST', '/api/windows/W06/call-next', undefined, w06)).body.ticket.number).toBe('C001');
    expect((await h.api<{ ticket: { number: string } }>('POST', '/api/windows/W11/call-next', undefined, w11)).body.ticket.number).toBe('C002');

    const screen = record(h.socket(W06_KEY));
    const before = (await screen.snapshot).seq;

    const ticket = await h.api<{ number: string; status: string }>('POST', '/api/appointments/check-in', { qrToken }, KIOSK_KEY);
    expect(ticket.status).toBe(201);
    expect(ticket.body).toMatchObject({ number: 'YC001', status: 'waiting' });

    const arrived = (await screen.next('appointment-arrived')).payload as unknown as AppointmentArrivedEvent;
    expect(arrived).toMatchObject({ ticketNumber: 'YC001', serviceCode: 'SB', serviceName: '社会保险', windowIds: ['W06', 'W11', 'W12'], at: expect.stringMatching(/^2026-11-24T09:45:00(\.000)?\+08:00$/) });
    expect(arrived.seq).toBeGreaterThan(before);
    // The same change's `update` (the new waiting ticket) is the very next event.
    const update = await screen.next('update', (p) => (p.tickets as { number: string }[]).some((t) => t.number === 'YC001'));
    expect(update.payload.seq).toBe(arrived.seq + 1);
    // Nobody was free: the holder waits, nobody has been called yet.
    expect(screen.events.filter((e) => e.name === 'call')).toEqual([]);

    // W06 finishes its customer: it switches to 预约办理 and calls the holder at once.
    await h.api('POST', '/api/windows/W06/finish', {}, w06);
    const call = (await screen.next('call', (p) => p.ticketNumber === 'YC001')).payload as unknown as CallEvent;
    expect(call).toMatchObject({ windowId: 'W06', text: '请YC001号到6号窗口办理' });
    expect((await h.api<{ mode: string }>('GET', '/api/windows/W06')).body.mode).toBe('appointment');

    // A screen that was off during the check-in gets the event replayed, with its seq, on reconnect.
    const late = record(h.socket(W06_KEY, { lastSeq: before }));
    const replayed = await late.next('appointment-arrived');
    expect(replayed.payload).toEqual(arrived);
    expect(late.events[0]!.payload.seq).toBe(before + 1);
  });

  it('at an idle window the arrival comes first, then the call there, then the update', async () => {
    await h.staffAt('W06');
    const screen = record(h.socket(W06_KEY));
    await screen.snapshot;
    expect((await h.api('POST', '/api/appointments/check-in', { qrToken }, KIOSK_KEY)).status).toBe(201);
    const arrived = await screen.next('appointment-arrived');
    const call = await screen.next('call');
    const update = await screen.next('update', (p) => (p.tickets as { number: string }[]).some((t) => t.number === 'YC001'));
    expect([call.payload.seq, update.payload.seq]).toEqual([arrived.payload.seq + 1, arrived.payload.seq + 2]);
    expect(call.payload).toMatchObject({ ticketNumber: 'YC001', windowId: 'W06' });
  });
});
