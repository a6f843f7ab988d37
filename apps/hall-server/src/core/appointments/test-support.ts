/**
 * Fixtures for the appointment engine's tests (used only by the *.test.ts files beside it): a
 * hall with its policy, calendar and a settable clock; people with valid ID numbers; a driver
 * that runs one transition at a time and commits its changes the way the shell does.
 */
import type { HallError } from '@hall/shared';
import { WorkingCalendar, type CalendarOverride, type HolidayData } from '../calendar.js';
import { SettableClock } from '../clock.js';
import { HallHours } from '../hall-hours.js';
import { SYSTEM_ACTOR, type Actor } from '../hall-state.js';
import { at, demoConfig, idNumber, refusal, staffActor } from '../test-support.js';
import { book, slots, type BookInput, type OfferedSlot } from './appointment-engine.js';
import {
  AppointmentState,
  applyAppointmentChanges,
  bookingCalendar,
  type Appointment,
  type AppointmentChanges,
  type AppointmentContext,
  type AppointmentOutcome,
  type Notice,
} from './appointment-state.js';
import { AppointmentPolicySchema, type AppointmentPolicyInput, type BookingChannel } from './policy.js';

export { at, iso, idNumber, KIOSK } from '../test-support.js';

export const PUBLIC: Actor = { kind: 'public', id: 'web', name: '线上预约' };

export interface Person {
  name: string;
  idNumber: string;
  phone: string;
}

/** A distinct citizen per number: 张三1 born 1980-01-0n, phone 1380000000n. */
export function person(n = 1, birth = `1980-01-${String(1 + (n % 28)).padStart(2, '0')}`): Person {
  return { name: `张三${n}`, idNumber: idNumber(birth, String(100 + n).slice(-3)), phone: `138${String(n).padStart(8, '0')}` };
}

/** A deterministic [0, 1) source (mulberry32), so booking codes are the same on every run. */
export function seededRandom(seed = 1): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BookingHallOptions {
  policy?: AppointmentPolicyInput;
  /** Holiday data; pass chineseHolidayData() where holidays and 调休 matter. null = weekdays only. */
  holidays?: HolidayData | null;
  overrides?: CalendarOverride[];
  /** Starting instant; Monday 2026-11-23 09:00 by default. */
  now?: number;
  random?: () => number;
}

export class BookingHall {
  readonly config = demoConfig();
  readonly clock: SettableClock;
  readonly state = new AppointmentState();
  readonly calendar: WorkingCalendar;
  readonly hours: HallHours;
  policy: AppointmentContext['policy'];
  random: () => number;
  /** Every committed change set, in order (notices and audit entries are checked from here). */
  readonly committed: AppointmentChanges[] = [];
  private readonly holidays: HolidayData | null;
  private ids = 0;

  constructor(opts: BookingHallOptions = {}) {
    this.policy = AppointmentPolicySchema.parse(opts.policy ?? {});
    this.calendar = new WorkingCalendar(opts.holidays ?? null, opts.overrides ?? []);
    this.hours = new HallHours(this.config, this.calendar);
    this.clock = new SettableClock(opts.now ?? at('09:00'));
    this.random = opts.random ?? seededRandom();
    this.holidays = opts.holidays ?? null;
  }

  /** Moves the clock: `('16:29', '2026-11-20')` or an instant. */
  setTime(hhmmOrMs: string | number, date?: string): this {
    this.clock.set(typeof hhmmOrMs === 'number' ? hhmmOrMs : at(hhmmOrMs, date));
    return this;
  }

  ctx(actor: Actor = SYSTEM_ACTOR): AppointmentContext {
    return {
      now: this.clock.now(),
      config: this.config,
      policy: this.policy,
      hours: this.hours,
      calendar: bookingCalendar(this.calendar, this.holidays),
      actor,
      newId: () => `ap-${String(++this.ids).padStart(4, '0')}`,
      random: this.random,
    };
  }

  run<T>(actor: Actor, transition: (s: AppointmentState, c: AppointmentContext) => AppointmentOutcome<T>): AppointmentOutcome<T> {
    const outcome = transition(this.state, this.ctx(actor));
    applyAppointmentChanges(this.state, outcome.changes);
    this.committed.push(outcome.changes);
    return outcome;
  }

  refuse(actor: Actor, transition: (s: AppointmentState, c: AppointmentContext) => AppointmentOutcome<unknown>): HallError {
    return refusal(() => transition(this.state, this.ctx(actor)));
  }

  /** A staff member of the demo hall (1001 王建国) or its manager (9001 周主任). */
  staff(employeeNo = '1001'): Actor {
    return staffActor(this.config, employeeNo);
  }

  get manager(): Actor {
    return staffActor(this.config, '9001');
  }

  /** The input of a booking: online for 不动产登记 by person 1 unless told otherwise. */
  input(start: string, more: Partial<BookInput> & { who?: Person } = {}): BookInput {
    const { who = person(1), ...rest } = more;
    return { serviceCode: 'BDC', start, channel: 'online', ...who, ...rest };
  }

  /** Books and commits; the actor is staff for 现场/电话 and the public for 线上. */
  book(start: string, more: Partial<BookInput> & { who?: Person } = {}, actor?: Actor): Appointment {
    const input = this.input(start, more);
    return this.run(actor ?? this.actorFor(input.channel), (s, c) => book(s, c, input)).value;
  }

  refuseBooking(start: string, more: Partial<BookInput> & { who?: Person } = {}, actor?: Actor): HallError {
    const input = this.input(start, more);
    return this.refuse(actor ?? this.actorFor(input.channel), (s, c) => book(s, c, input));
  }

  /** The slots a citizen sees for a service on a date. */
  slots(serviceCode: string, date: string): OfferedSlot[] {
    return slots(this.state, this.ctx(PUBLIC), serviceCode, date);
  }

  refuseSlots(serviceCode: string, date: string): HallError {
    return refusal(() => slots(this.state, this.ctx(PUBLIC), serviceCode, date));
  }

  actorFor(channel: BookingChannel): Actor {
    return channel === 'online' ? PUBLIC : this.staff();
  }

  appointment(id: string): Appointment {
    const a = this.state.appointments.get(id);
    if (!a) throw new Error(`没有预约 ${id}`);
    return a;
  }

  /** Every notice committed so far, optionally of one kind. */
  notices(kind?: Notice['kind']): Notice[] {
    return this.committed.flatMap((c) => c.notices).filter((n) => kind === undefined || n.kind === kind);
  }
}
