/**
 * The platform outbox's bookkeeping for voided ratings and retention, on a real SQLite file:
 * migration 9 keeps a version-8 outbox as it was; a cancelled delivery is neither sent nor re-sent;
 * a failed one no longer holds back the prune; a prune takes the events with their deliveries and
 * remembers where it cut.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, type Db } from './database.js';
import { MIGRATIONS } from './migrations.js';
import { PlatformStore } from './platform-store.js';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hall-platform-store-'));
  db = new Database(join(dir, 'hall.sqlite'));
  db.pragma('foreign_keys = ON');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T10:00:00.000+08:00`;

/** seq n: a ticket event on day n, with deliveries to `city` and (for a rating) `rating-upload`. */
function journal(store: PlatformStore, days: number[]): void {
  days.forEach((day, i) => {
    const kind = i === 1 ? 'rating.submitted' : 'ticket.issued';
    const seq = store.appendEvent({ id: `e${i + 1}`, kind, at: at(day), subject: i === 1 ? 'r-1' : `t${i + 1}`, auditId: i + 1, data: {} as never });
    store.enqueue({ id: `city-${seq}`, target: 'city', eventSeq: seq, eventId: `e${seq}`, kind, body: '{}', now: 0 });
    if (kind === 'rating.submitted') store.enqueue({ id: `up-${seq}`, target: 'rating-upload', eventSeq: seq, eventId: `e${seq}`, kind, body: '{}', now: 0 });
  });
}

describe('platform store', () => {
  it('migration 9 rebuilds the outbox with its rows as they were', () => {
    for (let v = 0; v < 8; v++) db.exec(MIGRATIONS[v]!);
    db.pragma('user_version = 8');
    journal(new PlatformStore(db), [1, 2]);
    db.prepare("UPDATE platform_deliveries SET state = 'delivered', attempts = 2, delivered_at = 5, last_error = 'x', last_error_at = 4 WHERE id = 'city-1'").run();
    const before = db.prepare('SELECT * FROM platform_deliveries ORDER BY id').all();
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare('SELECT * FROM platform_deliveries ORDER BY id').all()).toEqual(before);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('platform_deliveries', 'platform_events')").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['platform_deliveries_queue', 'platform_deliveries_errors', 'platform_deliveries_event', 'platform_events_subject']));
  });

  it('finds a rating’s upload; a cancelled one is never the head, not counted pending, not re-sent by retry-failed', () => {
    migrate(db);
    const store = new PlatformStore(db);
    journal(store, [1, 2, 3]);
    expect(store.uploadOfRating('r-1')).toEqual({ id: 'up-2', state: 'pending', attempts: 0 });
    expect(store.uploadOfRating('r-unknown')).toBeNull();
    store.markFailedAttempt('up-2', 10, 'HTTP 503', { giveUp: true, nextAttemptAt: 20 });
    store.cancel('up-2');
    expect(store.uploadOfRating('r-1')).toMatchObject({ state: 'cancelled', attempts: 1 });
    expect(store.retryFailed(30)).toBe(0);
    expect(store.headOf('rating-upload')).toBeNull();
    expect(store.counts().find((c) => c.target === 'rating-upload')).toMatchObject({ pending: 0, failed: 0, cancelled: 1 });
    store.markDelivered('city-1', 40);
    store.cancel('city-1'); // a delivered one stays delivered
    expect(store.counts().find((c) => c.target === 'city')).toMatchObject({ delivered: 1, cancelled: 0 });
  });

  it('the first undelivered seq counts pending deliveries of the receivers named, not failed ones', () => {
    migrate(db);
    const store = new PlatformStore(db);
    journal(store, [1, 2, 3, 4]);
    expect(store.firstUndelivered(['city', 'rating-upload'])).toBe(1);
    store.markDelivered('city-1', 1);
    store.markFailedAttempt('city-2', 1, 'HTTP 500', { giveUp: true, nextAttemptAt: 2 });
    expect(store.firstUndelivered(['city'])).toBe(3);
    expect(store.firstUndelivered(['city', 'rating-upload'])).toBe(2);
    expect(store.firstUndelivered(['gone'])).toBeNull();
  });

  it('a prune deletes events with their deliveries, remembers the cut, and the journal’s last seq survives it', () => {
    migrate(db);
    const store = new PlatformStore(db);
    journal(store, [1, 2, 3, 4]);
    expect(store.prunedThrough()).toBeNull();
    expect(store.prune(3, at(3))).toBe(3);
    expect(store.oldestEvents(10)).toEqual([{ seq: 4, at: at(4) }]);
    expect((db.prepare('SELECT event_seq FROM platform_deliveries').all() as { event_seq: number }[]).map((r) => r.event_seq)).toEqual([4]);
    expect(store.prunedThrough()).toEqual({ seq: 3, at: at(3) });
    expect(store.prune(4, at(4))).toBe(1);
    expect(store.journal()).toEqual({ events: 0, lastSeq: 4 });
    expect(store.uploadOfRating('r-1')).toBeNull(); // pruned with its event
    const seq = store.appendEvent({ id: 'e5', kind: 'ticket.issued', at: at(5), subject: 't5', auditId: 5, data: {} as never });
    expect(seq).toBe(5); // numbering goes on: a cursor never points at a reused seq
  });
});
