/**
 * `npm start`'s entry (scripts/start.ts) on real processes: the hall server with every page, and
 * the demo kiosk (preview printer) at its own port, issuing real tickets from the hall.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

describe('npm start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'start-'));
  const hallPort = 20000 + Math.floor(Math.random() * 10000);
  const kioskPort = hallPort + 10000;
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/start.ts'), '--port', String(hallPort), '--host', '127.0.0.1', '--kiosk-port', String(kioskPort), '--db', join(dir, 'hall.sqlite'), '--admin-password', 'start-test-pw', '--fake-clock', '2026-11-23T09:30:00+08:00', '--quiet'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolvePromise, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      output += b.toString();
      if (output.includes('取号机（演示')) resolvePromise();
    });
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    child.on('exit', (code) => reject(new Error(`npm start exited (${code}): ${output}`)));
  });

  afterAll(() => {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the screens, the console, /book and the demo kiosk, which takes real tickets', async () => {
    await ready;
    const hall = `http://127.0.0.1:${hallPort}`;
    for (const page of ['/hall-screen', '/window/W01', '/book', '/console']) {
      const r = await fetch(hall + page);
      expect(r.status, page).toBe(200);
      expect(await r.text(), page).toContain('<div id="root">');
    }
    const kiosk = `http://127.0.0.1:${kioskPort}`;
    expect(await (await fetch(`${kiosk}/`)).text()).toContain('<div id="root">');
    const before = (await (await fetch(`${hall}/api/services`)).json()) as { code: string; waiting: number }[];
    const waitingZh = before.find((s) => s.code === 'ZH')!.waiting;
    expect(output).toContain(`取号机（演示：预览打印，号票显示在屏幕上）：http://127.0.0.1:${kioskPort}/`);
    // The kiosk page's own request: take a 综合受理 ticket through the agent (preview printer).
    const take = await fetch(`${kiosk}/api/take`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serviceCode: 'ZH', requestId: 'start-test-0001' }) });
    const answer = (await take.json()) as { ok: boolean; ticket?: { number: string } };
    expect(answer, JSON.stringify(answer)).toMatchObject({ ok: true, ticket: { number: expect.stringMatching(/^H\d{3}$/) } });
    const after = (await (await fetch(`${hall}/api/services`)).json()) as { code: string; waiting: number }[];
    expect(after.find((s) => s.code === 'ZH')!.waiting).toBe(waitingZh + 1);
  }, 90_000);

  it('stops both when asked', async () => {
    await ready;
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    await exited;
    await expect(fetch(`http://127.0.0.1:${kioskPort}/`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${hallPort}/api/health`)).rejects.toThrow();
  }, 30_000);
});
