/**
 * The shell around the pure appointment engine: runs a transition, writes its records, audit row
 * and notices in one SQLite transaction, then levels the in-memory state. A check-in and the
 * queue ticket it becomes are committed together, so neither exists without the other.
 */
import { HallError, addDays, localDate, type Alert, type HallConfig } from '@hall/shared';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import {
  SYSTEM_ACTOR,
  issueTicket,
  type Actor,
  type Clock,
  type HallHours,
  type HolidayData,
  type TicketRecord,
  type WorkingCalendar,
} from '../core/index.js';
import {
  appointmentAlerts,
  applyAppointmentChanges,
  bookingCalendar,
  checkInOrVoid,
  registerOrder,
  sendReminders,
  sweepNoShows,
  type Appointment,
  type AppointmentContext,
  type AppointmentOutcome,
  type AppointmentState,
  type CheckInInput,
} from '../core/appointments/index.js';
import type { QueueService } from '../queue/queue-service.js';
import type { AppointmentStore } from '../storage/appointment-store.js';
import type { Db } from '../storage/database.js';
import { signQrToken, verifyQrToken } from './qr-token.js';

export type KioskCheckIn = { qrToken: string } | CheckInInput;

export class AppointmentService {
  state: AppointmentState;
  private readonly qrSecret: Buffer;
  private readonly calendar;

  constructor(
    private readonly config: HallConfig,
    private readonly hours: HallHours,
    calendar: WorkingCalendar,
    holidays: HolidayData | null,
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly store: AppointmentStore,
    private readonly queue: QueueService,
  ) {
    this.calendar = bookingCalendar(calendar, holidays);
    const today = localDate(clock.now(), config.hall.utcOffsetMinutes);
    // Open bookings of the last month too: days the server was off (a weekend, a holiday) still get their no-shows.
    this.state = store.load(addDays(today, -1), addDays(today, -400), addDays(today, -31));
    this.qrSecret = loadSecret(db);
  }

  context(actor: Actor): AppointmentContext {
    return {
      now: this.clock.now(),
      config: this.config,
      policy: this.config.appointments,
      hours: this.hours,
      calendar: this.calendar,
      actor,
      newId: () => randomUUID(),
      random: () => randomInt(0, 2 ** 32) / 2 ** 32,
    };
  }

  exec<T>(actor: Actor, transition: (state: AppointmentState, ctx: AppointmentContext) => AppointmentOutcome<T>): T {
    const { value, changes } = transition(this.state, this.context(actor));
    if (changes.log || changes.notices.length > 0) {
      this.db.transaction(() => this.store.write(changes))();
      applyAppointmentChanges(this.state, changes);
    }
    return value;
  }

  qrToken(a: Appointment): string {
    return signQrToken({ appointmentId: a.id, slotDate: a.date }, this.qrSecret);
  }

  /** 签到: the appointment becomes an `appointment`-priority ticket, both in one transaction. */
  checkIn(actor: Actor, input: KioskCheckIn): TicketRecord {
    let engineInput: CheckInInput;
    if ('qrToken' in input) {
      const claims = verifyQrToken(input.qrToken, this.qrSecret);
      if (!claims) throw new HallError('VALIDATION_FAILED', '无法识别的预约二维码，请出示本大厅的预约码，或改用预约码加身份证签到');
      engineInput = { appointmentId: claims.appointmentId };
    } else engineInput = input;
    const a = checkInOrVoid(this.state, this.context(actor), engineInput);
    if (a.value.voided) {
      // 预约号作废 (checkIn.voidOnIdMismatch): the void and its SMS are stored, then the refusal is the answer.
      this.db.transaction(() => this.store.write(a.changes))();
      applyAppointmentChanges(this.state, a.changes);
      throw a.value.refusal;
    }
    const q = issueTicket(this.queue.state, this.queue.context(actor), a.value.result.ticket);
    this.queue.commit(q.changes, () => this.store.write(a.changes));
    applyAppointmentChanges(this.state, a.changes);
    return q.value;
  }

  /** 《预约登记表》: the bookings of the dates from `fromDate` to `toDate` (inclusive), in register order. */
  register(fromDate: string, toDate: string, serviceCode?: string): Appointment[] {
    return registerOrder(this.store.between(fromDate, toDate, serviceCode));
  }

  /** Out-of-hours slots about to start with nobody at their windows, requests past their reply deadline; a source of the queue's alerts. */
  alerts(now: number): Alert[] {
    return appointmentAlerts(this.state, this.queue.state, { ...this.context(SYSTEM_ACTOR), now });
  }

  /** No-shows at +30 min and the day-before reminders; run by the server's ticker. */
  tick(): void {
    this.exec(SYSTEM_ACTOR, sweepNoShows);
    this.exec(SYSTEM_ACTOR, sendReminders);
  }
}

function loadSecret(db: Db): Buffer {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'qrSecret'").get() as { value: string } | undefined;
  if (row) return Buffer.from(row.value, 'base64');
  const secret = randomBytes(32);
  db.prepare("INSERT INTO meta (key, value) VALUES ('qrSecret', ?)").run(secret.toString('base64'));
  return secret;
}
