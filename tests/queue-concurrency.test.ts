/**
 * Numbers are issued under one writer: on a real SQLite file and a real server on loopback,
 * simultaneous requests never share a ticket or a number.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

interface T {
  id: string;
  number: string;
  status: string;
}

describe('concurrent queue operations', () => {
  let h: TestHall;
  beforeEach(async () => {
    h = await startTestHall();
  });
  afterEach(async () => {
    await h.close();
  });

  it('200 simultaneous ticket requests for one service get 200 distinct, consecutive numbers', async () => {
    const answers = await Promise.all(Array.from({ length: 200 }, () => h.api<T>('POST', '/api/tickets', { serviceCode: 'ZH' }, KIOSK_KEY)));
    expect(answers.map((a) => a.status)).toEqual(Array(200).fill(201));
    const numbers = answers.map((a) => a.body.number).sort();
    expect(new Set(numbers).size).toBe(200);
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => `H${String(i + 1).padStart(3, '0')}`));
    // What the server stored is what it answered.
    const stored = h.hall.store.ticketsOfDay('2026-11-23').map((t) => t.number).sort();
    expect(stored).toEqual(numbers);
  });

  it('two windows calling at the same instant never get the same ticket', async () => {
    const w1 = await h.staffAt('W04');
    const w2 = await h.staffAt('W05');
    // Both windows serve 税务办理 (SW).
    for (let i = 0; i < 30; i++) expect((await h.api('POST', '/api/tickets', { serviceCode: 'SW' }, KIOSK_KEY)).status).toBe(201);
    const calledBy = new Map<string, string>();
    for (let round = 0; round < 15; round++) {
      const [a, b] = await Promise.all([
        h.api<{ ticket: T }>('POST', '/api/windows/W04/call-next', undefined, w1),
        h.api<{ ticket: T }>('POST', '/api/windows/W05/call-next', undefined, w2),
      ]);
      expect(a.status).toBe(200);
      expect(b.status).toBe(200);
      expect(a.body.ticket.id).not.toBe(b.body.ticket.id);
      for (const [win, r] of [['W04', a], ['W05', b]] as const) {
        expect(calledBy.has(r.body.ticket.id)).toBe(false);
        calledBy.set(r.body.ticket.id, win);
      }
      await Promise.all([
        h.api('POST', '/api/windows/W04/finish', {}, w1),
        h.api('POST', '/api/windows/W05/finish', {}, w2),
      ]);
    }
    expect(calledBy.size).toBe(30);
    const empty = await h.api<{ ticket: T | null }>('POST', '/api/windows/W04/call-next', undefined, w1);
    expect(empty.body.ticket).toBeNull();
  });
});
