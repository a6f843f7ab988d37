/**
 * Fixtures for the core's unit tests (used only by the *.test.ts files beside it): the demo
 * hall, instants in hall time, valid ID numbers, staff actors, and a driver that runs one
 * transition at a time on a settable clock and commits its changes the way the store does.
 */
import demoJson from '../../../../resources/halls/demo.json' with { type: 'json' };
import {
  HallError,
  idCheckChar,
  localDate,
  parseHallConfig,
  parseInstant,
  type HallConfig,
  type HallConfigInput,
  toIsoLocal,
  type Priority,
} from '@hall/shared';
import { WorkingCalendar } from './calendar.js';
import { SettableClock } from './clock.js';
import { HallHours } from './hall-hours.js';
import { HallState, SYSTEM_ACTOR, applyChanges, type Actor, type TicketRecord, type WindowRuntime } from './hall-state.js';
import { callNext, finish, issueTicket, signIn, start, type CallResult, type EngineContext, type IssueInput, type Outcome } from './queue-engine.js';
import { orderedQueue } from './queue-order.js';

/** Monday 2026-11-23: an ordinary working day in the hall. */
export const MONDAY = '2026-11-23';
export const TUESDAY = '2026-11-24';
export const SATURDAY = '2026-11-28';

/** An instant in hall time (UTC+8): `at('09:05')` is Monday 09:05, `at('10:00', SATURDAY)`. */
export function at(hhmm: string, date: string = MONDAY): number {
  const ms = parseInstant(`${date}T${hhmm.length === 5 ? `${hhmm}:00` : hhmm}+08:00`);
  if (Number.isNaN(ms)) throw new Error(`不是有效的测试时间：${date} ${hhmm}`);
  return ms;
}

/** The same instant as the engine writes it into tickets (ISO 8601, +08:00). */
export function iso(hhmm: string, date: string = MONDAY): string {
  return toIsoLocal(at(hhmm, date), 480);
}

/** The demo hall (resources/halls/demo.json), optionally edited on a copy before validation. */
export function demoConfig(edit?: (raw: HallConfigInput) => void): HallConfig {
  const raw = structuredClone(demoJson) as unknown as HallConfigInput;
  edit?.(raw);
  return parseHallConfig(raw, 'demo.json');
}

/** A valid resident ID number (GB 11643 check digit) for someone born on `birth` (YYYY-MM-DD). */
export function idNumber(birth: string, seq = '123', region = '110101'): string {
  const first17 = `${region}${birth.replaceAll('-', '')}${seq}`;
  return first17 + idCheckChar(first17);
}

export function staffActor(config: HallConfig, employeeNo: string): Actor {
  const s = config.staff.find((x) => x.employeeNo === employeeNo);
  return { kind: s?.role === 'manager' ? 'manager' : 'staff', id: `u${employeeNo}`, name: s?.name ?? employeeNo, employeeNo };
}

export const ADMIN: Actor = { kind: 'admin', id: 'admin', name: '管理员' };
export const KIOSK: Actor = { kind: 'device', id: 'kiosk-1', name: '大厅取号机1' };

/** Runs `fn`, which must be refused by a rule, and returns the HallError it threw. */
export function refusal(fn: () => unknown): HallError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HallError) return e;
    throw e;
  }
  throw new Error('应被规则拒绝，却执行成功了');
}

export interface TestHallOptions {
  config?: HallConfig;
  /** Defaults to weekdays only (no holiday data); pass the real calendar where holidays matter. */
  calendar?: WorkingCalendar;
  /** The starting instant; Monday 09:00 by default. */
  now?: number;
}

/**
 * A hall in memory: state, hours and a settable clock. `run` executes one transition and then
 * applies its changes, as the queue service does after the store has committed them.
 */
export class TestHall {
  readonly config: HallConfig;
  readonly hours: HallHours;
  readonly clock: SettableClock;
  readonly state: HallState;
  private ids = 0;

  constructor(opts: TestHallOptions = {}) {
    this.config = opts.config ?? demoConfig();
    this.hours = new HallHours(this.config, opts.calendar ?? new WorkingCalendar(null, this.config.calendar.overrides));
    this.clock = new SettableClock(opts.now ?? at('09:00'));
    this.state = HallState.empty(localDate(this.clock.now(), this.config.hall.utcOffsetMinutes), this.config.windows.map((w) => w.id));
  }

  /** Moves the clock: `'09:05'` (Monday), `['10:00', TUESDAY]`, or an instant. */
  setTime(t: string | number | readonly [string, string]): this {
    this.clock.set(typeof t === 'number' ? t : typeof t === 'string' ? at(t) : at(t[0], t[1]));
    return this;
  }

  ctx(actor: Actor = SYSTEM_ACTOR): EngineContext {
    return {
      now: this.clock.now(),
      config: this.config,
      hours: this.hours,
      actor,
      newId: () => `id-${String(++this.ids).padStart(4, '0')}`,
    };
  }

  /** One transition as `actor`, committed. */
  run<T>(actor: Actor, transition: (state: HallState, ctx: EngineContext) => Outcome<T>): Outcome<T> {
    const outcome = transition(this.state, this.ctx(actor));
    applyChanges(this.state, outcome.changes);
    return outcome;
  }

  /** A transition that a rule must refuse; returns the error. Nothing is committed. */
  refuse(actor: Actor, transition: (state: HallState, ctx: EngineContext) => Outcome<unknown>): HallError {
    return refusal(() => transition(this.state, this.ctx(actor)));
  }

  /** The staff member holding a post of a window, as an actor. */
  staff(windowId: string, post: 'A' | 'B' = 'A'): Actor {
    const cfg = this.config.windows.find((w) => w.id === windowId)!;
    const no = cfg.posts[post];
    if (!no) throw new Error(`${windowId} 没有 ${post} 岗`);
    return staffActor(this.config, no);
  }

  /** Signs the post holder in at the window; returns their actor. */
  signIn(windowId: string, post: 'A' | 'B' = 'A'): Actor {
    const actor = this.staff(windowId, post);
    this.run(actor, (s, c) => signIn(s, c, windowId, { employeeNo: actor.employeeNo!, post }));
    return actor;
  }

  /** The first staff member on duty at the window. */
  onDutyAt(windowId: string): Actor {
    const p = this.state.windows.get(windowId)!.onDuty[0];
    if (!p) throw new Error(`${windowId} 无人在岗`);
    return staffActor(this.config, p.employeeNo);
  }

  /** Takes a ticket at the kiosk (or as an appointment check-in with `priority: 'appointment'`). */
  issue(serviceCode: string, more: Partial<IssueInput> = {}): TicketRecord {
    const appointment = more.priority === 'appointment';
    const input: IssueInput = { serviceCode, channel: appointment ? 'appointment' : 'kiosk', ...more };
    return this.run(KIOSK, (s, c) => issueTicket(s, c, input)).value;
  }

  /** Issues one ticket per entry, one minute apart, starting at `first` (HH:MM on Monday). */
  issueEachMinute(first: string, entries: readonly (readonly [service: string, priority?: Priority])[]): TicketRecord[] {
    const base = at(first);
    return entries.map(([service, priority], i) => {
      this.clock.set(base + i * 60_000);
      return this.issue(service, priority ? { priority } : {});
    });
  }

  call(windowId: string): CallResult {
    return this.run(this.onDutyAt(windowId), (s, c) => callNext(s, c, windowId)).value;
  }

  start(windowId: string): TicketRecord {
    return this.run(this.onDutyAt(windowId), (s, c) => start(s, c, windowId)).value;
  }

  finish(windowId: string, caseNo?: string): ReturnType<typeof finish> {
    return this.run(this.onDutyAt(windowId), (s, c) => finish(s, c, windowId, caseNo));
  }

  /** The ticket with this id as the state now holds it. */
  ticket(id: string): TicketRecord {
    const t = this.state.tickets.get(id);
    if (!t) throw new Error(`没有票据 ${id}`);
    return t;
  }

  /** The live (or else the latest) ticket with this number. */
  byNumber(number: string): TicketRecord {
    const all = [...this.state.tickets.values()].filter((t) => t.number === number);
    const live = all.filter((t) => t.status === 'waiting' || t.status === 'called' || t.status === 'serving');
    const t = live.at(-1) ?? all.at(-1);
    if (!t) throw new Error(`没有号码 ${number}`);
    return t;
  }

  /** The window's waiting list as its caller screen shows it, by number. */
  queueAt(windowId: string): string[] {
    const cfg = this.config.windows.find((w) => w.id === windowId)!;
    const w = this.state.windows.get(windowId)!;
    return orderedQueue(this.state.waiting(), { ...w, services: cfg.services }).map((t) => t.number);
  }

  window(windowId: string): WindowRuntime {
    return this.state.windows.get(windowId)!;
  }
}
