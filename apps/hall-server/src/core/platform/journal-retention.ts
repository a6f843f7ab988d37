/**
 * How long the 政务服务平台 journal keeps an event (`platform.journalRetentionDays`) and which of
 * the oldest events may go. The journal is pruned from its old end only, so what is kept is always
 * an unbroken run of seqs: a paged reader whose cursor falls before it is told so (CURSOR_EXPIRED)
 * rather than silently skipped past what was pruned. An event goes once it is older than the
 * retention and no configured receiver still has to be sent it (each has had it delivered, or gave
 * up after its last attempt); the first event that is too young or still undelivered stops the run.
 * Pure: the shell reads the oldest events and the first undelivered seq, and deletes what this allows.
 */
import { parseInstant } from '@hall/shared';

const DAY_MS = 86_400_000;

/** One of the journal's oldest events: its seq and its hall-local time (ISO 8601 with offset). */
export interface JournalHead {
  seq: number;
  at: string;
}

/** Events that happened before this instant (epoch ms) are past the retention. */
export function retentionCutoff(nowMs: number, retentionDays: number): number {
  return nowMs - retentionDays * DAY_MS;
}

/** Is this event past the retention? */
export function isExpired(e: JournalHead, cutoffMs: number): boolean {
  return parseInstant(e.at) < cutoffMs;
}

/**
 * The last seq that may be pruned, or null for none. `oldest` are the journal's oldest events in
 * seq order (a batch); `firstUndelivered` is the lowest seq any configured receiver (webhook
 * endpoint or the 好差评 upload) has still pending, or null when every delivery is through.
 */
export function prunableThrough(oldest: readonly JournalHead[], cutoffMs: number, firstUndelivered: number | null): number | null {
  let last: number | null = null;
  for (const e of oldest) {
    if (firstUndelivered !== null && e.seq >= firstUndelivered) break;
    if (!isExpired(e, cutoffMs)) break;
    last = e.seq;
  }
  return last;
}

/** Is a paged read from `after` one that would skip pruned events? (`prunedThrough`: the last seq pruned, 0 if none.) */
export function cursorExpired(after: number, prunedThrough: number): boolean {
  return after < prunedThrough;
}
