/**
 * The appointment engine's state and the change set its transitions return. Like the queue's
 * HallState: transitions never mutate the state; the shell commits the changes (one SQLite
 * transaction, the notices into the outbox) and then `applyAppointmentChanges` levels the state.
 */
import type { HallConfig } from '@hall/shared';
import type { DayKind, HolidayData, WorkingCalendar } from '../calendar.js';
import type { HallHours } from '../hall-hours.js';
import type { Actor } from '../hall-state.js';
import type { AppointmentPolicy, BookingChannel } from './policy.js';

export type AppointmentStatus = 'pending-approval' | 'booked' | 'checked-in' | 'cancelled' | 'refused' | 'no-show';

export const APPOINTMENT_STATUS_NAMES: Record<AppointmentStatus, string> = {
  'pending-approval': '待窗口确认',
  booked: '已预约',
  'checked-in': '已签到',
  cancelled: '已取消',
  refused: '未获确认',
  'no-show': '爽约',
};

/** Statuses that hold a place in a slot and count toward the per-person limits. */
export const HOLDING_STATUSES: ReadonlySet<AppointmentStatus> = new Set(['pending-approval', 'booked', 'checked-in', 'no-show']);

/** regular = 工作时间; the others are the optional appointment-only sessions [003 三]. */
export type SessionKind = 'regular' | 'flexible' | 'lunch' | 'weekend';

export const SESSION_NAMES: Record<SessionKind, string> = {
  regular: '工作时间',
  flexible: '早晚弹性办',
  lunch: '午间不间断办',
  weekend: '周末办',
};

/** Who did something, as kept in records (no credentials, no device keys). */
export interface ActorRef {
  kind: Actor['kind'];
  id: string;
  name: string | null;
  employeeNo: string | null;
}

export interface Appointment {
  id: string;
  /** Short human booking code (预约码), unique. */
  code: string;
  serviceCode: string;
  /** Hall-local date of the slot, YYYY-MM-DD. */
  date: string;
  /** Slot start and end, ISO 8601 with the hall's offset. */
  start: string;
  end: string;
  session: SessionKind;
  status: AppointmentStatus;
  channel: BookingChannel;
  name: string;
  idNumber: string;
  phone: string;
  /** 代理人 [001]: the person who may come instead of the applicant. */
  agent: { name: string; idNumber: string } | null;
  createdAt: string;
  /** The staff member who entered a 现场/电话 booking (or any booking made by staff). */
  enteredBy: ActorRef | null;
  /** The window's decision on an out-of-hours request. */
  decision: { approved: boolean; at: string; by: ActorRef; reason: string | null } | null;
  cancellation: { by: 'applicant' | 'hall'; at: string; actor: ActorRef; reason: string | null } | null;
  checkIn: { at: string; via: CheckInVia; presented: 'applicant' | 'agent' | null } | null;
  noShowAt: string | null;
  remindedAt: string | null;
}

export type CheckInVia = 'qr' | 'code' | 'id';

/** One 爽约 on someone's credit record. */
export interface NoShowRecord {
  id: string;
  idNumber: string;
  appointmentId: string;
  serviceCode: string;
  /** Date of the missed slot. */
  date: string;
  /** When it was recorded. */
  at: string;
}

export type BanPolicy = 'monthly' | 'yearly';

/** No booking for this ID until `until` (exclusive), unless a manager lifted it. */
export interface Ban {
  id: string;
  idNumber: string;
  policy: BanPolicy;
  /** The no-shows this ban is based on; they never count toward another ban of the same policy. */
  noShowIds: string[];
  from: string;
  until: string;
  /** Where notices about the ban go (the phone of the booking that triggered it). */
  phone: string;
  lifted: { at: string; by: ActorRef; reason: string } | null;
}

export type NoticeKind =
  | 'confirmation'
  | 'pending-approval'
  | 'approved'
  | 'refused'
  | 'reminder'
  | 'applicant-cancelled'
  | 'hall-cancelled'
  | 'no-show'
  | 'ban'
  | 'ban-lifted';

/** A message to send (SMS); shaped like the outbox's NewMessage. */
export interface Notice {
  kind: NoticeKind;
  /** Mobile number. */
  recipient: string;
  body: string;
  /** Same key → queued once, e.g. `reminder:<appointment id>`. */
  dedupeKey: string;
  appointmentId: string | null;
}

export interface AppointmentLogEntry {
  type: string;
  actor: Actor;
  at: string;
  subject: string;
  input: unknown;
  before: { appointments: Appointment[]; bans: Ban[] };
  after: { appointments: Appointment[]; bans: Ban[] };
}

export interface AppointmentChanges {
  /** New or changed appointments, whole. */
  appointments: Appointment[];
  /** New no-show records. */
  noShows: NoShowRecord[];
  /** New or changed bans (a lift changes a ban). */
  bans: Ban[];
  notices: Notice[];
  /** The audit entry; null when nothing changed. */
  log: AppointmentLogEntry | null;
}

export interface AppointmentOutcome<T> {
  value: T;
  changes: AppointmentChanges;
}

/** Working days for bookings: never guesses an uncovered year, and knows statutory holidays. */
export interface BookingCalendar {
  /** 'unknown' for a year the holiday data does not cover (and no override applies). */
  dayKind(date: string): DayKind;
  /** A statutory holiday (including the weekend days inside it): no 周末办 session then. */
  isStatutoryHoliday(date: string): boolean;
}

/** The hall's working calendar plus the holiday data it was built from. */
export function bookingCalendar(calendar: WorkingCalendar, data: HolidayData | null): BookingCalendar {
  return {
    dayKind: (date) => calendar.dayKind(date),
    isStatutoryHoliday: (date) => data?.holidays.has(date) ?? false,
  };
}

export interface AppointmentContext {
  /** Epoch ms; hall local time is `config.hall.utcOffsetMinutes` ahead of UTC. */
  now: number;
  /** Hall name and offset, services (names, 办事指南 materials), opening hours. */
  config: HallConfig;
  policy: AppointmentPolicy;
  /** Opening periods of working days (built on the same calendar as `calendar`). */
  hours: HallHours;
  calendar: BookingCalendar;
  actor: Actor;
  /** Ids of appointments and records (the QR token carries an appointment id as a UUID). */
  newId: () => string;
  /** Uniform in [0, 1): the booking code's characters. */
  random: () => number;
}

/** The key of a service's slot in `AppointmentState.bySlot`. */
export const slotKey = (serviceCode: string, start: string): string => `${serviceCode} ${start}`;

export class AppointmentState {
  /** Every appointment by id. Read freely; write only through `put` (it keeps the indexes). */
  readonly appointments = new Map<string, Appointment>();
  readonly noShows = new Map<string, NoShowRecord>();
  readonly bans = new Map<string, Ban>();
  /**
   * Indexes, so that a booking checks its code, the person's limits and the slot's capacity
   * without reading every appointment: booking code → id, applicant's ID number → ids, and
   * `slotKey(service, start)` → ids.
   */
  readonly byCode = new Map<string, string>();
  readonly byPerson = new Map<string, Set<string>>();
  readonly bySlot = new Map<string, Set<string>>();

  static of(init: { appointments?: Iterable<Appointment>; noShows?: Iterable<NoShowRecord>; bans?: Iterable<Ban> } = {}): AppointmentState {
    const s = new AppointmentState();
    for (const a of init.appointments ?? []) s.put(a);
    for (const r of init.noShows ?? []) s.noShows.set(r.id, r);
    for (const b of init.bans ?? []) s.bans.set(b.id, b);
    return s;
  }

  /** Adds or replaces an appointment, keeping the indexes level. */
  put(a: Appointment): void {
    const old = this.appointments.get(a.id);
    if (old) {
      if (this.byCode.get(old.code) === old.id) this.byCode.delete(old.code);
      this.byPerson.get(old.idNumber)?.delete(old.id);
      this.bySlot.get(slotKey(old.serviceCode, old.start))?.delete(old.id);
    }
    this.appointments.set(a.id, a);
    this.byCode.set(a.code, a.id);
    add(this.byPerson, a.idNumber, a.id);
    add(this.bySlot, slotKey(a.serviceCode, a.start), a.id);
  }
}

function add(index: Map<string, Set<string>>, key: string, id: string): void {
  const ids = index.get(key);
  if (ids) ids.add(id);
  else index.set(key, new Set([id]));
}

/** Brings the state level with committed changes. */
export function applyAppointmentChanges(state: AppointmentState, changes: AppointmentChanges): void {
  for (const a of changes.appointments) state.put(a);
  for (const r of changes.noShows) state.noShows.set(r.id, r);
  for (const b of changes.bans) state.bans.set(b.id, b);
}
