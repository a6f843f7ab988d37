/**
 * 预计等候时间: the minutes until a waiting ticket is called, for the kiosk, the ticket's status
 * page and the service list. Pure: a function of the state, the config, the hours and `now`.
 *
 * How it estimates:
 * 1. A **typical handling time** per service: the windows' time per ticket (call → 办结, 过号 or
 *    转移) over the service's most recent handlings today, weighted toward the recent, with the
 *    service's configured target time (限时办结) as the prior that carries the estimate before
 *    the first finish and fades as handlings come in. One handling counts for at most a few
 *    targets, so a forgotten 办结 cannot skew the day.
 * 2. The **open windows** (staffed, not paused) that may call the ticket, each free when its
 *    current customer is expected to be done (typical time minus time already spent, at least a
 *    share of it), never during the lunch break. During the break (or before opening), a staffed
 *    window counts from the next opening even if paused.
 * 3. A **replay of the queue**: the earliest-free window calls its next ticket in the order of
 *    `queue-order.ts` (the one place that decides who is next; eligibility as `eligibleAt`, the
 *    starvation guard left out) and is busy for that ticket's typical time; repeat until the
 *    ticket in question is called. So a window serving several services shares its capacity
 *    between their queues exactly as it will call them, and a ticket at position k waits for the
 *    k before it and for the windows to free up.
 *
 * null when no open window may call the ticket (none staffed, all paused, or only 预约专窗 for
 * a walk-in ticket). People who arrive later with a higher priority are not foreseen.
 */
import { UNTOUCHED_TICKET, localDate, localToMs, toIsoLocal, type HallConfig } from '@hall/shared';
import type { HallHours } from './hall-hours.js';
import type { HallState, TicketRecord } from './hall-state.js';
import { compareTickets } from './queue-order.js';

export const WAIT_MODEL = {
  /** Handlings of a service that count toward its typical time: the most recent of today. */
  recentHandlings: 12,
  /** Weight of the i-th most recent handling (0 = newest): decay^i. */
  decay: 0.85,
  /** How many handlings the configured target time is worth once handlings exist. */
  priorWeight: 0.5,
  /** A customer already past the typical time is expected to need at least this share of it more. */
  minRemainingShare: 0.25,
  /** One handling counts for at most this many target times. */
  maxTargetMultiple: 3,
} as const;

const MINUTE = 60_000;

/** Typical window time per ticket (minutes) of every service, from today's handlings. */
export function typicalMinutes(state: HallState, config: HallConfig): Map<string, number> {
  // Per service, the most recent handlings (newest first), kept short while scanning the day.
  const recent = new Map<string, { finished: number; minutes: number }[]>();
  for (const t of state.tickets.values()) {
    if (t.businessDate !== state.businessDate || !t.calledAt || !t.finishedAt) continue;
    if (t.status !== 'done' && t.status !== 'skipped' && t.status !== 'transferred') continue;
    const called = Date.parse(t.calledAt);
    const finished = Date.parse(t.finishedAt);
    if (!(finished >= called)) continue;
    let list = recent.get(t.serviceCode);
    if (!list) recent.set(t.serviceCode, (list = []));
    if (list.length === WAIT_MODEL.recentHandlings && finished <= list[list.length - 1]!.finished) continue;
    let i = list.length;
    while (i > 0 && list[i - 1]!.finished < finished) i--;
    list.splice(i, 0, { finished, minutes: (finished - called) / MINUTE });
    if (list.length > WAIT_MODEL.recentHandlings) list.pop();
  }
  const out = new Map<string, number>();
  for (const s of config.services) {
    const cap = s.targetMinutes * WAIT_MODEL.maxTargetMultiple;
    let weight = WAIT_MODEL.priorWeight;
    let sum = s.targetMinutes * WAIT_MODEL.priorWeight;
    (recent.get(s.code) ?? []).forEach((h, i) => {
      const w = WAIT_MODEL.decay ** i;
      weight += w;
      sum += w * Math.min(h.minutes, cap);
    });
    out.set(s.code, sum / weight);
  }
  return out;
}

/** A ticket in the replay: a real one, or one that would be taken now. */
type QueueItem = TicketRecord;

/** One queue in calling order: a service's untargeted tickets, or the tickets transferred to one window. */
class Lane {
  private head = 0;
  constructor(
    /** Indexes into the replay's item list, in QUEUE_ORDER. */
    readonly items: number[],
    /** Transferred to one window: that window calls them whatever its mode (as `eligibleAt`). */
    readonly targeted: boolean,
  ) {}
  /** The first ticket not yet called in the replay, or -1. */
  peek(taken: Uint8Array): number {
    while (this.head < this.items.length && taken[this.items[this.head]!]) this.head++;
    return this.head < this.items.length ? this.items[this.head]! : -1;
  }
}

interface ReplayWindow {
  order: number;
  appointmentOnly: boolean;
  lanes: Lane[];
  freeAt: number;
}

/**
 * Minutes until each target is called, by id (null: no open window may call it). Targets that
 * are not in the state's waiting list (a ticket that would be taken now) join the queue as the
 * newest arrivals and take no window time, so several of them do not delay each other.
 * Cost: O(n·(s + log w)) for n waiting tickets, w open windows of s services each.
 */
function replay(state: HallState, config: HallConfig, hours: HallHours, now: number, targets: readonly QueueItem[]): Map<string, number | null> {
  const typical = typicalMinutes(state, config);
  const items: QueueItem[] = [...state.waiting()];
  const real = items.length;
  for (const t of targets) if (state.tickets.get(t.id)?.status !== 'waiting') items.push(t);
  const handling = new Float64Array(items.length);
  // Lanes: the calling order within each is QUEUE_ORDER; a window calls the best of its lanes' heads.
  const byService = new Map<string, number[]>();
  const byWindow = new Map<string, number[]>();
  items.forEach((t, i) => {
    handling[i] = (typical.get(t.serviceCode) ?? 15) * MINUTE;
    const [map, key] = t.targetWindowId !== null ? [byWindow, t.targetWindowId] : [byService, t.serviceCode];
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  });
  const order = (a: number, b: number) => compareTickets(items[a]!, items[b]!);
  const serviceLanes = new Map([...byService].map(([code, list]) => [code, new Lane(list.sort(order), false)]));
  const windowLanes = new Map([...byWindow].map(([id, list]) => [id, new Lane(list.sort(order), true)]));

  const nextOpen = openingAdjuster(hours, now, config.hall.utcOffsetMinutes);
  // During the lunch break (or before opening) a window paused by its staff counts from the next opening.
  const betweenPeriods = nextOpen(now) > now;
  const heap = new WindowHeap();
  config.windows.forEach((cfg, index) => {
    const w = state.windows.get(cfg.id);
    if (!w || w.onDuty.length === 0 || (w.pause && !betweenPeriods)) return;
    // An automatic 预约办理 mode ends by itself once the appointments are served.
    const appointmentOnly = cfg.appointmentOnly || (w.mode === 'appointment' && !w.modeAuto);
    let freeAt = now;
    const cur = w.currentTicketId ? state.tickets.get(w.currentTicketId) : undefined;
    if (cur && (cur.status === 'called' || cur.status === 'serving') && cur.calledAt) {
      const m = (typical.get(cur.serviceCode) ?? 15) * MINUTE;
      freeAt = now + Math.max(m - (now - Date.parse(cur.calledAt)), m * WAIT_MODEL.minRemainingShare);
    }
    const own = [windowLanes.get(cfg.id), ...cfg.services.map((code) => serviceLanes.get(code))].filter((l): l is Lane => l !== undefined);
    if (own.length > 0) heap.push({ order: index, appointmentOnly, lanes: own, freeAt: nextOpen(freeAt) });
  });

  const result = new Map<string, number | null>(targets.map((t) => [t.id, null]));
  const wanted = new Set(targets.map((t) => t.id));
  const taken = new Uint8Array(items.length);
  while (wanted.size > 0) {
    const w = heap.pop();
    if (!w) break;
    // The window's next ticket: the best head among its lanes (a 预约 window: appointments only,
    // which stand at the head of their lanes when there are any).
    let best = -1;
    for (const lane of w.lanes) {
      const i = lane.peek(taken);
      if (i < 0 || (w.appointmentOnly && !lane.targeted && items[i]!.priority !== 'appointment')) continue;
      if (best < 0 || compareTickets(items[i]!, items[best]!) < 0) best = i;
    }
    if (best < 0) continue; // nothing left it may call: it leaves the replay
    taken[best] = 1;
    if (wanted.delete(items[best]!.id)) result.set(items[best]!.id, Math.max(0, Math.round((w.freeAt - now) / MINUTE)));
    // A ticket that would be taken now is only a marker: it takes no window time.
    if (best < real) w.freeAt = nextOpen(w.freeAt + handling[best]!);
    heap.push(w);
  }
  return result;
}

/** Open windows by the time they are free (then by their order in the config). */
class WindowHeap {
  private readonly a: ReplayWindow[] = [];
  private less(x: ReplayWindow, y: ReplayWindow): boolean {
    return x.freeAt < y.freeAt || (x.freeAt === y.freeAt && x.order < y.order);
  }
  push(w: ReplayWindow): void {
    const a = this.a;
    a.push(w);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): ReplayWindow | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

/** Moves an instant inside the lunch break (or before opening) to the next opening; after closing, 延时服务 goes on. */
function openingAdjuster(hours: HallHours, now: number, offset: number): (ms: number) => number {
  const date = localDate(now, offset);
  const spans = hours.periods(date).map(([a, b]) => [localToMs(date, a, offset), localToMs(date, b, offset)] as const);
  return (ms) => {
    for (const [start, end] of spans) {
      if (ms < start) return start;
      if (ms < end) return ms;
    }
    return ms;
  };
}

/** Minutes until this waiting ticket is called; null when it is not waiting or no open window may call it. */
export function estimateTicketWait(state: HallState, config: HallConfig, hours: HallHours, now: number, t: TicketRecord): number | null {
  if (t.status !== 'waiting') return null;
  return replay(state, config, hours, now, [t]).get(t.id) ?? null;
}

/** Per service: minutes until a normal ticket taken now would be called (null: no open window serves it). */
export function estimateNewTicketWaits(state: HallState, config: HallConfig, hours: HallHours, now: number): Map<string, number | null> {
  const issuedAt = toIsoLocal(now, config.hall.utcOffsetMinutes);
  const markers = config.services.map((s): QueueItem => ({
    id: `\u0000new:${s.code}`,
    number: '',
    serviceCode: s.code,
    priority: 'normal',
    status: 'waiting',
    businessDate: state.businessDate,
    issuedAt,
    ...UNTOUCHED_TICKET,
    channel: 'kiosk',
    // After every real arrival (ties between these fall to the id).
    queueKey: Number.MAX_SAFE_INTEGER,
  }));
  const waits = replay(state, config, hours, now, markers);
  return new Map(config.services.map((s, i) => [s.code, waits.get(markers[i]!.id) ?? null]));
}
