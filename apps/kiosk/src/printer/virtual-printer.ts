/**
 * A thermal printer in software, on a serial port (one end of a PTY pair) or a TCP port: it
 * decodes the ESC/POS it receives into tickets and answers DLE EOT like a real one. Tests use
 * it to see what a customer would hold in their hand; demos use it instead of hardware.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { SerialPort } from 'serialport';
import { EscPosDecoder, type DecodedTicket } from './escpos-decoder.js';

export interface VirtualPrinterState {
  paperOut: boolean;
  paperNearEnd: boolean;
  coverOpen: boolean;
  /** Switched off or unplugged: answers nothing, prints nothing. */
  offline: boolean;
  /** The auto-cutter jammed (DLE EOT 3 bit 3); prints nothing until cleared. */
  cutterError: boolean;
}

interface Wire {
  close(): Promise<void>;
}

const DLE = 0x10;
const EOT = 0x04;
const FIXED_BITS = 0b0001_0010;

export class VirtualPrinter {
  readonly tickets: DecodedTicket[] = [];
  bytesReceived = 0;
  /** Print data thrown away because the printer could not print (paper out, cover open, …). */
  bytesDiscarded = 0;
  private state: VirtualPrinterState = { paperOut: false, paperNearEnd: false, coverOpen: false, offline: false, cutterError: false };
  private readonly decoder = new EscPosDecoder((t) => this.ticketDone(t));
  /** Tail of a chunk that may be the start of a DLE EOT split across chunks. */
  private carry: Buffer = Buffer.alloc(0);
  private nextToHand = 0;
  private waiters: Array<() => void> = [];
  private listeners: Array<(t: DecodedTicket) => void> = [];
  private wire: Wire | null = null;

  private constructor(
    /** The TCP port it listens on (0 on serial): the kiosk prints to `tcp://127.0.0.1:<port>`. */
    readonly port: number,
  ) {}

  /** Opens `path` (e.g. one end of a PTY pair) as the printer's serial port. */
  static async onSerial(path: string, baudRate = 9600): Promise<VirtualPrinter> {
    const printer = new VirtualPrinter(0);
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    port.on('data', (chunk: Buffer) => printer.receive(chunk, (b) => port.write(b)));
    port.on('error', () => {});
    await new Promise<void>((res, rej) => port.open((err) => (err ? rej(new Error(`虚拟打印机无法打开串口 ${path}：${err.message}`)) : res())));
    printer.wire = {
      close: () => new Promise((res) => (port.isOpen ? port.close(() => res()) : res())),
    };
    return printer;
  }

  /** Listens on 127.0.0.1:`port` (0 = any free port, see `.port`), like a network printer on 9100. */
  static async onTcp(port = 0): Promise<VirtualPrinter> {
    const sockets = new Set<Socket>();
    const server: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
      socket.on('data', (chunk: Buffer) => printer.receive(chunk, (b) => socket.write(b)));
    });
    await new Promise<void>((res, rej) => {
      server.once('error', (err) => rej(new Error(`虚拟打印机无法监听 TCP 端口 ${port}：${err.message}`)));
      server.listen(port, '127.0.0.1', () => res());
    });
    const actual = (server.address() as { port: number }).port;
    const printer: VirtualPrinter = new VirtualPrinter(actual);
    printer.wire = {
      close: () =>
        new Promise((res) => {
          for (const s of sockets) s.destroy();
          server.close(() => res());
        }),
    };
    return printer;
  }

  /** How many times it was asked for its status (DLE EOT 1 starts each full query). */
  statusQueries = 0;

  get currentState(): Readonly<VirtualPrinterState> {
    return { ...this.state };
  }

  setState(p: Partial<VirtualPrinterState>): void {
    this.state = { ...this.state, ...p };
  }

  /** Bytes the decoder could not place (unknown commands). */
  get unknownBytes(): readonly number[] {
    return this.decoder.unknownBytes;
  }

  /** The next ticket not yet handed out by this method, waiting for its cut if need be. */
  waitForTicket(timeoutMs = 5_000): Promise<DecodedTicket> {
    return new Promise((resolve, reject) => {
      const take = () => {
        const t = this.tickets[this.nextToHand];
        if (!t) return false;
        this.nextToHand++;
        resolve(t);
        return true;
      };
      if (take()) return;
      const waiter = () => {
        if (take()) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== waiter);
        }
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`虚拟打印机在 ${timeoutMs} ms 内没有打出小票（已收到 ${this.bytesReceived} 字节）`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Calls `listener` with every ticket cut from now on; returns an unsubscribe function. */
  onTicket(listener: (t: DecodedTicket) => void): () => void {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  }

  async close(): Promise<void> {
    const wire = this.wire;
    this.wire = null;
    await wire?.close();
  }

  /**
   * Replies to DLE EOT n wherever it appears, as real printers do; the rest is print data. This
   * printer prints instantly: data before a request is printed before the request is answered.
   */
  private receive(chunk: Buffer, reply: (b: Buffer) => void) {
    this.bytesReceived += chunk.length;
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = Buffer.alloc(0);
    let dataStart = 0;
    for (let i = 0; i < buf.length; i++) {
      if (buf[i] !== DLE) continue;
      if (i + 2 >= buf.length && (i + 1 === buf.length || buf[i + 1] === EOT)) {
        this.print(buf.subarray(dataStart, i));
        this.carry = Buffer.from(buf.subarray(i));
        return;
      }
      const n = buf[i + 2]!;
      if (buf[i + 1] === EOT && n >= 1 && n <= 4) {
        if (n === 1) this.statusQueries++;
        this.print(buf.subarray(dataStart, i));
        if (!this.state.offline) reply(Buffer.from([this.statusByte(n)]));
        i += 2;
        dataStart = i + 1;
      }
    }
    this.print(buf.subarray(dataStart));
  }

  private print(data: Buffer) {
    if (!data.length) return;
    if (this.canPrint()) this.decoder.push(Buffer.from(data));
    else this.bytesDiscarded += data.length;
  }

  private canPrint() {
    const s = this.state;
    return !s.offline && !s.paperOut && !s.coverOpen && !s.cutterError;
  }

  private statusByte(n: number): number {
    const s = this.state;
    switch (n) {
      case 1:
        return FIXED_BITS | (this.canPrint() ? 0 : 0x08);
      case 2:
        return FIXED_BITS | (s.coverOpen ? 0x04 : 0) | (s.paperOut ? 0x20 : 0) | (s.cutterError ? 0x40 : 0);
      case 3:
        return FIXED_BITS | (s.cutterError ? 0x08 : 0);
      default:
        // With no paper the near-end sensor sees none either.
        return FIXED_BITS | (s.paperNearEnd || s.paperOut ? 0x0c : 0) | (s.paperOut ? 0x60 : 0);
    }
  }

  private ticketDone(t: DecodedTicket) {
    this.tickets.push(t);
    for (const l of this.listeners) l(t);
    for (const w of [...this.waiters]) w();
  }
}

export type { DecodedTicket };
