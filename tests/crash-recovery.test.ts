/**
 * A server killed with SIGKILL in the middle of a burst of issues and calls restarts with every
 * acknowledged ticket, no number issued twice, and the queue as it was.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { KIOSK_KEY } from './support/test-hall.js';

const AT = '2026-11-23T10:00:00+08:00';
const ADMIN = 'crash-admin-pw';
interface T {
  id: string;
  number: string;
  status: string;
  windowId: string | null;
}

async function call<B>(base: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: B }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(base + path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, body: (await res.json()) as B };
}

describe('crash recovery', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hall-crash-'));
  const db = join(dir, 'hall.sqlite');
  let server: ServerProcess | null = null;
  afterAll(async () => {
    await server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('SIGKILL during a burst loses no acknowledged ticket and never reissues a number', async () => {
    server = await startServerProcess(['--db', db, '--fake-clock', AT, '--admin-password', ADMIN]);
    let base = server.baseUrl;
    // Windows 4 and 5 serve 税务 (B…), 11 serves 综合受理 (H…) among others.
    const windows = [
      { id: 'W04', user: 's1007' },
      { id: 'W05', user: 's1009' },
      { id: 'W11', user: 's1021' },
    ];
    const tokens = new Map<string, string>();
    for (const w of windows) {
      const login = await call<{ token: string }>(base, 'POST', '/api/auth/login', { username: w.user, password: 'demo1234' });
      tokens.set(w.id, login.body.token);
      expect((await call(base, 'POST', `/api/windows/${w.id}/sign-in`, { post: 'A' }, login.body.token)).status).toBe(200);
    }

    const issued = new Map<string, T>(); // acknowledged issues
    const lastAckAtWindow = new Map<string, { op: 'call' | 'finish'; ticket: T | null }>();
    const inFlightAtWindow = new Map<string, string>();
    let issuesInFlight = 0;
    let stop = false;

    // Stay well under each service's daily cap (GJJ: 120) so that a fast machine never turns the
    // burst into DAILY_CAP_REACHED refusals, which would leave step 4 nothing to issue.
    const budget: Record<string, number> = { SW: 150, ZH: 150, GJJ: 90 };
    const perService = new Map<string, number>();
    const issuer = async (service: string) => {
      while (!stop) {
        if ((perService.get(service) ?? 0) >= budget[service]!) {
          await new Promise((r) => setTimeout(r, 5));
          continue;
        }
        perService.set(service, (perService.get(service) ?? 0) + 1);
        issuesInFlight++;
        try {
          const r = await call<T>(base, 'POST', '/api/tickets', { serviceCode: service }, KIOSK_KEY);
          if (r.status === 201) issued.set(r.body.id, r.body);
        } catch {
          return; // the server died mid-request: this one is unacknowledged
        } finally {
          issuesInFlight--;
        }
      }
    };
    const caller = async (windowId: string) => {
      const token = tokens.get(windowId)!;
      while (!stop) {
        try {
          inFlightAtWindow.set(windowId, 'call');
          const c = await call<{ ticket: T | null }>(base, 'POST', `/api/windows/${windowId}/call-next`, undefined, token);
          inFlightAtWindow.delete(windowId);
          if (c.status !== 200) throw new Error(JSON.stringify(c.body));
          lastAckAtWindow.set(windowId, { op: 'call', ticket: c.body.ticket });
          if (!c.body.ticket) {
            await new Promise((r) => setTimeout(r, 5));
            continue;
          }
          inFlightAtWindow.set(windowId, 'finish');
          const f = await call<{ ticket: T }>(base, 'POST', `/api/windows/${windowId}/finish`, {}, token);
          inFlightAtWindow.delete(windowId);
          if (f.status !== 200) throw new Error(JSON.stringify(f.body));
          lastAckAtWindow.set(windowId, { op: 'finish', ticket: f.body.ticket });
        } catch (e) {
          if (stop) return;
          throw e;
        }
      }
    };

    const workers = [
      ...['SW', 'SW', 'ZH', 'ZH', 'GJJ'].map((s) => issuer(s)),
      ...windows.map((w) => caller(w.id)),
    ];
    // Kill mid-burst: after 1.5 s, or sooner once enough tickets are out on a fast machine.
    const burstStart = Date.now();
    while (Date.now() - burstStart < 1500 && issued.size < 150) await new Promise((r) => setTimeout(r, 10));
    const issuesBeforeKill = issued.size;
    expect(issuesBeforeKill).toBeGreaterThan(20);
    const inFlightIssues = issuesInFlight;
    const inFlightWindows = new Map(inFlightAtWindow);
    const ackAtKill = new Map(lastAckAtWindow);
    const issuedAtKill = new Map(issued);
    stop = true;
    await server.kill('SIGKILL');
    await Promise.allSettled(workers);

    server = await startServerProcess(['--db', db, '--fake-clock', AT, '--admin-password', ADMIN]);
    base = server.baseUrl;

    // 1. Every acknowledged ticket is there, with the number the citizen was given.
    for (const t of issuedAtKill.values()) {
      const r = await call<T>(base, 'GET', `/api/tickets/${t.id}`);
      expect(r.status).toBe(200);
      expect(r.body.number).toBe(t.number);
    }

    // 2. No number twice, no gap: each prefix runs 001…max, and only in-flight requests are unacknowledged.
    const ro = new Database(db, { readonly: true });
    const rows = ro.prepare("SELECT id, number, status, window_id AS windowId FROM tickets WHERE business_date = '2026-11-23' AND channel <> 'transfer'").all() as T[];
    ro.close();
    const numbers = rows.map((r) => r.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    const byPrefix = new Map<string, number[]>();
    for (const n of numbers) byPrefix.set(n[0]!, [...(byPrefix.get(n[0]!) ?? []), Number(n.slice(1))]);
    for (const [, list] of byPrefix) {
      list.sort((a, b) => a - b);
      expect(list).toEqual(Array.from({ length: list.length }, (_, i) => i + 1));
    }
    const unacknowledged = rows.filter((r) => !issuedAtKill.has(r.id));
    expect(unacknowledged.length).toBeLessThanOrEqual(inFlightIssues);

    // 3. The queue is as it was: each window holds the ticket it last acknowledged, unless a request was in flight there.
    const winList = (await call<{ id: string; current: T | null; onDuty: { employeeNo: string }[] }[]>(base, 'GET', '/api/windows')).body;
    for (const w of windows) {
      const view = winList.find((x) => x.id === w.id)!;
      expect(view.onDuty).toHaveLength(1);
      if (inFlightWindows.has(w.id)) continue;
      const ack = ackAtKill.get(w.id);
      if (!ack) continue;
      if (ack.op === 'call') expect(view.current?.id ?? null).toBe(ack.ticket?.id ?? null);
      else expect(view.current).toBeNull();
    }
    //    …and the waiting counts the server shows are exactly the waiting tickets stored.
    const services = (await call<{ code: string; waiting: number }[]>(base, 'GET', '/api/services')).body;
    const waitingStored = rows.filter((r) => r.status === 'waiting');
    for (const code of ['SW', 'ZH', 'GJJ']) {
      const prefix = { SW: 'B', ZH: 'H', GJJ: 'E' }[code]!;
      expect(services.find((s) => s.code === code)!.waiting).toBe(waitingStored.filter((r) => r.number.startsWith(prefix)).length);
    }

    // 4. Issuing goes on after the highest number ever issued.
    for (const [code, prefix] of [['SW', 'B'], ['ZH', 'H'], ['GJJ', 'E']] as const) {
      const next = await call<T>(base, 'POST', '/api/tickets', { serviceCode: code }, KIOSK_KEY);
      expect(next.status).toBe(201);
      const max = Math.max(0, ...(byPrefix.get(prefix) ?? [0]));
      expect(next.body.number).toBe(`${prefix}${String(max + 1).padStart(3, '0')}`);
    }
  }, 90_000);
});
