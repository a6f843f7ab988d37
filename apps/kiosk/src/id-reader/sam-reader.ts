/**
 * `--id-reader serial:PATH[:baud]`: an ID card reader whose security module (SAM) speaks the
 * GA 467 frame protocol on a serial line (sam-protocol.ts; 115200 8N1 unless told otherwise).
 *
 * Every `pollMs` it asks: find card (20 01); when one is found, select it (20 02) and read its
 * text (30 01). A card read is handed on once per placement (placement.ts). One command is in
 * flight at a time; each answer is awaited at most `commandTimeoutMs` (`readTimeoutMs` for the
 * read, which takes the module ~1 s over the air). Noise, a bad checksum or a truncated answer is
 * thrown away — that poll just saw nothing — and the next poll starts clean.
 *
 * Status, in Chinese like the serial scanner's: not connected / unplugged (the port is opened
 * again every `reopenMs`, so a reader plugged back in comes back by itself), no answer after
 * `maxMissed` commands in a row, a module that reports itself broken (self-test failed, not
 * authorised); fine again at the next valid answer.
 */
import { ReopeningSerialPort } from '../serial/reopening-port.js';
import { cleanCard } from './placement.js';
import { PollingReaderBase } from './reader-base.js';
import { CMD, parseReadBase, parseReply, samCommand, SamFrameParser, SW3, sw3Text, type SamReply } from './sam-protocol.js';
import type { IdCardReader } from './types.js';

export interface SamReaderOptions {
  pollMs?: number;
  commandTimeoutMs?: number;
  readTimeoutMs?: number;
  reopenMs?: number;
  /** No card seen for this long: the card was taken away (placement.ts). */
  removedAfterMs?: number;
  /** Unanswered commands in a row before the status says the reader does not answer. */
  maxMissed?: number;
  log?: (message: string, data?: Record<string, unknown>) => void;
  now?: () => number;
}

export class SamSerialReader extends PollingReaderBase implements IdCardReader {
  readonly kind = 'serial';
  private readonly link: ReopeningSerialPort;
  private readonly parser = new SamFrameParser(3);
  private waiting: ((reply: SamReply | null) => void) | null = null;
  private closed = false;
  private started = false;
  private pollTimer: NodeJS.Timeout | null = null;
  private cycle: Promise<void> | null = null;
  private missed = 0;
  private readonly log: (message: string, data?: Record<string, unknown>) => void;

  constructor(
    readonly path: string,
    readonly baudRate = 115_200,
    private readonly opts: SamReaderOptions = {},
  ) {
    super({ ok: false, detail: `身份证阅读器尚未连接（串口 ${path}）` }, opts);
    this.log = opts.log ?? (() => {});
    this.link = new ReopeningSerialPort(
      path,
      baudRate,
      {
        data: (chunk) => this.receive(chunk),
        opened: () => {
          this.missed = 0;
          this.parser.reset();
          this.schedulePoll(0);
        },
        lost: (error) => {
          this.waiting?.(null);
          this.setStatus({ ok: false, detail: error === null ? `身份证阅读器已断开（串口 ${path}）` : `身份证阅读器未连接（串口 ${path}：${error}）` });
        },
      },
      opts.reopenMs,
    );
  }

  private get port() {
    return this.link.current;
  }

  get stats() {
    return this.parser.stats;
  }

  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.link.open();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.link.stop();
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.waiting?.(null);
    await this.cycle;
    await this.link.close();
    this.dropListeners();
  }

  private schedulePoll(ms: number): void {
    if (this.closed || this.pollTimer) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      // A cycle from before an unplug may still be waiting out its timeout: it schedules the next.
      if (!this.port || this.closed || this.cycle) return;
      this.cycle = this.poll()
        .catch((err: unknown) => this.log('身份证阅读器轮询出错', { error: String(err) }))
        .finally(() => {
          this.cycle = null;
          if (this.port) this.schedulePoll(this.opts.pollMs ?? 500);
        });
    }, ms);
    this.pollTimer.unref();
  }

  /** One find → select → read. */
  private async poll(): Promise<void> {
    const quick = this.opts.commandTimeoutMs ?? 1_000;
    const find = await this.command(CMD.findCard, quick);
    if (!find) return this.seen({ kind: 'unknown' });
    if (find.sw3 === SW3.noCard) return this.seen({ kind: 'absent' });
    if (find.sw3 !== SW3.cardFound) return this.seen({ kind: 'unknown' });
    const select = await this.command(CMD.selectCard, quick);
    if (!select || select.sw3 !== SW3.ok) return this.seen({ kind: 'present' });
    const read = await this.command(CMD.readBase, this.opts.readTimeoutMs ?? 3_000);
    if (!read) return this.seen({ kind: 'present' });
    if (read.sw3 !== SW3.ok) {
      this.log('身份证读取失败', { status: sw3Text(read.sw3) });
      return this.seen({ kind: 'present' });
    }
    const text = parseReadBase(read.data);
    if (!text || !text.idNumber) {
      this.log('身份证读取失败', { status: '文字信息不完整' });
      return this.seen({ kind: 'present' });
    }
    this.seen({ kind: 'card', card: cleanCard(text.name, text.idNumber) });
  }

  /** Sends one command; its answer, or null (no answer in time, or the port went away). */
  private command(cmd: readonly [number, number], timeoutMs: number): Promise<SamReply | null> {
    const port = this.port;
    if (!port || this.closed) return Promise.resolve(null);
    this.parser.reset();
    return new Promise<SamReply | null>((resolve) => {
      const timer = setTimeout(() => finish(null), timeoutMs);
      const finish = (reply: SamReply | null) => {
        clearTimeout(timer);
        if (this.waiting === finish) this.waiting = null;
        resolve(reply);
      };
      this.waiting = finish;
      port.write(samCommand(cmd), (err) => {
        if (err) finish(null);
      });
    }).then((reply) => {
      this.answered(reply);
      return reply;
    });
  }

  private receive(chunk: Buffer): void {
    for (const body of this.parser.push(chunk)) {
      const reply = parseReply(body);
      // An answer nobody waits for (late, or unsolicited) is dropped.
      if (reply && this.waiting) this.waiting(reply);
    }
  }

  private answered(reply: SamReply | null): void {
    if (this.closed || !this.port) return;
    if (!reply) {
      this.missed++;
      if (this.missed >= (this.opts.maxMissed ?? 3)) this.setStatus({ ok: false, detail: `身份证阅读器无应答（串口 ${this.path}）` });
      return;
    }
    this.missed = 0;
    if (reply.sw3 === SW3.selfTestFailed || reply.sw3 === SW3.notAuthorised) {
      this.setStatus({ ok: false, detail: `身份证阅读器故障：${sw3Text(reply.sw3)}（串口 ${this.path}）` });
      return;
    }
    this.setStatus({ ok: true, detail: null });
  }
}
