/**
 * A draft of one transition: reads see what was staged so far, writes are recorded with their
 * before/after for the event log. Nothing here touches the state it reads.
 */
import type { HallConfig, ServiceConfig, WindowConfig } from '@hall/shared';
import { HallError } from '@hall/shared';
import { toIsoLocal } from '@hall/shared';
import type { Actor, Broadcast, Changes, HallState, TicketRecord, WindowRuntime } from './hall-state.js';
import type { HallHours } from './hall-hours.js';

export interface EngineContext {
  now: number;
  config: HallConfig;
  hours: HallHours;
  actor: Actor;
  /** Id source, injected so tests are deterministic. */
  newId: () => string;
}

export class Draft {
  private readonly tickets = new Map<string, TicketRecord>();
  private readonly windows = new Map<string, WindowRuntime>();
  private readonly ticketsBefore = new Map<string, TicketRecord | undefined>();
  private readonly windowsBefore = new Map<string, WindowRuntime | undefined>();
  readonly counters = new Map<string, number>();
  readonly overtime: Changes['overtime'] = [];
  readonly broadcasts: Broadcast[] = [];
  businessDate: string;

  constructor(
    readonly state: HallState,
    readonly ctx: EngineContext,
  ) {
    this.businessDate = state.businessDate;
  }

  get nowIso(): string {
    return toIsoLocal(this.ctx.now, this.ctx.config.hall.utcOffsetMinutes);
  }

  ticket(id: string): TicketRecord | undefined {
    return this.tickets.get(id) ?? this.state.tickets.get(id);
  }

  /** Every ticket, staged versions first-class. */
  *allTickets(): Iterable<TicketRecord> {
    for (const [id, t] of this.state.tickets) if (!this.tickets.has(id)) yield t;
    for (const t of this.tickets.values()) yield t;
  }

  *waitingTickets(): Iterable<TicketRecord> {
    for (const t of this.allTickets()) if (t.status === 'waiting') yield t;
  }

  putTicket(t: TicketRecord): void {
    if (!this.ticketsBefore.has(t.id)) this.ticketsBefore.set(t.id, this.state.tickets.get(t.id));
    this.tickets.set(t.id, t);
  }

  window(id: string): WindowRuntime {
    const w = this.windows.get(id) ?? this.state.windows.get(id);
    if (!w) throw new HallError('UNKNOWN_WINDOW', `没有编号为 ${id} 的窗口`);
    // A 预约专窗 is always in 预约办理 mode, also before its first day rollover (a fresh runtime
    // starts 'normal') and after the config made it one.
    if (this.windowConfig(id).appointmentOnly && (w.mode !== 'appointment' || w.modeAuto)) return { ...w, mode: 'appointment', modeAuto: false };
    return w;
  }

  allWindows(): WindowRuntime[] {
    return [...this.state.windows.keys()].map((id) => this.window(id));
  }

  putWindow(w: WindowRuntime): void {
    if (!this.windowsBefore.has(w.id)) this.windowsBefore.set(w.id, this.state.windows.get(w.id));
    this.windows.set(w.id, w);
  }

  counter(prefix: string): number {
    if (this.counters.has(prefix)) return this.counters.get(prefix)!;
    return this.businessDate === this.state.businessDate ? (this.state.counters.get(prefix) ?? 0) : 0;
  }

  service(code: string): ServiceConfig {
    const s = this.ctx.config.services.find((x) => x.code === code);
    if (!s) throw new HallError('UNKNOWN_SERVICE', `没有编码为 ${code} 的业务`);
    return s;
  }

  windowConfig(id: string): WindowConfig {
    const w = this.ctx.config.windows.find((x) => x.id === id);
    if (!w) throw new HallError('UNKNOWN_WINDOW', `没有编号为 ${id} 的窗口`);
    return w;
  }

  emit(name: Broadcast['name'], payload: Record<string, unknown>): void {
    this.broadcasts.push({ name, payload });
  }

  get touched(): boolean {
    return this.tickets.size > 0 || this.windows.size > 0 || this.counters.size > 0 || this.businessDate !== this.state.businessDate;
  }

  changedTickets(): TicketRecord[] {
    return [...this.tickets.values()];
  }

  changedWindows(): WindowRuntime[] {
    return [...this.windows.values()];
  }

  finish(type: string, subject: string, input: unknown): Changes {
    const before = {
      tickets: [...this.ticketsBefore.values()].filter((t): t is TicketRecord => t !== undefined),
      windows: [...this.windowsBefore.values()].filter((w): w is WindowRuntime => w !== undefined),
    };
    return {
      businessDate: this.businessDate,
      tickets: this.changedTickets(),
      windows: this.changedWindows(),
      counters: this.counters,
      overtime: this.overtime,
      log: this.touched
        ? { type, actor: this.ctx.actor, at: this.nowIso, subject, input, before, after: { tickets: this.changedTickets(), windows: this.changedWindows() } }
        : null,
      broadcasts: this.broadcasts,
    };
  }
}
