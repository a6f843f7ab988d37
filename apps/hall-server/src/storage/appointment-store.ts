/** Persistence of appointments, no-shows and bans; writes run inside the caller's transaction. */
import type { Appointment, AppointmentChanges, Ban, NoShowRecord } from '../core/appointments/index.js';
import { AppointmentState } from '../core/appointments/index.js';
import type { Outbox } from '../notifications/outbox.js';
import type { Db } from './database.js';
import { EventLog } from './event-log.js';

export class AppointmentStore {
  private readonly upsertAppointment;
  private readonly insertNoShow;
  private readonly upsertBan;
  private readonly events: EventLog;

  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
  ) {
    // Prepared once: compiling them per booking cost a tenth of the booking's time.
    this.upsertAppointment = db.prepare(
      'INSERT INTO appointments (id, code, service_code, date, id_number, status, json) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET status = excluded.status, json = excluded.json',
    );
    this.insertNoShow = db.prepare('INSERT INTO no_shows (id, id_number, date, json) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO NOTHING');
    this.upsertBan = db.prepare('INSERT INTO bans (id, id_number, until, json) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json');
    this.events = EventLog.of(db);
  }

  /**
   * Appointments from `fromDate` on, plus those of the days since `openSince` still waiting for a
   * check-in or an answer (a server switched off over a weekend must still record their no-shows);
   * no-shows since `noShowsSince`, and every ban not yet over.
   */
  load(fromDate: string, noShowsSince: string, openSince: string = fromDate): AppointmentState {
    const rows = <T>(sql: string, ...args: string[]) => (this.db.prepare(sql).all(...args) as { json: string }[]).map((r) => JSON.parse(r.json) as T);
    return AppointmentState.of({
      appointments: rows<Appointment>(
        "SELECT json FROM appointments WHERE date >= ? OR (date >= ? AND status IN ('booked', 'pending-approval'))",
        fromDate,
        openSince,
      ),
      noShows: rows<NoShowRecord>('SELECT json FROM no_shows WHERE date >= ?', noShowsSince),
      bans: rows<Ban>('SELECT json FROM bans WHERE until >= ?', noShowsSince),
    });
  }

  /**
   * Every appointment whose slot is between two hall-local dates (inclusive), from the database:
   * the register of a past week is there even though only recent days are held in memory.
   */
  between(fromDate: string, toDate: string, serviceCode?: string): Appointment[] {
    const sql = `SELECT json FROM appointments WHERE date BETWEEN ? AND ?${serviceCode === undefined ? '' : ' AND service_code = ?'}`;
    const args = serviceCode === undefined ? [fromDate, toDate] : [fromDate, toDate, serviceCode];
    return (this.db.prepare(sql).all(...args) as { json: string }[]).map((r) => JSON.parse(r.json) as Appointment);
  }

  /** Writes a change set: records, the audit row, and the notices into the outbox. */
  write(changes: AppointmentChanges): void {
    for (const a of changes.appointments) this.upsertAppointment.run(a.id, a.code, a.serviceCode, a.date, a.idNumber, a.status, JSON.stringify(a));
    for (const r of changes.noShows) this.insertNoShow.run(r.id, r.idNumber, r.date, JSON.stringify(r));
    for (const b of changes.bans) this.upsertBan.run(b.id, b.idNumber, b.until, JSON.stringify(b));
    if (changes.log) this.events.append(changes.log);
    for (const n of changes.notices) this.outbox.enqueue({ kind: n.kind, recipient: n.recipient, body: n.body, dedupeKey: n.dedupeKey });
  }
}
