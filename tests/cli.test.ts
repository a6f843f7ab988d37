/** `npm start`'s flags and environment variables, per the contract, on a real process. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runServerExpectingFailure, startServerProcess } from './support/server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'hall-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

async function login(base: string, username: string, password: string): Promise<number> {
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return r.status;
}

// Each test starts one or two server processes (tsx compiles main.ts each time): on a busy 2-core
// machine a start has taken 15 s, so the default 30 s per test is too tight.
describe('starting the hall server', { timeout: 120_000 }, () => {
  it('prints a generated admin password once, on the first start only', async () => {
    const db = join(dir, 'first.sqlite');
    const first = await startServerProcess(['--db', db]);
    const m = /管理员账号 admin 的初始密码（只显示这一次）：(\S+)/.exec(first.output());
    expect(m).not.toBeNull();
    expect(await login(first.baseUrl, 'admin', m![1]!)).toBe(200);
    expect(await login(first.baseUrl, 'admin', 'wrong-password')).toBe(401);
    // Without --fake-clock there is no way to move the hall's time.
    const clock = await fetch(`${first.baseUrl}/api/test-clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"advanceMinutes":5}' });
    expect(clock.status).toBe(404);
    await first.kill();
    const second = await startServerProcess(['--db', db]);
    expect(second.output()).not.toContain('初始密码');
    expect(await login(second.baseUrl, 'admin', m![1]!)).toBe(200);
    await second.kill();
  });

  it('takes its settings from HALL_* environment variables', async () => {
    const port = await freePort();
    const db = join(dir, 'env.sqlite');
    const s = await startServerProcess([], 30_000, { HALL_PORT: String(port), HALL_DB: db, HALL_ADMIN_PASSWORD: 'from-env-pw' });
    expect(s.baseUrl).toBe(`http://127.0.0.1:${port}`);
    expect(await login(s.baseUrl, 'admin', 'from-env-pw')).toBe(200);
    await s.kill();
    expect(readFileSync(db).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('runs the hall described by --config', async () => {
    const demo = JSON.parse(readFileSync(join(REPO_ROOT, 'resources/halls/demo.json'), 'utf8')) as { hall: { name: string } };
    demo.hall.name = '测试镇便民服务中心';
    const file = join(dir, 'town.json');
    writeFileSync(file, JSON.stringify(demo));
    const s = await startServerProcess(['--db', join(dir, 'town.sqlite'), '--config', file, '--admin-password', 'x-admin-pw']);
    const health = (await (await fetch(`${s.baseUrl}/api/health`)).json()) as { hall: string };
    expect(health.hall).toBe('测试镇便民服务中心');
    await s.kill();
  });

  it('refuses a broken hall config with every problem named in Chinese', async () => {
    const demo = JSON.parse(readFileSync(join(REPO_ROOT, 'resources/halls/demo.json'), 'utf8')) as {
      services: { prefix: string }[];
      windows: { services: string[] }[];
    };
    demo.services[1]!.prefix = demo.services[0]!.prefix;
    demo.windows[0]!.services = ['NOPE'];
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(demo));
    const r = await runServerExpectingFailure(['--db', join(dir, 'broken.sqlite'), '--config', file]);
    expect(r.code).toBe(2);
    expect(r.output).toContain('启动失败');
    expect(r.output).toMatch(/services\.1\.prefix：号码前缀 A 已被业务 BDC 使用/);
    expect(r.output).toMatch(/windows\.0\.services\.0：业务 NOPE 未在 services 中定义/);
  });

  it('refuses a --fake-clock that is not a time, and unknown flags', async () => {
    const bad = await runServerExpectingFailure(['--db', join(dir, 'x.sqlite'), '--fake-clock', 'tomorrow']);
    expect(bad.code).toBe(2);
    expect(bad.output).toContain('--fake-clock 应为 ISO 8601 时间');
    const unknown = await runServerExpectingFailure(['--db', join(dir, 'y.sqlite'), '--colour', 'red']);
    expect(unknown.code).toBe(2);
    expect(unknown.output).toContain('可用参数');
  });
});
