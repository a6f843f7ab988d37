import { SerialPort } from 'serialport';
import { LineFramer, type LineFramerOptions } from './line-framer.js';
import type { QrScanner, ScannerStatus } from './types.js';

export interface SerialScannerOptions extends LineFramerOptions {
  /** How long to wait before opening the port again after it failed or closed. */
  reopenMs?: number;
}

/**
 * A QR scanner on a serial port (RS-232 or a USB virtual COM port) sending one line per code.
 * The port is opened again when it drops, so a scanner re-plugged by the caretaker comes back
 * by itself.
 */
export class SerialScanner implements QrScanner {
  readonly kind = 'serial';
  private port: SerialPort | null = null;
  private readonly framer: LineFramer;
  private current: ScannerStatus;
  private closed = false;
  private reopenTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private onRead: (text: string) => void = () => {};
  private onStatus: (s: ScannerStatus) => void = () => {};

  constructor(
    readonly path: string,
    readonly baudRate = 9600,
    private readonly opts: SerialScannerOptions = {},
  ) {
    this.framer = new LineFramer(opts);
    this.current = { ok: false, detail: `扫码器尚未连接（串口 ${path}）` };
  }

  get stats() {
    return this.framer.stats;
  }

  start(onRead: (text: string) => void, onStatus: (s: ScannerStatus) => void): void {
    this.onRead = onRead;
    this.onStatus = onStatus;
    this.open();
  }

  status(): ScannerStatus {
    return this.current;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((res) => port.close(() => res()));
  }

  private open(): void {
    if (this.closed) return;
    const port = new SerialPort({ path: this.path, baudRate: this.baudRate, autoOpen: false });
    port.on('data', (chunk: Buffer) => this.receive(chunk));
    port.on('error', () => {});
    port.on('close', () => {
      if (this.port !== port) return;
      this.port = null;
      this.setStatus({ ok: false, detail: `扫码器已断开（串口 ${this.path}）` });
      this.scheduleReopen();
    });
    port.open((err) => {
      if (this.closed) {
        if (!err) port.close(() => {});
        return;
      }
      if (err) {
        this.setStatus({ ok: false, detail: `扫码器未连接（串口 ${this.path}：${err.message}）` });
        this.scheduleReopen();
        return;
      }
      this.port = port;
      this.setStatus({ ok: true, detail: null });
    });
  }

  private scheduleReopen(): void {
    if (this.closed || this.reopenTimer) return;
    this.reopenTimer = setTimeout(() => {
      this.reopenTimer = null;
      this.open();
    }, this.opts.reopenMs ?? 2_000);
    this.reopenTimer.unref();
  }

  private receive(chunk: Buffer): void {
    for (const line of this.framer.push(chunk, Date.now())) {
      try {
        this.onRead(line);
      } catch {
        // a listener's failure is not the scanner's
      }
    }
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.framer.pending) {
      this.idleTimer = setTimeout(() => this.framer.expire(Date.now()), this.framer.idleTimeoutMs + 5);
      this.idleTimer.unref();
    }
  }

  private setStatus(s: ScannerStatus): void {
    if (s.ok === this.current.ok && s.detail === this.current.detail) return;
    this.current = s;
    this.onStatus(s);
  }
}
