/**
 * The bare baseline of the hall benchmark, run as its own process like the hall server: a plain
 * node:http server answering the same three URLs the load generator drives, each with one plain
 * better-sqlite3 INSERT (WAL, synchronous=FULL, as the hall opens its database) and one plain
 * socket.io broadcast on `/hall` (same server options as the hall) — nothing else: no
 * framework, no validation beyond JSON.parse, no queue logic, no event log, one broadcast.
 *
 *   node --import tsx tests/bench/baseline-server.ts --port 0 --db FILE --kiosk-key K --staff-token T --screen-key S
 *
 * The booking benchmark also drives `POST /api/appointments` here: JSON.parse, then one SQLite
 * transaction that counts the slot's bookings against its capacity (`--capacity default=N,CODE=N`)
 * and the person's bookings in the slot and the day (1 and 2), inserts the booking with a random
 * 8-character code and commits (fsync) — the same checks and write as the hall, without the hall's
 * validation, rules engine, audit row, outbox row or framework.
 *
 * Prints `baseline listening http://127.0.0.1:PORT` when ready; ends on SIGTERM/SIGINT.
 *
 * `--fanout hall` (a diagnostic, not the baseline): after the same INSERT, send what the hall sends
 * per request instead of one message — issue: ticket + queue; call-next: call + ticket + window +
 * queue; finish: ticket + window + queue — padded to the hall's message sizes. If this server is as
 * slow as the hall, the hall's cost is its broadcast volume, not its own processing.
 */
import Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Server } from 'socket.io';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    db: { type: 'string' },
    'kiosk-key': { type: 'string' },
    'staff-token': { type: 'string' },
    'screen-key': { type: 'string' },
    fanout: { type: 'string', default: 'one' },
    capacity: { type: 'string', default: 'default=10' },
  },
});
const hallFanout = values.fanout === 'hall';
if (!values.db || !values['kiosk-key'] || !values['staff-token'] || !values['screen-key']) {
  process.stderr.write('用法：baseline-server.ts --db FILE --kiosk-key K --staff-token T --screen-key S [--port N]\n');
  process.exit(2);
}
const kioskAuth = `Bearer ${values['kiosk-key']}`;
const staffAuth = `Bearer ${values['staff-token']}`;
const screenKey = values['screen-key'];

const db = new Database(values.db);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`
  CREATE TABLE IF NOT EXISTS tickets (id INTEGER PRIMARY KEY, service_code TEXT NOT NULL, issued_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS calls (id INTEGER PRIMARY KEY, window_id TEXT NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL);
`);
const insertTicket = db.prepare('INSERT INTO tickets (service_code, issued_at) VALUES (?, ?)');
const insertCall = db.prepare('INSERT INTO calls (window_id, kind, at) VALUES (?, ?, ?)');

// Bookings: capacity per slot, one per person per slot, two per person per day, in one transaction.
db.exec(`
  CREATE TABLE IF NOT EXISTS bookings (
    id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, service_code TEXT NOT NULL, start TEXT NOT NULL, day TEXT NOT NULL,
    id_number TEXT NOT NULL, name TEXT NOT NULL, phone TEXT NOT NULL, created_at TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS bookings_slot ON bookings(service_code, start);
  CREATE INDEX IF NOT EXISTS bookings_person ON bookings(id_number, day);
`);
const capacities = new Map(values.capacity.split(',').map((kv) => kv.split('=') as [string, string]).map(([k, v]) => [k, Number(v)]));
const capacityOf = (service: string) => capacities.get(service) ?? capacities.get('default') ?? 10;
const slotCount = db.prepare('SELECT COUNT(*) AS n FROM bookings WHERE service_code = ? AND start = ?');
const personSlot = db.prepare('SELECT COUNT(*) AS n FROM bookings WHERE id_number = ? AND start = ?');
const personDay = db.prepare('SELECT COUNT(*) AS n FROM bookings WHERE id_number = ? AND day = ?');
const insertBooking = db.prepare('INSERT INTO bookings (code, service_code, start, day, id_number, name, phone, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const newCode = () => Array.from(randomBytes(8), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
type BookResult = { ok: true; id: number; code: string } | { ok: false; code: string };
const bookTx = db.transaction((b: { serviceCode: string; start: string; idNumber: string; name: string; phone: string }, at: string): BookResult => {
  if ((slotCount.get(b.serviceCode, b.start) as { n: number }).n >= capacityOf(b.serviceCode)) return { ok: false, code: 'SLOT_FULL' };
  if ((personSlot.get(b.idNumber, b.start) as { n: number }).n >= 1) return { ok: false, code: 'SLOT_LIMIT_PER_PERSON' };
  const day = b.start.slice(0, 10);
  if ((personDay.get(b.idNumber, day) as { n: number }).n >= 2) return { ok: false, code: 'DAILY_LIMIT_PER_PERSON' };
  const code = newCode();
  const id = Number(insertBooking.run(code, b.serviceCode, b.start, day, b.idNumber, b.name, b.phone, at).lastInsertRowid);
  return { ok: true, id, code };
});

const http = createServer((req, res) => void handle(req, res));
http.keepAliveTimeout = 72_000; // Fastify's default, so idle keep-alive connections behave alike
const io = new Server(http, { serveClient: false, maxHttpBufferSize: 64 * 1024, pingInterval: 5000, pingTimeout: 4000 });
const nsp = io.of('/hall');
nsp.use((socket, next) => {
  const auth = socket.handshake.auth as Record<string, unknown> | undefined;
  next(auth?.token === screenKey ? undefined : new Error('unauthorized'));
});
let seq = 0;

// Payload padding to the sizes the hall's displays receive (measured by the benchmark's probe client).
const pad = (n: number) => 'x'.repeat(n);
const TICKET_PAD = pad(300);
const WINDOW_PAD = pad(520);
const QUEUE_PAD = pad(640);
/** The extra messages of `--fanout hall`, after the one the baseline sends anyway. */
function hallExtras(kind: 'issue' | 'call' | 'finish', windowId: string, at: string): void {
  if (!hallFanout) return;
  if (kind === 'call') nsp.emit('ticket', { ticket: { windowId, status: 'called', at, pad: TICKET_PAD }, seq: ++seq });
  if (kind !== 'issue') nsp.emit('window', { window: { id: windowId, at, pad: WINDOW_PAD }, seq: ++seq });
  nsp.emit('queue', { services: [], at, pad: QUEUE_PAD, seq: ++seq });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

const WINDOW_URL = /^\/api\/windows\/([A-Za-z0-9_-]{1,16})\/(call-next|finish)$/;

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    if (req.method !== 'POST') return send(res, 404, { code: 'NOT_FOUND' });
    const body = await readJson(req);
    const at = new Date().toISOString();
    if (req.url === '/api/tickets') {
      if (req.headers.authorization !== kioskAuth) return send(res, 401, { code: 'UNAUTHORIZED' });
      const serviceCode = String(body.serviceCode ?? '');
      const id = Number(insertTicket.run(serviceCode, at).lastInsertRowid);
      const ticket = { id: randomUUID(), number: `T${id}`, serviceCode, status: 'waiting', issuedAt: at };
      nsp.emit('ticket', hallFanout ? { ticket: { ...ticket, pad: TICKET_PAD }, seq: ++seq } : { ticket, seq: ++seq });
      hallExtras('issue', '', at);
      return send(res, 201, ticket);
    }
    if (req.url === '/api/appointments') {
      const r = bookTx({ serviceCode: String(body.serviceCode), start: String(body.start), idNumber: String(body.idNumber), name: String(body.name), phone: String(body.phone) }, at);
      if (!r.ok) return send(res, 409, { error: { code: r.code, message: '已约满' } });
      return send(res, 201, { id: String(r.id), code: r.code, status: 'booked' });
    }
    const m = WINDOW_URL.exec(req.url ?? '');
    if (!m) return send(res, 404, { code: 'NOT_FOUND' });
    if (req.headers.authorization !== staffAuth) return send(res, 401, { code: 'UNAUTHORIZED' });
    const windowId = m[1]!;
    const id = Number(insertCall.run(windowId, m[2]!, at).lastInsertRowid);
    if (m[2] === 'call-next') {
      const number = `C${id}`;
      nsp.emit('call', {
        ticketNumber: number,
        ticketId: randomUUID(),
        windowId,
        windowNo: windowId,
        windowName: '基线窗口',
        serviceName: '基线业务',
        text: `请${number}号到${windowId}号窗口办理`,
        at,
        recall: false,
        seq: ++seq,
      });
      hallExtras('call', windowId, at);
      return send(res, 200, { ticket: { number }, why: null });
    }
    const done = { number: `F${id}`, windowId, status: 'done', finishedAt: at };
    nsp.emit('ticket', { ticket: hallFanout ? { ...done, pad: TICKET_PAD } : done, seq: ++seq });
    hallExtras('finish', windowId, at);
    return send(res, 200, { ticket: { number: `F${id}` }, autoCalled: null });
  } catch (err) {
    send(res, 500, { code: 'INTERNAL', message: String(err) });
  }
}

http.listen(Number(values.port), values.host, () => {
  const { port } = http.address() as AddressInfo;
  process.stdout.write(`baseline listening http://${values.host}:${port}\n`);
});

const stop = () => {
  nsp.disconnectSockets(true);
  io.close(); // closes the HTTP server too
  db.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
