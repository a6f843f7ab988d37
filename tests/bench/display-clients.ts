/**
 * The display clients: N sockets on the `/hall` namespace (websocket transport), each receiving
 * every broadcast, and a record of when each `call` reached the first and the last of them.
 *
 * Most of them are a minimal client of the socket.io wire protocol (engine.io v4 over `ws`, the
 * library socket.io-client itself uses in Node): open, CONNECT to `/hall` with `auth.token`,
 * answer pings, and read only the `call` events — a full socket.io-client costs ~20–35 µs of
 * client CPU per message against ~10 µs for this, and on a 2-core machine shared with the server
 * 1 000 full clients could not keep up with the hall's broadcast rate (the load generator would
 * be measured, not the server). A few real socket.io-client instances run among them, receive
 * through the full client stack, and count in "every display" like the others.
 */
import { io, type Socket } from 'socket.io-client';
import { WebSocket, type RawData } from 'ws';

export interface CallReceipt {
  count: number;
  first: number;
  last: number;
}

const CALL_PREFIX = Buffer.from('42/hall,["call",');
const NUMBER_KEY = '"ticketNumber":"';

export class DisplayPool {
  /** ticketNumber → when the `call` reached the first and the latest of the clients so far. */
  private readonly receipts = new Map<string, CallReceipt>();
  private readonly waiters = new Map<string, (r: CallReceipt) => void>();
  private readonly raw: WebSocket[] = [];
  private readonly real: Socket[] = [];
  private connectedCount = 0;
  private expected = 0;
  /** Events one client (the first minimal one) received, by name: how many and how many bytes on the wire. */
  readonly probe = new Map<string, { count: number; bytes: number }>();
  messages = 0;
  callMessages = 0;
  disconnects = 0;
  closing = false;

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  get connected(): number {
    return this.connectedCount;
  }

  /** Opens `total` clients (the first `realCount` of them socket.io-client), `concurrency` at a time. */
  async connect(total: number, realCount: number, concurrency = 50, timeoutMs = 60_000): Promise<void> {
    this.expected = total;
    let next = 0;
    const deadline = Date.now() + timeoutMs;
    const worker = async () => {
      while (next < total) {
        const i = next++;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`显示端连接超时（已连接 ${this.connectedCount}/${total}）`);
        await (i < realCount ? this.openReal(left) : this.openRaw(left));
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  }

  private record(number: string): void {
    const now = performance.now();
    this.callMessages++;
    let r = this.receipts.get(number);
    if (!r) {
      r = { count: 0, first: now, last: now };
      this.receipts.set(number, r);
    }
    r.count++;
    r.last = now;
    if (r.count === this.expected) {
      const w = this.waiters.get(number);
      if (w) {
        this.waiters.delete(number);
        this.receipts.delete(number);
        w(r);
      }
    }
  }

  private noteProbe(data: Buffer): void {
    const head = data.toString('latin1', 0, Math.min(40, data.length));
    const m = /^42\/hall,\["([^"]+)"/.exec(head);
    const name = m ? m[1]! : `(${head.slice(0, 2)})`;
    const e = this.probe.get(name) ?? { count: 0, bytes: 0 };
    e.count++;
    e.bytes += data.length;
    this.probe.set(name, e);
  }

  /**
   * Resolves when the `call` for `ticketNumber` has reached every client (perhaps already), or
   * after `timeoutMs` with the partial receipt (count < expected), or null if none arrived.
   */
  whenAll(ticketNumber: string, timeoutMs: number): Promise<CallReceipt | null> {
    const r = this.receipts.get(ticketNumber);
    if (r && r.count >= this.expected) {
      this.receipts.delete(ticketNumber);
      return Promise.resolve(r);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(ticketNumber);
        const partial = this.receipts.get(ticketNumber) ?? null;
        this.receipts.delete(ticketNumber);
        resolve(partial ? { ...partial } : null);
      }, timeoutMs);
      this.waiters.set(ticketNumber, (done) => {
        clearTimeout(timer);
        resolve(done);
      });
    });
  }

  /** Calls nobody waits for (e.g. those of the warm-up) must not pile up. */
  forgetBefore(cutoff: number): void {
    for (const [k, r] of this.receipts) if (r.first < cutoff && !this.waiters.has(k)) this.receipts.delete(k);
  }

  private openRaw(timeoutMs: number): Promise<void> {
    const url = `${this.baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
    this.raw.push(ws);
    const connectPacket = `40/hall,${JSON.stringify({ token: this.token })}`;
    const isProbe = this.raw.length === 1;
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      const timer = setTimeout(() => reject(new Error('显示端连接超时')), timeoutMs);
      ws.on('message', (raw: RawData) => {
        const data = raw as Buffer; // binaryType 'nodebuffer', text frames: one Buffer
        const type = data[0];
        if (type === 0x34 /* '4' message */) {
          this.messages++;
          if (isProbe && ready) this.noteProbe(data);
          if (CALL_PREFIX.compare(data, 0, CALL_PREFIX.length) === 0) {
            const s = data.toString('utf8');
            const at = s.indexOf(NUMBER_KEY) + NUMBER_KEY.length;
            this.record(s.slice(at, s.indexOf('"', at)));
          } else if (!ready && data[1] === 0x30 /* '0' CONNECT ack */) {
            ready = true;
            this.connectedCount++;
            clearTimeout(timer);
            resolve();
          } else if (!ready && data[1] === 0x34 /* '4' CONNECT_ERROR */) {
            clearTimeout(timer);
            reject(new Error(`显示端被拒绝：${data.toString('utf8')}`));
          }
        } else if (type === 0x32 /* '2' ping */) {
          ws.send('3');
        } else if (type === 0x30 /* '0' open */) {
          ws.send(connectPacket);
        }
      });
      ws.on('error', (err) => {
        clearTimeout(timer);
        if (!ready) reject(err);
      });
      ws.on('close', () => {
        if (ready) {
          this.connectedCount--;
          if (!this.closing) this.disconnects++;
        }
      });
    });
  }

  private openReal(timeoutMs: number): Promise<void> {
    const s = io(`${this.baseUrl}/hall`, { auth: { token: this.token }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: timeoutMs });
    this.real.push(s);
    s.onAny(() => this.messages++);
    s.on('call', (e: { ticketNumber: string }) => this.record(e.ticketNumber));
    return new Promise<void>((resolve, reject) => {
      s.once('connect', () => {
        this.connectedCount++;
        s.on('disconnect', () => {
          this.connectedCount--;
          if (!this.closing) this.disconnects++;
        });
        resolve();
      });
      s.once('connect_error', (err) => reject(err));
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const s of this.real) s.close();
    const closed = this.raw.map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) return resolve();
          ws.once('close', () => resolve());
          ws.terminate();
        }),
    );
    await Promise.all(closed);
    this.raw.length = 0;
    this.real.length = 0;
    for (const w of this.waiters.values()) w({ count: 0, first: NaN, last: NaN });
    this.waiters.clear();
    this.receipts.clear();
  }
}
