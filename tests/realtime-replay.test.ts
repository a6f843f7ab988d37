/** Screens never miss a call: a client that drops receives what it missed, in order, on reconnect. */
import type { CallEvent, SnapshotEvent } from '@hall/shared';
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HALL_SCREEN_KEY, KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

function once<T>(s: Socket, event: string): Promise<T> {
  return new Promise((resolve) => s.once(event, (e: T) => resolve(e)));
}

describe('realtime /hall', () => {
  let h: TestHall;
  beforeEach(async () => {
    h = await startTestHall();
  });
  afterEach(async () => {
    await h.close();
  });

  it('refuses a bad key with connect_error "unauthorized"', async () => {
    const s = h.socket('not-a-real-key');
    const err = await once<Error>(s, 'connect_error');
    expect(err.message).toBe('unauthorized');
  });

  it('a new screen gets a snapshot of windows, queues and recent calls', async () => {
    const staff = await h.staffAt('W06');
    await h.api('POST', '/api/tickets', { serviceCode: 'SB' }, KIOSK_KEY);
    await h.api('POST', '/api/windows/W06/call-next', undefined, staff);
    const s = h.socket(HALL_SCREEN_KEY);
    const snap = await once<SnapshotEvent>(s, 'snapshot');
    expect(snap.windows.find((w) => w.id === 'W06')?.current?.number).toBe('C001');
    expect(snap.windows.find((w) => w.id === 'W06')?.onDuty[0]?.post).toBe('A');
    expect(snap.recentCalls.at(-1)?.text).toBe('请C001号到6号窗口办理');
    expect(snap.seq).toBeGreaterThan(0);
  });

  it('a client that drops while 20 calls happen receives all 20, in order, on reconnect', async () => {
    const staff = await h.staffAt('W11');
    for (let i = 0; i < 21; i++) await h.api('POST', '/api/tickets', { serviceCode: 'ZH' }, KIOSK_KEY);

    const first = h.socket(HALL_SCREEN_KEY);
    const snap = await once<SnapshotEvent>(first, 'snapshot');
    let lastSeq = snap.seq;
    first.onAny((_name: string, e: { seq?: number }) => {
      if (typeof e?.seq === 'number') lastSeq = Math.max(lastSeq, e.seq);
    });
    // One call while connected, so the client has a real lastSeq of its own.
    const firstCall = once<CallEvent>(first, 'call');
    await h.api('POST', '/api/windows/W11/call-next', undefined, staff);
    expect((await firstCall).ticketNumber).toBe('H001');
    await new Promise((r) => setTimeout(r, 50));
    first.close();

    const missed: string[] = [];
    for (let i = 0; i < 20; i++) {
      await h.api('POST', '/api/windows/W11/finish', {}, staff);
      const r = await h.api<{ ticket: { number: string } }>('POST', '/api/windows/W11/call-next', undefined, staff);
      missed.push(r.body.ticket.number);
    }
    expect(missed[0]).toBe('H002');

    const again = h.socket(HALL_SCREEN_KEY, { lastSeq });
    const received: CallEvent[] = [];
    const seqs: number[] = [];
    let snapshotSent = false;
    again.on('snapshot', () => (snapshotSent = true));
    again.onAny((_name: string, payload: { seq?: number }) => {
      if (typeof payload?.seq === 'number') seqs.push(payload.seq);
    });
    await new Promise<void>((resolve) => {
      again.on('call', (e: CallEvent) => {
        received.push(e);
        if (received.length === 20) resolve();
      });
    });
    expect(snapshotSent).toBe(false);
    expect(received.map((e) => e.ticketNumber)).toEqual(missed);
    expect(received.every((e) => e.text === `请${e.ticketNumber}号到11号窗口办理`)).toBe(true);
    // Every replayed event, not only calls, arrives once and in seq order with no gap.
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seqs[0]).toBe(lastSeq + 1);
    expect(new Set(seqs).size).toBe(seqs.length);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]! - seqs[i - 1]!).toBe(1);
  });

  it('resume {lastSeq} after connecting replays too, and garbage gets a Chinese error', async () => {
    const staff = await h.staffAt('W06');
    await h.api('POST', '/api/tickets', { serviceCode: 'SB' }, KIOSK_KEY);
    const s = h.socket(HALL_SCREEN_KEY);
    const snap = await once<SnapshotEvent>(s, 'snapshot');
    const before = snap.seq;
    await h.api('POST', '/api/windows/W06/call-next', undefined, staff);
    const err = once<{ code: string; message: string }>(s, 'error-message');
    s.emit('resume', { lastSeq: 'yesterday' });
    expect((await err).message).toMatch(/lastSeq/);
    const replayed = once<CallEvent>(s, 'call');
    s.emit('resume', { lastSeq: before });
    const call = await replayed;
    expect(call.ticketNumber).toBe('C001');
    expect(call.seq).toBeGreaterThan(before);
  });
});
