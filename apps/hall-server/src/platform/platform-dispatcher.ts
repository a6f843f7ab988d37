/**
 * Delivers the platform outbox, like the SMS outbox (notifications/outbox.ts) but in order per
 * receiver: each pass takes every receiver's oldest undelivered event and, while attempts succeed,
 * the next ones; a failure makes that receiver wait (exponential backoff) before its head event is
 * tried again, so a receiver never gets event n+1 before event n. Receivers are served side by
 * side, so one that is down holds up only itself.
 *
 * Exactly once, as an idempotent receiver sees it: a delivery is marked done only after the
 * receiver's 2xx; a crash between the two sends the same event (same X-Hall-Event-Id, same body)
 * again after the restart, and the receiver drops the repeat. After `maxAttempts` an event is
 * set aside as failed (the status page shows it; a manager can send it again) and the receiver's
 * next event goes.
 */
import type { Backoff } from '../notifications/backoff.js';
import type { PlatformStore } from '../storage/platform-store.js';
import type { OutgoingDelivery } from './signed-post.js';

export interface DeliveryTarget {
  id: string;
  send(d: OutgoingDelivery, stop?: AbortSignal): Promise<void>;
}

export interface DispatchPolicy {
  backoff: Backoff;
  maxAttempts: number;
  /** At most this many deliveries per receiver in one pass. */
  batch?: number;
}

export class PlatformDispatcher {
  private readonly stopping = new AbortController();
  /** Deliveries whose attempt is on the wire now. */
  private readonly sending = new Set<string>();

  constructor(
    private readonly store: PlatformStore,
    private readonly targets: readonly DeliveryTarget[],
    private readonly policy: DispatchPolicy,
    /** Wall clock (epoch ms): backoff runs on real time also when the hall runs on a test clock. */
    private readonly now: () => number,
  ) {}

  /** One pass over every receiver; returns how many deliveries succeeded. */
  async dispatch(): Promise<number> {
    const counts = await Promise.all(this.targets.map((t) => this.drain(t)));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Is an attempt of this delivery on its way now (sent, answer not yet in)? */
  isSending(deliveryId: string): boolean {
    return this.sending.has(deliveryId);
  }

  /** Aborts attempts in flight (on shutdown): they stay pending, as if never tried, and go after the restart. */
  abort(): void {
    this.stopping.abort();
  }

  private async drain(target: DeliveryTarget): Promise<number> {
    let delivered = 0;
    for (let i = 0; i < (this.policy.batch ?? 100) && !this.stopping.signal.aborted; i++) {
      const d = this.store.headOf(target.id);
      if (!d || d.nextAttemptAt > this.now()) break;
      const attempt = d.attempts + 1;
      this.sending.add(d.id);
      try {
        await target.send({ id: d.id, eventId: d.eventId, kind: d.kind, seq: d.eventSeq, body: d.body, attempt }, this.stopping.signal);
      } catch (e) {
        if (this.stopping.signal.aborted) break; // shutting down: still pending, not a failed attempt
        const at = this.now();
        const giveUp = attempt >= this.policy.maxAttempts;
        this.store.markFailedAttempt(d.id, at, e instanceof Error ? e.message : String(e), { giveUp, nextAttemptAt: at + this.policy.backoff(attempt) });
        if (giveUp) continue; // set aside: the next event of this receiver goes now
        break;
      } finally {
        this.sending.delete(d.id);
      }
      this.store.markDelivered(d.id, this.now());
      delivered++;
    }
    return delivered;
  }
}
