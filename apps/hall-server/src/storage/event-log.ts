/**
 * The audit log (`events`): one row per committed change — queue transitions, appointment
 * transitions, ratings — written inside the change's own transaction by whichever store commits
 * it. It is the one place every change of the hall passes through with its records before and
 * after, so features that must see every change (the 政务服务平台 journal) tap it here: a tap runs
 * synchronously inside the same transaction, so what it writes commits or rolls back with the change.
 */
import type { Actor } from '../core/index.js';
import type { Db } from './database.js';

export interface AuditEntry {
  type: string;
  actor: Actor;
  at: string;
  subject: string;
  input: unknown;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** Called inside the change's transaction with the row's id; a tap that throws undoes the change. */
export type AuditTap = (entry: AuditEntry, eventId: number) => void;

const logs = new WeakMap<Db, EventLog>();

export class EventLog {
  private readonly insert;
  private readonly taps: AuditTap[] = [];

  private constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO events (at, type, actor_kind, actor_id, subject, input, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  }

  /** The log of one database connection: every store that commits changes on it shares it. */
  static of(db: Db): EventLog {
    let log = logs.get(db);
    if (!log) logs.set(db, (log = new EventLog(db)));
    return log;
  }

  /** Writes the audit row and runs the taps; call inside the change's transaction. */
  append(e: AuditEntry): number {
    const id = Number(this.insert.run(e.at, e.type, e.actor.kind, e.actor.id, e.subject, JSON.stringify(e.input ?? {}), JSON.stringify(e.before), JSON.stringify(e.after)).lastInsertRowid);
    for (const tap of this.taps) tap(e, id);
    return id;
  }

  /** Sees every change from now on; returns the way to stop. */
  tap(t: AuditTap): () => void {
    this.taps.push(t);
    return () => {
      const i = this.taps.indexOf(t);
      if (i >= 0) this.taps.splice(i, 1);
    };
  }
}
