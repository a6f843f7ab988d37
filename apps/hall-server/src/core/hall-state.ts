/**
 * The hall's live state (today's tickets, windows, number counters) and the change set a
 * transition produces. Transitions never mutate the state: they return Changes, the store
 * commits them in one SQLite transaction, and only then `applyChanges` brings the state level.
 */
import type { OnDuty, OvertimeRecord, Ticket, WindowMode } from '@hall/shared';
import type { BroadcastName } from '@hall/shared';

/** A ticket as the engine keeps it: the wire Ticket plus its ordering key. */
export interface TicketRecord extends Ticket {
  /** Arrival order: the issue instant (kept by transfers, moved by a re-queue). */
  queueKey: number;
}

export interface WindowRuntime {
  id: string;
  mode: WindowMode;
  /** The mode was entered automatically (预约人签到) and is left automatically. */
  modeAuto: boolean;
  pause: { reason: string; since: string; sinceMs: number } | null;
  onDuty: OnDuty[];
  currentTicketId: string | null;
  /** Priority calls in a row, for the starvation guard. */
  priorityStreak: number;
}

export interface Actor {
  kind: 'staff' | 'manager' | 'admin' | 'device' | 'system' | 'public';
  id: string;
  name?: string;
  /** For staff and managers: their 工号. */
  employeeNo?: string;
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'system', name: '系统' };

export interface LogEntry {
  type: string;
  actor: Actor;
  at: string;
  subject: string;
  input: unknown;
  before: { tickets: TicketRecord[]; windows: WindowRuntime[] };
  after: { tickets: TicketRecord[]; windows: WindowRuntime[] };
}

export interface Broadcast {
  name: BroadcastName;
  /** The payload without `seq`; the store numbers it when it commits. */
  payload: Record<string, unknown>;
}

export interface Changes {
  businessDate: string;
  tickets: TicketRecord[];
  windows: WindowRuntime[];
  /** prefix → last counter value of businessDate. */
  counters: Map<string, number>;
  overtime: OvertimeRecord[];
  log: LogEntry | null;
  broadcasts: Broadcast[];
}

export class HallState {
  businessDate: string;
  readonly tickets = new Map<string, TicketRecord>();
  readonly windows = new Map<string, WindowRuntime>();
  readonly counters = new Map<string, number>();

  constructor(businessDate: string) {
    this.businessDate = businessDate;
  }

  static empty(businessDate: string, windowIds: readonly string[]): HallState {
    const s = new HallState(businessDate);
    for (const id of windowIds) s.windows.set(id, newWindowRuntime(id));
    return s;
  }

  *waiting(): Iterable<TicketRecord> {
    for (const t of this.tickets.values()) if (t.status === 'waiting') yield t;
  }
}

export function newWindowRuntime(id: string): WindowRuntime {
  return { id, mode: 'normal', modeAuto: false, pause: null, onDuty: [], currentTicketId: null, priorityStreak: 0 };
}

/** Brings the state level with committed changes. Finished tickets of past days leave memory. */
export function applyChanges(state: HallState, changes: Changes): void {
  if (changes.businessDate !== state.businessDate) {
    state.businessDate = changes.businessDate;
    state.counters.clear();
  }
  for (const t of changes.tickets) state.tickets.set(t.id, t);
  for (const w of changes.windows) state.windows.set(w.id, w);
  for (const [p, v] of changes.counters) state.counters.set(p, v);
  if (changes.tickets.length > 0) {
    for (const [id, t] of state.tickets) {
      if (t.businessDate !== state.businessDate && !isLive(t.status)) state.tickets.delete(id);
    }
  }
}

function isLive(status: Ticket['status']): boolean {
  return status === 'waiting' || status === 'called' || status === 'serving';
}
