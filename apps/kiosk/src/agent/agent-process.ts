/**
 * The kiosk agent as its own process (`kiosk:web`'s entry point), for the browser tests and the
 * benchmark: started with `node --import tsx`, ready when it prints its address.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../../../../..');
const CLI = resolve(REPO_ROOT, 'apps/kiosk/src/agent/cli.ts');

export interface AgentProcess {
  child: ChildProcess;
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startAgentProcess(args: string[], timeoutMs = 30_000): Promise<AgentProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rej(new Error(`取号机在 ${timeoutMs} ms 内没有启动：\n${out}`));
    }, timeoutMs);
    const check = () => {
      const m = /取号机已启动：(http:\/\/[^\s（]+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      res(m[1]!);
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`取号机退出（${code}）：\n${out}`));
    });
  });
  return {
    child,
    url,
    output: () => out,
    stop: () =>
      new Promise((res) => {
        if (child.exitCode !== null || child.signalCode !== null) return res();
        const hard = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(hard);
          res();
        });
        child.kill('SIGTERM');
      }),
  };
}
