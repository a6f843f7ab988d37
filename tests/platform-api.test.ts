/**
 * 政务服务平台 over the wire, on a real server with a real SQLite file: the paged event feed (every
 * event once, in order, across pages, also while the hall keeps working), who may read it and
 * what they see, the 好差评 upload to a provincial endpoint that fails before it accepts, and a
 * manager re-sending deliveries that ran out of attempts.
 */
import { DEFAULT_BAD_DETAILS, type PlatformDeliveryStatus, type PlatformEvent, type PlatformEventsPage } from '@hall/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../apps/hall-server/src/platform/webhook-signature.js';
import { personId } from './support/people.js';
import { ITEM_CODES, PLATFORM_KEY, sha256, writePlatformHall } from './support/platform-hall.js';
import { KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';
import { WebhookReceiver } from './support/webhook-receiver.js';

type Err = { error: { code: string; message: string } };
const FULL_KEY = 'province-booking-key-fedcba9876543210';
const PAD_W06 = 'demo-window-w06-key';

async function waitFor(what: string, ok: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** A hall with the platform section on; `extra` is merged into it. */
async function platformHall(extra: Record<string, unknown>): Promise<{ h: TestHall; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'hall-platform-cfg-'));
  const h = await startTestHall({
    configPath: writePlatformHall(dir, {
      enabled: true,
      delivery: { timeoutMs: 2000, pollMs: 50, retry: { baseMs: 200, factor: 2, maxMs: 1000, maxAttempts: 3 } },
      api: {
        keys: [
          { name: '市政务服务平台', keySha256: sha256(PLATFORM_KEY) },
          { name: '省统一预约', keySha256: sha256(FULL_KEY), identity: 'full' },
        ],
      },
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

/** One service episode at W06 (社会保险): issued with a phone, called, finished. */
async function episode(h: TestHall, staff: string, n: number, caseNo?: string): Promise<string> {
  const t = await h.api<{ id: string }>('POST', '/api/tickets', { serviceCode: 'SB', idNumber: personId(n), phone: `1370000${String(n).padStart(4, '0')}` }, KIOSK_KEY);
  expect(t.status, JSON.stringify(t.body)).toBe(201);
  expect((await h.api('POST', '/api/windows/W06/call-next', undefined, staff)).status).toBe(200);
  expect((await h.api('POST', '/api/windows/W06/finish', caseNo ? { caseNo } : {}, staff)).status).toBe(200);
  return t.body.id;
}

describe('paged reads: GET /api/platform/events', () => {
  let h: TestHall;
  let cleanup: () => Promise<void>;
  let staff: string;
  const page = (query: string, key = PLATFORM_KEY) => h.api<PlatformEventsPage & Err>('GET', `/api/platform/events${query}`, undefined, key);
  const readAll = async (limit: number, key = PLATFORM_KEY): Promise<{ events: PlatformEvent[]; pages: number }> => {
    const events: PlatformEvent[] = [];
    let after = '0';
    let pages = 0;
    for (;;) {
      const r = await page(`?after=${after}&limit=${limit}`, key);
      expect(r.status).toBe(200);
      pages++;
      events.push(...r.body.events);
      after = r.body.next;
      if (!r.body.hasMore) return { events, pages };
    }
  };

  beforeAll(async () => {
    ({ h, cleanup } = await platformHall({}));
    staff = await h.staffAt('W06');
    // A morning: 10 episodes (two rated), three waiting, three bookings (one cancelled), a skip.
    for (let n = 1; n <= 10; n++) {
      const id = await episode(h, staff, n, `SB-2026-${n}`);
      if (n <= 2) expect((await h.api('POST', '/api/ratings', { ticketId: id, level: 6 - n }, PAD_W06)).status).toBe(201);
    }
    for (let n = 11; n <= 13; n++) expect((await h.api('POST', '/api/tickets', { serviceCode: 'SB' }, KIOSK_KEY)).status).toBe(201);
    const booked = [];
    for (let n = 1; n <= 3; n++) {
      const r = await h.api<{ code: string }>('POST', '/api/appointments', { serviceCode: 'SB', start: `2026-11-24T1${n + 3}:00:00+08:00`, name: `群众${n}`, idNumber: personId(100 + n), phone: `1390000000${n}` });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      booked.push(r.body);
    }
    expect((await h.api('POST', '/api/appointments/cancel', { code: booked[0]!.code, idNumber: personId(101) })).status).toBe(200);
    expect((await h.api('POST', '/api/windows/W06/call-next', undefined, staff)).status).toBe(200);
    expect((await h.api('POST', '/api/windows/W06/skip', undefined, staff)).status).toBe(200);
  });
  afterAll(async () => cleanup());

  it('returns every event in order, without gaps or repeats, whatever the page size', async () => {
    const { events: whole } = await readAll(500);
    // 10 × (issued, called, finished) + 2 ratings + 3 issued + 3 booked + 1 cancelled + called + skipped
    expect(whole).toHaveLength(10 * 3 + 2 + 3 + 3 + 1 + 2);
    expect(whole.map((e) => e.seq)).toEqual(whole.map((_, i) => i + 1));
    expect(new Set(whole.map((e) => e.id)).size).toBe(whole.length);
    expect(whole.slice(0, 4).map((e) => e.kind)).toEqual(['ticket.issued', 'ticket.called', 'ticket.finished', 'rating.submitted']);
    expect(whole.at(-1)).toMatchObject({ kind: 'ticket.skipped', hall: { code: '411624-ZWFW', name: '示范县政务服务中心' } });
    for (const limit of [1, 7, 38, 39]) {
      const { events, pages } = await readAll(limit);
      expect(events).toEqual(whole);
      expect(pages).toBe(Math.max(1, Math.ceil(whole.length / limit)));
    }
    // Caught up: nothing new, the cursor stays.
    expect((await page(`?after=${whole.length}`)).body).toEqual({ events: [], next: String(whole.length), hasMore: false });
  });

  it('a reader paging while the hall keeps working misses nothing', async () => {
    const { events: before } = await readAll(500);
    const first = await page('?after=0&limit=7');
    // Between two page reads: three more tickets and a call.
    for (let n = 31; n <= 33; n++) await h.api('POST', '/api/tickets', { serviceCode: 'SB' }, KIOSK_KEY);
    await h.api('POST', '/api/windows/W06/call-next', undefined, staff);
    const rest: PlatformEvent[] = [];
    let after = first.body.next;
    for (;;) {
      const r = await page(`?after=${after}&limit=7`);
      rest.push(...r.body.events);
      after = r.body.next;
      if (!r.body.hasMore) break;
    }
    const seen = [...first.body.events, ...rest];
    expect(seen.map((e) => e.seq)).toEqual(seen.map((_, i) => i + 1));
    expect(seen.slice(0, before.length)).toEqual(before);
    expect(seen.slice(before.length).map((e) => e.kind)).toEqual(['ticket.issued', 'ticket.issued', 'ticket.issued', 'ticket.called']);
  });

  it('kinds= narrows the feed to some events, still in order', async () => {
    const { events: whole } = await readAll(500);
    const r = await page('?kinds=appointment.*,rating.submitted&limit=500');
    expect(r.body.events.map((e) => e.kind)).toEqual(['rating.submitted', 'rating.submitted', 'appointment.booked', 'appointment.booked', 'appointment.booked', 'appointment.cancelled']);
    expect(r.body.events).toEqual(whole.filter((e) => e.kind.startsWith('appointment.') || e.kind === 'rating.submitted'));
    expect((r.body.events[0]!.data as { rating: unknown }).rating).toMatchObject({ level: 5, levelName: '非常满意', caseNo: 'SB-2026-1', itemCode: ITEM_CODES.SB, department: 'RSJ', windowNo: '6' });
  });

  it('masks ID numbers, names and phones unless the key is configured for full identity', async () => {
    const masked = (await page('?kinds=appointment.booked&limit=1')).body.events[0]!;
    const full = (await page('?kinds=appointment.booked&limit=1', FULL_KEY)).body.events[0]!;
    expect(masked.id).toBe(full.id);
    expect(masked.data).toMatchObject({ appointment: { applicant: { name: '群**', idNumber: `${personId(101).slice(0, 6)}********${personId(101).slice(-4)}`, phone: '139****0001' } } });
    expect(full.data).toMatchObject({ appointment: { applicant: { name: '群众1', idNumber: personId(101), phone: '13900000001' } } });
    const tickets = (await page('?kinds=ticket.issued&limit=1')).body.events[0]!;
    expect(tickets.data).toMatchObject({ ticket: { idNumber: `${personId(1).slice(0, 6)}********${personId(1).slice(-4)}`, phone: '137****0001' } });
    const manager = await h.login('manager');
    expect(JSON.stringify((await page('?limit=500', manager)).body)).not.toContain(personId(101));
  });

  it('only a platform key (or a manager) reads it; the key opens nothing else, not even the hall’s socket', async () => {
    expect((await h.api<Err>('GET', '/api/platform/events')).body.error.code).toBe('UNAUTHORIZED');
    const wrong = await page('', 'not-a-platform-key-0000000000');
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'UNAUTHORIZED']);
    expect((await page('', KIOSK_KEY)).status).toBe(403);
    const staffOnly = await page('', await h.login('s1001'));
    expect([staffOnly.status, staffOnly.body.error.message]).toEqual([403, '您的账号无权执行此操作']);
    expect((await page('', await h.login('manager'))).status).toBe(200);
    for (const path of ['/api/stats/queue', '/api/platform/webhooks', '/api/appointments?date=2026-11-24']) {
      const r = await h.api<Err>('GET', path, undefined, PLATFORM_KEY);
      expect([path, r.status]).toEqual([path, path === '/api/platform/webhooks' ? 403 : 401]);
    }
    const sock = h.socket(PLATFORM_KEY);
    expect(await new Promise((resolve) => sock.on('connect_error', (e) => resolve(e.message)).on('connect', () => resolve('connected')))).toBe('unauthorized');
  });

  it('refuses a bad cursor, page size or kind with a Chinese message', async () => {
    const cases: [string, string][] = [
      ['?after=-1', '游标 after 应为上一页返回的 next'],
      ['?after=abc', '游标 after 应为上一页返回的 next'],
      ['?limit=0', 'limit 应为 1 到 1000 之间的整数'],
      ['?limit=501', 'limit 不能大于 500（每页最多 500 条）'],
      ['?kinds=ticket.called,ticket.nope', 'kinds 中的“ticket.nope”不是事件类型'],
    ];
    for (const [q, message] of cases) {
      const r = await page(q);
      expect([q, r.status, r.body.error.code]).toEqual([q, 400, 'VALIDATION_FAILED']);
      expect(r.body.error.message).toContain(message);
    }
  });
});

describe('好差评 upload to the provincial platform', () => {
  let h: TestHall;
  let cleanup: () => Promise<void>;
  let province: WebhookReceiver;
  const UPLOAD_SECRET = 'henan-haochaping-secret-01';

  beforeEach(async () => {
    province = new WebhookReceiver();
    await province.start();
    ({ h, cleanup } = await platformHall({
      ratingUpload: {
        enabled: true,
        province: '河南',
        url: province.url,
        secret: UPLOAD_SECRET,
        departmentCodes: { RSJ: '11411624005565998X' },
        detailCodes: Object.fromEntries(DEFAULT_BAD_DETAILS.map((d, i) => [d, `01${String(i + 1).padStart(2, '0')}`])),
        channelCode: '3',
      },
    }));
  });
  afterEach(async () => {
    await cleanup();
    await province.stop();
  });

  it('uploads a rating with the right fields; a failing endpoint is retried with backoff and the rating is not duplicated', async () => {
    let n = 0;
    province.answer = () => (++n <= 2 ? 503 : 200); // down for the first two attempts
    const staff = await h.staffAt('W06');
    const rated = await episode(h, staff, 1, 'SB-2026-000777');
    const t0 = Date.now();
    expect((await h.api('POST', '/api/ratings', { ticketId: rated, level: 2, details: ['等候时间太长'], text: '等了很久' }, PAD_W06)).status).toBe(201);
    // Not uploaded: an answer without a 办件编号, and a pad that timed out.
    expect((await h.api('POST', '/api/ratings', { ticketId: await episode(h, staff, 2), level: 5 }, PAD_W06)).status).toBe(201);
    expect((await h.api('POST', '/api/ratings', { ticketId: await episode(h, staff, 3, 'SB-2026-000778'), notRated: true }, PAD_W06)).status).toBe(201);

    await waitFor('the accepted upload', () => province.received.length === 3);
    await sleep(800); // more passes: nothing is sent again
    expect(province.received).toHaveLength(3);
    const [a, b, c] = province.received;
    // One rating, three attempts: same id, same bytes; waits of at least 200 ms and 400 ms between them.
    expect(province.eventIds(province.received)).toEqual(Array(3).fill(a!.headers['x-hall-event-id']));
    expect(new Set(province.received.map((r) => r.body)).size).toBe(1);
    expect(province.received.map((r) => r.headers['x-hall-attempt'])).toEqual(['1', '2', '3']);
    expect(b!.at - a!.at).toBeGreaterThanOrEqual(200);
    expect(c!.at - b!.at).toBeGreaterThanOrEqual(400);
    expect(a!.at - t0).toBeLessThan(1000); // the first attempt leaves at once, not on the next poll
    for (const r of province.received) expect(verifyWebhook(UPLOAD_SECRET, r.headers, r.body).ok).toBe(true);
    const record = JSON.parse(c!.body) as Record<string, unknown>;
    expect(record).toEqual({
      evaluationId: expect.any(String),
      status: 'valid',
      caseNo: 'SB-2026-000777',
      itemCode: ITEM_CODES.SB,
      itemName: '社会保险',
      departmentCode: '11411624005565998X',
      hallCode: '411624-ZWFW',
      hallName: '示范县政务服务中心',
      satisfaction: 2,
      satisfactionName: '不满意',
      channel: '窗口评价器',
      channelCode: '3',
      details: [{ code: '0102', text: '等候时间太长' }],
      text: '等了很久',
      ratedAt: '2026-11-23T09:30:00.000+08:00',
      finishedAt: '2026-11-23T09:30:00.000+08:00',
      windowNo: '6',
      staffNo: '1011',
    });
    expect(JSON.stringify(record)).not.toContain(personId(1)); // nothing about who rated

    const manager = await h.login('manager');
    const s = (await h.api<PlatformDeliveryStatus>('GET', '/api/platform/webhooks', undefined, manager)).body;
    expect(s.targets).toEqual([
      expect.objectContaining({
        id: 'rating-upload',
        kind: 'rating-upload',
        name: '好差评上报（河南）',
        url: province.url,
        pending: 0,
        retrying: 0,
        failed: 0,
        delivered: 1,
        lastError: expect.objectContaining({ message: expect.stringContaining('HTTP 503'), attempts: 3, unresolved: false }),
      }),
    ]);
    expect(JSON.stringify(s)).not.toContain(UPLOAD_SECRET);
  });
});

describe('deliveries that run out of attempts', () => {
  it('are listed as failed with the last error, and a manager sends them again once the receiver is fixed', async () => {
    const city = new WebhookReceiver();
    await city.start();
    city.answer = () => 500;
    const { h, cleanup } = await platformHall({ webhooks: [{ id: 'city', url: `${city.url}?token=url-token-0001`, secret: 'city-webhook-secret-000001', events: ['ticket.issued'] }] });
    try {
      const manager = await h.login('manager');
      const status = async () => (await h.api<PlatformDeliveryStatus>('GET', '/api/platform/webhooks', undefined, manager)).body;
      expect((await h.api('POST', '/api/tickets', { serviceCode: 'SB' }, KIOSK_KEY)).status).toBe(201);
      await waitFor('the delivery to give up', async () => (await status()).totals.failed === 1);
      const failed = await status();
      expect(failed.targets[0]).toMatchObject({ id: 'city', pending: 0, failed: 1, delivered: 0, events: ['ticket.issued'] });
      expect(failed.targets[0]!.url).toBe(`${city.url}?…`); // a token in the address is not shown
      expect(JSON.stringify(failed)).not.toContain('city-webhook-secret');
      expect(failed.lastError).toMatchObject({ target: 'city', kind: 'ticket.issued', attempts: 3, unresolved: true, message: '接收方答复 HTTP 500：{"error":"unavailable"}' });
      expect(city.received).toHaveLength(3);

      const unknown = await h.api<Err>('POST', '/api/platform/webhooks/retry-failed', { target: 'nope' }, manager);
      expect([unknown.status, unknown.body.error.message]).toEqual([404, '没有编号为 nope 的接收方（已配置：city）']);
      expect((await h.api('POST', '/api/platform/webhooks/retry-failed', {}, await h.login('s1001'))).status).toBe(403);
      city.answer = () => 200;
      expect((await h.api('POST', '/api/platform/webhooks/retry-failed', { target: 'city' }, manager)).body).toEqual({ requeued: 1 });
      await waitFor('the re-sent delivery', async () => (await status()).totals.delivered === 1);
      expect(city.accepted()).toHaveLength(1);
      expect((await status()).lastError).toMatchObject({ unresolved: false });
    } finally {
      await cleanup();
      await city.stop();
    }
  });
});

describe('with the platform section left out (the default)', () => {
  it('captures nothing and reports itself disabled', async () => {
    const h = await startTestHall();
    try {
      expect((await h.api('POST', '/api/tickets', { serviceCode: 'SB' }, KIOSK_KEY)).status).toBe(201);
      const manager = await h.login('manager');
      expect((await h.api('GET', '/api/platform/webhooks', undefined, manager)).body).toEqual({
        enabled: false,
        journal: { events: 0, lastSeq: 0 },
        targets: [],
        totals: { pending: 0, retrying: 0, failed: 0, delivered: 0 },
        lastError: null,
      });
      expect((await h.api('GET', '/api/platform/events', undefined, manager)).body).toEqual({ events: [], next: '0', hasMore: false });
      expect((await h.api('GET', '/api/platform/events', undefined, PLATFORM_KEY)).status).toBe(401);
    } finally {
      await h.close();
    }
  });
});
