import { ReopeningSerialPort } from '../serial/reopening-port.js';
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
  private readonly link: ReopeningSerialPort;
  private readonly framer: LineFramer;
  private current: ScannerStatus;
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
    this.link = new ReopeningSerialPort(
      path,
      baudRate,
      {
        data: (chunk) => this.receive(chunk),
        opened: () => this.setStatus({ ok: true, detail: null }),
        lost: (error) => this.setStatus({ ok: false, detail: error === null ? `扫码器已断开（串口 ${path}）` : `扫码器未连接（串口 ${path}：${error}）` }),
      },
      opts.reopenMs,
    );
  }

  get stats() {
    return this.framer.stats;
  }

  start(onRead: (text: string) => void, onStatus: (s: ScannerStatus) => void): void {
    this.onRead = onRead;
    this.onStatus = onStatus;
    this.link.open();
  }

  status(): ScannerStatus {
    return this.current;
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    await this.link.close();
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
