/**
 * 政务服务平台: a voided rating reaches the platform, and the journal does not grow forever — on a
 * real server with a real SQLite file and receivers on loopback.
 *
 * - An upheld appeal (申诉成立) is one `rating.voided` event: pushed once, signed, to a webhook
 *   endpoint, in the paged feed, and a correction (`status: "void"`) to the province's 好差评
 *   platform that already has the rating. A rejected appeal reports nothing.
 * - A rating voided while its upload is still waiting is never sent to the province at all.
 * - The retention prune (`journalRetentionDays`, on the hall's test clock) removes old events that
 *   every configured receiver has been sent, with their delivery rows; an event a receiver still
 *   waits for stays, and so does everything after it. A cursor from before what is kept is refused
 *   in Chinese (410 CURSOR_EXPIRED) instead of skipping silently.
 */
import { DEFAULT_BAD_DETAILS, type PlatformDeliveryStatus, type PlatformEvent, type PlatformEventsPage } from '@hall/shared';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../apps/hall-server/src/platform/webhook-signature.js';
import { personId } from './support/people.js';
import { ITEM_CODES, PLATFORM_KEY, sha256, writePlatformHall } from './support/platform-hall.js';
import { KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';
import { WebhookReceiver, type Received } from './support/webhook-receiver.js';

type Err = { error: { code: string; message: string; details?: unknown } };
const PAD_W06 = 'demo-window-w06-key';
const CITY_SECRET = 'city-webhook-secret-000001';
const UPLOAD_SECRET = 'henan-haochaping-secret-01';
/** Every 差评 option coded, as an enabled upload requires. */
const DETAIL_CODES = Object.fromEntries(DEFAULT_BAD_DETAILS.map((d, i) => [d, `01${String(i + 1).padStart(2, '0')}`]));

async function waitFor(what: string, ok: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** A hall with the platform on; `extra` is merged into the platform section. */
async function platformHall(extra: Record<string, unknown>): Promise<{ h: TestHall; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'hall-platform-void-'));
  const h = await startTestHall({
    configPath: writePlatformHall(dir, {
      enabled: true,
      // A receiver that is down keeps being retried (every 200–400 ms) until the test brings it back.
      delivery: { timeoutMs: 2000, pollMs: 50, retry: { baseMs: 200, factor: 2, maxMs: 400, maxAttempts: 1000 } },
      api: { keys: [{ name: '市政务服务平台', keySha256: sha256(PLATFORM_KEY) }] },
      ...extra,
    }),
  });
  return {
    h,
    cleanup: async () => {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One service episode at W06 (社会保险, staff 1011), finished with `caseNo`, then rated `level` on the window's pad; returns the rating id. */
async function ratedEpisode(h: TestHall, staff: string, n: number, caseNo: string, level: number): Promise<string> {
  const t = await h.api<{ id: string }>('POST', '/api/tickets', { serviceCode: 'SB', idNumber: personId(n), phone: `1370000${String(n).padStart(4, '0')}` }, KIOSK_KEY);
  expect(t.status, JSON.stringify(t.body)).toBe(201);
  expect((await h.api('POST', '/api/windows/W06/call-next', undefined, staff)).status).toBe(200);
  expect((await h.api('POST', '/api/windows/W06/finish', { caseNo }, staff)).status).toBe(200);
  const r = await h.api<{ id: string }>('POST', '/api/ratings', { ticketId: t.body.id, level, ...(level <= 2 ? { details: ['等候时间太长'] } : {}) }, PAD_W06);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

/** The staff member appeals their rating; a manager decides. */
async function appeal(h: TestHall, staff: string, manager: string, ratingId: string, upheld: boolean, reason: string): Promise<void> {
  const filed = await h.api<{ id: string }>('POST', '/api/rating-appeals', { ratingId, reason: '群众办完后误按，当场已向其确认' }, staff);
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  const decided = await h.api<{ status: string }>('POST', `/api/rating-appeals/${filed.body.id}/decide`, { upheld, reason }, manager);
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  expect(decided.body.status).toBe(upheld ? 'upheld' : 'rejected');
}

const kindOf = (r: Received) => String(r.headers['x-hall-event-kind']);
const bodyOf = (r: Received) => JSON.parse(r.body) as Record<string, unknown>;

describe('a voided rating reaches the platform', () => {
  let city: WebhookReceiver;
  let province: WebhookReceiver;
  let h: TestHall;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    city = new WebhookReceiver();
    province = new WebhookReceiver();
    await city.start();
    await province.start();
    ({ h, cleanup } = await platformHall({
      webhooks: [{ id: 'city', name: '市政务服务平台', url: city.url, secret: CITY_SECRET, events: ['rating.*'] }],
      ratingUpload: { enabled: true, province: '河南', url: province.url, secret: UPLOAD_SECRET, departmentCodes: { RSJ: '11411624005565998X' }, detailCodes: DETAIL_CODES, channelCode: '3' },
    }));
  });
  afterEach(async () => {
    await cleanup();
    await city.stop();
    await province.stop();
  });

  it('an upheld appeal: rating.voided once, signed, to the webhook and in the feed; the province gets a correction of the rating it has', async () => {
    const staff = await h.staffAt('W06');
    const manager = await h.login('manager');
    const voided = await ratedEpisode(h, staff, 1, 'SB-2026-000901', 1);
    const kept = await ratedEpisode(h, staff, 2, 'SB-2026-000902', 2);
    await waitFor('both ratings at the city and the province', () => city.accepted().length === 2 && province.accepted().length === 2);

    expect((await h.api('POST', '/api/test-clock', { advanceMinutes: 60 })).status).toBe(200); // the appeal is decided an hour later
    await appeal(h, staff, manager, voided, true, '调取评价器日志，确属误按');
    await appeal(h, staff, manager, kept, false, '当日系统运行正常');
    await waitFor('rating.voided at the city and the correction at the province', () => city.accepted().length === 3 && province.accepted().length === 3);
    await sleep(800); // more delivery passes: nothing is sent again
    expect(city.received).toHaveLength(3);
    expect(province.received).toHaveLength(3);

    // The webhook: once, signed, the rating as it was reported and why it was voided.
    const [, , hook] = city.received;
    expect(city.received.map(kindOf)).toEqual(['rating.submitted', 'rating.submitted', 'rating.voided']);
    expect(verifyWebhook(CITY_SECRET, hook!.headers, hook!.body)).toMatchObject({ ok: true, eventId: hook!.headers['x-hall-event-id'] });
    const submitted = JSON.parse(city.received[0]!.body) as PlatformEvent;
    const event = JSON.parse(hook!.body) as PlatformEvent;
    expect(event.seq).toBeGreaterThan((JSON.parse(city.received[1]!.body) as PlatformEvent).seq);
    expect(event).toMatchObject({
      kind: 'rating.voided',
      at: '2026-11-23T10:30:00.000+08:00',
      data: {
        rating: { ...(submitted.data as { rating: object }).rating, id: voided, caseNo: 'SB-2026-000901', level: 1 },
        voided: { at: '2026-11-23T10:30:00.000+08:00', basis: 'appeal-upheld', appealId: expect.any(String), reason: '调取评价器日志，确属误按' },
      },
    });
    expect(event.id).not.toBe(submitted.id);

    // The paged feed has the same event, in its place.
    const page = await h.api<PlatformEventsPage>('GET', '/api/platform/events?kinds=rating.*', undefined, PLATFORM_KEY);
    expect(page.body.events.map((e) => e.kind)).toEqual(['rating.submitted', 'rating.submitted', 'rating.voided']);
    expect(page.body.events[2]).toEqual(event);

    // The province: the rating's record again, status void, under the void event's id; signed like the upload.
    const [first, , correction] = province.received;
    expect(kindOf(correction!)).toBe('rating.voided');
    expect(correction!.headers['x-hall-event-id']).toBe(event.id);
    expect(verifyWebhook(UPLOAD_SECRET, correction!.headers, correction!.body).ok).toBe(true);
    const original = bodyOf(first!);
    expect(original).toMatchObject({ evaluationId: voided, status: 'valid', caseNo: 'SB-2026-000901', itemCode: ITEM_CODES.SB });
    expect(bodyOf(correction!)).toEqual({ ...original, status: 'void', voidedAt: '2026-11-23T10:30:00.000+08:00', voidBasis: '申诉复核', voidReason: '调取评价器日志，确属误按' });
    // The rejected appeal's rating stays as uploaded: nothing more about it.
    expect(province.received.filter((r) => bodyOf(r).evaluationId === kept)).toHaveLength(1);

    const status = (await h.api<PlatformDeliveryStatus>('GET', '/api/platform/webhooks', undefined, manager)).body;
    expect(status.targets.find((t) => t.id === 'rating-upload')).toMatchObject({ events: ['rating.submitted', 'rating.voided'], delivered: 3, pending: 0, cancelled: 0 });
    expect(status.targets.find((t) => t.id === 'city')).toMatchObject({ delivered: 3, pending: 0 });
  });

  it('a rating voided while its upload still waits is never sent to the province, not even by retry-failed', async () => {
    const staff = await h.staffAt('W06');
    const manager = await h.login('manager');
    // The province refuses the first rating's upload for now: the second one waits behind it, untried.
    let blocked = true;
    province.answer = () => (blocked ? 503 : 200);
    const first = await ratedEpisode(h, staff, 1, 'SB-2026-000911', 5);
    const second = await ratedEpisode(h, staff, 2, 'SB-2026-000912', 1);
    await waitFor('a refused attempt of the first upload', () => province.received.length >= 1);
    await appeal(h, staff, manager, second, true, '系统故障导致等候，非本人原因');
    await waitFor('rating.voided at the city', () => city.accepted().some((r) => kindOf(r) === 'rating.voided'));

    const status = async () => (await h.api<PlatformDeliveryStatus>('GET', '/api/platform/webhooks', undefined, manager)).body.targets.find((t) => t.id === 'rating-upload')!;
    expect(await status()).toMatchObject({ pending: 1, cancelled: 1 });
    blocked = false;
    await waitFor('the first rating uploaded', async () => (await status()).delivered === 1);
    expect((await h.api('POST', '/api/platform/webhooks/retry-failed', {}, manager)).body).toEqual({ requeued: 0 });
    await sleep(800);

    expect(province.received.length).toBeGreaterThanOrEqual(2);
    expect(new Set(province.received.map((r) => bodyOf(r).evaluationId))).toEqual(new Set([first]));
    expect(province.received.every((r) => kindOf(r) === 'rating.submitted')).toBe(true);
    expect(await status()).toMatchObject({ pending: 0, delivered: 1, cancelled: 1, failed: 0 });
  });
});

describe('journal retention', () => {
  let city: WebhookReceiver;
  let booking: WebhookReceiver;
  let h: TestHall;
  let cleanup: () => Promise<void>;
  const page = (query: string) => h.api<PlatformEventsPage & Err>('GET', `/api/platform/events${query}`, undefined, PLATFORM_KEY);
  /** seq of the rows left in the journal and the outbox, read from the SQLite file itself. */
  const stored = () => {
    const db = new Database(h.dbPath, { readonly: true, fileMustExist: true });
    try {
      return {
        events: (db.prepare('SELECT seq FROM platform_events ORDER BY seq').all() as { seq: number }[]).map((r) => r.seq),
        deliveries: (db.prepare('SELECT DISTINCT event_seq AS seq FROM platform_deliveries ORDER BY event_seq').all() as { seq: number }[]).map((r) => r.seq),
      };
    } finally {
      db.close();
    }
  };

  beforeEach(async () => {
    city = new WebhookReceiver();
    booking = new WebhookReceiver();
    await city.start();
    await booking.start();
    ({ h, cleanup } = await platformHall({
      webhooks: [
        { id: 'city', url: city.url, secret: CITY_SECRET },
        { id: 'booking', url: booking.url, secret: 'province-booking-secret-0002', events: ['appointment.*'] },
      ],
      journalRetentionDays: 30,
    }));
  });
  afterEach(async () => {
    await cleanup();
    await city.stop();
    await booking.stop();
  });

  it('prunes old events every receiver has had; keeps one a receiver still waits for, and all after it; refuses an expired cursor in Chinese', async () => {
    // A morning: three tickets, a booking the province's booking system cannot take yet, two more tickets.
    for (let n = 1; n <= 3; n++) expect((await h.api('POST', '/api/tickets', { serviceCode: 'SB' }, KIOSK_KEY)).status).toBe(201);
    await booking.stop();
    const booked = await h.api('POST', '/api/appointments', { serviceCode: 'SB', start: '2026-11-24T10:00:00+08:00', name: '群众一', idNumber: personId(101), phone: '13900000001' });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    for (let n = 4; n <= 5; n++) expect((await h.api('POST', '/api/tickets', { serviceCode: 'SB' }, KIOSK_KEY)).status).toBe(201);
    await waitFor('all six events at the city', () => city.accepted().length === 6);
    // A reader of a few kinds that has seen them all is moved to the end, so it does not fall behind.
    expect((await page('?after=0&kinds=rating.*')).body).toEqual({ events: [], next: '6', hasMore: false });
    expect(stored()).toEqual({ events: [1, 2, 3, 4, 5, 6], deliveries: [1, 2, 3, 4, 5, 6] });

    // 31 days later (the hall's clock): seq 1–3 are past the retention and delivered; seq 4 still waits for the booking system.
    expect((await h.api('POST', '/api/test-clock', { set: '2026-12-24T09:30:00+08:00' })).status).toBe(200);
    await waitFor('the prune of seq 1–3', () => stored().events[0] === 4);
    await sleep(1500); // more passes and prunes: seq 4 and what follows stay
    const kept = stored();
    expect(kept.events.slice(0, 3)).toEqual([4, 5, 6]);
    expect(kept.deliveries.slice(0, 3)).toEqual([4, 5, 6]);

    const expired = await page('?after=0');
    expect([expired.status, expired.body.error.code]).toEqual([410, 'CURSOR_EXPIRED']);
    expect(expired.body.error.message).toMatch(/^游标 after=0 已过期：第 3 条及更早的事件（至 2026-11-23T09:30:00\.000\+08:00）已按保留期（30 天）清理，无法再读取。请从 after=3 继续读取/);
    expect(expired.body.error.details).toEqual({ oldestAvailableAfter: '3', retentionDays: 30 });
    expect((await page('?after=2&kinds=ticket.*')).body.error.code).toBe('CURSOR_EXPIRED');
    const from3 = await page('?after=3&limit=3');
    expect(from3.status).toBe(200);
    expect(from3.body.events.map((e) => [e.seq, e.kind])).toEqual([
      [4, 'appointment.booked'],
      [5, 'ticket.issued'],
      [6, 'ticket.issued'],
    ]);

    // The booking system is back: it gets seq 4, and then seq 4–6 go too.
    await booking.start();
    await waitFor('the booking delivered', () => booking.accepted().some((r) => r.headers['x-hall-event-seq'] === '4'));
    await waitFor('the prune of seq 4–6', () => stored().events[0] !== 4 && stored().events[0] !== 5 && stored().events[0] !== 6);
    const after = stored();
    expect(after.events.every((s) => s > 6)).toBe(true);
    expect(after.deliveries.every((s) => s > 6)).toBe(true);
    expect((await page('?after=3')).body.error.message).toContain('请从 after=6 继续读取');
    expect((await page('?after=6')).status).toBe(200);
    // Each receiver had each of its events exactly once before they went.
    expect(city.eventIds().slice(0, 6)).toHaveLength(new Set(city.eventIds().slice(0, 6)).size);
    const manager = await h.login('manager');
    const status = (await h.api<PlatformDeliveryStatus>('GET', '/api/platform/webhooks', undefined, manager)).body;
    expect(status.journal.lastSeq).toBeGreaterThanOrEqual(6);
    expect(status.journal.events).toBe(after.events.length);
  });
});
