/**
 * 好差评 over the wire (HALL-RULES §4): a window's evaluation pad rates the episode its window
 * just finished, a manager reads the scores, and the console hears of a 差评 at once.
 */
import type { RatingEvent, RatingStatsRow } from '@hall/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { personId } from './support/people.js';
import { startTestHall, type TestHall } from './support/test-hall.js';

type Err = { error: { code: string; message: string } };
const PAD_W01 = 'demo-window-w01-key';
const PAD_W02 = 'demo-window-w02-key';

describe('ratings API', () => {
  let h: TestHall;
  let staff: string;
  let n = 0;
  beforeEach(async () => {
    h = await startTestHall();
    staff = await h.staffAt('W01');
  });
  afterEach(async () => {
    await h.close();
  });

  /** One service episode at W01: issued, called, finished; returns the ticket id. */
  async function servedAtW01(caseNo?: string): Promise<string> {
    const t = await h.api<{ id: string }>('POST', '/api/tickets', { serviceCode: 'BDC', idNumber: personId(++n) }, staff);
    expect(t.status).toBe(201);
    expect((await h.api('POST', '/api/windows/W01/call-next', undefined, staff)).status).toBe(200);
    expect((await h.api('POST', '/api/windows/W01/finish', caseNo ? { caseNo } : {}, staff)).status).toBe(200);
    return t.body.id;
  }

  const rate = (body: unknown, key = PAD_W01) => h.api<Err & { level: number | null }>('POST', '/api/ratings', body, key);
  const stats = async (by: string) => {
    const manager = await h.login('manager');
    const r = await h.api<RatingStatsRow[]>('GET', `/api/stats/ratings?by=${by}&from=2026-11-23&to=2026-11-23`, undefined, manager);
    expect(r.status).toBe(200);
    return r.body;
  };

  it('lands each rating in /api/stats/ratings with the 10/8/6/0/−5 score, and counts the unrated', async () => {
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push(await servedAtW01(i === 0 ? 'BDC-2026-0001' : undefined));
    expect((await rate({ ticketId: ids[0], level: 5 })).status).toBe(201);
    expect((await rate({ ticketId: ids[1], level: 4 })).status).toBe(201);
    expect((await rate({ ticketId: ids[2], level: 3 })).status).toBe(201);
    expect((await rate({ ticketId: ids[3], level: 1, details: ['等候时间太长'], text: '等了一个多小时' })).status).toBe(201);
    expect((await rate({ ticketId: ids[4], notRated: true })).body.level).toBeNull();
    // ids[5]: the pad never answered (switched off)
    const [row] = (await stats('staff')).filter((r) => r.key === '1001');
    expect(row).toMatchObject({ served: 6, rated: 4, notRated: 2, bad: 1, score: 10 + 8 + 6 - 5, counts: { 5: 1, 4: 1, 3: 1, 2: 0, 1: 1 }, averageScore: 4.75 });
    const [win] = await stats('window');
    expect(win).toMatchObject({ key: 'W01', score: 19 });
    expect(win!.name).toContain('1号窗口');
    const [dept] = await stats('department');
    expect(dept).toMatchObject({ key: 'BDC', rated: 4 });
  });

  it('refuses a 差评 without details, a second rating of the same episode, and another window’s pad', async () => {
    const id = await servedAtW01();
    const bare = await rate({ ticketId: id, level: 2 });
    expect(bare.status).toBe(400);
    expect(bare.body.error).toMatchObject({ code: 'RATING_DETAILS_REQUIRED', message: '差评请选择具体问题或填写意见' });
    const other = await rate({ ticketId: id, level: 5 }, PAD_W02);
    expect(other.status).toBe(403);
    expect(other.body.error.message).toContain('本窗口');
    expect((await rate({ ticketId: id, level: 2, details: ['业务不熟练'] })).status).toBe(201);
    const again = await rate({ ticketId: id, level: 5 });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'ALREADY_RATED', message: '本次服务已评价' });
    // A second pad at the window timing out on the same episode changes nothing and is no error.
    const echo = await rate({ ticketId: id, notRated: true });
    expect(echo.status).toBe(201);
    expect(echo.body.level).toBe(2);
    // A pad that timed out has answered for that episode: no rating can be slipped in later.
    const timedOut = await servedAtW01();
    expect((await rate({ ticketId: timedOut, notRated: true })).status).toBe(201);
    expect((await rate({ ticketId: timedOut, level: 5 })).status).toBe(409);
    expect((await stats('staff')).find((r) => r.key === '1001')).toMatchObject({ rated: 1, bad: 1, score: 0 });
  });

  it('refuses a rating before 办结, after the time limit, from a kiosk, and with an unknown level', async () => {
    const t = await h.api<{ id: string }>('POST', '/api/tickets', { serviceCode: 'BDC', idNumber: personId(99) }, staff);
    const early = await rate({ ticketId: t.body.id, level: 5 });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('NOT_FINISHED');
    await h.api('POST', `/api/tickets/${t.body.id}/cancel`, undefined, staff);
    const id = await servedAtW01();
    await h.api('POST', '/api/test-clock', { advanceMinutes: 31 });
    const late = await rate({ ticketId: id, level: 5 });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'RATING_CLOSED' });
    expect(late.body.error.message).toContain('30 分钟');
    expect((await rate({ ticketId: id, level: 5 }, 'demo-kiosk-0001-key')).status).toBe(403);
    const six = await rate({ ticketId: id, level: 6 });
    expect(six.status).toBe(400);
    expect(six.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('tells connected clients of a 差评 the moment it is recorded', async () => {
    const manager = await h.login('manager');
    const sock = h.socket(manager);
    const got = new Promise<RatingEvent>((resolve) => sock.on('rating', resolve));
    await new Promise<void>((resolve) => sock.on('connect', () => resolve()));
    const id = await servedAtW01();
    await rate({ ticketId: id, level: 1, details: ['服务态度不好'] });
    const ev = await got;
    expect(ev).toMatchObject({ ticketId: id, windowId: 'W01', level: 1, bad: true });
    expect(ev.seq).toBeGreaterThan(0);
    expect(JSON.stringify(ev)).not.toContain(personId(n)); // no rater identity on the wire
  });
});
