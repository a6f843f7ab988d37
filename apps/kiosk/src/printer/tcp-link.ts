import { connect, type Socket } from 'node:net';
import type { PrinterLink } from './printer-link.js';

/** A network printer's raw port (JetDirect / 9100). */
export class TcpLink implements PrinterLink {
  readonly name: string;
  private socket: Socket | null = null;
  private listener: ((chunk: Buffer) => void) | null = null;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly connectTimeoutMs: number,
  ) {
    this.name = `网络打印机 ${host}:${port}`;
  }

  async open(): Promise<void> {
    if (this.socket && !this.socket.destroyed) return;
    this.reset();
    const socket = connect({ host: this.host, port: this.port });
    socket.on('data', (chunk: Buffer) => this.listener?.(chunk));
    // The printer was switched off or closed the connection: the next job connects again.
    socket.on('close', () => this.socket === socket && (this.socket = null));
    socket.on('error', () => {});
    await new Promise<void>((res, rej) => {
      const timer = setTimeout(() => fail(new Error(`连接 ${this.name} 超时`)), this.connectTimeoutMs);
      const fail = (err: Error) => {
        clearTimeout(timer);
        socket.destroy();
        rej(err);
      };
      socket.once('error', fail);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', fail);
        res();
      });
    });
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 10_000);
    this.socket = socket;
  }

  write(bytes: Buffer): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.destroyed) return Promise.reject(new Error(`${this.name} 未连接`));
    return new Promise((res, rej) => socket.write(bytes, (err) => (err ? rej(err) : res())));
  }

  receive(listener: ((chunk: Buffer) => void) | null): void {
    this.listener = listener;
  }

  reset(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((res) => {
      socket.once('close', () => res());
      socket.end();
      setTimeout(() => socket.destroy(), 1_000).unref();
    });
  }
}
