/**
 * The shell around the pure assisted-service engine (帮办代办, 上门服务, 特事特办, 投诉): runs a
 * transition, writes its records and audit row in one SQLite transaction, then levels the
 * in-memory state. A 特事特办 approval and its `urgent` ticket commit together (the queue's
 * transaction), so neither exists without the other. Overdue answers and feedback become
 * manager alerts through the queue's alert source (raised and cleared on every tick).
 */
import { HallError, addDays, localDate, type Alert, type HallConfig } from '@hall/shared';
import { randomUUID } from 'node:crypto';
import {
  applyAssistedChanges,
  assistedAlerts,
  isOpen,
  linkTicket,
  type AssistedCase,
  type AssistedContext,
  type AssistedKind,
  type AssistedOutcome,
  type AssistedState,
  type UrgentCase,
  type UrgentIssue,
} from '../core/assisted/index.js';
import { issueTicket, type Actor, type Clock, type HallHours, type TicketRecord } from '../core/index.js';
import type { QueueService } from '../queue/queue-service.js';
import type { AssistedStore } from '../storage/assisted-store.js';
import type { Db } from '../storage/database.js';

/** Closed records older than this leave memory (the ledgers read the database). */
const KEEP_DAYS = 400;

export class AssistedService {
  state: AssistedState;

  constructor(
    private readonly config: HallConfig,
    private readonly hours: HallHours,
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly store: AssistedStore,
    private readonly queue: QueueService,
  ) {
    this.state = store.load(addDays(localDate(clock.now(), config.hall.utcOffsetMinutes), -KEEP_DAYS));
    queue.addAlertSource((now) => this.alerts(now));
  }

  context(actor: Actor): AssistedContext {
    return { now: this.clock.now(), config: this.config, hours: this.hours, actor, newId: () => randomUUID() };
  }

  exec<T>(actor: Actor, transition: (state: AssistedState, ctx: AssistedContext) => AssistedOutcome<T>): T {
    const { value, changes } = transition(this.state, this.context(actor));
    if (changes.log) {
      this.write(changes);
      applyAssistedChanges(this.state, changes);
    }
    return value;
  }

  private write(changes: Parameters<AssistedStore['write']>[0]): void {
    try {
      this.db.transaction(() => this.store.write(changes))();
    } catch (e) {
      throw new HallError('INTERNAL', '数据保存失败，本次操作未生效，请重试', { cause: String(e) });
    }
  }

  /** 特事特办: the case (or its next ticket) and the `urgent` ticket, in one transaction. */
  issueUrgent(actor: Actor, transition: (state: AssistedState, ctx: AssistedContext) => AssistedOutcome<UrgentIssue>): { case: UrgentCase; ticket: TicketRecord } {
    const a = transition(this.state, this.context(actor));
    const q = issueTicket(this.queue.state, this.queue.context(actor), a.value.issue);
    const linked = linkTicket(a, q.value);
    this.queue.commit(q.changes, () => this.store.write(linked.changes));
    applyAssistedChanges(this.state, linked.changes);
    return { case: linked.value, ticket: q.value };
  }

  get(kind: AssistedKind, id: string): AssistedCase {
    const c = this.state.cases.get(id) ?? this.state.cases.get(this.state.byNo.get(id) ?? '');
    if (!c || c.kind !== kind) throw new HallError('NOT_FOUND', '找不到该记录');
    return c;
  }

  /** Records of a kind in memory (open ones and recent ones), newest first. */
  list(kind: AssistedKind, openOnly: boolean): AssistedCase[] {
    return [...this.state.cases.values()]
      .filter((c) => c.kind === kind && (!openOnly || isOpen(c)))
      .sort((x, y) => y.receivedAt.localeCompare(x.receivedAt) || y.no.localeCompare(x.no));
  }

  between(kind: AssistedKind, fromDate: string, toDate: string): AssistedCase[] {
    return this.store.between(kind, fromDate, toDate);
  }

  alerts(now: number): Alert[] {
    return assistedAlerts(this.state, { now, config: this.config, hours: this.hours });
  }
}

