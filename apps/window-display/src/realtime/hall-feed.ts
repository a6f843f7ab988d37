/**
 * The live link of a screen (or any client) to the hall: a socket.io connection to `/hall` that
 * reconnects by itself, resumes from the last `seq` it saw (so nothing is missed or applied
 * twice), and says when what it shows may be out of date. Framework-free; React reads it with
 * `useFeed`.
 *
 * Staleness: a closed connection is reported at once. A link that goes silent without closing
 * (a cable pulled somewhere between) is caught by a watchdog: the server pings at a fixed
 * interval (5 s today) whatever else it sends, so a ping later than that interval (as measured
 * between pings) plus a margin means the link is gone; the feed then says so and reconnects
 * without waiting for socket.io's own ping timeout (pingInterval + pingTimeout = 6 s).
 */
import type { AlertEvent, AppointmentArrivedEvent, CallEvent, HallClientEvents, HallServerEvents, RatingEvent, UpdateEvent } from '@hall/shared';
import { io, type Socket } from 'socket.io-client';
import { fromSnapshot, receive, type HallEvent, type HallView } from './hall-view.js';

/** `connecting`: no hall state yet; `live`: connected and current; `stale`: shown data may be old. */
export type Connection = 'connecting' | 'live' | 'stale' | 'unauthorized';

export interface FeedState {
  view: HallView | null;
  connection: Connection;
  /** When the link was lost (ms since epoch), while stale. */
  staleSince: number | null;
}

export interface HallFeedOptions {
  /** Device key or staff token. */
  token: string;
  /** Server origin; the page's own by default. */
  origin?: string;
}

/** A numbered event as `onEvent` hands it on: those the view folds in, and `appointment-arrived` (which only counts in `seq`). */
export type FeedEvent = HallEvent | { name: 'appointment-arrived'; payload: AppointmentArrivedEvent };

const KNOWN_EVENTS = new Set(['hello', 'call', 'update', 'alert', 'rating', 'appointment-arrived', 'snapshot', 'error-message']);

/** Until two pings have been seen: the hall server's pingInterval. */
const DEFAULT_PING_INTERVAL_MS = 3000;
/** How late a ping may be (a busy server) before the link counts as lost. */
const SILENCE_MARGIN_MS = 1500;

export class HallFeed {
  private state: FeedState = { view: null, connection: 'connecting', staleSince: null };
  private readonly listeners = new Set<() => void>();
  private readonly socket: Socket<HallServerEvents, HallClientEvents>;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private pingInterval = DEFAULT_PING_INTERVAL_MS;
  private lastPingAt = 0;
  private resumeAskedAt = 0;
  private closed = false;
  /** Hall clock minus this device's clock, and the hall's UTC offset, from the last `hello`. */
  private skewMs = 0;
  private offsetMinutes = -new Date().getTimezoneOffset();
  private readonly callListeners = new Set<(call: CallEvent) => void>();
  private readonly eventListeners = new Set<(ev: FeedEvent) => void>();
  private readonly configListeners = new Set<() => void>();

  constructor(opts: HallFeedOptions) {
    // `auth` as a function is called on every (re)connect: the server replays what came after lastSeq.
    this.socket = io(`${opts.origin ?? ''}/hall`, {
      auth: (cb) => cb(this.state.view ? { token: opts.token, lastSeq: this.state.view.seq } : { token: opts.token }),
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
      // A connection attempt into a dead link gives up soon, so the next one can succeed.
      timeout: 5000,
    });
    const s = this.socket;
    s.on('connect', () => {
      this.lastPingAt = 0;
      this.expectPing();
      this.set({ connection: this.state.view ? 'live' : 'connecting', staleSince: null });
    });
    s.on('disconnect', (reason) => {
      clearTimeout(this.watchdog);
      this.lost();
      // A server that closes the socket (shutdown, restart) is not retried by socket.io itself.
      if (reason === 'io server disconnect') setTimeout(() => this.closed || s.connect(), 1000);
    });
    s.on('connect_error', (err) => {
      if (err.message === 'unauthorized') this.set({ connection: 'unauthorized' });
      else this.lost();
    });
    s.io.on('ping', () => {
      const now = Date.now();
      if (this.lastPingAt) this.pingInterval = Math.min(Math.max(now - this.lastPingAt, 1000), 60_000);
      this.lastPingAt = now;
      this.expectPing();
    });
    s.on('hello', (hello) => {
      const at = Date.parse(hello.at);
      if (Number.isFinite(at)) this.skewMs = at - Date.now();
      const tz = /([+-])(\d\d):(\d\d)$/.exec(hello.at);
      if (tz) this.offsetMinutes = (tz[1] === '-' ? -1 : 1) * (Number(tz[2]) * 60 + Number(tz[3]));
    });
    s.on('snapshot', (snap) => {
      // A snapshot after the first one: this screen was too far behind for a replay, and may have
      // missed a `complete` update (a new config) among what it missed.
      const again = this.state.view !== null;
      this.set({ view: fromSnapshot(snap), connection: 'live', staleSince: null });
      if (again) this.configChanged();
    });
    s.on('call', (payload: CallEvent) => this.receive({ name: 'call', payload }));
    s.on('update', (payload: UpdateEvent) => this.receive({ name: 'update', payload }));
    s.on('alert', (payload: AlertEvent) => this.receive({ name: 'alert', payload }));
    s.on('rating', (payload: RatingEvent) => this.receive({ name: 'rating', payload }));
    s.on('appointment-arrived', (payload: AppointmentArrivedEvent) => this.receive({ name: 'other', payload: { seq: payload.seq } }, { name: 'appointment-arrived', payload }));
    // A numbered event this client does not know still takes its place in the sequence.
    s.onAny((name: string, payload: unknown) => {
      if (KNOWN_EVENTS.has(name)) return;
      const seq = (payload as { seq?: unknown } | null)?.seq;
      if (typeof seq === 'number') this.receive({ name: 'other', payload: { seq } });
    });
  }

  readonly getState = (): FeedState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The hall's time now (its clock may differ from this device's, e.g. a simulated day). */
  serverNow(): number {
    return Date.now() + this.skewMs;
  }

  /** Minutes since midnight in the hall's time zone, now (quiet hours). */
  serverMinuteOfDay(): number {
    return Math.floor((this.serverNow() / 60_000 + this.offsetMinutes) % 1440 + 1440) % 1440;
  }

  /** Called for each call (or recall) as it is folded in, live or replayed after a reconnect. */
  onCall(listener: (call: CallEvent) => void): () => void {
    this.callListeners.add(listener);
    return () => this.callListeners.delete(listener);
  }

  /** Called for each numbered event as it is folded in, live or replayed, in `seq` order (never twice). */
  onEvent(listener: (ev: FeedEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /**
   * Called when the hall config in force may have changed (立即生效): after a `complete` update is
   * folded in, or a later snapshot replaces the view. What a page read from the config at load
   * (its name, notice, voice policy) is to be read again — see usePageConfig.
   */
  onConfigChange(listener: () => void): () => void {
    this.configListeners.add(listener);
    return () => this.configListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.watchdog);
    this.socket.close();
  }

  private receive(ev: HallEvent, told: FeedEvent = ev): void {
    if (!this.state.view) return; // the snapshot is on its way
    const { view, gap } = receive(this.state.view, ev);
    if (gap) {
      if (Date.now() - this.resumeAskedAt > 2000) {
        this.resumeAskedAt = Date.now();
        this.socket.emit('resume', { lastSeq: this.state.view.seq });
      }
      return;
    }
    if (view !== this.state.view) {
      this.set({ view });
      if (ev.name === 'call') for (const l of this.callListeners) l(ev.payload);
      for (const l of this.eventListeners) l(told);
      if (ev.name === 'update' && ev.payload.complete) this.configChanged();
    }
  }

  private configChanged(): void {
    for (const l of this.configListeners) l();
  }

  /** The server pings on a fixed schedule whatever else it sends: expect the next ping. */
  private expectPing(): void {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      if (!this.socket.connected) return;
      this.lost();
      this.socket.disconnect().connect();
    }, this.pingInterval + SILENCE_MARGIN_MS);
  }

  private lost(): void {
    if (this.state.connection === 'unauthorized') return;
    this.set({ connection: 'stale', staleSince: this.state.staleSince ?? Date.now() });
  }

  private set(patch: Partial<FeedState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}
