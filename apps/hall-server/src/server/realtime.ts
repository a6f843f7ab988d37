/**
 * Socket.io namespace `/hall`: authenticated by device key or staff token; every committed
 * broadcast goes to every client with its hall-wide `seq`. A client that connects with
 * `auth.lastSeq` (or later sends `resume {lastSeq}`) first receives what it missed, in order;
 * a new client, or one too far behind, receives a `snapshot`.
 *
 * Who rated is for authorised roles only (HALL-RULES §4 Privacy, 004 第七条): the `rating` event
 * names the ticket (ticketId, ticketNumber) and its time, so it goes whole only to managers and
 * admins and to the display of the window rated (its evaluation pad closes on it). Every other
 * client — staff consoles (the rated staff member's own included), other windows' displays, the
 * hall screen, kiosks — gets a copy with the same `seq` that keeps only windowId, level and bad:
 * the sequence stays contiguous for everyone (HallFeed asks to resume on a gap, so leaving the
 * event out would be a gap it cannot close). Live, the two copies go to socket.io rooms
 * (`ratingRoomsOf` a principal vs `fullRatingRooms` of a window); the replay after `lastSeq`
 * applies the same two functions per socket (`ratingPayloadFor`).
 */
import { ResumeBody, type CallEvent, type HallClientEvents, type HallServerEvents, type SnapshotEvent } from '@hall/shared';
import type { Server as HttpServer } from 'node:http';
import { Server, type Namespace, type Socket } from 'socket.io';
import type { Accounts, Principal } from '../auth/accounts.js';
import { serviceViews, windowViews } from '../core/index.js';
import type { QueueService } from '../queue/queue-service.js';
import type { QueueStore, StoredBroadcast } from '../storage/queue-store.js';

/** More missed events than this and a snapshot is cheaper than the replay. */
const MAX_REPLAY = 2000;
const KEEP_BROADCASTS = 20_000;

type HallSocket = Socket<HallClientEvents, HallServerEvents, Record<string, never>, { principal: Principal }>;

/** Managers and admins see every rating event whole. */
const RATING_ALL_ROOM = 'rating:all';
const windowRoom = (windowId: string) => `rating:window:${windowId}`;

/** The rooms a client joins: which ratings it may see whole. */
export function ratingRoomsOf(p: Principal): string[] {
  if (p.kind === 'user' && (p.role === 'manager' || p.role === 'admin')) return [RATING_ALL_ROOM];
  if (p.kind === 'device' && p.role === 'window-display' && p.windowId) return [windowRoom(p.windowId)];
  return [];
}

/** The rooms that get a rating at `windowId` whole. */
export function fullRatingRooms(windowId: string): string[] {
  return [RATING_ALL_ROOM, windowRoom(windowId)];
}

/** The `rating` payload for everyone else: no ticket, no time. */
export function redactedRating(payload: Record<string, unknown>): Record<string, unknown> {
  return { windowId: payload.windowId, level: payload.level, bad: payload.bad };
}

/** What one client is sent of a stored broadcast's payload (the replay's side of the rule). */
export function ratingPayloadFor(p: Principal, payload: Record<string, unknown>): Record<string, unknown> {
  const full = fullRatingRooms(String(payload.windowId));
  return ratingRoomsOf(p).some((r) => full.includes(r)) ? payload : redactedRating(payload);
}

export interface Realtime {
  io: Server;
  nsp: Namespace<HallClientEvents, HallServerEvents>;
  close(): Promise<void>;
}

export function attachRealtime(http: HttpServer, accounts: Accounts, queue: QueueService, store: QueueStore): Realtime {
  store.pruneBroadcasts(KEEP_BROADCASTS);
  const io = new Server(http, { serveClient: false, maxHttpBufferSize: 64 * 1024, pingInterval: 3000, pingTimeout: 3000 });
  const nsp = io.of('/hall') as unknown as Namespace<HallClientEvents, HallServerEvents>;

  nsp.use((socket, next) => {
    const auth = socket.handshake.auth as Record<string, unknown> | undefined;
    const token = typeof auth?.token === 'string' ? auth.token : '';
    const principal = token ? accounts.resolve(token) : null;
    if (!principal) return next(new Error('unauthorized'));
    (socket as HallSocket).data.principal = principal;
    next();
  });

  const snapshot = (): SnapshotEvent => {
    const now = queue.clock.now();
    const recentCalls = store
      .broadcastsAfter(Math.max(0, store.lastSeq() - 500), 500)
      .filter((b) => b.name === 'call')
      .slice(-10)
      .map((b) => ({ ...(b.payload as unknown as CallEvent), seq: b.seq }));
    return {
      seq: store.lastSeq(),
      at: queue.nowIso(),
      windows: windowViews(queue.state, queue.config, queue.hours, now),
      services: serviceViews(queue.state, queue.config),
      recentCalls,
      alerts: queue.alerts(),
    };
  };

  const catchUp = (socket: HallSocket, lastSeq: number | null): void => {
    const latest = store.lastSeq();
    if (lastSeq === null || lastSeq > latest || latest - lastSeq > MAX_REPLAY || lastSeq < store.oldestSeq() - 1) {
      socket.emit('snapshot', snapshot());
      return;
    }
    for (const b of store.broadcastsAfter(lastSeq, MAX_REPLAY)) emitStored(socket, b);
  };

  nsp.on('connection', (raw) => {
    const socket = raw as unknown as HallSocket;
    // Joined before any replay or live event can reach it (one thread: nothing is emitted in between).
    for (const room of ratingRoomsOf(socket.data.principal)) void socket.join(room);
    const auth = socket.handshake.auth as Record<string, unknown>;
    const lastSeq = typeof auth.lastSeq === 'number' && Number.isInteger(auth.lastSeq) && auth.lastSeq >= 0 ? auth.lastSeq : null;
    // The hall's time first: a screen tells fresh calls from replayed ones by it (and a hall
    // running on --fake-clock is not a day off from the screen's own clock).
    socket.emit('hello', { at: queue.nowIso(), lastSeq: store.lastSeq() });
    catchUp(socket, lastSeq);
    socket.on('resume', (body: unknown) => {
      const r = ResumeBody.safeParse(body);
      if (!r.success) {
        socket.emit('error-message', { code: 'VALIDATION_FAILED', message: 'resume 的内容应为 {"lastSeq": 非负整数}' });
        return;
      }
      catchUp(socket, r.data.lastSeq);
    });
  });

  type Emit = (ev: string, payload: unknown) => boolean;
  queue.onPublish((stored) => {
    for (const b of stored) {
      if (b.name === 'rating') {
        // Each client gets exactly one copy of this seq: whole in the rooms, redacted outside them.
        const full = fullRatingRooms(String(b.payload.windowId));
        const whole = nsp.to(full);
        (whole.emit as Emit)(b.name, { ...b.payload, seq: b.seq });
        const rest = nsp.except(full);
        (rest.emit as Emit)(b.name, { ...redactedRating(b.payload), seq: b.seq });
      } else (nsp.emit as Emit)(b.name, { ...b.payload, seq: b.seq });
    }
  });

  return {
    io,
    nsp,
    close: () => new Promise((resolve) => void io.close(() => resolve())),
  };
}

function emitStored(socket: HallSocket, b: StoredBroadcast): void {
  const payload = b.name === 'rating' ? ratingPayloadFor(socket.data.principal, b.payload) : b.payload;
  (socket.emit as (ev: string, payload: unknown) => boolean)(b.name, { ...payload, seq: b.seq });
}
