/**
 * The platform outbox on a real SQLite file, with receivers in memory and a hand-moved clock:
 * in order per receiver, backoff after failures, a dead receiver holds up only itself, give-up
 * after the last attempt, and nothing lost or doubled across a restart.
 */
import type { PlatformEventData } from '@hall/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exponentialBackoff, stepBackoff } from '../notifications/backoff.js';
import { openDatabase, type Db } from '../storage/database.js';
import { PlatformStore } from '../storage/platform-store.js';
import { PlatformDispatcher, type DeliveryTarget } from './platform-dispatcher.js';
import type { OutgoingDelivery } from './signed-post.js';

const DATA = { ticket: { number: 'A001' } } as unknown as PlatformEventData;

/** A receiver that records what it got and can be switched off; dedupes by event id like a real one should. */
class Receiver implements DeliveryTarget {
  up = true;
  readonly raw: OutgoingDelivery[] = [];
  readonly accepted: string[] = [];
  constructor(readonly id: string) {}
  async send(d: OutgoingDelivery): Promise<void> {
    if (!this.up) throw new Error('无法连接接收方（连接被拒绝，ECONNREFUSED）');
    this.raw.push(d);
    if (!this.accepted.includes(d.eventId)) this.accepted.push(d.eventId);
  }
}

describe('platform dispatcher', () => {
  let dir: string;
  let db: Db;
  let store: PlatformStore;
  let now: number;
  const policy = { backoff: exponentialBackoff({ baseMs: 100, factor: 2, maxMs: 1000 }), maxAttempts: 5 };
  /** Journal events e1…en, each queued for the given receivers, as a change's transaction would. */
  const capture = (n: number, targets: string[], from = 1) => {
    db.transaction(() => {
      for (let i = from; i < from + n; i++) {
        const seq = store.appendEvent({ id: `e${i}`, kind: 'ticket.called', at: '2026-11-23T09:30:00.000+08:00', subject: `t${i}`, auditId: i, data: DATA });
        for (const t of targets) store.enqueue({ id: `${t}-d${i}`, target: t, eventSeq: seq, eventId: `e${i}`, kind: 'ticket.called', body: `{"seq":${seq}}`, now });
      }
    })();
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'platform-outbox-'));
    db = openDatabase(join(dir, 'hall.sqlite'));
    store = new PlatformStore(db);
    now = Date.parse('2026-11-23T09:30:00+08:00');
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers each receiver’s events in journal order; a receiver that is down waits with backoff and holds up only itself', async () => {
    const a = new Receiver('a');
    const b = new Receiver('b');
    b.up = false;
    const d = new PlatformDispatcher(store, [a, b], policy, () => now);
    capture(3, ['a', 'b']);
    expect(await d.dispatch()).toBe(3);
    expect(a.accepted).toEqual(['e1', 'e2', 'e3']);
    // b failed once on e1 and waits 100 ms; e2 and e3 stay behind it.
    const waits: number[] = [];
    for (let failures = 1; failures <= 3; failures++) {
      const head = store.headOf('b')!;
      expect(head).toMatchObject({ eventId: 'e1', attempts: failures });
      waits.push(head.nextAttemptAt - now);
      now = head.nextAttemptAt - 1;
      await d.dispatch(); // not due yet: no attempt
      expect(store.headOf('b')!.attempts).toBe(failures);
      now += 1;
      await d.dispatch(); // due: tried, fails again
    }
    expect(waits).toEqual([100, 200, 400]);
    capture(1, ['a', 'b'], 4);
    b.up = true;
    now = store.headOf('b')!.nextAttemptAt;
    await d.dispatch();
    expect(b.accepted).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(a.accepted).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(b.raw.map((x) => [x.eventId, x.attempt])).toEqual([['e1', 5], ['e2', 1], ['e3', 1], ['e4', 1]]);
    expect(store.counts().map((c) => [c.target, c.pending, c.delivered])).toEqual([['a', 0, 4], ['b', 0, 4]]);
    expect(store.lastErrorOf('b')).toMatchObject({ eventId: 'e1', attempts: 5, state: 'delivered', message: '无法连接接收方（连接被拒绝，ECONNREFUSED）' });
  });

  it('after the last attempt an event is set aside as failed, the next one goes, and a manager can send it again', async () => {
    const r = new Receiver('r');
    let poison = true;
    const picky: DeliveryTarget = { id: 'r', send: async (x) => (poison && x.eventId === 'e1' ? Promise.reject(new Error('接收方答复 HTTP 422：字段缺失')) : r.send(x)) };
    const d = new PlatformDispatcher(store, [picky], { ...policy, maxAttempts: 3 }, () => now);
    capture(2, ['r']);
    for (let i = 0; i < 3; i++) {
      await d.dispatch();
      now += 1000;
    }
    expect(r.accepted).toEqual(['e2']);
    expect(store.counts()[0]).toMatchObject({ pending: 0, failed: 1, delivered: 1 });
    poison = false;
    expect(store.retryFailed(now, 'r')).toBe(1);
    await d.dispatch();
    expect(r.accepted).toEqual(['e2', 'e1']);
    expect(store.counts()[0]).toMatchObject({ pending: 0, failed: 0, delivered: 2 });
  });

  it('a crash after the receiver took an event but before it was recorded: the restart sends it again with the same id and body, once', async () => {
    const r = new Receiver('r');
    capture(3, ['r']);
    let taken = 0;
    const dying: DeliveryTarget = {
      id: 'r',
      send: async (x) => {
        await r.send(x);
        if (++taken === 2) await new Promise<never>(() => undefined); // the process dies here
      },
    };
    void new PlatformDispatcher(store, [dying], policy, () => now).dispatch();
    await new Promise((res) => setTimeout(res, 20));
    db.close();

    db = openDatabase(join(dir, 'hall.sqlite'));
    store = new PlatformStore(db);
    expect(store.counts()[0]).toMatchObject({ pending: 2, delivered: 1 });
    await new PlatformDispatcher(store, [r], policy, () => now).dispatch();
    expect(r.raw.map((x) => x.eventId)).toEqual(['e1', 'e2', 'e2', 'e3']);
    expect(r.raw[1]).toEqual(r.raw[2]); // same delivery id, event id, body and attempt number
    expect(r.accepted).toEqual(['e1', 'e2', 'e3']);
    expect(store.counts()[0]).toMatchObject({ pending: 0, delivered: 3 });
  });

  it('an event is queued once per receiver, whatever the retries of the change', () => {
    capture(1, ['r']);
    db.transaction(() => store.enqueue({ id: 'other', target: 'r', eventSeq: 1, eventId: 'e1', kind: 'ticket.called', body: '{}', now }))();
    expect(store.counts()[0]).toMatchObject({ pending: 1 });
  });
});

describe('backoff schedules', () => {
  it('exponential: base, ×factor each failure, capped', () => {
    const b = exponentialBackoff({ baseMs: 5000, factor: 2, maxMs: 1_800_000 });
    expect([1, 2, 3, 4, 5, 9, 10, 30].map(b)).toEqual([5000, 10_000, 20_000, 40_000, 80_000, 1_280_000, 1_800_000, 1_800_000]);
  });
  it('steps (the SMS outbox’s): the last step repeats', () => {
    const b = stepBackoff([5_000, 30_000, 120_000]);
    expect([1, 2, 3, 4, 50].map(b)).toEqual([5_000, 30_000, 120_000, 120_000, 120_000]);
  });
});
