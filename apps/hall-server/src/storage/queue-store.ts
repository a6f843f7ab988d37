/**
 * Persistence of the queue: loads the live state at start, and commits one transition's
 * changes (tickets, windows, counters, 延时服务 records, the event-log row and the numbered
 * broadcasts) in a single transaction.
 */
import type { OvertimeRecord, Ticket } from '@hall/shared';
import { HallState, newWindowRuntime, type Changes, type TicketRecord, type WindowRuntime } from '../core/index.js';
import type { Db } from './database.js';
import { EventLog } from './event-log.js';

interface TicketRow {
  id: string;
  business_date: string;
  number: string;
  service_code: string;
  priority: Ticket['priority'];
  status: Ticket['status'];
  issued_at: string;
  called_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  window_id: string | null;
  staff_no: string | null;
  target_window_id: string | null;
  transferred_from: string | null;
  channel: Ticket['channel'];
  id_number: string | null;
  phone: string | null;
  recall_count: number;
  requeued_at: string | null;
  case_no: string | null;
  appointment_id: string | null;
  queue_key: number;
}

export function rowToTicket(r: TicketRow): TicketRecord {
  return {
    id: r.id,
    number: r.number,
    serviceCode: r.service_code,
    priority: r.priority,
    status: r.status,
    businessDate: r.business_date,
    issuedAt: r.issued_at,
    calledAt: r.called_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    windowId: r.window_id,
    staffNo: r.staff_no,
    targetWindowId: r.target_window_id,
    transferredFrom: r.transferred_from,
    channel: r.channel,
    idNumber: r.id_number,
    phone: r.phone,
    recallCount: r.recall_count,
    requeuedAt: r.requeued_at,
    caseNo: r.case_no,
    appointmentId: r.appointment_id,
    queueKey: r.queue_key,
  };
}

export interface StoredBroadcast {
  seq: number;
  name: string;
  payload: Record<string, unknown>;
}

export class QueueStore {
  private readonly upsertTicket;
  private readonly upsertWindow;
  private readonly upsertCounter;
  private readonly insertOvertime;
  private readonly events: EventLog;
  private readonly insertBroadcast;
  private readonly setMeta;

  constructor(private readonly db: Db) {
    this.upsertTicket = db.prepare(`
      INSERT INTO tickets (id, business_date, number, service_code, priority, status, issued_at, called_at, started_at,
        finished_at, window_id, staff_no, target_window_id, transferred_from, channel, id_number, phone, recall_count,
        requeued_at, case_no, appointment_id, queue_key)
      VALUES (@id, @businessDate, @number, @serviceCode, @priority, @status, @issuedAt, @calledAt, @startedAt,
        @finishedAt, @windowId, @staffNo, @targetWindowId, @transferredFrom, @channel, @idNumber, @phone, @recallCount,
        @requeuedAt, @caseNo, @appointmentId, @queueKey)
      ON CONFLICT(id) DO UPDATE SET service_code = excluded.service_code, priority = excluded.priority,
        status = excluded.status, called_at = excluded.called_at, started_at = excluded.started_at,
        finished_at = excluded.finished_at, window_id = excluded.window_id, staff_no = excluded.staff_no,
        target_window_id = excluded.target_window_id, recall_count = excluded.recall_count,
        requeued_at = excluded.requeued_at,
        case_no = excluded.case_no, queue_key = excluded.queue_key`);
    this.upsertWindow = db.prepare('INSERT INTO windows_runtime (id, json) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json');
    this.upsertCounter = db.prepare(
      'INSERT INTO counters (business_date, prefix, value) VALUES (?, ?, ?) ON CONFLICT(business_date, prefix) DO UPDATE SET value = excluded.value',
    );
    this.insertOvertime = db.prepare(`
      INSERT INTO overtime_records (id, business_date, window_id, staff_no, ticket_id, ticket_number, service_code,
        closing_at, finished_at, minutes_past_closing)
      VALUES (@id, @businessDate, @windowId, @staffNo, @ticketId, @ticketNumber, @serviceCode, @closingAt, @finishedAt,
        @minutesPastClosing)`);
    this.events = EventLog.of(db);
    this.insertBroadcast = db.prepare('INSERT INTO broadcasts (name, payload, at) VALUES (?, ?, ?)');
    this.setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  }

  /** The live state: the stored business day's tickets, anything still live from before, windows, counters. */
  load(windows: readonly { id: string; appointmentOnly: boolean }[], fallbackDate: string): HallState {
    const meta = this.db.prepare("SELECT value FROM meta WHERE key = 'businessDate'").get() as { value: string } | undefined;
    const state = new HallState(meta?.value ?? fallbackDate);
    const rows = this.db
      .prepare("SELECT * FROM tickets WHERE business_date = ? OR status IN ('waiting', 'called', 'serving', 'skipped')")
      .all(state.businessDate) as TicketRow[];
    for (const r of rows) state.tickets.set(r.id, rowToTicket(r));
    const stored = new Map(
      (this.db.prepare('SELECT id, json FROM windows_runtime').all() as { id: string; json: string }[]).map((r) => [r.id, JSON.parse(r.json) as WindowRuntime]),
    );
    for (const w of windows) {
      const runtime = stored.get(w.id) ?? newWindowRuntime(w.id);
      // A 预约专窗 is in 预约办理 mode from its first day, also when a config change made it one.
      state.windows.set(w.id, w.appointmentOnly ? { ...runtime, mode: 'appointment', modeAuto: false } : runtime);
    }
    for (const r of this.db.prepare('SELECT prefix, value FROM counters WHERE business_date = ?').all(state.businessDate) as { prefix: string; value: number }[]) {
      state.counters.set(r.prefix, r.value);
    }
    return state;
  }

  /**
   * Writes one transition. `expand` turns each broadcast into its full payload; it runs inside
   * the transaction so that the stored seq order is the order clients receive.
   */
  commit(changes: Changes, broadcasts: { name: string; payload: Record<string, unknown> }[], at: string, alsoWrite?: () => void): StoredBroadcast[] {
    const out: StoredBroadcast[] = [];
    this.db.transaction(() => {
      alsoWrite?.();
      this.setMeta.run('businessDate', changes.businessDate);
      for (const t of changes.tickets) this.upsertTicket.run(t);
      for (const w of changes.windows) this.upsertWindow.run(w.id, JSON.stringify(w));
      for (const [prefix, value] of changes.counters) this.upsertCounter.run(changes.businessDate, prefix, value);
      for (const o of changes.overtime) this.insertOvertime.run(o);
      if (changes.log) this.events.append(changes.log);
      out.push(...this.insertBroadcasts(broadcasts, at));
    })();
    return out;
  }

  /**
   * Broadcasts not tied to a queue change (alerts, a window turning 空岗 at opening time), with
   * another feature's rows written in the same transaction (a rating and its `rating` event).
   */
  appendBroadcasts(broadcasts: { name: string; payload: Record<string, unknown> }[], at: string, alsoWrite?: () => void): StoredBroadcast[] {
    return this.db.transaction(() => {
      alsoWrite?.();
      return this.insertBroadcasts(broadcasts, at);
    })();
  }

  private insertBroadcasts(broadcasts: { name: string; payload: Record<string, unknown> }[], at: string): StoredBroadcast[] {
    return broadcasts.map((b) => ({ seq: Number(this.insertBroadcast.run(b.name, JSON.stringify(b.payload), at).lastInsertRowid), name: b.name, payload: b.payload }));
  }

  lastSeq(): number {
    const r = this.db.prepare('SELECT MAX(seq) AS seq FROM broadcasts').get() as { seq: number | null };
    return r.seq ?? 0;
  }

  /** Broadcasts after `seq`, oldest first, at most `limit`. */
  broadcastsAfter(seq: number, limit: number): StoredBroadcast[] {
    return (this.db.prepare('SELECT seq, name, payload FROM broadcasts WHERE seq > ? ORDER BY seq LIMIT ?').all(seq, limit) as { seq: number; name: string; payload: string }[]).map(
      (r) => ({ seq: r.seq, name: r.name, payload: JSON.parse(r.payload) as Record<string, unknown> }),
    );
  }

  oldestSeq(): number {
    const r = this.db.prepare('SELECT MIN(seq) AS seq FROM broadcasts').get() as { seq: number | null };
    return r.seq ?? 0;
  }

  /** Keeps the replay table to the last `keep` broadcasts. */
  pruneBroadcasts(keep: number): void {
    this.db.prepare('DELETE FROM broadcasts WHERE seq <= (SELECT MAX(seq) FROM broadcasts) - ?').run(keep);
  }

  ticket(id: string): TicketRecord | null {
    const r = this.db.prepare('SELECT * FROM tickets WHERE id = ?').get(id) as TicketRow | undefined;
    return r ? rowToTicket(r) : null;
  }

  ticketsOfDay(date: string): TicketRecord[] {
    return (this.db.prepare('SELECT * FROM tickets WHERE business_date = ? ORDER BY issued_at, id').all(date) as TicketRow[]).map(rowToTicket);
  }

  /**
   * Who issued a ticket: the actor the event log records for its `ticket.issue` (a device id for
   * a kiosk, a username for staff). Tickets do not carry it; the log row written with the ticket
   * does, at the same instant as `issuedAt`.
   */
  issuerOf(t: Pick<Ticket, 'id' | 'issuedAt'>): { kind: string; id: string } | null {
    const r = this.db
      .prepare(
        `SELECT actor_kind, actor_id FROM events WHERE at = ? AND type = 'ticket.issue'
           AND EXISTS (SELECT 1 FROM json_each(events.after, '$.tickets') j WHERE json_extract(j.value, '$.id') = ?)`,
      )
      .get(t.issuedAt, t.id) as { actor_kind: string; actor_id: string } | undefined;
    return r ? { kind: r.actor_kind, id: r.actor_id } : null;
  }

  overtimeOfDay(date: string): OvertimeRecord[] {
    return (this.db.prepare('SELECT * FROM overtime_records WHERE business_date = ? ORDER BY finished_at').all(date) as Record<string, unknown>[]).map((r) => ({
      id: r.id as string,
      businessDate: r.business_date as string,
      windowId: r.window_id as string,
      staffNo: r.staff_no as string | null,
      ticketId: r.ticket_id as string,
      ticketNumber: r.ticket_number as string,
      serviceCode: r.service_code as string,
      closingAt: r.closing_at as string,
      finishedAt: r.finished_at as string,
      minutesPastClosing: r.minutes_past_closing as number,
    }));
  }
}
