/** Persistence of 好差评 answers and the finished episodes they are counted against. */
import type { Rating } from '@hall/shared';
import type { Episode } from '../core/ratings/index.js';
import type { Db } from './database.js';
import { EventLog } from './event-log.js';

export class RatingStore {
  constructor(private readonly db: Db) {}

  /**
   * Inside the caller's transaction. The unique ticket_id refuses a second answer for an episode.
   * The audit row names the window's evaluation pad, never the person who rated.
   */
  insert(r: Rating): void {
    this.db
      .prepare('INSERT INTO ratings (id, ticket_id, business_date, window_id, staff_no, department, level, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(r.id, r.ticketId, r.businessDate, r.windowId, r.staffNo, r.department, r.level, JSON.stringify(r));
    EventLog.of(this.db).append({
      type: 'rating.record',
      actor: { kind: 'device', id: `pad:${r.windowId}`, name: '窗口评价器' },
      at: r.ratedAt,
      subject: r.ticketId,
      input: {},
      before: {},
      after: { ratings: [r] },
    });
  }

  /** The episode's answer, if it has one. */
  answerOf(ticketId: string): Rating | null {
    const r = this.db.prepare('SELECT json FROM ratings WHERE ticket_id = ?').get(ticketId) as { json: string } | undefined;
    return r ? (JSON.parse(r.json) as Rating) : null;
  }

  /** Answers of episodes finished from `from` to `to` (business dates, inclusive) that count in scores. */
  inPeriod(from: string, to: string): Rating[] {
    return (this.db.prepare("SELECT json FROM ratings WHERE business_date BETWEEN ? AND ? AND status = 'valid' ORDER BY business_date, id").all(from, to) as { json: string }[]).map(
      (r) => JSON.parse(r.json) as Rating,
    );
  }

  /** Service episodes finished at a window in the period: tickets that reached 办结. */
  episodes(from: string, to: string, departmentOf: (windowId: string) => string): Episode[] {
    const rows = this.db
      .prepare("SELECT id, window_id, staff_no FROM tickets WHERE business_date BETWEEN ? AND ? AND status = 'done' AND window_id IS NOT NULL")
      .all(from, to) as { id: string; window_id: string; staff_no: string | null }[];
    return rows.map((r) => ({ ticketId: r.id, windowId: r.window_id, staffNo: r.staff_no, department: departmentOf(r.window_id) }));
  }
}
