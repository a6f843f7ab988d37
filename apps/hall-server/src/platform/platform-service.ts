/**
 * The 政务服务平台 integration's shell. It taps the audit log (storage/event-log.ts), through which
 * every committed change passes inside its own transaction — queue transitions (QueueStore.commit),
 * appointment transitions (AppointmentStore.write, also inside a check-in's queue commit) and
 * ratings (RatingStore.insert) — and, in that same transaction, turns the change into platform
 * events (core/platform), appends them to the journal and queues one delivery per interested
 * receiver. A change and its platform events therefore commit together or not at all.
 * After the commit the dispatcher is kicked, so a delivery normally leaves within milliseconds.
 */
import {
  HallError,
  RATING_UPLOAD_TARGET,
  isEventPattern,
  matchesEventKinds,
  toIsoLocal,
  type DeliveryTargetStatus,
  type HallConfig,
  type PlatformDeliveryStatus,
  type PlatformEvent,
  type PlatformEventsPage,
  type PlatformIdentity,
} from '@hall/shared';
import { randomUUID } from 'node:crypto';
import { forReceiver, platformEventsOf, type AuditRecord } from '../core/platform/index.js';
import { exponentialBackoff } from '../notifications/backoff.js';
import { startPassLoop, type PassLoop } from '../notifications/pass-loop.js';
import { openSideConnection, type Db } from '../storage/database.js';
import { EventLog, type AuditEntry } from '../storage/event-log.js';
import { PlatformStore, type JournalRow } from '../storage/platform-store.js';
import { PlatformDispatcher, type DeliveryTarget } from './platform-dispatcher.js';
import { ratingUploaderFor, shouldUpload, type RatingUploader } from './rating-uploader.js';
import { postSigned } from './signed-post.js';

export interface PlatformServiceOptions {
  /** Wall clock for delivery times and signatures (the hall's own clock may be a test clock). */
  now?: () => number;
  onError?: (e: unknown) => void;
}

export class PlatformService {
  readonly store: PlatformStore;
  private readonly uploader: RatingUploader | null;
  private readonly targets: DeliveryTarget[];
  private readonly now: () => number;
  private dispatcher: PlatformDispatcher | null = null;
  private side: Db | null = null;
  private loop: PassLoop | null = null;
  private untap: (() => void) | null = null;

  constructor(
    private readonly config: HallConfig,
    private readonly db: Db,
    private readonly opts: PlatformServiceOptions = {},
  ) {
    const p = config.platform;
    this.now = opts.now ?? (() => Date.now());
    this.store = new PlatformStore(db);
    this.uploader = p.enabled && p.ratingUpload.enabled ? ratingUploaderFor(p.ratingUpload, p.delivery.timeoutMs, this.now) : null;
    this.targets = p.webhooks.map((w) => ({
      id: w.id,
      send: (d, stop) => postSigned(d, { url: w.url, secret: w.secret, timeoutMs: p.delivery.timeoutMs, now: this.now }, stop),
    }));
    const uploader = this.uploader;
    if (uploader) this.targets.push({ id: uploader.target, send: (d, stop) => uploader.send(d, stop) });
  }

  get enabled(): boolean {
    return this.config.platform.enabled;
  }

  private get hall(): PlatformEvent['hall'] {
    return { code: this.config.hall.code ?? null, name: this.config.hall.name };
  }

  /** Starts capturing and delivering (no-op when the platform section is disabled). */
  start(): void {
    if (!this.enabled || this.loop) return;
    this.untap = EventLog.of(this.db).tap((entry, auditId) => this.capture(entry, auditId));
    // Delivery marks go through their own connection: no fsync per delivery on the hall's thread.
    this.side = openSideConnection(this.db);
    const retry = this.config.platform.delivery.retry;
    const dispatcher = new PlatformDispatcher(new PlatformStore(this.side), this.targets, { backoff: exponentialBackoff(retry), maxAttempts: retry.maxAttempts }, this.now);
    this.dispatcher = dispatcher;
    this.loop = startPassLoop(() => dispatcher.dispatch(), this.config.platform.delivery.pollMs, this.opts.onError);
    this.loop.kick();
  }

  async stop(): Promise<void> {
    this.untap?.();
    this.untap = null;
    this.dispatcher?.abort();
    await this.loop?.stop();
    this.loop = null;
    this.side?.close();
    this.side = null;
  }

  /** Inside the change's transaction: journal rows and their deliveries. */
  capture(entry: AuditEntry, auditId: number): void {
    const events = platformEventsOf(entry as unknown as AuditRecord, this.config);
    if (events.length === 0) return;
    const now = this.now();
    const p = this.config.platform;
    for (const e of events) {
      const id = randomUUID();
      const seq = this.store.appendEvent({ id, kind: e.kind, at: e.at, subject: e.subject, auditId, data: e.data });
      const envelope = (identity: PlatformIdentity): PlatformEvent => ({ id, seq, kind: e.kind, at: e.at, hall: this.hall, data: forReceiver(e.data, identity) });
      for (const w of p.webhooks) {
        if (!matchesEventKinds(w.events, e.kind)) continue;
        this.store.enqueue({ id: randomUUID(), target: w.id, eventSeq: seq, eventId: id, kind: e.kind, body: JSON.stringify(envelope(w.identity)), now });
      }
      if (this.uploader && 'rating' in e.data && shouldUpload(e.data.rating, p.ratingUpload)) {
        const body = JSON.stringify(this.uploader.record(e.data.rating, this.hall));
        this.store.enqueue({ id: randomUUID(), target: this.uploader.target, eventSeq: seq, eventId: id, kind: e.kind, body, now });
      }
    }
    // After the transaction commits (the current synchronous run ends first).
    setImmediate(() => this.loop?.kick());
  }

  /** A page of the journal after `after`, in order; `kinds` as in the webhook config. */
  page(q: { after?: string | undefined; limit?: string | undefined; kinds?: string | undefined }, identity: PlatformIdentity): PlatformEventsPage {
    const after = Number(q.after ?? '0');
    const max = this.config.platform.api.maxPageSize;
    const limit = q.limit === undefined ? Math.min(100, max) : Number(q.limit);
    if (limit > max) throw new HallError('VALIDATION_FAILED', `limit 不能大于 ${max}（每页最多 ${max} 条）`);
    const patterns = q.kinds === undefined ? undefined : q.kinds.split(',').map((k) => k.trim());
    const bad = patterns?.find((k) => !isEventPattern(k));
    if (bad !== undefined) throw new HallError('VALIDATION_FAILED', `kinds 中的“${bad.slice(0, 40)}”不是事件类型：应为 *、ticket.*、appointment.*、rating.* 或具体类型（如 ticket.called），以逗号分隔`);
    const likes = patterns && !patterns.includes('*') ? patterns.map((k) => (k.endsWith('.*') ? `${k.slice(0, -1)}%` : k)) : undefined;
    const rows = this.store.eventsAfter(after, limit + 1, likes);
    const events = rows.slice(0, limit).map((r) => this.envelope(r, identity));
    return { events, next: String(events.at(-1)?.seq ?? after), hasMore: rows.length > limit };
  }

  private envelope(r: JournalRow, identity: PlatformIdentity): PlatformEvent {
    return { id: r.id, seq: r.seq, kind: r.kind, at: r.at, hall: this.hall, data: forReceiver(r.data, identity) };
  }

  /** Deliveries that ran out of attempts go back in the queue; returns how many. */
  retryFailed(target?: string): number {
    if (target !== undefined && !this.targetIds().includes(target)) {
      throw new HallError('NOT_FOUND', `没有编号为 ${target} 的接收方（已配置：${this.targetIds().join('、') || '无'}）`);
    }
    const n = this.store.retryFailed(this.now(), target);
    this.loop?.kick();
    return n;
  }

  private targetIds(): string[] {
    return [...this.config.platform.webhooks.map((w) => w.id), ...(this.uploader ? [this.uploader.target] : [])];
  }

  /** For managers: per receiver, what is pending, retrying, failed and delivered, and the last error. */
  status(): PlatformDeliveryStatus {
    const iso = (ms: number | null) => (ms === null ? null : toIsoLocal(ms, this.config.hall.utcOffsetMinutes));
    const counts = new Map(this.store.counts().map((c) => [c.target, c]));
    const p = this.config.platform;
    const configured: Omit<DeliveryTargetStatus, 'pending' | 'retrying' | 'failed' | 'delivered' | 'oldestPendingAt' | 'nextAttemptAt' | 'lastDeliveredAt' | 'lastError'>[] = [
      ...p.webhooks.map((w) => ({ id: w.id, kind: 'webhook' as const, name: w.name ?? null, url: shownUrl(w.url), events: w.events, identity: w.identity, configured: true })),
      ...(this.uploader
        ? [{ id: RATING_UPLOAD_TARGET, kind: 'rating-upload' as const, name: `好差评上报（${p.ratingUpload.province ?? p.ratingUpload.adapter}）`, url: shownUrl(this.uploader.url), events: ['rating.submitted'], identity: null, configured: true }]
        : []),
    ];
    for (const id of counts.keys()) {
      if (!configured.some((t) => t.id === id)) {
        configured.push({ id, kind: id === RATING_UPLOAD_TARGET ? 'rating-upload' : 'webhook', name: null, url: null, events: [], identity: null, configured: false });
      }
    }
    const targets: DeliveryTargetStatus[] = configured.map((t) => {
      const c = counts.get(t.id);
      const err = this.store.lastErrorOf(t.id);
      return {
        ...t,
        pending: c?.pending ?? 0,
        retrying: c?.retrying ?? 0,
        failed: c?.failed ?? 0,
        delivered: c?.delivered ?? 0,
        oldestPendingAt: iso(c?.oldestPendingAt ?? null),
        nextAttemptAt: iso(c?.nextAttemptAt ?? null),
        lastDeliveredAt: iso(c?.lastDeliveredAt ?? null),
        lastError: err ? { at: iso(err.at)!, message: err.message, eventId: err.eventId, kind: err.kind, attempts: err.attempts, unresolved: err.state !== 'delivered' } : null,
      };
    });
    const sum = (k: 'pending' | 'retrying' | 'failed' | 'delivered') => targets.reduce((a, t) => a + t[k], 0);
    const latest = targets.filter((t) => t.lastError).sort((a, b) => (a.lastError!.at < b.lastError!.at ? 1 : -1))[0];
    return {
      enabled: p.enabled,
      journal: this.store.journal(),
      targets,
      totals: { pending: sum('pending'), retrying: sum('retrying'), failed: sum('failed'), delivered: sum('delivered') },
      lastError: latest ? { ...latest.lastError!, target: latest.id } : null,
    };
  }
}

/** A receiver's address as the status page shows it: no query string (some platforms put a token there). */
function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return url;
  }
}
