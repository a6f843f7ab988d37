/**
 * A 政务服务平台 stand-in for tests: an HTTP receiver on loopback that keeps every request it got
 * (headers, raw body, arrival time), answers with a status the test sets, can be taken down and
 * brought back on the same port, and — like a real idempotent receiver — accepts each
 * X-Hall-Event-Id once (`accepted`).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export class WebhookReceiver {
  readonly received: Received[] = [];
  /** The status to answer; a function may also act first (e.g. kill the server mid-delivery). */
  answer: (r: Received) => number | Promise<number> = () => 200;
  private server: Server | null = null;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hall-events`;
  }

  get up(): boolean {
    return this.server !== null;
  }

  /** Listens on loopback (the same port as before, after a stop). */
  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const r: Received = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
        this.received.push(r);
        void Promise.resolve(this.answer(r)).then(
          (status) => {
            res.writeHead(status, { 'content-type': 'application/json' });
            res.end(status < 300 ? '{"ok":true}' : '{"error":"unavailable"}');
          },
          () => res.destroy(),
        );
      });
      res.on('error', () => undefined);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** Down: connections refused from now on. */
  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** Each event id once, in the order first received: what an idempotent receiver processes. */
  accepted(): Received[] {
    const seen = new Set<string>();
    return this.received.filter((r) => {
      const id = String(r.headers['x-hall-event-id']);
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }

  eventIds(list: Received[] = this.accepted()): string[] {
    return list.map((r) => String(r.headers['x-hall-event-id']));
  }
}
