/**
 * SMS exactly once across a real restart: the hall server as a child process with the default
 * log-file sender (sms-outbox.log beside the database), killed with SIGKILL while messages are
 * pending, restarted on the same database. Every message the bookings caused appears in the log
 * exactly once — none lost, none twice — also when the process died between handing a message
 * to the gateway and recording it. HALL_SMS_FAULT makes the gateway fail, or the process die
 * mid-send, at a known point.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { personId as person } from './support/people.js';
import { runServerExpectingFailure, startServerProcess, type ServerProcess } from './support/server-process.js';

const ADMIN = 'outbox-admin-pw';
const MONDAY = '2026-11-23T09:30:00+08:00';
/** The dispatcher's pass interval (notifications/outbox.ts startDispatcher) plus a margin. */
const DISPATCH_PASS_MS = 2000;
/** Tuesday's one-hour slots (lunch 12:00–13:00 has none): person n books the n-th. */
const SLOT_HOURS = ['09', '10', '11', '13', '14', '15', '16'];

interface Logged {
  id: string;
  kind: string;
  recipient: string;
  body: string;
}
interface Booked {
  id: string;
  code: string;
}

async function post<B>(base: string, path: string, body: unknown): Promise<{ status: number; body: B }> {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as B };
}

describe('SMS outbox across a SIGKILL and restart', () => {
  let dir: string;
  let dbPath: string;
  let logPath: string;
  let server: ServerProcess | null = null;
  const start = async (at: string, fault?: string) => {
    server = await startServerProcess(['--db', dbPath, '--fake-clock', at, '--admin-password', ADMIN], 30_000, fault ? { HALL_SMS_FAULT: fault } : {});
    return server;
  };
  const logged = (): Logged[] => (existsSync(logPath) ? readFileSync(logPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Logged) : []);
  const waitFor = async (what: string, ok: () => boolean, ms = 20_000) => {
    const until = Date.now() + ms;
    while (!ok()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; log: ${JSON.stringify(logged().map((m) => [m.kind, m.recipient]))}`);
      await sleep(100);
    }
  };
  /** The outbox table as the server left it (read beside the running server: WAL allows it). */
  const outbox = () => {
    const db = new Database(dbPath, { fileMustExist: true });
    try {
      return db.prepare('SELECT kind, recipient, attempts, sent_at AS sentAt FROM outbox ORDER BY created_at, recipient').all() as { kind: string; recipient: string; attempts: number; sentAt: string | null }[];
    } finally {
      db.close();
    }
  };
  const book = async (base: string, n: number): Promise<Booked> => {
    const r = await post<Booked>(base, '/api/appointments', { serviceCode: 'SB', start: `2026-11-24T${SLOT_HOURS[n - 1]}:00:00+08:00`, name: `群众${n}`, idNumber: person(n), phone: `1380000000${n}` });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  /** Each expected [kind, recipient, text in the body] appears exactly once, and nothing else. */
  const expectExactlyOnce = (expected: [string, string, string][]) => {
    const log = logged();
    expect(new Set(log.map((m) => m.id)).size).toBe(log.length);
    expect(log.map((m) => `${m.kind} ${m.recipient}`).sort()).toEqual(expected.map(([k, r]) => `${k} ${r}`).sort());
    for (const [kind, recipient, text] of expected) expect(log.find((m) => m.kind === kind && m.recipient === recipient)!.body).toContain(text);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hall-outbox-'));
    dbPath = join(dir, 'hall.sqlite');
    logPath = join(dir, 'sms-outbox.log');
  });
  afterEach(async () => {
    await server?.kill('SIGKILL');
    server = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('messages pending when the server is killed are sent once after the restart; those sent before are not sent again', async () => {
    // The gateway takes two messages, then is down.
    let s = await start(MONDAY, 'fail-after:2');
    expect(s.output()).toContain('短信故障模拟');
    const a = await book(s.baseUrl, 1);
    const b = await book(s.baseUrl, 2);
    await waitFor('the first two confirmations', () => logged().length === 2);
    const c = await book(s.baseUrl, 3);
    const d = await book(s.baseUrl, 4);
    const cancelled = await post<{ status: string }>(s.baseUrl, '/api/appointments/cancel', { code: a.code, idNumber: person(1) });
    expect(cancelled.body.status).toBe('cancelled');
    // The dispatcher has tried the three new messages and failed: they wait in the outbox.
    await waitFor('failed attempts', () => outbox().filter((m) => m.sentAt === null && m.attempts >= 1).length === 3);
    expect(logged()).toHaveLength(2);

    await s.kill('SIGKILL');
    expect(s.child.signalCode).toBe('SIGKILL');

    // Back ten minutes later (the retry backoff has passed), gateway working.
    s = await start('2026-11-23T09:40:00+08:00');
    await waitFor('every message', () => logged().length >= 5);
    await sleep(2 * DISPATCH_PASS_MS + 500); // two more passes: nothing may come twice
    expectExactlyOnce([
      ['confirmation', '13800000001', a.code],
      ['confirmation', '13800000002', b.code],
      ['confirmation', '13800000003', c.code],
      ['confirmation', '13800000004', d.code],
      ['applicant-cancelled', '13800000001', `您已取消`],
    ]);
    expect(outbox().filter((m) => m.sentAt === null)).toEqual([]);
  }, 90_000);

  it('a crash after a message reached the gateway but before the outbox recorded it does not send it twice', async () => {
    // Five confirmations queued while the gateway is down; then killed.
    let s = await start(MONDAY, 'fail-after:0');
    const booked: Booked[] = [];
    for (let n = 1; n <= 5; n++) booked.push(await book(s.baseUrl, n));
    await waitFor('failed attempts', () => outbox().filter((m) => m.attempts >= 1).length === 5);
    expect(logged()).toEqual([]);
    await s.kill('SIGKILL');

    // Restarted: the process dies by SIGKILL right after the third message reached the gateway.
    s = await start('2026-11-23T09:40:00+08:00', 'crash-after:3');
    const died = s.child;
    await waitFor('the crash', () => died.exitCode !== null || died.signalCode !== null);
    expect(died.signalCode).toBe('SIGKILL');
    expect(logged()).toHaveLength(3);
    // Only two were recorded as sent: the third is still pending in the outbox.
    expect(outbox().filter((m) => m.sentAt !== null)).toHaveLength(2);

    s = await start('2026-11-23T09:50:00+08:00');
    await waitFor('every message', () => logged().length >= 5);
    await sleep(2 * DISPATCH_PASS_MS + 500);
    expectExactlyOnce(booked.map((b, i) => ['confirmation', `1380000000${i + 1}`, b.code] as [string, string, string]));
    expect(outbox().filter((m) => m.sentAt === null)).toEqual([]);
  }, 90_000);

  it('refuses to start with a malformed HALL_SMS_FAULT, saying what it should be', async () => {
    const r = await runServerExpectingFailure(['--db', dbPath], { HALL_SMS_FAULT: 'fail-sometimes' });
    expect(r.code).toBe(2);
    expect(r.output).toContain('HALL_SMS_FAULT 应为 fail-after:N 或 crash-after:N');
  });
});
