/**
 * A serial port that opens itself again when it cannot be opened or is unplugged, so a device
 * re-plugged by the caretaker (QR scanner, ID card reader) comes back by itself. The device
 * classes keep their own protocol and status wording; this keeps the port.
 */
import { SerialPort } from 'serialport';

export interface ReopeningPortEvents {
  data(chunk: Buffer): void;
  opened(): void;
  /** Could not open (`error` set) or closed under us (unplugged); another try is scheduled. */
  lost(error: string | null): void;
}

export class ReopeningSerialPort {
  private port: SerialPort | null = null;
  private stopped = false;
  private reopenTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly path: string,
    readonly baudRate: number,
    private readonly events: ReopeningPortEvents,
    private readonly reopenMs = 2_000,
  ) {}

  /** The open port, or null while there is none. */
  get current(): SerialPort | null {
    return this.port;
  }

  open(): void {
    if (this.stopped) return;
    const port = new SerialPort({ path: this.path, baudRate: this.baudRate, autoOpen: false });
    port.on('data', (chunk: Buffer) => this.events.data(chunk));
    port.on('error', () => {});
    port.on('close', () => {
      if (this.port !== port) return;
      this.port = null;
      this.events.lost(null);
      this.scheduleReopen();
    });
    port.open((err) => {
      if (this.stopped) {
        if (!err) port.close(() => {});
        return;
      }
      if (err) {
        this.events.lost(err.message);
        this.scheduleReopen();
        return;
      }
      this.port = port;
      this.events.opened();
    });
  }

  /** No more opening from now on (the port itself stays until `close`). */
  stop(): void {
    this.stopped = true;
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.reopenTimer = null;
  }

  async close(): Promise<void> {
    this.stop();
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((res) => port.close(() => res()));
  }

  private scheduleReopen(): void {
    if (this.stopped || this.reopenTimer) return;
    this.reopenTimer = setTimeout(() => {
      this.reopenTimer = null;
      this.open();
    }, this.reopenMs);
    this.reopenTimer.unref();
  }
}
