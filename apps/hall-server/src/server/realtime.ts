/**
 * Socket.io namespace `/hall`: authenticated by device key or staff token; every committed
 * broadcast goes to every client with its hall-wide `seq`. A client that connects with
 * `auth.lastSeq` (or later sends `resume {lastSeq}`) first receives what it missed, in order;
 * a new client, or one too far behind, receives a `snapshot`.
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

  queue.onPublish((stored) => {
    for (const b of stored) (nsp.emit as (ev: string, payload: unknown) => boolean)(b.name, { ...b.payload, seq: b.seq });
  });

  return {
    io,
    nsp,
    close: () => new Promise((resolve) => void io.close(() => resolve())),
  };
}

function emitStored(socket: HallSocket, b: StoredBroadcast): void {
  (socket.emit as (ev: string, payload: unknown) => boolean)(b.name, { ...b.payload, seq: b.seq });
}
