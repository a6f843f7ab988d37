import { SerialPort } from 'serialport';
import type { PrinterLink } from './printer-link.js';

/**
 * A printer on a serial port (RS-232, a USB-serial adapter or a PTY). No flow control: a
 * ticket is well under a printer's receive buffer.
 */
export class SerialLink implements PrinterLink {
  readonly name: string;
  private port: SerialPort | null = null;
  private listener: ((chunk: Buffer) => void) | null = null;

  constructor(
    private readonly path: string,
    private readonly baudRate: number,
  ) {
    this.name = `串口 ${path}`;
  }

  async open(): Promise<void> {
    if (this.port?.isOpen) return;
    this.reset();
    const port = new SerialPort({ path: this.path, baudRate: this.baudRate, autoOpen: false });
    port.on('data', (chunk: Buffer) => this.listener?.(chunk));
    // Unplugged: forget the port so that the next job opens it again.
    port.on('close', () => this.port === port && (this.port = null));
    port.on('error', () => this.port === port && this.reset());
    await new Promise<void>((res, rej) => port.open((err) => (err ? rej(err) : res())));
    this.port = port;
  }

  write(bytes: Buffer): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) return Promise.reject(new Error(`${this.name} 未打开`));
    return new Promise((res, rej) => {
      port.write(bytes, (err) => {
        if (err) return rej(err);
        port.drain((e) => (e ? rej(e) : res()));
      });
    });
  }

  receive(listener: ((chunk: Buffer) => void) | null): void {
    this.listener = listener;
  }

  reset(): void {
    const port = this.port;
    this.port = null;
    if (port?.isOpen) port.close(() => {});
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((res) => port.close(() => res()));
  }
}
