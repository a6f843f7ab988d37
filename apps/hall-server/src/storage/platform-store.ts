/**
 * Persistence of the 政务服务平台 integration: the journal of platform events (`platform_events`,
 * its `seq` is the order and the paged API's cursor) and the delivery outbox
 * (`platform_deliveries`, one row per event per receiver). Appends run inside the transaction of
 * the change that causes them; delivery bookkeeping runs after each attempt.
 */
import { RATING_UPLOAD_TARGET, type PlatformEventData, type PlatformEventKind } from '@hall/shared';
import type { JournalHead } from '../core/platform/index.js';
import type { Db } from './database.js';

/** `meta` key: the last journal seq pruned and its time (`{"seq","at"}`); absent until the first prune. */
const PRUNED_KEY = 'platform.prunedThrough';

/** Where the journal was cut: events up to `seq` (at or before `at`) are gone. */
export interface PrunedMark {
  seq: number;
  at: string;
}

/** A rating's 好差评 upload in the outbox. */
export interface UploadRow {
  id: string;
  state: 'pending' | 'delivered' | 'failed' | 'cancelled';
  attempts: number;
}

export interface JournalRow {
  seq: number;
  id: string;
  kind: PlatformEventKind;
  at: string;
  subject: string;
  data: PlatformEventData;
}

export interface DeliveryRow {
  id: string;
  target: string;
  eventSeq: number;
  eventId: string;
  kind: string;
  body: string;
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
}

export interface TargetCounts {
  target: string;
  pending: number;
  retrying: number;
  failed: number;
  delivered: number;
  cancelled: number;
  oldestPendingAt: number | null;
  nextAttemptAt: number | null;
  lastDeliveredAt: number | null;
}

export interface LastError {
  target: string;
  at: number;
  message: string;
  eventId: string;
  kind: string;
  attempts: number;
  state: 'pending' | 'delivered' | 'failed' | 'cancelled';
}

export class PlatformStore {
  private readonly insertEvent;
  private readonly insertDelivery;
  private readonly head;
  private readonly delivered;
  private readonly failedAttempt;

  constructor(private readonly db: Db) {
    this.insertEvent = db.prepare('INSERT INTO platform_events (id, kind, at, subject, audit_id, data) VALUES (?, ?, ?, ?, ?, ?)');
    this.insertDelivery = db.prepare(
      'INSERT INTO platform_deliveries (id, target, event_seq, event_id, kind, body, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(target, event_seq) DO NOTHING',
    );
    this.head = db.prepare(
      "SELECT id, target, event_seq AS eventSeq, event_id AS eventId, kind, body, attempts, next_attempt_at AS nextAttemptAt, created_at AS createdAt FROM platform_deliveries WHERE target = ? AND state = 'pending' ORDER BY event_seq LIMIT 1",
    );
    this.delivered = db.prepare("UPDATE platform_deliveries SET state = 'delivered', attempts = attempts + 1, last_attempt_at = ?, delivered_at = ? WHERE id = ? AND state = 'pending'");
    this.failedAttempt = db.prepare(
      'UPDATE platform_deliveries SET state = ?, attempts = attempts + 1, last_attempt_at = ?, next_attempt_at = ?, last_error = ?, last_error_at = ? WHERE id = ? AND state = \'pending\'',
    );
  }

  /** Inside the change's transaction; returns the event's seq. */
  appendEvent(e: { id: string; kind: PlatformEventKind; at: string; subject: string; auditId: number; data: PlatformEventData }): number {
    return Number(this.insertEvent.run(e.id, e.kind, e.at, e.subject, e.auditId, JSON.stringify(e.data)).lastInsertRowid);
  }

  /** Inside the change's transaction: one delivery of an event to one receiver (a second is ignored). */
  enqueue(d: { id: string; target: string; eventSeq: number; eventId: string; kind: string; body: string; now: number }): void {
    this.insertDelivery.run(d.id, d.target, d.eventSeq, d.eventId, d.kind, d.body, d.now, d.now);
  }

  /** The oldest delivery of a receiver not yet delivered: deliveries to one receiver go in journal order. */
  headOf(target: string): DeliveryRow | null {
    return (this.head.get(target) as DeliveryRow | undefined) ?? null;
  }

  markDelivered(id: string, at: number): void {
    this.delivered.run(at, at, id);
  }

  /** A failed attempt: wait until `nextAttemptAt`, or give up (`failed`) when out of attempts. */
  markFailedAttempt(id: string, at: number, error: string, next: { giveUp: boolean; nextAttemptAt: number }): void {
    this.failedAttempt.run(next.giveUp ? 'failed' : 'pending', at, next.nextAttemptAt, error.slice(0, 500), at, id);
  }

  /** Deliveries that ran out of attempts go back in the queue (of one receiver, or all); returns how many. */
  retryFailed(now: number, target?: string): number {
    const sql = `UPDATE platform_deliveries SET state = 'pending', attempts = 0, next_attempt_at = ? WHERE state = 'failed'${target === undefined ? '' : ' AND target = ?'}`;
    return this.db.prepare(sql).run(...(target === undefined ? [now] : [now, target])).changes;
  }

  /** Journal events after `seq`, oldest first, optionally only some kinds (SQL LIKE patterns). */
  eventsAfter(seq: number, limit: number, kindLikes?: readonly string[]): JournalRow[] {
    const filter = kindLikes && kindLikes.length > 0 ? ` AND (${kindLikes.map(() => 'kind LIKE ?').join(' OR ')})` : '';
    const rows = this.db
      .prepare(`SELECT seq, id, kind, at, subject, data FROM platform_events WHERE seq > ?${filter} ORDER BY seq LIMIT ?`)
      .all(seq, ...(kindLikes ?? []), limit) as (Omit<JournalRow, 'data'> & { data: string })[];
    return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as PlatformEventData }));
  }

  /**
   * The 好差评 upload of a rating (queued with its `rating.submitted` event), or null: never queued
   * (not uploaded by the config, or the platform was off), or pruned with the journal.
   */
  uploadOfRating(ratingId: string): UploadRow | null {
    return (
      (this.db
        .prepare(
          `SELECT d.id, d.state, d.attempts FROM platform_events e JOIN platform_deliveries d ON d.event_seq = e.seq AND d.target = ?
           WHERE e.subject = ? AND e.kind = 'rating.submitted' ORDER BY e.seq LIMIT 1`,
        )
        .get(RATING_UPLOAD_TARGET, ratingId) as UploadRow | undefined) ?? null
    );
  }

  /** Inside the change's transaction: a delivery not yet through is never to be sent (nor re-sent by retry-failed). */
  cancel(id: string): void {
    this.db.prepare("UPDATE platform_deliveries SET state = 'cancelled' WHERE id = ? AND state IN ('pending', 'failed')").run(id);
  }

  /** The oldest journal events (seq order), at most `limit`. */
  oldestEvents(limit: number): JournalHead[] {
    return this.db.prepare('SELECT seq, at FROM platform_events ORDER BY seq LIMIT ?').all(limit) as JournalHead[];
  }

  /** The lowest seq any of `targets` still has to be sent (failed ones were given up), or null. */
  firstUndelivered(targets: readonly string[]): number | null {
    const q = this.db.prepare("SELECT MIN(event_seq) AS seq FROM platform_deliveries WHERE target = ? AND state = 'pending'");
    let first: number | null = null;
    for (const t of targets) {
      const r = q.get(t) as { seq: number | null };
      if (r.seq !== null && (first === null || r.seq < first)) first = r.seq;
    }
    return first;
  }

  /** Deletes the journal up to `seq` (inclusive) with every delivery of those events, in one transaction; returns how many events. */
  prune(seq: number, at: string): number {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM platform_deliveries WHERE event_seq <= ?').run(seq);
      const n = this.db.prepare('DELETE FROM platform_events WHERE seq <= ?').run(seq).changes;
      const before = this.prunedThrough();
      if (!before || seq > before.seq) {
        this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(PRUNED_KEY, JSON.stringify({ seq, at }));
      }
      return n;
    })();
  }

  /** The last seq pruned and its time, or null when nothing ever was. */
  prunedThrough(): PrunedMark | null {
    const r = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(PRUNED_KEY) as { value: string } | undefined;
    return r ? (JSON.parse(r.value) as PrunedMark) : null;
  }

  /** The journal's newest seq ever (0 before the first event), also when pruning emptied it. */
  lastSeq(): number {
    const r = this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'platform_events'").get() as { seq: number } | undefined;
    return r?.seq ?? 0;
  }

  journal(): { events: number; lastSeq: number } {
    const events = (this.db.prepare('SELECT COUNT(*) AS n FROM platform_events').get() as { n: number }).n;
    return { events, lastSeq: this.lastSeq() };
  }

  counts(): TargetCounts[] {
    return this.db
      .prepare(
        `SELECT target,
           SUM(state = 'pending') AS pending,
           SUM(state = 'pending' AND attempts > 0) AS retrying,
           SUM(state = 'failed') AS failed,
           SUM(state = 'delivered') AS delivered,
           SUM(state = 'cancelled') AS cancelled,
           MIN(CASE WHEN state = 'pending' THEN created_at END) AS oldestPendingAt,
           MIN(CASE WHEN state = 'pending' THEN next_attempt_at END) AS nextAttemptAt,
           MAX(delivered_at) AS lastDeliveredAt
         FROM platform_deliveries GROUP BY target ORDER BY target`,
      )
      .all() as TargetCounts[];
  }

  lastErrorOf(target: string): LastError | null {
    return (
      (this.db
        .prepare(
          `SELECT target, last_error_at AS at, last_error AS message, event_id AS eventId, kind, attempts, state FROM platform_deliveries
           WHERE target = ? AND last_error_at IS NOT NULL ORDER BY last_error_at DESC LIMIT 1`,
        )
        .get(target) as LastError | undefined) ?? null
    );
  }
}
