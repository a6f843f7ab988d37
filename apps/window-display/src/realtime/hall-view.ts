/**
 * What a screen knows of the hall: the last snapshot with every later event folded in, in `seq`
 * order. Pure functions, no socket and no framework, so every client (screens, kiosk, console)
 * can reuse them and tests can drive them directly.
 */
import type { Alert, AlertEvent, CallEvent, RatingEvent, ServiceView, SnapshotEvent, Ticket, UpdateEvent, WindowView } from '@hall/shared';

/** How many calls a screen keeps (the hall screen lists them). */
export const RECENT_CALLS = 10;

export interface HallView {
  /** The seq of the last event folded in: what to send as `lastSeq` on reconnect. */
  seq: number;
  /** Hall time of the last snapshot or update. */
  at: string;
  windows: WindowView[];
  services: ServiceView[];
  /** Newest first, one entry per ticket (a recall moves it back to the top). */
  recentCalls: CallEvent[];
  alerts: Alert[];
  /**
   * Per window, the last ticket finished there since this view began (the evaluation pad asks
   * about it). Empty after a snapshot: a page that reloads does not ask about old episodes.
   */
  finished: Record<string, Ticket>;
  /**
   * Tickets whose episode has been answered on a pad (rated or not rated), newest last. Only
   * clients that see a rating whole fill it (managers, the window's own display): everyone else
   * is sent the `rating` event without its ticket (who rated is not theirs to know).
   */
  answered: string[];
  /** The seq of the last `rating` event folded in (0 since the snapshot): changes with every answer. */
  ratingSeq: number;
}

/** How many answered episodes a view remembers (a pad only needs the last few). */
const ANSWERED_KEPT = 50;

/**
 * Every numbered event. `other` is one this client does not know (a newer server): it still
 * counts in `seq`, so that it does not look like a gap.
 */
export type HallEvent =
  | { name: 'call'; payload: CallEvent }
  | { name: 'update'; payload: UpdateEvent }
  | { name: 'alert'; payload: AlertEvent }
  | { name: 'rating'; payload: RatingEvent }
  | { name: 'other'; payload: { seq: number } };

export function fromSnapshot(s: SnapshotEvent): HallView {
  const recentCalls = s.recentCalls.reduce<CallEvent[]>((list, call) => pushCall(list, call), []);
  return { seq: s.seq, at: s.at, windows: s.windows, services: s.services, recentCalls, alerts: s.alerts, finished: {}, answered: [], ratingSeq: 0 };
}

/**
 * Folds in one event if it is the next one. `gap` means events were missed (ask the server to
 * resume from `view.seq`); an event already seen is ignored, so a replay never applies twice.
 */
export function receive(view: HallView, ev: HallEvent): { view: HallView; gap: boolean } {
  const seq = ev.payload.seq;
  if (seq <= view.seq) return { view, gap: false };
  if (seq > view.seq + 1) return { view, gap: true };
  return { view: apply({ ...view, seq }, ev), gap: false };
}

function apply(view: HallView, ev: HallEvent): HallView {
  switch (ev.name) {
    case 'call':
      return { ...view, recentCalls: pushCall(view.recentCalls, ev.payload) };
    case 'update': {
      const { windows, services, at, tickets, complete } = ev.payload;
      const done = tickets.filter((t) => t.status === 'done' && t.windowId);
      return {
        ...view,
        at,
        // `complete` (a new hall config took effect): the lists are whole, in the config's order.
        windows: complete ? windows : mergeBy(view.windows, windows, (w) => w.id),
        services: complete && services ? services : services ? mergeBy(view.services, services, (s) => s.code) : view.services,
        finished: done.length > 0 ? { ...view.finished, ...Object.fromEntries(done.map((t) => [t.windowId!, t])) } : view.finished,
      };
    }
    case 'rating': {
      const id = ev.payload.ticketId;
      if (!id) return { ...view, ratingSeq: ev.payload.seq };
      return { ...view, ratingSeq: ev.payload.seq, answered: [...view.answered.filter((x) => x !== id), id].slice(-ANSWERED_KEPT) };
    }
    case 'other':
      return view;
    case 'alert': {
      const { alert, raised } = ev.payload;
      const others = view.alerts.filter((a) => a.key !== alert.key);
      return { ...view, alerts: raised ? [...others, alert] : others };
    }
  }
}

function pushCall(list: CallEvent[], call: CallEvent): CallEvent[] {
  return [call, ...list.filter((c) => c.ticketId !== call.ticketId)].slice(0, RECENT_CALLS);
}

/** Replaces the items whose key changed, keeping the order; new keys go at the end. */
function mergeBy<T>(list: T[], changed: T[], key: (item: T) => string): T[] {
  if (changed.length === 0) return list;
  const byKey = new Map(changed.map((c) => [key(c), c]));
  const merged = list.map((item) => {
    const next = byKey.get(key(item));
    byKey.delete(key(item));
    return next ?? item;
  });
  return [...merged, ...byKey.values()];
}
