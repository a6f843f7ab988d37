/**
 * 立即生效 on a real server (the HallRunner, as `npm start` runs it, on loopback): a saved config
 * (a renamed window, a renamed service, a new service) is applied without a restart and shows in
 * GET /api/services and /api/windows; the day goes on — waiting tickets, the window's current
 * ticket, numbers continuing, the fake clock at the same instant; a socket client connected
 * before the apply reconnects with its lastSeq and receives every numbered event, none missed;
 * a config that does not fit the day (removing the window with a current ticket) is refused with
 * 409 and a Chinese message and changes nothing; staff and managers are refused. The same on
 * `npm start`'s process (main.ts). And the startup rule: an unchanged --config file does not undo
 * what an admin saved after it was loaded.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { HallConfig, ServiceStatus, Ticket, WindowView } from '@hall/shared';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess } from './support/server-process.js';
import { ADMIN_PASSWORD, HALL_SCREEN_KEY, KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

interface ErrorAnswer {
  error: { code: string; message: string; details?: { problems?: { path: string; message: string }[] } };
}
interface Applied {
  version: number;
  previousVersion: number;
  changed: string[];
  sections: string[];
  message: string;
  tookMs: number;
}
interface Numbered {
  name: string;
  seq: number;
  at: number;
  payload: Record<string, unknown>;
}

/**
 * A screen's connection as HallFeed keeps it: reconnects by itself (also after the server's own
 * disconnect) with the last seq it saw, and records every numbered event in the order received.
 */
function screenClient(baseUrl: string, token: string) {
  const events: Numbered[] = [];
  const connects: number[] = [];
  let lastSeq: number | null = null;
  const s: Socket = io(`${baseUrl}/hall`, {
    auth: (cb) => cb({ token, ...(lastSeq === null ? {} : { lastSeq }) }),
    transports: ['websocket'],
    reconnectionDelay: 200,
    reconnectionDelayMax: 1000,
    forceNew: true,
  });
  s.on('connect', () => connects.push(Date.now()));
  s.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') setTimeout(() => s.connect(), 200);
  });
  s.on('snapshot', (snap: { seq: number }) => {
    if (lastSeq === null) lastSeq = snap.seq;
  });
  s.onAny((name: string, payload: unknown) => {
    const seq = (payload as { seq?: unknown } | null)?.seq;
    if (name === 'snapshot' || name === 'hello' || typeof seq !== 'number') return;
    events.push({ name, seq, at: Date.now(), payload: payload as Record<string, unknown> });
    lastSeq = seq;
  });
  return { socket: s, events, connects, lastSeq: () => lastSeq };
}

const dir = mkdtempSync(join(tmpdir(), 'hall-apply-'));
let h: TestHall;
let admin: string;
let staffW06: string;
let screen: ReturnType<typeof screenClient>;

beforeAll(async () => {
  h = await startTestHall({ dir, live: true });
  admin = await h.login('admin');
  staffW06 = await h.staffAt('W06');
}, 60_000);

afterAll(async () => {
  screen?.socket.close();
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

const config = async () => (await h.api<{ config: HallConfig; version: number; inForceVersion: number; pendingVersion: number | null }>('GET', '/api/admin/config', undefined, admin)).body;
const services = async () => (await h.api<ServiceStatus[]>('GET', '/api/services')).body;
const windows = async () => (await h.api<WindowView[]>('GET', '/api/windows')).body;
const issue = async (serviceCode: string) => {
  const r = await h.api<Ticket>('POST', '/api/tickets', { serviceCode }, KIOSK_KEY);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
};
const save = async (edit: (c: HallConfig) => void) => {
  const { config: c } = await config();
  edit(c);
  const r = await h.api<{ saved: boolean; version: number; message: string }>('PUT', '/api/admin/config', c, admin);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const until = async (what: string, ok: () => boolean, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};
const seqsContiguous = (events: Numbered[]) => events.every((e, i) => i === 0 || e.seq === events[i - 1]!.seq + 1);

describe('立即生效 without a restart', () => {
  let current: Ticket;
  let versionSaved: number;

  it('a busy morning: 6号窗口 serves C001, C002 and C003 wait; a screen is connected', async () => {
    current = await issue('SB');
    await issue('SB');
    await issue('SB');
    const called = await h.api<{ ticket: Ticket }>('POST', '/api/windows/W06/call-next', undefined, staffW06);
    expect(called.status, JSON.stringify(called.body)).toBe(200);
    expect(called.body.ticket.number).toBe('C001');
    screen = screenClient(h.baseUrl, HALL_SCREEN_KEY);
    await until('the screen to connect', () => screen.connects.length === 1 && screen.lastSeq() !== null);
    await issue('YB'); // one event the screen sees before the apply
    await until('the screen to see D001', () => screen.events.length > 0);
  });

  it('a saved version is pending until applied: the running hall still shows the old names', async () => {
    const r = await save((c) => {
      c.windows.find((w) => w.id === 'W02')!.name = '不动产登记（二）';
      c.services.find((s) => s.code === 'GJJ')!.name = '住房公积金管理';
      c.services.push({ ...c.services.find((s) => s.code === 'QYKB')!, code: 'LY', name: '老年优待证办理', prefix: 'L', itemCode: undefined } as HallConfig['services'][number]);
      c.windows.find((w) => w.id === 'W10')!.services.push('LY');
      c.staff.find((s) => s.username === 's1003')!.name = '张志刚';
    });
    expect(r).toMatchObject({ saved: true, version: 2, message: '已保存为第 2 版，立即生效或重启大厅服务后生效' });
    versionSaved = r.version;
    expect((await services()).find((s) => s.code === 'GJJ')!.name).toBe('住房公积金');
    expect((await services()).some((s) => s.code === 'LY')).toBe(false);
    expect(await config()).toMatchObject({ version: 2, inForceVersion: 1, pendingVersion: 2 });
  });

  it('staff and managers may not apply it', async () => {
    const manager = await h.login('manager');
    for (const token of [staffW06, manager]) {
      const r = await h.api<ErrorAnswer>('POST', '/api/admin/config/apply', {}, token);
      expect(r.status).toBe(403);
      expect(r.body.error.message).toBe('您的账号无权执行此操作');
    }
    expect((await h.api('POST', '/api/admin/config/apply', {})).status).toBe(401);
    const doc = (await h.api<{ paths: Record<string, Record<string, { summary?: string }>> }>('GET', '/api/openapi.json')).body;
    expect(doc.paths['/api/admin/config/apply']?.post?.summary).toMatch(/^立即生效/);
    expect(await config()).toMatchObject({ inForceVersion: 1, pendingVersion: 2 });
  });

  it('the admin applies it: the new names and the new service are served at once, the queue goes on', async () => {
    const clockBefore = h.hall.queue.clock.now();
    const oldHall = h.hall;
    const seqBefore = screen.lastSeq()!;
    const t0 = Date.now();
    const r = await h.api<Applied>('POST', '/api/admin/config/apply', { version: versionSaved }, admin);
    const answeredMs = Date.now() - t0;
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ version: 2, previousVersion: 1, message: '第 2 版已生效' });
    expect(r.body.changed.sort()).toEqual(['services', 'staff', 'windows']);
    expect(h.hall).not.toBe(oldHall);

    // Served by the new hall, no restart.
    const svc = await services();
    expect(svc.find((s) => s.code === 'GJJ')!.name).toBe('住房公积金管理');
    expect(svc.find((s) => s.code === 'LY')).toMatchObject({ name: '老年优待证办理', prefix: 'L', waiting: 0 });
    const win = await windows();
    expect(win.find((w) => w.id === 'W02')!.name).toBe('不动产登记（二）');
    expect(await config()).toMatchObject({ version: 2, inForceVersion: 2, pendingVersion: null });

    // The day goes on: W06 still serves C001 with its staff on duty, C002 and C003 wait, numbers continue.
    const w06 = win.find((w) => w.id === 'W06')!;
    expect(w06.current?.id).toBe(current.id);
    expect(w06.onDuty.map((p) => p.employeeNo)).toEqual(['1011']);
    expect(svc.find((s) => s.code === 'SB')!.waiting).toBe(2);
    expect((await issue('SB')).number).toBe('C004');
    expect((await issue('LY')).number).toBe('L001');
    // The staff member's login survived (sessions are in SQLite): they finish C001 and call C002.
    expect((await h.api('POST', '/api/windows/W06/finish', {}, staffW06)).status).toBe(200);
    const next = await h.api<{ ticket: Ticket }>('POST', '/api/windows/W06/call-next', undefined, staffW06);
    expect(next.body.ticket.number).toBe('C002');

    // An existing account takes its new name from the config in force.
    const s1003 = await h.api<{ name: string }>('POST', '/api/auth/login', { username: 's1003', password: 'demo1234' });
    expect(s1003.body.name).toBe('张志刚');

    // The fake clock carried over at the same instant, and still moves.
    expect(h.hall.settableClock).toBe(h.clock);
    expect(h.hall.queue.clock.now()).toBe(clockBefore);
    expect((await h.api('POST', '/api/test-clock', { advanceMinutes: 5 })).status).toBe(200);
    expect(h.hall.queue.clock.now()).toBe(clockBefore + 5 * 60_000);

    // The screen connected before the apply reconnected by itself and missed nothing.
    await until('the screen to receive the call of C002', () => screen.events.some((e) => e.name === 'call' && e.payload.ticketNumber === 'C002'));
    expect(screen.connects.length).toBeGreaterThanOrEqual(2);
    const after = screen.events.filter((e) => e.seq > seqBefore);
    expect(after[0]!.seq).toBe(seqBefore + 1);
    expect(seqsContiguous(screen.events)).toBe(true);
    const announced = after.find((e) => e.name === 'update' && e.payload.complete === true)!;
    expect((announced.payload.windows as WindowView[]).find((w) => w.id === 'W02')!.name).toBe('不动产登记（二）');
    expect((announced.payload.services as { code: string }[]).map((s) => s.code)).toContain('LY');
    const firstAfter = screen.events.find((e) => e.seq > announced.seq)!;
    const reconnectedAt = screen.connects.at(-1)!;
    process.stdout.write(`立即生效: answered in ${answeredMs} ms (server: ${r.body.tookMs} ms to the new hall taking requests); screen reconnected ${reconnectedAt - t0} ms after the request, next event ${firstAfter.at - t0} ms\n`);

    // Audited.
    const db = new Database(join(dir, 'hall.sqlite'), { readonly: true });
    const ev = db.prepare("SELECT actor_id, subject, before, after FROM events WHERE type = 'config.applied'").all() as { actor_id: string; subject: string; before: string; after: string }[];
    db.close();
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ actor_id: 'admin', subject: 'hall-config:2' });
    expect(JSON.parse(ev[0]!.before)).toEqual({ version: 1 });
    expect(JSON.parse(ev[0]!.after).version).toBe(2);
  });

  it('nothing newer to apply, or an outdated version asked for: refused', async () => {
    const same = await h.api<ErrorAnswer>('POST', '/api/admin/config/apply', {}, admin);
    expect(same.status).toBe(409);
    expect(same.body.error.message).toBe('第 2 版已在运行，没有待生效的新版本');
    const stale = await h.api<ErrorAnswer>('POST', '/api/admin/config/apply', { version: 1 }, admin);
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toBe('最新保存的是第 2 版，不是第 1 版；请刷新页面后再试');
  });

  it('removing the window that serves C002 is refused with 409 and a Chinese reason, and nothing changes', async () => {
    const hallBefore = h.hall;
    const saved = await save((c) => {
      c.windows = c.windows.filter((w) => w.id !== 'W06');
      c.devices = c.devices.filter((d) => d.windowId !== 'W06');
      c.windows.find((w) => w.id === 'W01')!.name = '不会生效的名字';
    });
    expect(saved.version).toBe(3);
    const r = await h.api<ErrorAnswer>('POST', '/api/admin/config/apply', {}, admin);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('CONFIG_NOT_APPLICABLE');
    expect(r.body.error.message).toBe('第 3 版不能立即生效：6号窗口（W06）正在办理 C002，不能删除；请先办结或转移该号码（另有 1 处）。仍在运行第 2 版');
    expect(r.body.error.details!.problems!.map((p) => p.message)).toEqual(['6号窗口（W06）正在办理 C002，不能删除；请先办结或转移该号码', '6号窗口（W06）有人在岗（徐子涵（A岗）），不能删除；请先离岗']);

    expect(h.hall).toBe(hallBefore);
    expect(await config()).toMatchObject({ version: 3, inForceVersion: 2, pendingVersion: 3 });
    const win = await windows();
    expect(win.find((w) => w.id === 'W06')!.current?.number).toBe('C002');
    expect(win.find((w) => w.id === 'W01')!.name).toBe('不动产登记');
    // The hall still works, its ticks too (the test clock's move runs one).
    expect((await issue('SB')).number).toBe('C005');
    expect((await h.api('POST', '/api/test-clock', { advanceMinutes: 1 })).status).toBe(200);
    const db = new Database(join(dir, 'hall.sqlite'), { readonly: true });
    expect((db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'config.applied'").get() as { n: number }).n).toBe(1);
    db.close();
  });
});

describe('a version that cannot be built', () => {
  it('is refused with 409 and leaves the old hall running', async () => {
    const hallBefore = h.hall;
    // A row written around the API (by hand, or a damaged file): not a valid config.
    const db = new Database(join(dir, 'hall.sqlite'));
    db.prepare('INSERT INTO hall_config (json, source, loaded_at) VALUES (?, ?, ?)').run(JSON.stringify({ hall: { name: '坏配置' } }), '手工写入', new Date().toISOString());
    db.close();
    const r = await h.api<ErrorAnswer>('POST', '/api/admin/config/apply', {}, admin);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('CONFIG_NOT_APPLICABLE');
    expect(r.body.error.message).toMatch(/^第 4 版无法启用：第 4 版大厅配置.*hours.*。仍在运行第 2 版$/s);
    expect(h.hall).toBe(hallBefore);
    expect((await issue('SB')).number).toBe('C006');
    const before = (await windows()).find((w) => w.id === 'W06')!;
    expect(before.current?.number).toBe('C002');
    expect((await h.api('POST', '/api/test-clock', { advanceMinutes: 1 })).status).toBe(200);
  });
});

describe('npm start (main.ts) runs the hall in a HallRunner', () => {
  it('a saved rename takes effect on the running process, which goes on with the same clock', async () => {
    const d = mkdtempSync(join(tmpdir(), 'hall-apply-process-'));
    const server = await startServerProcess(['--db', join(d, 'hall.sqlite'), '--fake-clock', '2026-11-23T10:00:00+08:00', '--admin-password', ADMIN_PASSWORD]);
    try {
      const call = async <T>(method: string, path: string, body?: unknown, token?: string) => {
        const res = await fetch(server.baseUrl + path, {
          method,
          headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        return { status: res.status, body: (await res.json()) as T };
      };
      const token = (await call<{ token: string }>('POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).body.token;
      const { config: c } = (await call<{ config: HallConfig }>('GET', '/api/admin/config', undefined, token)).body;
      c.windows.find((w) => w.id === 'W09')!.name = '户籍办理';
      expect((await call('PUT', '/api/admin/config', c, token)).status).toBe(200);
      const applied = await call<Applied>('POST', '/api/admin/config/apply', {}, token);
      expect(applied.status, JSON.stringify(applied.body)).toBe(200);
      expect(applied.body.message).toBe('第 2 版已生效');
      expect((await call<WindowView[]>('GET', '/api/windows')).body.find((w) => w.id === 'W09')!.name).toBe('户籍办理');
      // The settable clock carried over: still the training morning, not reset, not the wall clock.
      expect((await call<{ now: string }>('GET', '/api/health')).body.now).toMatch(/^2026-11-23T10:0\d:\d\d/);
      expect(server.child.exitCode).toBeNull();
    } finally {
      await server.kill();
      rmSync(d, { recursive: true, force: true });
    }
  }, 90_000); // a child process start (tsx compiling main.ts) has taken 15 s on a busy machine
});

describe('the startup rule with --config', () => {
  it('an unchanged config file does not undo a version saved in the console; a changed one is stored as the newest', async () => {
    const d = mkdtempSync(join(tmpdir(), 'hall-config-file-'));
    const file = join(d, 'hall.json');
    copyFileSync(resolve(import.meta.dirname, '../resources/halls/demo.json'), file);
    try {
      let t = await startTestHall({ dir: d, configPath: file });
      const token = await t.login('admin');
      const { config: c } = (await t.api<{ config: HallConfig }>('GET', '/api/admin/config', undefined, token)).body;
      c.windows[0]!.name = '控制台改的名字';
      expect((await t.api<{ version: number }>('PUT', '/api/admin/config', c, token)).body.version).toBe(2);
      await t.close();

      t = await startTestHall({ dir: d, configPath: file });
      expect(t.hall.configVersion).toBe(2);
      expect(t.hall.config.windows[0]!.name).toBe('控制台改的名字');
      await t.close();

      const raw = JSON.parse(readFileSync(file, 'utf8')) as HallConfig;
      raw.windows[1]!.name = '文件改的名字';
      writeFileSync(file, JSON.stringify(raw, null, 2));
      t = await startTestHall({ dir: d, configPath: file });
      expect(t.hall.configVersion).toBe(3);
      expect(t.hall.config.windows[1]!.name).toBe('文件改的名字');
      expect(t.hall.config.windows[0]!.name).toBe('不动产登记');
      await t.close();
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
