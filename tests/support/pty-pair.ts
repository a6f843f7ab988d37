/**
 * Two pseudo-terminals joined by socat: whatever is written to one arrives at the other, so a
 * serial printer and a virtual printer can talk without hardware (`a` for the kiosk, `b` for
 * the printer).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  a: string;
  b: string;
  close(): Promise<void>;
}

const SOCAT_MISSING = '找不到 socat：串口测试需要它来创建一对虚拟串口，请先安装（apt-get install socat）';

export async function openPtyPair(timeoutMs = 5_000): Promise<PtyPair> {
  const dir = await mkdtemp(join(tmpdir(), 'pty-pair-'));
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((res) => child.once('close', () => res()));

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`socat 在 ${timeoutMs} ms 内没有建好虚拟串口：\n${log}`)), timeoutMs);
      const poll = setInterval(() => {
        // socat logs this line once both ends exist and it is copying bytes between them.
        if (log.includes('starting data transfer loop') && existsSync(a) && existsSync(b)) finish();
      }, 20);
      function finish(err?: Error) {
        clearTimeout(timer);
        clearInterval(poll);
        child.off('error', onError);
        child.off('exit', onExit);
        if (err) reject(err);
        else resolve();
      }
      function onError(err: NodeJS.ErrnoException) {
        finish(err.code === 'ENOENT' ? new Error(SOCAT_MISSING) : err);
      }
      function onExit(code: number | null) {
        finish(new Error(`socat 提前退出（${code}）：\n${log}`));
      }
      child.once('error', onError);
      child.once('exit', onExit);
    });
  } catch (err) {
    child.kill();
    await rm(dir, { recursive: true, force: true });
    throw err;
  }

  let closing: Promise<void> | null = null;
  return {
    a,
    b,
    close() {
      closing ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
        await rm(dir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}
