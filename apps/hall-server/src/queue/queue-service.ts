/**
 * The shell around the pure queue engine: runs a transition against the live state, commits
 * its changes and numbered broadcasts in one SQLite transaction, then hands the broadcasts to
 * the realtime hub. Node runs one transition at a time, so two windows calling at the same
 * instant are served one after the other and can never draw the same ticket.
 */
import { HallError, localDate, toIsoLocal, type Alert, type BroadcastName, type HallConfig } from '@hall/shared';
import {
  applyChanges,
  computeAlerts,
  rollover,
  serviceViews,
  ticketView,
  windowStatus,
  windowView,
  windowViews,
  type Actor,
  type Changes,
  type Clock,
  type EngineContext,
  type HallHours,
  type HallState,
  type Outcome,
} from '../core/index.js';
import type { QueueStore, StoredBroadcast } from '../storage/queue-store.js';
import { randomUUID } from 'node:crypto';

export type Publish = (broadcasts: StoredBroadcast[]) => void;

export class QueueService {
  state: HallState;
  private publishers: Publish[] = [];
  private lastWindowStatus = new Map<string, string>();
  private activeAlerts = new Map<string, Alert>();
  private readonly alertSources: ((now: number) => Alert[])[] = [];

  constructor(
    readonly config: HallConfig,
    readonly hours: HallHours,
    readonly clock: Clock,
    private readonly store: QueueStore,
  ) {
    const now = clock.now();
    this.state = store.load(config.windows, localDate(now, config.hall.utcOffsetMinutes));
    for (const w of config.windows) this.lastWindowStatus.set(w.id, windowStatus(this.state.windows.get(w.id)!, hours, now));
  }

  onPublish(p: Publish): void {
    this.publishers.push(p);
  }

  get offset(): number {
    return this.config.hall.utcOffsetMinutes;
  }

  nowIso(): string {
    return toIsoLocal(this.clock.now(), this.offset);
  }

  context(actor: Actor): EngineContext {
    return { now: this.clock.now(), config: this.config, hours: this.hours, actor, newId: () => randomUUID() };
  }

  /** Runs one engine transition to completion: commit, then publish. Throws the engine's HallError unchanged. */
  exec<T>(actor: Actor, transition: (state: HallState, ctx: EngineContext) => Outcome<T>): T {
    const { value, changes } = transition(this.state, this.context(actor));
    this.commit(changes);
    return value;
  }

  /**
   * Commits a queue transition together with another feature's writes, in one SQLite
   * transaction (an appointment check-in and the ticket it becomes). `alsoWrite` must not throw
   * for rule reasons: decide first, then write.
   */
  commit(changes: Changes, alsoWrite?: () => void): void {
    if (!changes.log && changes.broadcasts.length === 0 && !alsoWrite) return;
    applyChanges(this.state, changes);
    let stored: StoredBroadcast[];
    try {
      stored = this.store.commit(changes, this.expand(changes), this.nowIso(), alsoWrite);
    } catch (e) {
      // The memory ran ahead of a write that failed (disk full, I/O error): reload what is stored.
      this.state = this.store.load(this.config.windows, this.state.businessDate);
      throw new HallError('INTERNAL', '数据保存失败，本次操作未生效，请重试', { cause: String(e) });
    }
    for (const w of changes.windows) this.lastWindowStatus.set(w.id, windowStatus(w, this.hours, this.clock.now()));
    this.publish(stored);
  }

  private publish(stored: StoredBroadcast[]): void {
    if (stored.length === 0) return;
    for (const p of this.publishers) p(stored);
  }

  /**
   * The engine's own broadcasts (`call`) followed by one `update` with what the change did to
   * tickets, windows and waiting counts, read from the state the changes produced.
   */
  private expand(changes: Changes): { name: string; payload: Record<string, unknown> }[] {
    const out: { name: string; payload: Record<string, unknown> }[] = [...changes.broadcasts];
    if (changes.tickets.length === 0 && changes.windows.length === 0) return out;
    const now = this.clock.now();
    const windowIds = new Set(changes.windows.map((w) => w.id));
    // A ticket called or finished at a window changes what that window shows.
    for (const t of changes.tickets) if (t.windowId) windowIds.add(t.windowId);
    // Only the services whose waiting count can have moved: those of the changed tickets, before and after.
    const codes = new Set([...changes.tickets, ...(changes.log?.before.tickets ?? [])].map((t) => t.serviceCode));
    out.push({
      name: 'update',
      payload: {
        tickets: changes.tickets.map((t) => ticketView(t)),
        windows: [...windowIds].filter((id) => this.state.windows.has(id)).map((id) => windowView(this.state, this.config, this.hours, id, now)),
        ...(codes.size > 0 ? { services: serviceViews(this.state, this.config).filter((s) => codes.has(s.code)) } : {}),
        at: toIsoLocal(now, this.offset),
      },
    });
    return out;
  }

  /**
   * Time-driven changes: the day rolls over at midnight, windows turn 空岗/closed as hours begin
   * and end, and alerts rise and clear. Runs on a timer and after the test clock moves.
   */
  tick(): void {
    const now = this.clock.now();
    if (localDate(now, this.offset) !== this.state.businessDate) {
      this.exec({ kind: 'system', id: 'system', name: '系统' }, rollover);
    }
    const notes: { name: string; payload: Record<string, unknown> }[] = [];
    const turned: string[] = [];
    for (const w of this.config.windows) {
      const status = windowStatus(this.state.windows.get(w.id)!, this.hours, now);
      if (this.lastWindowStatus.get(w.id) !== status) {
        this.lastWindowStatus.set(w.id, status);
        turned.push(w.id);
      }
    }
    if (turned.length > 0) {
      const windows = turned.map((id) => windowView(this.state, this.config, this.hours, id, now));
      notes.push({ name: 'update', payload: { tickets: [], windows, at: toIsoLocal(now, this.offset) } });
    }
    const raised = [...computeAlerts(this.state, this.config, this.hours, now), ...this.alertSources.flatMap((source) => source(now))];
    const current = new Map(raised.map((a) => [a.key, a]));
    for (const [key, alert] of current) {
      if (!this.activeAlerts.has(key)) {
        this.activeAlerts.set(key, alert);
        notes.push({ name: 'alert', payload: { alert, raised: true } });
      }
    }
    for (const [key, alert] of this.activeAlerts) {
      if (!current.has(key)) {
        this.activeAlerts.delete(key);
        notes.push({ name: 'alert', payload: { alert, raised: false } });
      }
    }
    if (notes.length > 0) this.publish(this.store.appendBroadcasts(notes, toIsoLocal(now, this.offset)));
  }

  /** Another feature's write and the events it causes, in one transaction, then published. */
  record(write: () => void, broadcasts: { name: BroadcastName; payload: Record<string, unknown> }[]): void {
    this.publish(this.store.appendBroadcasts(broadcasts, this.nowIso(), write));
  }

  /** Another feature's alerts (the devices'), raised and cleared with the queue's on every tick. */
  addAlertSource(source: (now: number) => Alert[]): void {
    this.alertSources.push(source);
  }

  /**
   * A new hall config took effect (立即生效): every window and service as they now are, in one
   * numbered `update` marked `complete`, so that screens drop what is gone and rename what changed.
   */
  announceConfig(): void {
    const now = this.clock.now();
    const at = toIsoLocal(now, this.offset);
    const payload = { tickets: [], windows: windowViews(this.state, this.config, this.hours, now), services: serviceViews(this.state, this.config), complete: true, at };
    this.publish(this.store.appendBroadcasts([{ name: 'update', payload }], at));
  }

  /** Alerts already raised by the hall this one replaces (立即生效): not raised again; the next tick clears those gone. */
  adoptAlerts(alerts: readonly Alert[]): void {
    for (const a of alerts) this.activeAlerts.set(a.key, a);
  }

  alerts(): Alert[] {
    return [...this.activeAlerts.values()];
  }
}
