/**
 * Child processes of the benchmark: started with `node --import tsx`, watched for a ready line on
 * stdout, and always ended — by stop(), or by SIGKILL when the benchmark exits or fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Child {
  name: string;
  pid: number;
  /** The first match of the ready pattern on stdout. */
  ready: RegExpMatchArray;
  /** CPU seconds (user + system) the process has used so far, from /proc; null off Linux. */
  cpuSeconds(): number | null;
  /** Resident memory in MB, from /proc; null off Linux. */
  rssMb(): number | null;
  /** Last lines the child wrote to stderr, for error messages. */
  stderrTail(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

const live = new Set<ChildProcess>();
const cleanups: (() => void)[] = [];
let hooked = false;

function killAll(): void {
  for (const p of live) {
    if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  }
  live.clear();
  for (const f of cleanups.splice(0)) {
    try {
      f();
    } catch {
      // best effort at exit
    }
  }
}

/** Runs `f` (synchronously) when the benchmark exits, however it exits short of SIGKILL. */
export function onExit(f: () => void): void {
  hookExit();
  cleanups.push(f);
}

/** Installs once: whatever way the benchmark ends, no child outlives it. */
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      killAll();
      process.stderr.write(`\n收到 ${sig}，已结束子进程。\n`);
      process.exit(130);
    });
  }
}

/**
 * Exits (ending the children) when a process that launched the benchmark is gone: `npm run bench`
 * answers SIGTERM by ending its `sh`, which leaves tsx and this script running as orphans. Watches
 * the parent and grandparent (not init, and not a process already adopted by init).
 */
export function exitWhenLauncherGone(intervalMs = 1000): void {
  hookExit();
  const launchers = [process.ppid, parentOf(process.ppid)].filter((pid): pid is number => pid !== null && pid > 1);
  const timer = setInterval(() => {
    for (const pid of launchers) {
      if (!alive(pid)) {
        process.stderr.write(`\n启动压测的进程 ${pid} 已结束，压测随之停止。\n`);
        killAll();
        process.exit(130);
      }
    }
  }, intervalMs);
  timer.unref();
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const CLK_TCK = 100; // Linux USER_HZ; `getconf CLK_TCK` is 100 on every mainstream kernel config

export function procCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return null;
  }
}

function procRssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export interface StartOptions {
  cwd: string;
  /** Arguments after `node` (node flags, then the script and its flags). */
  args: string[];
  ready: RegExp;
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
}

export function startChild(name: string, opts: StartOptions): Promise<Child> {
  hookExit();
  const proc = spawn(process.execPath, opts.args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(proc);
  const errLines: string[] = [];
  let stdout = '';
  proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    if (process.env.BENCH_SERVER_STDERR) process.stderr.write(chunk);
    errLines.push(...chunk.split('\n').filter(Boolean));
    if (errLines.length > 40) errLines.splice(0, errLines.length - 40);
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  void exited.then(() => live.delete(proc));

  return new Promise<Child>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${name} 未在 ${opts.timeoutMs / 1000} 秒内就绪。stderr：\n${errLines.join('\n')}`));
    }, opts.timeoutMs);
    const onExit = (code: number | null, signal: string | null) => {
      clearTimeout(timer);
      reject(new Error(`${name} 启动时退出（code ${code}, signal ${signal}）。stderr：\n${errLines.join('\n')}`));
    };
    proc.once('exit', onExit);
    proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const m = opts.ready.exec(stdout);
      if (!m) return;
      clearTimeout(timer);
      proc.off('exit', onExit);
      stdout = '';
      proc.stdout!.removeAllListeners('data');
      proc.stdout!.resume();
      const pid = proc.pid!;
      resolve({
        name,
        pid,
        ready: m,
        cpuSeconds: () => procCpuSeconds(pid),
        rssMb: () => procRssMb(pid),
        stderrTail: () => errLines.join('\n'),
        async stop(graceMs = 8000) {
          if (proc.exitCode !== null || proc.signalCode !== null) return;
          proc.kill('SIGTERM');
          const t = setTimeout(() => proc.kill('SIGKILL'), graceMs);
          await exited;
          clearTimeout(t);
        },
      });
    });
  });
}

/** Busy and total jiffies of the whole machine (all CPUs), from /proc/stat; null off Linux. */
export function machineJiffies(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    // cpu user nice system idle iowait irq softirq steal guest guest_nice
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number) as number[];
    const busy = user! + nice! + system! + irq! + softirq! + steal!;
    return { busy, total: busy + idle! + iowait! };
  } catch {
    return null;
  }
}

export const JIFFIES_PER_SECOND = CLK_TCK;
