/**
 * `--id-reader bridge:URL`: the reader behind a vendor's local HTTP service (many certified
 * readers ship one: their SDK reads the card, the service answers `GET URL` with it as JSON).
 *
 * Every `pollMs` it GETs the URL (at most `timeoutMs`), finds the name and the number in the
 * answer (bridge-fields.ts), and hands a card on once per placement (placement.ts). An answer
 * without a number, or `204 No Content`, is "no card". The status says, in Chinese, when the
 * service cannot be reached, does not answer in time, answers an HTTP error, or answers something
 * that is not JSON; polling goes on, and the next good answer makes it fine again.
 */
import { cardFromBridge, type BridgeFields } from './bridge-fields.js';
import { cleanCard, type PollSeen } from './placement.js';
import { PollingReaderBase } from './reader-base.js';
import type { IdCardReader } from './types.js';

export interface BridgeReaderOptions {
  pollMs?: number;
  timeoutMs?: number;
  removedAfterMs?: number;
  log?: (message: string, data?: Record<string, unknown>) => void;
  now?: () => number;
}

/** Bigger answers are not a card. */
const MAX_ANSWER = 256 * 1024;

export class BridgeIdReader extends PollingReaderBase implements IdCardReader {
  readonly kind = 'bridge';
  private closed = false;
  private started = false;
  private timer: NodeJS.Timeout | null = null;
  private cycle: Promise<void> | null = null;
  private abort: AbortController | null = null;
  /** The URL as shown in messages (no fragment). */
  private readonly shown: string;

  constructor(
    readonly url: string,
    private readonly fields: BridgeFields = { name: null, idNumber: null },
    private readonly opts: BridgeReaderOptions = {},
  ) {
    const shown = url.replace(/#.*$/, '');
    super({ ok: false, detail: `身份证阅读器桥接服务尚未连接（${shown}）` }, opts);
    this.shown = shown;
  }

  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.schedule(0);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort?.abort();
    await this.cycle;
    this.dropListeners();
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.cycle = this.poll()
        .catch((err: unknown) => this.opts.log?.('身份证阅读器桥接轮询出错', { error: String(err) }))
        .finally(() => {
          this.cycle = null;
          this.schedule(this.opts.pollMs ?? 500);
        });
    }, ms);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    const timeoutMs = this.opts.timeoutMs ?? 2_000;
    const abort = new AbortController();
    this.abort = abort;
    const timer = setTimeout(() => abort.abort(new Error('timeout')), timeoutMs);
    let status: number;
    let text: string;
    try {
      const res = await fetch(this.shown, { headers: { accept: 'application/json' }, signal: abort.signal });
      status = res.status;
      text = await res.text();
    } catch {
      if (this.closed) return;
      const timedOut = abort.signal.aborted;
      return this.fail(timedOut ? `身份证阅读器桥接服务无应答（${this.shown}，超过 ${timeoutMs / 1000} 秒）` : `身份证阅读器桥接服务无法连接（${this.shown}）`);
    } finally {
      clearTimeout(timer);
      this.abort = null;
    }
    if (this.closed) return;
    if (status === 204) return this.good({ kind: 'absent' });
    if (status < 200 || status > 299) return this.fail(`身份证阅读器桥接服务出错（${this.shown}：HTTP ${status}）`);
    if (text.length > MAX_ANSWER) return this.fail(`身份证阅读器桥接服务的答复过大（${this.shown}）`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return this.fail(`身份证阅读器桥接服务的答复不是有效的 JSON（${this.shown}）`);
    }
    const found = cardFromBridge(json, this.fields);
    if (found.kind === 'bad') return this.fail(`身份证阅读器桥接服务的答复无法识别（${this.shown}：${found.why}）`);
    this.good(found.kind === 'card' ? { kind: 'card', card: cleanCard(found.name, found.idNumber) } : { kind: 'absent' });
  }

  private good(seen: PollSeen): void {
    this.setStatus({ ok: true, detail: null });
    this.seen(seen);
  }

  private fail(detail: string): void {
    this.setStatus({ ok: false, detail });
    this.seen({ kind: 'unknown' });
  }
}
