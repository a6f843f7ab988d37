/**
 * A real hall server for tests: a fresh SQLite file in a temporary folder, the demo hall (or a
 * given config), a settable clock, listening on 127.0.0.1 on a free port. With `live: true` it
 * runs in a HallRunner as `npm start` does: 立即生效 (POST /api/admin/config/apply) works, and
 * `hall` is whichever hall is in force.
 */
import { parseInstant } from '@hall/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { buildHall, type Hall } from '../../apps/hall-server/src/server/app.js';
import { HallRunner } from '../../apps/hall-server/src/server/hall-runner.js';
import type { SettableClock } from '../../apps/hall-server/src/core/index.js';

/** Monday 2026-11-23 09:30 in the hall: a normal working morning. */
export const MONDAY_MORNING = '2026-11-23T09:30:00+08:00';
export const ADMIN_PASSWORD = 'admin-test-pw';
export const KIOSK_KEY = 'demo-kiosk-0001-key';
export const HALL_SCREEN_KEY = 'demo-hall-screen-key';

export interface TestHall {
  hall: Hall;
  baseUrl: string;
  clock: SettableClock;
  dir: string;
  dbPath: string;
  api<T = unknown>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }>;
  login(username: string, password?: string): Promise<string>;
  /** Logs in the window's A-post staff and signs them in there; returns their token. */
  staffAt(windowId: string, post?: 'A' | 'B'): Promise<string>;
  socket(token: string, auth?: Record<string, unknown>): Socket;
  close(): Promise<void>;
}

export interface TestHallOptions {
  at?: string;
  configPath?: string;
  dir?: string;
  keepDir?: boolean;
  /** Run in a HallRunner (as main.ts does), so that a saved config can be applied without a restart. */
  live?: boolean;
}

export async function startTestHall(opts: TestHallOptions = {}): Promise<TestHall> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'hall-test-'));
  const dbPath = join(dir, 'hall.sqlite');
  const hallOpts = {
    dbPath,
    adminPassword: ADMIN_PASSWORD,
    fakeClockAt: parseInstant(opts.at ?? MONDAY_MORNING),
    ...(opts.configPath ? { configPath: opts.configPath } : {}),
  };
  let runner: HallRunner | null = null;
  let standalone: Hall | null = null;
  let baseUrl: string;
  if (opts.live) {
    ({ runner, address: baseUrl } = await HallRunner.start(hallOpts, 0, '127.0.0.1'));
  } else {
    standalone = await buildHall(hallOpts);
    baseUrl = await standalone.listen(0, '127.0.0.1');
  }
  const current = (): Hall => runner?.hall ?? standalone!;
  const sockets: Socket[] = [];
  const api: TestHall['api'] = async (method, path, body, token) => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(baseUrl + path, { method, headers, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as never };
  };
  const login = async (username: string, password = username === 'admin' ? ADMIN_PASSWORD : 'demo1234') => {
    const r = await api<{ token: string }>('POST', '/api/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username} failed: ${JSON.stringify(r.body)}`);
    return r.body.token;
  };
  return {
    get hall() {
      return current();
    },
    baseUrl,
    clock: current().settableClock!,
    dir,
    dbPath,
    api,
    login,
    async staffAt(windowId, post = 'A') {
      const w = current().config.windows.find((x) => x.id === windowId)!;
      const emp = w.posts[post]!;
      const user = current().config.staff.find((s) => s.employeeNo === emp)!;
      const token = await login(user.username);
      const r = await api('POST', `/api/windows/${windowId}/sign-in`, { post }, token);
      if (r.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(r.body)}`);
      return token;
    },
    socket(token, auth = {}) {
      const s = io(`${baseUrl}/hall`, { auth: { token, ...auth }, transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(s);
      return s;
    },
    async close() {
      for (const s of sockets) s.close();
      await (runner ? runner.close() : standalone!.close());
      if (!opts.keepDir && !opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
