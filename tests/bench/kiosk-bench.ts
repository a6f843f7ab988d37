/**
 * `npm run bench:kiosk` (and the second part of `npm run bench`): how long a citizen waits from
 * touching a service on the kiosk to the printer starting the ticket. A benchmark, not a test: it
 * prints medians and p99s and exits 0 whatever they are (1 only if it could not run).
 *
 * Measured, on the same serial line (a socat PTY pair) and the same hall server process:
 * - kiosk: POST /api/take to the kiosk agent (its own process, `kiosk:web`'s entry point) → the
 *   first byte of the ticket (ESC @) at the printer's end of the line. The agent asks the printer
 *   its status (DLE EOT), asks the hall for a number, prints (the printer asks DLE EOT again
 *   before the bytes go);
 * - baseline: one POST /api/tickets straight to the hall, then ticket bytes encoded beforehand
 *   written to the same serial port → the first byte at the far end.
 * The printer's end is answered by a minimal responder in this process (DLE EOT: no fault), which
 * also checks that every ticket arrived whole (decoded and cut). Taps are one after another, as
 * at a kiosk. Knobs: BENCH_KIOSK_TAPS (default 200), BENCH_KIOSK_WARMUP (default 10),
 * BENCH_KIOSK_BAUD (default 9600, set on both ends; a PTY does not throttle to it, so the figures
 * leave out a real RS-232 line's ~1 ms per byte — the same for both paths).
 * Output: the table on stdout, progress on stderr, JSON in test-output/bench-kiosk.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SerialPort } from 'serialport';
import { startAgentProcess, type AgentProcess } from '../../apps/kiosk/src/agent/agent-process.js';
import { EscPosDecoder, encodeTicket, SAMPLE_TICKETS } from '../../apps/kiosk/src/printer/index.js';
import { openPtyPair, type PtyPair } from '../support/pty-pair.js';
import { REPO_ROOT, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { ms, summarize, table, type Summary } from './stats.js';

const num = (name: string, dflt: number) => {
  const v = process.env[name];
  const n = v === undefined || v === '' ? dflt : Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} 应为非负整数，收到 ${v}`);
  return n;
};
const TAPS = num('BENCH_KIOSK_TAPS', 200);
const WARMUP = num('BENCH_KIOSK_WARMUP', 10);
const BAUD = num('BENCH_KIOSK_BAUD', 9_600);
const KEY = 'demo-kiosk-0001-key';
/** 综合受理: no daily cap, tickets until 16:45. */
const SERVICE = 'ZH';
const TIMEOUT_MS = 10_000;
const progress = (s: string) => process.stderr.write(`${s}\n`);

/**
 * The printer's end of the line: answers DLE EOT n with "no fault", notes when each ticket's
 * first byte (ESC @) arrives, and decodes the rest to count whole tickets.
 */
class PrinterEnd {
  tickets = 0;
  private carry = Buffer.alloc(0);
  private waiting: ((at: number) => void) | null = null;
  private readonly decoder = new EscPosDecoder(() => {
    this.tickets++;
    this.onCut?.();
  });
  onCut: (() => void) | null = null;

  constructor(private readonly port: SerialPort) {
    port.on('data', (chunk: Buffer) => this.receive(chunk, performance.now()));
  }

  /** Resolves with the time the next ticket's first byte arrives. */
  nextTicketStart(): Promise<number> {
    return new Promise((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`打印机端 ${TIMEOUT_MS} ms 内没有收到号票`)), TIMEOUT_MS);
      this.waiting = (at) => {
        clearTimeout(timer);
        res(at);
      };
    });
  }

  /** Resolves once `n` tickets in all have been cut. */
  cutCount(n: number): Promise<void> {
    if (this.tickets >= n) return Promise.resolve();
    return new Promise((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`打印机端 ${TIMEOUT_MS} ms 内没有收到完整号票`)), TIMEOUT_MS);
      this.onCut = () => {
        if (this.tickets < n) return;
        clearTimeout(timer);
        this.onCut = null;
        res();
      };
    });
  }

  private receive(chunk: Buffer, at: number): void {
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = Buffer.alloc(0);
    const data: number[] = [];
    for (let i = 0; i < buf.length; i++) {
      if (buf[i] === 0x10 && (i + 1 >= buf.length || buf[i + 1] === 0x04)) {
        if (i + 2 >= buf.length) {
          this.carry = Buffer.from(buf.subarray(i));
          break;
        }
        this.port.write(Buffer.from([0x12])); // fixed bits only: online, paper, cover closed, no error
        i += 2;
        continue;
      }
      if (buf[i] === 0x1b && buf[i + 1] === 0x40 && this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w(at);
      }
      data.push(buf[i]!);
    }
    if (data.length) this.decoder.push(Buffer.from(data));
  }
}

async function openPort(path: string): Promise<SerialPort> {
  const p = new SerialPort({ path, baudRate: BAUD, autoOpen: false });
  await new Promise<void>((res, rej) => p.open((e) => (e ? rej(e) : res())));
  return p;
}

async function closePort(p: SerialPort | undefined): Promise<void> {
  if (p?.isOpen) await new Promise<void>((res) => p.close(() => res()));
}

interface Phase {
  firstByte: Summary;
  answer: Summary;
  failed: number;
  ticketsCut: number;
  errors: string[];
}

/** `tap()` sends one request and resolves when it was answered; the ticket's first byte is awaited beside it. */
async function runPhase(name: string, end: PrinterEnd, tap: (i: number) => Promise<void>): Promise<Phase> {
  const firstByte: number[] = [];
  const answer: number[] = [];
  const errors: string[] = [];
  let failed = 0;
  for (let i = 0; i < WARMUP + TAPS; i++) {
    const cutBefore = end.tickets;
    const started = performance.now();
    const first = end.nextTicketStart();
    try {
      await tap(i);
      const answered = performance.now();
      const at = await first;
      await end.cutCount(cutBefore + 1);
      if (i >= WARMUP) {
        firstByte.push(at - started);
        answer.push(answered - started);
      }
    } catch (err) {
      first.catch(() => {});
      failed++;
      if (errors.length < 5) errors.push((err as Error).message);
      if (failed > 10) throw new Error(`${name}：失败过多，停止。${errors.join('；')}`);
    }
    if ((i + 1) % 50 === 0) progress(`  ${name}: ${i + 1}/${WARMUP + TAPS}`);
  }
  return { firstByte: summarize(firstByte), answer: summarize(answer), failed, ticketsCut: end.tickets, errors };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-'));
  let server: ServerProcess | undefined;
  let agent: AgentProcess | undefined;
  let pty: PtyPair | undefined;
  let far: SerialPort | undefined;
  let near: SerialPort | undefined;
  try {
    progress('启动大厅服务器、虚拟串口……');
    [server, pty] = await Promise.all([
      startServerProcess(['--db', join(dir, 'hall.sqlite'), '--fake-clock', '2026-11-23T09:30:00+08:00', '--admin-password', 'bench-admin-pw']),
      openPtyPair(),
    ]);
    far = await openPort(pty.b);
    const end = new PrinterEnd(far);

    progress(`取号机：${WARMUP} 次预热 + ${TAPS} 次点击（${BAUD} 波特）`);
    agent = await startAgentProcess(['--server', server.baseUrl, '--printer', `serial:${pty.a}:${BAUD}`, '--port', '0', '--scanner', 'none', '--quiet']);
    const agentUrl = agent.url;
    const kiosk = await runPhase('kiosk', end, async (i) => {
      const r = await fetch(`${agentUrl}/api/take`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ serviceCode: SERVICE, requestId: `bench-tap-${i}-${Date.now()}` }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const body = (await r.json()) as { ok: boolean; message?: string };
      if (!body.ok) throw new Error(`取号机拒绝：${body.message ?? r.status}`);
    });
    await agent.stop();
    agent = undefined;

    progress(`基线：${WARMUP} 次预热 + ${TAPS} 次（直接 POST /api/tickets，再把预先编码的号票写入同一串口）`);
    near = await openPort(pty.a);
    const port = near;
    const bytes = encodeTicket(SAMPLE_TICKETS.ordinary);
    const baseline = await runPhase('baseline', end, async () => {
      const r = await fetch(`${server!.baseUrl}/api/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
        body: JSON.stringify({ serviceCode: SERVICE }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (r.status !== 201) throw new Error(`大厅拒绝：${r.status} ${await r.text()}`);
      await r.arrayBuffer().catch(() => {});
      await new Promise<void>((res, rej) => port.write(bytes, (e) => (e ? rej(e) : res())));
    });

    const rows = [
      ['点击 → 号票首字节到达打印机', 'kiosk', kiosk.firstByte, kiosk.failed],
      ['', 'baseline', baseline.firstByte, baseline.failed],
      ['点击 → 页面收到出票结果', 'kiosk', kiosk.answer, kiosk.failed],
      ['', 'baseline', baseline.answer, baseline.failed],
    ] as const;
    const ratio = (a: number | null, b: number | null) => (a !== null && b ? `${(a / b).toFixed(2)}×` : '—');
    process.stdout.write(
      [
        '',
        `Kiosk benchmark — ${TAPS} taps one after another (after ${WARMUP} warm-up), serial printer on a PTY pair at ${BAUD} baud, hall server in its own process`,
        `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}. Baseline: POST /api/tickets to the same hall, then pre-encoded ticket bytes to the same port.`,
        '(For the baseline, "answer" is the hall\'s 201 plus the write; for the kiosk it is the agent\'s answer, sent once the ticket printed and the printer said it is fine.)',
        '',
        table(
          ['metric', 'path', 'n', 'failed', 'p50', 'p99', 'max'],
          rows.map(([label, who, s, failed]) => [label, who, String(s.n), String(failed), ms(s.p50), ms(s.p99), ms(s.max)]),
        ),
        '',
        `tap → first byte: kiosk/baseline p50 ${ratio(kiosk.firstByte.p50, baseline.firstByte.p50)}, p99 ${ratio(kiosk.firstByte.p99, baseline.firstByte.p99)}; ` +
          `kiosk p50 − baseline p50 = ${ms(kiosk.firstByte.p50 !== null && baseline.firstByte.p50 !== null ? kiosk.firstByte.p50 - baseline.firstByte.p50 : null)} (status query, local HTTP hop)`,
        `tickets cut whole at the printer: ${kiosk.ticketsCut} after the kiosk phase, ${baseline.ticketsCut} in all`,
        ...[...kiosk.errors, ...baseline.errors].map((e) => `  ! ${e}`),
        '',
      ].join('\n'),
    );
    const outDir = resolve(REPO_ROOT, 'test-output');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'bench-kiosk.json'), JSON.stringify({ at: new Date().toISOString(), taps: TAPS, warmup: WARMUP, baud: BAUD, kiosk, baseline }, null, 2));
  } finally {
    await agent?.stop();
    await closePort(near);
    await closePort(far);
    await pty?.close();
    await server?.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`取号机基准测试无法运行：${(err as Error).message}\n`);
    process.exit(1);
  },
);
