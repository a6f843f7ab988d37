/**
 * The notification outbox. Messages are rows written in the same transaction as the change that
 * causes them (a booking, a cancellation, a no-show), so none is lost; a dispatcher sends the due
 * ones, records each success, and retries failures with exponential backoff. Combined with a
 * sender that is idempotent by message id, each message is delivered exactly once, also across
 * restarts.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../storage/database.js';
import { stepBackoff } from './backoff.js';
import { startPassLoop } from './pass-loop.js';
import type { OutgoingMessage, SmsSender } from './sms-sender.js';

export interface NewMessage {
  kind: string;
  recipient: string;
  body: string;
  /** Same key → the message is queued once (e.g. `reminder:<appointment id>`). */
  dedupeKey?: string;
}

const backoff = stepBackoff([5_000, 30_000, 120_000, 600_000, 1_800_000]);

export class Outbox {
  private readonly insert;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.insert = db.prepare(
      'INSERT INTO outbox (id, kind, recipient, body, dedupe_key, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(dedupe_key) DO NOTHING',
    );
  }

  /** Queues a message; call inside the transaction of the change that causes it. */
  enqueue(m: NewMessage): void {
    this.insert.run(randomUUID(), m.kind, m.recipient, m.body, m.dedupeKey ?? null, new Date(this.now()).toISOString(), this.now());
  }

  pending(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL').get() as { n: number }).n;
  }

  /** Sends every due message once; returns how many were sent. Failures wait for their backoff. */
  async dispatch(sender: SmsSender, limit = 50): Promise<number> {
    const due = this.db
      .prepare('SELECT id, kind, recipient, body, attempts FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?')
      .all(this.now(), limit) as (OutgoingMessage & { attempts: number })[];
    let sent = 0;
    for (const m of due) {
      try {
        await sender.send({ id: m.id, kind: m.kind, recipient: m.recipient, body: m.body });
        this.db.prepare('UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?').run(new Date(this.now()).toISOString(), m.id);
        sent++;
      } catch (e) {
        const wait = backoff(m.attempts + 1);
        this.db.prepare('UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?').run(this.now() + wait, String(e).slice(0, 500), m.id);
      }
    }
    return sent;
  }
}

/** Runs the dispatcher every `everyMs`, one pass at a time. */
export function startDispatcher(outbox: Outbox, sender: SmsSender, everyMs = 2000): { stop(): Promise<void> } {
  return startPassLoop(() => outbox.dispatch(sender), everyMs);
}
