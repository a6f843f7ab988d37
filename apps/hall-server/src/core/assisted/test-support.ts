/**
 * Fixtures for the assisted-service engine's tests (used only by the *.test.ts files beside it):
 * the demo hall on the real 2026 calendar (State Council holidays and 调休, from the same data
 * the server uses), a settable clock shared with a queue hall, and a driver that commits each
 * transition the way the shell does.
 */
import type { HallError } from '@hall/shared';
import { WorkingCalendar, type HolidayData } from '../calendar.js';
import { SYSTEM_ACTOR, applyChanges, type Actor, type TicketRecord } from '../hall-state.js';
import { issueTicket } from '../queue-engine.js';
import { TestHall, at, refusal, staffActor } from '../test-support.js';
import { AssistedState, applyAssistedChanges, type AssistedChanges, type AssistedContext, type AssistedOutcome, type UrgentCase } from './assisted-state.js';
import { linkTicket, type UrgentIssue } from './urgent.js';

export { at, iso, idNumber, MONDAY, TUESDAY, SATURDAY } from '../test-support.js';

export class AssistedHall {
  /** The queue side (tickets, windows) on the same config, calendar and clock. */
  readonly queue: TestHall;
  readonly state = new AssistedState();
  readonly committed: AssistedChanges[] = [];
  private ids = 0;

  constructor(opts: { holidays?: HolidayData | null; now?: number } = {}) {
    this.queue = new TestHall({ calendar: new WorkingCalendar(opts.holidays ?? null), now: opts.now ?? at('09:00') });
  }

  get config() {
    return this.queue.config;
  }

  get clock() {
    return this.queue.clock;
  }

  /** Moves the clock: `('17:30', '2026-11-27')` (Monday 2026-11-23 by default) or an instant. */
  setTime(hhmmOrMs: string | number, date?: string): this {
    this.clock.set(typeof hhmmOrMs === 'number' ? hhmmOrMs : at(hhmmOrMs, date));
    return this;
  }

  ctx(actor: Actor = SYSTEM_ACTOR): AssistedContext {
    return { now: this.clock.now(), config: this.config, hours: this.queue.hours, actor, newId: () => `as-${String(++this.ids).padStart(4, '0')}` };
  }

  run<T>(actor: Actor, transition: (s: AssistedState, c: AssistedContext) => AssistedOutcome<T>): AssistedOutcome<T> {
    const outcome = transition(this.state, this.ctx(actor));
    applyAssistedChanges(this.state, outcome.changes);
    this.committed.push(outcome.changes);
    return outcome;
  }

  /** A transition a rule must refuse; nothing is committed. */
  refuse(actor: Actor, transition: (s: AssistedState, c: AssistedContext) => AssistedOutcome<unknown>): HallError {
    return refusal(() => transition(this.state, this.ctx(actor)));
  }

  /** What the shell does for 特事特办: the case's outcome, its ticket from the queue engine, linked, both applied. */
  issueUrgent(actor: Actor, transition: (s: AssistedState, c: AssistedContext) => AssistedOutcome<UrgentIssue>): { case: UrgentCase; ticket: TicketRecord } {
    const a = transition(this.state, this.ctx(actor));
    const q = issueTicket(this.queue.state, this.queue.ctx(actor), a.value.issue);
    const linked = linkTicket(a, q.value);
    applyChanges(this.queue.state, q.changes);
    applyAssistedChanges(this.state, linked.changes);
    this.committed.push(linked.changes);
    return { case: linked.value, ticket: q.value };
  }

  /** A staff member of the demo hall (1001 王建国 …) or its manager (9001 周主任). */
  staff(employeeNo = '1001'): Actor {
    return staffActor(this.config, employeeNo);
  }

  get manager(): Actor {
    return staffActor(this.config, '9001');
  }
}
