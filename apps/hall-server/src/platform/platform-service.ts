/**
 * The 政务服务平台 integration's shell. It taps the audit log (storage/event-log.ts), through which
 * every committed change passes inside its own transaction — queue transitions (QueueStore.commit),
 * appointment transitions (AppointmentStore.write, also inside a check-in's queue commit) and
 * ratings (RatingStore.insert) — and, in that same transaction, turns the change into platform
 * events (core/platform), appends them to the journal and queues one delivery per interested
 * receiver. A change and its platform events therefore commit together or not at all.
 * After the commit the dispatcher is kicked, so a delivery normally leaves within milliseconds.
 *
 * A rating voided by an upheld appeal is one more event (`rating.voided`), captured in the void's
 * own transaction like every change; its 好差评 upload is corrected (already up, or maybe up) or
 * cancelled (not yet sent). The journal keeps `journalRetentionDays`: after each delivery pass the
 * oldest events that are past it and delivered to every configured receiver are pruned in batches.
 */
import {
  HallError,
  RATING_UPLOAD_TARGET,
  isEventPattern,
  matchesEventKinds,
  parseInstant,
  toIsoLocal,
  type DeliveryTargetStatus,
  type HallConfig,
  type PlatformDeliveryStatus,
  type PlatformEvent,
  type PlatformEventsPage,
  type PlatformIdentity,
  type PlatformRating,
  type PlatformRatingVoid,
} from '@hall/shared';
import { randomUUID } from 'node:crypto';
import { cursorExpired, forReceiver, platformEventsOf, prunableThrough, retentionCutoff, type AuditRecord } from '../core/platform/index.js';
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
  /** The hall's clock (events' `at`), for the journal's retention; defaults to `now`. */
  hallNow?: () => number;
  onError?: (e: unknown) => void;
}

/** Journal events looked at per prune; a longer backlog goes batch by batch, one per delivery pass. */
export const PRUNE_BATCH = 500;
/** At most one prune attempt per this many ms (wall clock) while old events are waiting. */
const PRUNE_EVERY_MS = 1_000;

export class PlatformService {
  readonly store: PlatformStore;
  private readonly uploader: RatingUploader | null;
  private readonly targets: DeliveryTarget[];
  private readonly now: () => number;
  private dispatcher: PlatformDispatcher | null = null;
  private side: Db | null = null;
  private loop: PassLoop | null = null;
  private untap: (() => void) | null = null;
  private sideStore: PlatformStore | null = null;
  private lastPruneAt = Number.NEGATIVE_INFINITY;

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
    const side = new PlatformStore(this.side);
    this.sideStore = side;
    const dispatcher = new PlatformDispatcher(side, this.targets, { backoff: exponentialBackoff(retry), maxAttempts: retry.maxAttempts }, this.now);
    this.dispatcher = dispatcher;
    this.loop = startPassLoop(
      async () => {
        await dispatcher.dispatch();
        this.pruneStep();
      },
      this.config.platform.delivery.pollMs,
      this.opts.onError,
    );
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
    this.sideStore = null;
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
      if (this.uploader && 'rating' in e.data) {
        if (e.data.voided) this.correctUpload(this.uploader, e.data.rating, e.data.voided, { seq, id, now });
        else if (shouldUpload(e.data.rating, p.ratingUpload)) {
          const body = JSON.stringify(this.uploader.record(e.data.rating, this.hall));
          this.store.enqueue({ id: randomUUID(), target: this.uploader.target, eventSeq: seq, eventId: id, kind: e.kind, body, now });
        }
      }
    }
    // After the transaction commits (the current synchronous run ends first).
    setImmediate(() => this.loop?.kick());
  }

  /**
   * Inside the void's transaction: the province must not keep counting a voided rating. An upload
   * not yet through is cancelled (never sent, nor re-sent by retry-failed); a correction follows
   * when the rating is, or may be, at the province — delivered, or tried at least once (a timed-out
   * attempt may have landed), or on the wire right now. A rating whose upload was pruned with the
   * journal was delivered or given up before the prune, so it is corrected too.
   */
  private correctUpload(uploader: RatingUploader, rating: PlatformRating, voided: PlatformRatingVoid, event: { seq: number; id: string; now: number }): void {
    const original = this.store.uploadOfRating(rating.id);
    let reached: boolean;
    if (original) {
      reached = original.state === 'delivered' || original.attempts > 0 || (this.dispatcher?.isSending(original.id) ?? false);
      if (original.state === 'pending' || original.state === 'failed') this.store.cancel(original.id);
    } else {
      const pruned = this.store.prunedThrough();
      reached = pruned !== null && shouldUpload(rating, this.config.platform.ratingUpload) && parseInstant(rating.ratedAt) <= parseInstant(pruned.at);
    }
    if (!reached) return;
    const body = JSON.stringify(uploader.voidRecord(rating, voided, this.hall));
    this.store.enqueue({ id: randomUUID(), target: uploader.target, eventSeq: event.seq, eventId: event.id, kind: 'rating.voided', body, now: event.now });
  }

  /**
   * One prune of the journal's old end, run after each delivery pass: cheap when nothing is past
   * the retention (one indexed read), at most PRUNE_BATCH events at a time, and never an event a
   * configured receiver still has to be sent. Deliveries to receivers no longer in the config do
   * not hold it back (they are never sent); they go with their events.
   */
  pruneStep(): number {
    const store = this.sideStore ?? this.store;
    const cutoff = retentionCutoff((this.opts.hallNow ?? this.now)(), this.config.platform.journalRetentionDays);
    const [oldest] = store.oldestEvents(1);
    if (!oldest || !(parseInstant(oldest.at) < cutoff)) return 0;
    const wall = this.now();
    if (wall - this.lastPruneAt < PRUNE_EVERY_MS) return 0;
    this.lastPruneAt = wall;
    const batch = store.oldestEvents(PRUNE_BATCH);
    const through = prunableThrough(batch, cutoff, store.firstUndelivered(this.targetIds()));
    if (through === null) return 0;
    const n = store.prune(through, batch.find((e) => e.seq === through)!.at);
    // A full batch: more may be waiting — the next pass goes on at once.
    if (n >= PRUNE_BATCH) {
      this.lastPruneAt = Number.NEGATIVE_INFINITY;
      setImmediate(() => this.loop?.kick());
    }
    return n;
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
    const pruned = this.store.prunedThrough();
    if (pruned && cursorExpired(after, pruned.seq)) {
      const days = this.config.platform.journalRetentionDays;
      throw new HallError(
        'CURSOR_EXPIRED',
        `游标 after=${after} 已过期：第 ${pruned.seq} 条及更早的事件（至 ${pruned.at}）已按保留期（${days} 天）清理，无法再读取。请从 after=${pruned.seq} 继续读取，并与业务数据核对其间的记录`,
        { oldestAvailableAfter: String(pruned.seq), retentionDays: days },
      );
    }
    const rows = this.store.eventsAfter(after, limit + 1, likes);
    const events = rows.slice(0, limit).map((r) => this.envelope(r, identity));
    const hasMore = rows.length > limit;
    // Caught up: the cursor moves past events of other kinds too, so a reader of a few kinds is
    // not left behind (and expired) while nothing of its kinds happens.
    const last = events.at(-1)?.seq ?? after;
    const next = hasMore || !likes ? last : Math.max(last, this.store.lastSeq());
    return { events, next: String(next), hasMore };
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
    const configured: Omit<DeliveryTargetStatus, 'pending' | 'retrying' | 'failed' | 'delivered' | 'cancelled' | 'oldestPendingAt' | 'nextAttemptAt' | 'lastDeliveredAt' | 'lastError'>[] = [
      ...p.webhooks.map((w) => ({ id: w.id, kind: 'webhook' as const, name: w.name ?? null, url: shownUrl(w.url), events: w.events, identity: w.identity, configured: true })),
      ...(this.uploader
        ? [
            {
              id: RATING_UPLOAD_TARGET,
              kind: 'rating-upload' as const,
              name: `好差评上报（${p.ratingUpload.province ?? p.ratingUpload.adapter}）`,
              url: shownUrl(this.uploader.url),
              events: ['rating.submitted', 'rating.voided'],
              identity: null,
              configured: true,
            },
          ]
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
        cancelled: c?.cancelled ?? 0,
        oldestPendingAt: iso(c?.oldestPendingAt ?? null),
        nextAttemptAt: iso(c?.nextAttemptAt ?? null),
        lastDeliveredAt: iso(c?.lastDeliveredAt ?? null),
        lastError: err ? { at: iso(err.at)!, message: err.message, eventId: err.eventId, kind: err.kind, attempts: err.attempts, unresolved: err.state === 'pending' || err.state === 'failed' } : null,
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
