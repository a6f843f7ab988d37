/**
 * Persistence of 好差评 answers and the finished episodes they are counted against, and of their
 * follow-up (issue #6 item 3): 差评 cases, appeals, the rating's status, the monthly 评选 entries.
 * Every write of the follow-up runs inside the caller's transaction with its audit row; the audit
 * rows carry `ratingCases` / `ratingAppeals` / `ratingStatus` / `awardEntries`, never `ratings`
 * (that key means a new answer to the 政务服务平台 tap).
 */
import type { Rating } from '@hall/shared';
import type { Actor } from '../core/index.js';
import type { AwardEntry, Episode, RatingAppeal, RatingCase, RatingStatus } from '../core/ratings/index.js';
import type { Db } from './database.js';
import { EventLog } from './event-log.js';

/** Filters of the manager's ratings list (business dates inclusive). */
export interface RatingFilter {
  from: string;
  to: string;
  windowId?: string;
  staffNo?: string;
  department?: string;
  level?: number;
  bad?: boolean;
  withCaseNo?: boolean;
  status?: RatingStatus | 'all';
  limit: number;
}

/** A rating with its status, its ticket's ID number and phone (unmasked: the caller masks or drops them). */
export interface RatingRow {
  rating: Rating;
  status: RatingStatus;
  idNumber: string | null;
  phone: string | null;
}

export interface CaseFilter {
  status?: RatingCase['status'];
  from?: string;
  to?: string;
}

const parse = <T>(rows: { json: string }[]): T[] => rows.map((r) => JSON.parse(r.json) as T);

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
      .prepare(
        "SELECT id, window_id, staff_no FROM tickets WHERE business_date BETWEEN ? AND ? AND status = 'done' AND window_id IS NOT NULL AND id NOT IN (SELECT ticket_id FROM ratings WHERE status = 'void')",
      )
      .all(from, to) as { id: string; window_id: string; staff_no: string | null }[];
    return rows.map((r) => ({ ticketId: r.id, windowId: r.window_id, staffNo: r.staff_no, department: departmentOf(r.window_id) }));
  }

  // ---------------------------------------------------------------- the rating's status and list

  ratingById(id: string): { rating: Rating; status: RatingStatus } | null {
    const r = this.db.prepare('SELECT json, status FROM ratings WHERE id = ?').get(id) as { json: string; status: RatingStatus } | undefined;
    return r ? { rating: JSON.parse(r.json) as Rating, status: r.status } : null;
  }

  /** Ratings with a level (not the pads that timed out), newest first. */
  list(f: RatingFilter): RatingRow[] {
    const where = ['r.business_date BETWEEN @from AND @to', 'r.level IS NOT NULL'];
    if (f.windowId) where.push('r.window_id = @windowId');
    if (f.staffNo) where.push('r.staff_no = @staffNo');
    if (f.department) where.push('r.department = @department');
    if (f.level !== undefined) where.push('r.level = @level');
    if (f.bad !== undefined) where.push(f.bad ? 'r.level <= 2' : 'r.level > 2');
    if (f.withCaseNo !== undefined) where.push(f.withCaseNo ? "COALESCE(json_extract(r.json, '$.caseNo'), '') <> ''" : "COALESCE(json_extract(r.json, '$.caseNo'), '') = ''");
    if (f.status && f.status !== 'all') where.push('r.status = @status');
    const rows = this.db
      .prepare(
        `SELECT r.json, r.status, t.id_number, t.phone FROM ratings r LEFT JOIN tickets t ON t.id = r.ticket_id
         WHERE ${where.join(' AND ')} ORDER BY json_extract(r.json, '$.ratedAt') DESC, r.rowid DESC LIMIT @limit`,
      )
      .all({
        from: f.from,
        to: f.to,
        windowId: f.windowId ?? null,
        staffNo: f.staffNo ?? null,
        department: f.department ?? null,
        level: f.level ?? null,
        status: f.status ?? null,
        limit: f.limit,
      }) as { json: string; status: RatingStatus; id_number: string | null; phone: string | null }[];
    return rows.map((r) => ({ rating: JSON.parse(r.json) as Rating, status: r.status, idNumber: r.id_number, phone: r.phone }));
  }

  /** A staff member's own ratings (with a level), newest first. */
  ofStaff(staffNo: string, from: string, to: string): { rating: Rating; status: RatingStatus }[] {
    const rows = this.db
      .prepare("SELECT json, status FROM ratings WHERE staff_no = ? AND business_date BETWEEN ? AND ? AND level IS NOT NULL ORDER BY json_extract(json, '$.ratedAt') DESC, rowid DESC")
      .all(staffNo, from, to) as { json: string; status: RatingStatus }[];
    return rows.map((r) => ({ rating: JSON.parse(r.json) as Rating, status: r.status }));
  }

  /** Valid 差评 without a case (answers recorded before cases existed). */
  badWithoutCase(): Rating[] {
    return parse<Rating>(
      this.db.prepare("SELECT r.json FROM ratings r LEFT JOIN rating_cases c ON c.rating_id = r.id WHERE r.level <= 2 AND r.status = 'valid' AND c.id IS NULL ORDER BY r.business_date").all() as {
        json: string;
      }[],
    );
  }

  /**
   * In the caller's transaction: the rating counts again ('valid') or no longer ('void'). The
   * audit row's `after` carries the rating record, so the 政务服务平台 tap can report which
   * rating (with its 办件编号) was voided.
   */
  setStatus(ratingId: string, status: RatingStatus, actor: Actor, at: string, why: unknown): void {
    const before = this.db.prepare('SELECT status, json FROM ratings WHERE id = ?').get(ratingId) as { status: string; json: string } | undefined;
    this.db.prepare('UPDATE ratings SET status = ? WHERE id = ?').run(status, ratingId);
    EventLog.of(this.db).append({
      type: status === 'void' ? 'rating.void' : 'rating.restore',
      actor,
      at,
      subject: ratingId,
      input: why,
      before: { ratingStatus: [{ id: ratingId, status: before?.status ?? null }] },
      after: { ratingStatus: [{ id: ratingId, status, ...(before ? { rating: JSON.parse(before.json) as Rating } : {}) }] },
    });
  }

  // ---------------------------------------------------------------- 差评 cases

  /** In the caller's transaction, with its audit row (`type`: rating.case.open, .settle, .rectify, .callback, .withdraw). */
  saveCase(c: RatingCase, before: RatingCase | null, type: string, actor: Actor, at: string, input: unknown): void {
    this.db
      .prepare(
        `INSERT INTO rating_cases (id, rating_id, business_date, status, due_date, json) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET status = excluded.status, due_date = excluded.due_date, json = excluded.json`,
      )
      .run(c.id, c.ratingId, c.businessDate, c.status, c.dueDate, JSON.stringify(c));
    EventLog.of(this.db).append({ type, actor, at, subject: c.id, input, before: { ratingCases: before ? [before] : [] }, after: { ratingCases: [c] } });
  }

  caseById(id: string): RatingCase | null {
    const r = this.db.prepare('SELECT json FROM rating_cases WHERE id = ?').get(id) as { json: string } | undefined;
    return r ? (JSON.parse(r.json) as RatingCase) : null;
  }

  caseOfRating(ratingId: string): RatingCase | null {
    const r = this.db.prepare('SELECT json FROM rating_cases WHERE rating_id = ?').get(ratingId) as { json: string } | undefined;
    return r ? (JSON.parse(r.json) as RatingCase) : null;
  }

  cases(f: CaseFilter): RatingCase[] {
    const where = ['1 = 1'];
    if (f.status) where.push('status = @status');
    if (f.from) where.push('business_date >= @from');
    if (f.to) where.push('business_date <= @to');
    return parse<RatingCase>(
      this.db
        .prepare(`SELECT json FROM rating_cases WHERE ${where.join(' AND ')} ORDER BY (status = 'closed'), due_date, json_extract(json, '$.openedAt')`)
        .all({ status: f.status ?? null, from: f.from ?? null, to: f.to ?? null }) as { json: string }[],
    );
  }

  /** Cases still waiting for their rectification after `today` passed their deadline. */
  overdueCases(today: string): RatingCase[] {
    return parse<RatingCase>(this.db.prepare("SELECT json FROM rating_cases WHERE status = 'open' AND due_date < ? ORDER BY due_date").all(today) as { json: string }[]);
  }

  // ---------------------------------------------------------------- appeals

  saveAppeal(a: RatingAppeal, before: RatingAppeal | null, type: string, actor: Actor, at: string, input: unknown): void {
    this.db
      .prepare(
        `INSERT INTO rating_appeals (id, rating_id, staff_no, status, filed_at, json) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET status = excluded.status, json = excluded.json`,
      )
      .run(a.id, a.ratingId, a.staffNo, a.status, a.filedAt, JSON.stringify(a));
    EventLog.of(this.db).append({ type, actor, at, subject: a.id, input, before: { ratingAppeals: before ? [before] : [] }, after: { ratingAppeals: [a] } });
  }

  appealById(id: string): RatingAppeal | null {
    const r = this.db.prepare('SELECT json FROM rating_appeals WHERE id = ?').get(id) as { json: string } | undefined;
    return r ? (JSON.parse(r.json) as RatingAppeal) : null;
  }

  appealOfRating(ratingId: string): RatingAppeal | null {
    const r = this.db.prepare('SELECT json FROM rating_appeals WHERE rating_id = ?').get(ratingId) as { json: string } | undefined;
    return r ? (JSON.parse(r.json) as RatingAppeal) : null;
  }

  /** Pending first, then newest first. */
  appeals(f: { staffNo?: string; status?: RatingAppeal['status'] }): RatingAppeal[] {
    const where = ['1 = 1'];
    if (f.staffNo) where.push('staff_no = @staffNo');
    if (f.status) where.push('status = @status');
    return parse<RatingAppeal>(
      this.db
        .prepare(`SELECT json FROM rating_appeals WHERE ${where.join(' AND ')} ORDER BY (status <> 'pending'), filed_at DESC`)
        .all({ staffNo: f.staffNo ?? null, status: f.status ?? null }) as { json: string }[],
    );
  }

  // ---------------------------------------------------------------- 服务之星 entries

  awardEntries(month: string): AwardEntry[] {
    return parse<AwardEntry>(this.db.prepare('SELECT json FROM award_entries WHERE month = ? ORDER BY staff_no').all(month) as { json: string }[]);
  }

  saveAwardEntry(e: AwardEntry, actor: Actor): void {
    const before = this.db.prepare('SELECT json FROM award_entries WHERE month = ? AND staff_no = ?').get(e.month, e.staffNo) as { json: string } | undefined;
    this.db
      .prepare('INSERT INTO award_entries (month, staff_no, json) VALUES (?, ?, ?) ON CONFLICT(month, staff_no) DO UPDATE SET json = excluded.json')
      .run(e.month, e.staffNo, JSON.stringify(e));
    EventLog.of(this.db).append({
      type: 'award.entry',
      actor,
      at: e.at,
      subject: `${e.month}:${e.staffNo}`,
      input: { image: e.image, conduct: e.conduct, ability: e.ability, note: e.note },
      before: { awardEntries: before ? [JSON.parse(before.json) as AwardEntry] : [] },
      after: { awardEntries: [e] },
    });
  }
}
