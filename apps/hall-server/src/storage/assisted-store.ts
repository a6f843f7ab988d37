/**
 * Persistence of assisted services (帮办代办, 上门服务, 特事特办, 投诉): whole records as JSON with
 * their keys indexed; writes run inside the caller's transaction, with the change's audit row.
 */
import { AssistedState, isOpen, type AssistedCase, type AssistedChanges, type AssistedKind } from '../core/assisted/index.js';
import type { Db } from './database.js';
import { EventLog } from './event-log.js';

export class AssistedStore {
  private readonly upsert;
  private readonly events: EventLog;

  constructor(private readonly db: Db) {
    this.upsert = db.prepare(
      'INSERT INTO assisted_cases (id, no, kind, date, status, open, json) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET status = excluded.status, open = excluded.open, json = excluded.json',
    );
    this.events = EventLog.of(db);
  }

  /** Every record still open, whatever its age, and every record from `sinceDate` on. */
  load(sinceDate: string): AssistedState {
    const rows = this.db.prepare('SELECT json FROM assisted_cases WHERE open = 1 OR date >= ?').all(sinceDate) as { json: string }[];
    return AssistedState.of(rows.map((r) => JSON.parse(r.json) as AssistedCase));
  }

  /** Records of a kind that arrived between two hall-local dates (inclusive), from the database, in 登记号 order. */
  between(kind: AssistedKind, fromDate: string, toDate: string): AssistedCase[] {
    const rows = this.db.prepare('SELECT json FROM assisted_cases WHERE kind = ? AND date BETWEEN ? AND ? ORDER BY no').all(kind, fromDate, toDate) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as AssistedCase);
  }

  write(changes: AssistedChanges): void {
    for (const c of changes.cases) this.upsert.run(c.id, c.no, c.kind, c.date, c.status, isOpen(c) ? 1 : 0, JSON.stringify(c));
    if (changes.log) this.events.append(changes.log);
  }
}
