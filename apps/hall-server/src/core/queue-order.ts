/**
 * The one place that decides who is next. Every queue view (call next, the waiting list on the
 * caller, "people ahead" on a ticket) orders tickets with QUEUE_ORDER, an ordered list of sort
 * keys; the starvation guard is the only exception and `pickNext` says when it applied.
 */
import { PRIORITY_NAMES, formatHhmm, localParts, type Priority, type WindowMode } from '@hall/shared';
import type { TicketRecord } from './hall-state.js';

export const PRIORITY_RANK: Record<Priority, number> = { appointment: 0, urgent: 1, green: 2, normal: 3 };

interface OrderKey {
  name: string;
  compare(a: TicketRecord, b: TicketRecord): number;
}

/** Highest priority class first; within a class, earliest arrival; then the ticket id as a stable tie-break. */
export const QUEUE_ORDER: readonly OrderKey[] = [
  { name: 'priority', compare: (a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] },
  { name: 'arrival', compare: (a, b) => a.queueKey - b.queueKey },
  { name: 'id', compare: (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) },
];

export function compareTickets(a: TicketRecord, b: TicketRecord): number {
  for (const key of QUEUE_ORDER) {
    const c = key.compare(a, b);
    if (c !== 0) return c;
  }
  return 0;
}

export interface WindowQueueView {
  id: string;
  services: readonly string[];
  mode: WindowMode;
  priorityStreak: number;
}

/** May this window call this waiting ticket? Tickets transferred to a window belong to it alone. */
export function eligibleAt(w: WindowQueueView, t: TicketRecord): boolean {
  if (t.status !== 'waiting') return false;
  if (t.targetWindowId !== null) return t.targetWindowId === w.id;
  if (!w.services.includes(t.serviceCode)) return false;
  return w.mode === 'appointment' ? t.priority === 'appointment' : true;
}

export interface Pick {
  ticket: TicketRecord;
  /** Why this ticket, in words for the caller's screen. */
  why: string;
  guardApplied: boolean;
}

/**
 * The next ticket for a window, or null. `maxPriorityInRow` is the starvation guard: after that
 * many priority calls in a row (in normal mode), the earliest normal ticket goes first.
 */
export function pickNext(
  waiting: Iterable<TicketRecord>,
  w: WindowQueueView,
  maxPriorityInRow: number | null,
  offsetMinutes: number,
): Pick | null {
  let best: TicketRecord | null = null;
  let bestNormal: TicketRecord | null = null;
  for (const t of waiting) {
    if (!eligibleAt(w, t)) continue;
    if (best === null || compareTickets(t, best) < 0) best = t;
    if (t.priority === 'normal' && (bestNormal === null || compareTickets(t, bestNormal) < 0)) bestNormal = t;
  }
  if (best === null) return null;
  const guard =
    w.mode === 'normal' &&
    maxPriorityInRow !== null &&
    best.priority !== 'normal' &&
    bestNormal !== null &&
    w.priorityStreak >= maxPriorityInRow;
  if (guard) {
    return {
      ticket: bestNormal!,
      why: `已连续呼叫${w.priorityStreak}个优先号，按防插队规则先叫普通号（${arrivalText(bestNormal!, offsetMinutes)}）`,
      guardApplied: true,
    };
  }
  return { ticket: best, why: explain(best, w.mode, offsetMinutes), guardApplied: false };
}

/** The window's waiting list in calling order (without the guard, which depends on history). */
export function orderedQueue(waiting: Iterable<TicketRecord>, w: WindowQueueView): TicketRecord[] {
  return [...waiting].filter((t) => eligibleAt(w, t)).sort(compareTickets);
}

/** How many tickets of the same service stand before this one in calling order. */
export function countAhead(waiting: Iterable<TicketRecord>, t: TicketRecord): number {
  let n = 0;
  for (const o of waiting) {
    if (o.id === t.id || o.status !== 'waiting') continue;
    const sameQueue = t.targetWindowId !== null ? o.targetWindowId === t.targetWindowId : o.serviceCode === t.serviceCode && o.targetWindowId === null;
    if (sameQueue && compareTickets(o, t) < 0) n++;
  }
  return n;
}

export function explain(t: TicketRecord, mode: WindowMode, offsetMinutes: number): string {
  const parts: string[] = [];
  if (mode === 'appointment') parts.push('预约办理模式');
  if (t.targetWindowId !== null) parts.push('转本窗口办理');
  parts.push(t.priority === 'normal' ? '普通号' : `${PRIORITY_NAMES[t.priority]}优先`);
  parts.push(arrivalText(t, offsetMinutes));
  return parts.join(' · ');
}

function arrivalText(t: TicketRecord, offsetMinutes: number): string {
  const requeued = t.requeuedAt !== null;
  const at = formatHhmm(localParts(requeued ? t.queueKey : Date.parse(t.issuedAt), offsetMinutes).minuteOfDay);
  return requeued ? `过号重排（排位 ${at}）` : `${at} 取号，同级中最早`;
}
