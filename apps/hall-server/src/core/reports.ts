/**
 * 统计报表: a period's figures per service or per window, computed from its tickets (pure; the
 * route reads the tickets of the period's dates and hands them here).
 *
 * Definitions (also in `ReportRow`'s field comments):
 * - issued: tickets the service gave out that period — not a transfer-in (it keeps the original
 *   issue), not a ticket voided on its own day (the kiosk voids a ticket that never printed).
 * - called / served / skipped: tickets called, finished (`done`), left as 过号 — final states, so
 *   a skipped ticket that came back and was finished counts once, as served. The day's rollover
 *   turns what was left (过号, called but never started, still waiting) into `cancelled` with the
 *   next day's time: such a ticket that had been called and never started counts as 过号 for ever.
 * - wait: issue → call (a re-queued ticket: issue → the call that followed), transfer-ins left out.
 * - p90 wait: nearest rank — sort the n waits, take the ⌈0.9·n⌉-th; at least 90% of people waited
 *   no longer. One wait → that wait; none → null.
 * - service time: 开始办理 → 办结; when the window finished without pressing 开始, call → 办结.
 * - 限时办结 compliance: services finished within their own service's `targetMinutes`, over all
 *   services finished (a window serving several services is held to each ticket's own target).
 */
import type { HallConfig, ReportBy, ReportDay, ReportRange, ReportRow, Report } from '@hall/shared';
import { datesOf, localDate } from '@hall/shared';
import type { TicketRecord } from './hall-state.js';

const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

/**
 * Voided on its own day (not by the rollover, which cancels what the day left with the next day's time):
 * never called — the kiosk's 打印失败作废, or staff voiding a waiting ticket. Such a ticket was never
 * really given out: not issued in reports, and it gives its place under the daily cap back.
 */
export function voided(t: TicketRecord, offsetMinutes: number): boolean {
  return t.status === 'cancelled' && t.calledAt === null && (!t.finishedAt || localDate(Date.parse(t.finishedAt), offsetMinutes) === t.businessDate);
}

/** Left as 过号: skipped and not brought back, or (after the rollover) called and never started. */
export function leftSkipped(t: TicketRecord): boolean {
  return t.status === 'skipped' || (t.status === 'cancelled' && t.calledAt !== null && t.startedAt === null);
}

export function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
}

/** Nearest-rank 90th percentile: the ⌈0.9·n⌉-th smallest value; null for no values. */
export function p90(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return Math.round(sorted[Math.ceil(0.9 * sorted.length) - 1]!);
}

/** Issue → call of a ticket, in seconds; null when it was not called or is a transfer-in. */
export function waitSeconds(t: TicketRecord): number | null {
  return t.calledAt && t.channel !== 'transfer' ? seconds(t.issuedAt, t.calledAt) : null;
}

/** 开始办理 (or the call) → 办结 of a finished ticket, in seconds; null when it is not finished. */
export function serviceSeconds(t: TicketRecord): number | null {
  if (t.status !== 'done' || !t.finishedAt) return null;
  return seconds(t.startedAt ?? t.calledAt ?? t.issuedAt, t.finishedAt);
}

/** The figures of one group of tickets. `issued` is left to the caller (windows have none). */
function figures(key: string, name: string, tickets: readonly TicketRecord[], targetSeconds: (serviceCode: string) => number, countIssued: boolean, offsetMinutes: number): ReportRow {
  const waits = tickets.map(waitSeconds).filter((s): s is number => s !== null);
  const done = tickets.filter((t) => t.status === 'done' && t.finishedAt);
  const services = done.map((t) => serviceSeconds(t)!);
  const withinTarget = done.filter((t) => serviceSeconds(t)! <= targetSeconds(t.serviceCode)).length;
  return {
    key,
    name,
    issued: countIssued ? tickets.filter((t) => t.channel !== 'transfer' && !voided(t, offsetMinutes)).length : null,
    called: tickets.filter((t) => t.calledAt !== null).length,
    served: done.length,
    skipped: tickets.filter(leftSkipped).length,
    avgWaitSeconds: mean(waits),
    p90WaitSeconds: p90(waits),
    avgServiceSeconds: mean(services),
    withinTarget,
    compliance: done.length === 0 ? null : withinTarget / done.length,
  };
}

/**
 * The report of `range` from the tickets of its dates (tickets of other dates are ignored).
 * Rows: every configured service (or window) in config order, zeros included, then any code met
 * in the tickets that the config no longer has; `total` is the whole hall.
 */
export function buildReport(config: HallConfig, range: ReportRange, by: ReportBy, tickets: readonly TicketRecord[]): Report {
  const mine = tickets.filter((t) => t.businessDate >= range.from && t.businessDate <= range.to);
  const targets = new Map(config.services.map((s) => [s.code, s.targetMinutes * 60]));
  const target = (code: string) => targets.get(code) ?? 15 * 60;
  const offset = config.hall.utcOffsetMinutes;
  const groups: { key: string; name: string; tickets: TicketRecord[] }[] = [];
  if (by === 'service') {
    const known = new Set(config.services.map((s) => s.code));
    for (const s of config.services) groups.push({ key: s.code, name: s.name, tickets: mine.filter((t) => t.serviceCode === s.code) });
    for (const code of [...new Set(mine.map((t) => t.serviceCode))].filter((c) => !known.has(c)).sort()) {
      groups.push({ key: code, name: code, tickets: mine.filter((t) => t.serviceCode === code) });
    }
  } else {
    const known = new Set(config.windows.map((w) => w.id));
    for (const w of config.windows) groups.push({ key: w.id, name: `${w.no}号窗口 ${w.name}`, tickets: mine.filter((t) => t.windowId === w.id) });
    for (const id of [...new Set(mine.map((t) => t.windowId).filter((x): x is string => x !== null))].filter((x) => !known.has(x)).sort()) {
      groups.push({ key: id, name: id, tickets: mine.filter((t) => t.windowId === id) });
    }
  }
  const days: ReportDay[] = datesOf(range.from, range.to).map((date) => {
    const f = figures(date, date, mine.filter((t) => t.businessDate === date), target, true, offset);
    return { date, issued: f.issued!, served: f.served, skipped: f.skipped, avgWaitSeconds: f.avgWaitSeconds, compliance: f.compliance };
  });
  return {
    period: range.period,
    by,
    from: range.from,
    to: range.to,
    label: range.label,
    prev: range.prev,
    next: range.next,
    rows: groups.map((g) => figures(g.key, g.name, g.tickets, target, by === 'service', offset)),
    // The hall's total: windows call tickets, the hall issues them — the total always counts issues.
    total: figures('total', '合计', mine, target, true, offset),
    days,
  };
}
