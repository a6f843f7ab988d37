/**
 * 预约签到提醒 at a desk, as a pure reducer: an `appointment-arrived` naming this window adds a
 * notice (newest first); it goes when the ticket stops waiting (called here or anywhere, cancelled,
 * transferred away — each comes as a `call` or an `update` carrying the ticket) or when staff
 * dismiss it. A notice is shown only once the window's queue, as read from the server, has held
 * the ticket: an arrival replayed after a reconnect whose ticket has meanwhile left the queue
 * never shows, and one that drops out of a later reading of the queue goes.
 */
import type { AppointmentArrivedEvent } from '@hall/shared';
import type { FeedEvent } from '../realtime/index.js';

/** How many notices a desk keeps (the rest are in the queue anyway). */
export const NOTICES_KEPT = 20;
/** How many a desk shows; it counts the others. */
export const NOTICES_SHOWN = 3;

export interface ArrivalNotice {
  ticketId: string;
  ticketNumber: string;
  serviceCode: string;
  serviceName: string;
  /** Hall time of the check-in. */
  at: string;
  /** The window's queue, read from the server, has held the ticket. */
  confirmed: boolean;
}

export interface NoticeState {
  windowId: string;
  /** Newest first. */
  notices: ArrivalNotice[];
  /** Ids of the tickets in the latest reading of the window's queue (null before the first). */
  waiting: ReadonlySet<string> | null;
}

export type NoticeAction =
  | { type: 'event'; ev: FeedEvent }
  /** A new reading of the window's queue (GET /api/windows/{id}/queue), newer than the last. */
  | { type: 'queue'; ticketIds: readonly string[] }
  | { type: 'dismiss'; ticketId: string };

export function initialNotices(windowId: string): NoticeState {
  return { windowId, notices: [], waiting: null };
}

export function noticeReducer(state: NoticeState, action: NoticeAction): NoticeState {
  switch (action.type) {
    case 'dismiss':
      return without(state, (n) => n.ticketId === action.ticketId);
    case 'queue': {
      const waiting = new Set(action.ticketIds);
      // Held by this reading: confirmed. Confirmed before but not held now: it has left the queue.
      const notices = state.notices.filter((n) => waiting.has(n.ticketId) || !n.confirmed).map((n) => (n.confirmed || !waiting.has(n.ticketId) ? n : { ...n, confirmed: true }));
      return { ...state, notices, waiting };
    }
    case 'event':
      return foldEvent(state, action.ev);
  }
}

function foldEvent(state: NoticeState, ev: FeedEvent): NoticeState {
  switch (ev.name) {
    case 'appointment-arrived':
      return arrived(state, ev.payload);
    case 'call':
      return without(state, (n) => n.ticketId === ev.payload.ticketId);
    case 'update': {
      const gone = new Set(ev.payload.tickets.filter((t) => t.status !== 'waiting').map((t) => t.id));
      const moved = new Map(ev.payload.tickets.map((t) => [t.id, t.serviceCode]));
      return without(state, (n) => gone.has(n.ticketId) || (moved.has(n.ticketId) && moved.get(n.ticketId) !== n.serviceCode));
    }
    default:
      return state;
  }
}

function arrived(state: NoticeState, e: AppointmentArrivedEvent): NoticeState {
  if (!e.windowIds.includes(state.windowId) || state.notices.some((n) => n.ticketId === e.ticketId)) return state;
  const notice: ArrivalNotice = {
    ticketId: e.ticketId,
    ticketNumber: e.ticketNumber,
    serviceCode: e.serviceCode,
    serviceName: e.serviceName,
    at: e.at,
    // The last reading of the queue may already hold it (it was read after the check-in).
    confirmed: state.waiting?.has(e.ticketId) ?? false,
  };
  return { ...state, notices: [notice, ...state.notices].slice(0, NOTICES_KEPT) };
}

function without(state: NoticeState, drop: (n: ArrivalNotice) => boolean): NoticeState {
  const notices = state.notices.filter((n) => !drop(n));
  return notices.length === state.notices.length ? state : { ...state, notices };
}

/** The notices a desk shows, newest first, and how many more there are. */
export function visibleNotices(state: NoticeState): { shown: ArrivalNotice[]; more: number } {
  const confirmed = state.notices.filter((n) => n.confirmed);
  return { shown: confirmed.slice(0, NOTICES_SHOWN), more: Math.max(0, confirmed.length - NOTICES_SHOWN) };
}
