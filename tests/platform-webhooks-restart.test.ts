/**
 * 政务服务平台 webhooks, exactly once across a real restart: the hall server as a child process with
 * two receivers on loopback — the city platform (every event, identity masked) and the province's
 * appointment system (appointments only, full identity). Receivers go down, the server is killed
 * with SIGKILL while deliveries are pending, and restarted on the same database: each receiver
 * ends up with every event it subscribed to exactly once, in journal order, each signed, and
 * matching what the paged API says happened. Delivery runs on a test-speed backoff (100 ms base).
 */
import type { PlatformDeliveryStatus, PlatformEvent, PlatformEventsPage } from '@hall/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../apps/hall-server/src/platform/webhook-signature.js';
import { personId } from './support/people.js';
import { PLATFORM_KEY, sha256, writePlatformHall } from './support/platform-hall.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { KIOSK_KEY } from './support/test-hall.js';
import { WebhookReceiver, type Received } from './support/webhook-receiver.js';

const ADMIN = 'platform-admin-pw';
const CITY_SECRET = 'city-webhook-secret-000001';
const PROVINCE_SECRET = 'province-appointments-secret-02';
const MONDAY = '2026-11-23T09:30:00+08:00';

async function call<B>(base: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: B }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(base + path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, body: (await res.json()) as B };
}

async function waitFor(what: string, ok: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('政务服务平台 webhooks across SIGKILL and restart', () => {
  let dir: string;
  let dbPath: string;
  let configPath: string;
  let server: ServerProcess | null = null;
  let city: WebhookReceiver;
  let province: WebhookReceiver;

  const start = async (at: string) => {
    server = await startServerProcess(['--db', dbPath, '--config', configPath, '--fake-clock', at, '--admin-password', ADMIN]);
    return server.baseUrl;
  };
  const login = async (base: string, username: string, password = 'demo1234') => {
    const r = await call<{ token: string }>(base, 'POST', '/api/auth/login', { username, password });
    expect(r.status).toBe(200);
    return r.body.token;
  };
  /** The whole journal through the paged API, `limit` at a time. */
  const journal = async (base: string, limit = 5): Promise<PlatformEvent[]> => {
    const all: PlatformEvent[] = [];
    let after = '0';
    for (;;) {
      const page = await call<PlatformEventsPage>(base, 'GET', `/api/platform/events?after=${after}&limit=${limit}`, undefined, PLATFORM_KEY);
      expect(page.status).toBe(200);
      all.push(...page.body.events);
      after = page.body.next;
      if (!page.body.hasMore) return all;
    }
  };
  const status = async (base: string, manager: string) => (await call<PlatformDeliveryStatus>(base, 'GET', '/api/platform/webhooks', undefined, manager)).body;
  const target = (s: PlatformDeliveryStatus, id: string) => s.targets.find((t) => t.id === id)!;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hall-platform-'));
    dbPath = join(dir, 'hall.sqlite');
    city = new WebhookReceiver();
    province = new WebhookReceiver();
    await city.start();
    await province.start();
    configPath = writePlatformHall(dir, {
      enabled: true,
      webhooks: [
        { id: 'city', name: '市政务服务平台', url: city.url, secret: CITY_SECRET },
        { id: 'province-appointments', name: '省统一预约', url: province.url, secret: PROVINCE_SECRET, events: ['appointment.*'], identity: 'full' },
      ],
      delivery: { timeoutMs: 2000, pollMs: 100, retry: { baseMs: 100, factor: 2, maxMs: 800 } },
      api: { keys: [{ name: '市政务服务平台', keySha256: sha256(PLATFORM_KEY) }] },
    });
  });
  afterEach(async () => {
    await server?.kill('SIGKILL');
    server = null;
    await city.stop();
    await province.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every request verifies with its receiver's secret, and its headers agree with its body. */
  const expectSigned = (list: Received[], secret: string) => {
    for (const r of list) {
      const v = verifyWebhook(secret, r.headers, r.body);
      expect(v.ok, JSON.stringify(v)).toBe(true);
      const e = JSON.parse(r.body) as PlatformEvent;
      expect([r.headers['x-hall-event-id'], r.headers['x-hall-event-seq'], r.headers['x-hall-event-kind']]).toEqual([e.id, String(e.seq), e.kind]);
    }
  };

  it('receivers down and the server killed with deliveries pending: after the restart each receiver has each of its events exactly once, in order', async () => {
    await province.stop(); // the province's system is down from the start
    let base = await start(MONDAY);
    expect(server!.output()).toContain('政务服务平台对接已启用：2 个 webhook 接收方，1 个接入密钥，好差评上报未启用');
    const staff = await login(base, 's1011'); // W06 社会保险, A post
    expect((await call(base, 'POST', '/api/windows/W06/sign-in', { post: 'A' }, staff)).status).toBe(200);
    const issue = async () => (await call<{ id: string }>(base, 'POST', '/api/tickets', { serviceCode: 'SB' }, KIOSK_KEY)).body.id;
    const book = async (n: number, hour: string) => {
      const r = await call<{ id: string; code: string }>(base, 'POST', '/api/appointments', { serviceCode: 'SB', start: `2026-11-24T${hour}:00:00+08:00`, name: `群众${n}`, idNumber: personId(n), phone: `1390000000${n}` });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body;
    };

    // Morning, city platform up: issued, booked, called, finished with a 办件编号, rated.
    const first = await issue();
    await issue();
    await book(1, '09');
    expect((await call(base, 'POST', '/api/windows/W06/call-next', undefined, staff)).status).toBe(200);
    expect((await call(base, 'POST', '/api/windows/W06/finish', { caseNo: 'SB-2026-000123' }, staff)).status).toBe(200);
    expect((await call(base, 'POST', '/api/ratings', { ticketId: first, level: 5 }, 'demo-window-w06-key')).status).toBe(201);
    const before = await journal(base);
    expect(before.map((e) => e.kind)).toEqual(['ticket.issued', 'ticket.issued', 'appointment.booked', 'ticket.called', 'ticket.finished', 'rating.submitted']);
    await waitFor('the city platform to have the morning', () => city.accepted().length === before.length);

    // The city platform goes down too; the hall carries on.
    await city.stop();
    await issue();
    expect((await call(base, 'POST', '/api/windows/W06/call-next', undefined, staff)).status).toBe(200);
    expect((await call(base, 'POST', '/api/windows/W06/skip', undefined, staff)).status).toBe(200);
    const b2 = await book(2, '10');
    expect((await call(base, 'POST', '/api/appointments/cancel', { code: b2.code, idNumber: personId(2) })).status).toBe(200);
    // What the manager sees: deliveries piling up, retried, and why.
    const manager = await login(base, 'manager');
    await waitFor('retries to the city platform', async () => target(await status(base, manager), 'city').retrying > 0);
    const down = await status(base, manager);
    expect(target(down, 'city')).toMatchObject({ pending: 5, failed: 0, delivered: before.length });
    expect(target(down, 'city').lastError).toMatchObject({ message: expect.stringContaining('ECONNREFUSED'), unresolved: true });
    expect(target(down, 'province-appointments')).toMatchObject({ pending: 3, delivered: 0 });

    await server!.kill('SIGKILL');
    expect(server!.child.signalCode).toBe('SIGKILL');

    // Both receivers back; the hall restarts on the same database (a quarter of an hour later).
    await city.start();
    await province.start();
    base = await start('2026-11-23T09:45:00+08:00');
    const staffAgain = await login(base, 's1011');
    expect((await call(base, 'POST', '/api/windows/W06/call-next', undefined, staffAgain)).status).toBe(200); // a new event behind the backlog
    const managerAgain = await login(base, 'manager');
    await waitFor('every delivery', async () => (await status(base, managerAgain)).totals.pending === 0);
    await sleep(500); // a few more passes: nothing may come twice

    const all = await journal(base, 4);
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1)); // the journal: gapless, in order
    const appointments = all.filter((e) => e.kind.startsWith('appointment.'));
    // Exactly once each (no request repeated at all here), in journal order.
    expect(city.eventIds(city.received)).toEqual(all.map((e) => e.id));
    expect(province.eventIds(province.received)).toEqual(appointments.map((e) => e.id));
    expect(appointments.map((e) => e.kind)).toEqual(['appointment.booked', 'appointment.booked', 'appointment.cancelled']);
    expectSigned(city.received, CITY_SECRET);
    expectSigned(province.received, PROVINCE_SECRET);
    expect(verifyWebhook(CITY_SECRET, province.received[0]!.headers, province.received[0]!.body).ok).toBe(false); // one receiver's key does not sign for another
    // What each may see: the city platform never gets an ID number in full; the province's booking system does.
    const cityText = city.received.map((r) => r.body).join('\n');
    expect(cityText).not.toContain(personId(1));
    expect(cityText).toContain(`${personId(1).slice(0, 6)}********${personId(1).slice(-4)}`);
    expect(JSON.parse(province.received[0]!.body)).toMatchObject({ kind: 'appointment.booked', data: { appointment: { applicant: { name: '群众1', idNumber: personId(1), phone: '13900000001' } } } });
    // The body is the journal's event (as that receiver may see it).
    expect(JSON.parse(city.received[4]!.body)).toMatchObject({ ...all[4], data: { ticket: { ...('ticket' in all[4]!.data ? all[4]!.data.ticket : {}), caseNo: 'SB-2026-000123' } } });
    const done = await status(base, managerAgain);
    expect(target(done, 'city')).toMatchObject({ pending: 0, failed: 0, delivered: all.length, lastError: { unresolved: false } });
    expect(target(done, 'province-appointments')).toMatchObject({ pending: 0, failed: 0, delivered: 3 });
  }, 90_000);

  it('killed after a receiver took an event but before the hall recorded it: the restart sends it again under the same id, and the idempotent receiver keeps it once', async () => {
    let base = await start(MONDAY);
    await province.stop();
    // The city platform's third request: the hall dies (SIGKILL) while the receiver holds it.
    const victim = server!;
    city.answer = async () => {
      if (city.received.length === 3) await victim.kill('SIGKILL');
      return 200;
    };
    for (let i = 0; i < 5; i++) expect((await call(base, 'POST', '/api/tickets', { serviceCode: 'SB' }, KIOSK_KEY)).status).toBe(201);
    await waitFor('the crash', () => victim.child.signalCode !== null);
    city.answer = () => 200;

    base = await start('2026-11-23T09:40:00+08:00');
    const manager = await login(base, 'manager');
    await waitFor('every delivery', async () => (await status(base, manager)).totals.pending === 0);
    await sleep(500);

    const all = await journal(base);
    expect(all.map((e) => e.kind)).toEqual(Array(5).fill('ticket.issued'));
    const ids = city.eventIds(city.received);
    expect(ids.filter((id) => id === all[2]!.id)).toHaveLength(2); // the one in flight at the crash came twice …
    const [a, b] = city.received.filter((r) => r.headers['x-hall-event-id'] === all[2]!.id);
    expect(b!.body).toBe(a!.body); // … byte for byte, under the same delivery id
    expect(b!.headers['x-hall-delivery-id']).toBe(a!.headers['x-hall-delivery-id']);
    expect(city.eventIds()).toEqual(all.map((e) => e.id)); // the receiver processes each once, in order
    expect(target(await status(base, manager), 'city')).toMatchObject({ delivered: 5, pending: 0 });
  }, 90_000);
});
