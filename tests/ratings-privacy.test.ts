/**
 * Who rated is visible only to authorised roles, never to the staff rated (HALL-RULES §4 Privacy,
 * 004 第七条). Over HTTP: the staff member's GET /api/ratings/mine (and his appeals) carries no
 * ticket id or number, no 办件编号 and no time of day — yet he still appeals by the rating's id.
 * Over the socket: the `rating` event names the ticket only to a manager and to the rated window's
 * own display; the staff member's console, another window's display, the hall screen and a kiosk
 * get the same seq without it, live and on replay after `lastSeq`, and every client folds the
 * events in with the screens' own reducer without ever seeing a gap.
 */
import type { RatingEvent, SnapshotEvent } from '@hall/shared';
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromSnapshot, receive, type HallEvent, type HallView } from '../apps/window-display/src/realtime/hall-view.js';
import { personId } from './support/people.js';
import { HALL_SCREEN_KEY, KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

const PAD_W01 = 'demo-window-w01-key';
const PAD_W02 = 'demo-window-w02-key';
/** A time of day as the API writes it (ISO instant) or a page would show it. */
const TIME_OF_DAY = /\d\d:\d\d/;

/** A socket client as HallFeed is one: a snapshot, then every numbered event folded in seq order. */
interface Client {
  name: string;
  socket: Socket;
  view: HallView | null;
  ratings: RatingEvent[];
  /** Events that came with a seq past the next one: what HallFeed would have to resume over. */
  gaps: number[];
}

describe('好差评 privacy: who rated stays with authorised roles', () => {
  let h: TestHall;
  let staff: string;
  let manager: string;
  let n = 0;
  beforeEach(async () => {
    h = await startTestHall();
    staff = await h.staffAt('W01');
    manager = await h.login('manager');
  });
  afterEach(async () => {
    await h.close();
  });

  /** One episode at W01 rated by W01's pad; returns the ticket. */
  async function ratedAtW01(level: number, caseNo?: string): Promise<{ id: string; number: string }> {
    const t = await h.api<{ id: string; number: string }>('POST', '/api/tickets', { serviceCode: 'BDC', idNumber: personId(++n) }, staff);
    expect(t.status).toBe(201);
    expect((await h.api('POST', '/api/windows/W01/call-next', undefined, staff)).status).toBe(200);
    expect((await h.api('POST', '/api/windows/W01/finish', caseNo ? { caseNo } : {}, staff)).status).toBe(200);
    const body = level <= 2 ? { ticketId: t.body.id, level, details: ['服务态度不好'] } : { ticketId: t.body.id, level };
    expect((await h.api('POST', '/api/ratings', body, PAD_W01)).status).toBe(201);
    return t.body;
  }

  const lastSeq = () => (h.hall.db.prepare('SELECT MAX(seq) AS seq FROM broadcasts').get() as { seq: number }).seq;

  function connect(name: string, token: string, from: Client | null = null): Client {
    const c: Client = from ?? { name, socket: null as unknown as Socket, view: null, ratings: [], gaps: [] };
    c.socket = h.socket(token, c.view ? { lastSeq: c.view.seq } : {});
    c.socket.on('snapshot', (s: SnapshotEvent) => (c.view = fromSnapshot(s)));
    c.socket.onAny((event: string, payload: { seq?: unknown }) => {
      if (event === 'snapshot' || typeof payload?.seq !== 'number' || !c.view) return;
      if (event === 'rating') c.ratings.push(payload as RatingEvent);
      const known = event === 'call' || event === 'update' || event === 'alert' || event === 'rating';
      const ev = (known ? { name: event, payload } : { name: 'other', payload: { seq: payload.seq } }) as HallEvent;
      const r = receive(c.view, ev);
      if (r.gap) c.gaps.push(payload.seq);
      c.view = r.view;
    });
    return c;
  }

  /** Every client has folded in everything the hall has broadcast. */
  const caughtUp = async (clients: Client[]) => {
    await expect.poll(() => clients.filter((c) => c.view?.seq !== lastSeq()).map((c) => c.name)).toEqual([]);
  };

  it('gives the staff member his ratings by day and id only, and he appeals by id', async () => {
    const fine = await ratedAtW01(5, 'BDC-2026-0042');
    const bad = await ratedAtW01(1, 'BDC-2026-0043');

    const mine = await h.api<{ ratings: Record<string, unknown>[] }>('GET', '/api/ratings/mine', undefined, staff);
    expect(mine.status).toBe(200);
    expect(mine.body.ratings).toHaveLength(2);
    for (const r of mine.body.ratings) {
      for (const key of ['ticketId', 'ticketNumber', 'caseNo', 'finishedAt', 'ratedAt', 'at']) expect(r).not.toHaveProperty(key);
      // No field holds a time of day, under whatever name.
      for (const [key, value] of Object.entries(r)) if (typeof value === 'string') expect(value, key).not.toMatch(TIME_OF_DAY);
      expect(r).toMatchObject({ businessDate: '2026-11-23', windowName: '1号窗口', serviceName: expect.any(String) });
    }
    const text = JSON.stringify(mine.body);
    for (const leak of [fine.id, fine.number, bad.id, bad.number, 'BDC-2026-0042', 'BDC-2026-0043']) expect(text).not.toContain(leak);

    // He can still appeal the 非常不满意 by its id, and what he reads back names no ticket either.
    const worst = mine.body.ratings.find((r) => r.level === 1)!;
    expect(worst).toMatchObject({ appealable: true, details: ['服务态度不好'], levelName: '非常不满意' });
    const filed = await h.api<Record<string, unknown>>('POST', '/api/rating-appeals', { ratingId: worst.id, reason: '群众办结后误按，当场已向其确认' }, staff);
    expect(filed.status).toBe(201);
    expect(filed.body).not.toHaveProperty('ticketNumber');
    const appeals = await h.api<Record<string, unknown>[]>('GET', '/api/rating-appeals?status=all', undefined, staff);
    expect(appeals.body).toHaveLength(1);
    expect(appeals.body[0]).toMatchObject({ ratingId: worst.id, status: 'pending', rating: { id: worst.id, level: 1 } });
    const again = await h.api<{ ratings: Record<string, unknown>[] }>('GET', '/api/ratings/mine', undefined, staff);
    expect(again.body.ratings.find((r) => r.id === worst.id)).toMatchObject({ appealable: false, appeal: { status: 'pending' } });
    for (const leak of [bad.id, bad.number, 'BDC-2026-0043']) {
      expect(JSON.stringify(appeals.body)).not.toContain(leak);
      expect(JSON.stringify(again.body)).not.toContain(leak);
    }

    // The manager, an authorised role, still has the ticket and the 办件编号 to follow it up.
    const list = await h.api<{ ratings: { ticketNumber: string; caseNo: string | null }[] }>('GET', '/api/ratings', undefined, manager);
    expect(list.body.ratings.map((r) => [r.ticketNumber, r.caseNo]).sort()).toEqual([[fine.number, 'BDC-2026-0042'], [bad.number, 'BDC-2026-0043']].sort());
    const managerAppeals = await h.api<{ ticketNumber: string }[]>('GET', '/api/rating-appeals?status=all', undefined, manager);
    expect(managerAppeals.body.map((a) => a.ticketNumber)).toEqual([bad.number]);
  });

  it('sends the ticket of a rating only to managers and the rated window’s display, live and on replay, with no gap for anyone', async () => {
    const entitled = [connect('manager', manager), connect('W01 display', PAD_W01)];
    const others = [connect('W01 staff console', staff), connect('W02 display', PAD_W02), connect('hall screen', HALL_SCREEN_KEY), connect('kiosk', KIOSK_KEY)];
    const all = [...entitled, ...others];
    await expect.poll(() => all.filter((c) => !c.view).map((c) => c.name)).toEqual([]);

    // Live.
    const live = await ratedAtW01(2);
    await caughtUp(all);
    const checkOne = (tickets: { id: string; number: string }[]) => {
      for (const c of entitled) {
        expect(c.ratings.map((r) => r.ticketNumber), c.name).toEqual(tickets.map((t) => t.number));
        expect(c.ratings.map((r) => r.ticketId), c.name).toEqual(tickets.map((t) => t.id));
      }
      for (const c of others) {
        expect(c.ratings, c.name).toHaveLength(tickets.length);
        for (const r of c.ratings) {
          expect(Object.keys(r).sort(), c.name).toEqual(['bad', 'level', 'seq', 'windowId']);
          expect(r).toMatchObject({ windowId: 'W01' });
        }
        for (const t of tickets) {
          expect(JSON.stringify(c.ratings), c.name).not.toContain(t.number);
          expect(JSON.stringify(c.ratings), c.name).not.toContain(t.id);
        }
      }
      // Everyone has the event at the same seq, and nobody had a gap to resume over.
      const seqs = all.map((c) => c.ratings.map((r) => r.seq));
      for (const s of seqs) expect(s).toEqual(seqs[0]);
      expect(all.filter((c) => c.gaps.length > 0).map((c) => `${c.name}: ${c.gaps.join(',')}`)).toEqual([]);
    };
    checkOne([live]);
    expect(entitled[1]!.view!.answered).toEqual([live.id]); // the W01 pad knows its episode is answered
    expect(others[1]!.view!.answered).toEqual([]);
    expect(others[0]!.view!.ratingSeq).toBe(entitled[0]!.view!.ratingSeq); // the staff console re-reads its lists on it

    // Replay: everyone drops, a rating is recorded while they are away, they come back with lastSeq.
    for (const c of all) c.socket.close();
    const missed = await ratedAtW01(1);
    for (const c of all) {
      const snapshots: unknown[] = [];
      const token = { manager, 'W01 display': PAD_W01, 'W01 staff console': staff, 'W02 display': PAD_W02, 'hall screen': HALL_SCREEN_KEY, kiosk: KIOSK_KEY }[c.name]!;
      connect(c.name, token, c).socket.on('snapshot', (s) => snapshots.push(s));
      (c as Client & { snapshots: unknown[] }).snapshots = snapshots;
    }
    await caughtUp(all);
    // A replay, not a fresh snapshot (which would carry no rating at all).
    for (const c of all) expect((c as Client & { snapshots: unknown[] }).snapshots, c.name).toEqual([]);
    checkOne([live, missed]);
    expect(entitled[1]!.view!.answered).toEqual([live.id, missed.id]);
  });
});
