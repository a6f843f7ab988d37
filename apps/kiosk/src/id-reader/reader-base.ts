import type { IdCard } from '../protocol.js';
import { PlacementTracker, type PollSeen } from './placement.js';
import type { IdReaderStatus } from './types.js';

/** Listeners, status and once-per-placement, shared by the polling readers (serial, bridge). */
export abstract class PollingReaderBase {
  private readonly cardListeners = new Set<(card: IdCard) => void>();
  private readonly statusListeners = new Set<(s: IdReaderStatus) => void>();
  private current: IdReaderStatus;
  protected readonly placement: PlacementTracker;
  protected readonly now: () => number;

  constructor(initial: IdReaderStatus, opts: { removedAfterMs?: number; now?: () => number }) {
    this.current = initial;
    this.placement = new PlacementTracker(opts.removedAfterMs);
    this.now = opts.now ?? Date.now;
  }

  onCard(listener: (card: IdCard) => void): () => void {
    this.cardListeners.add(listener);
    return () => this.cardListeners.delete(listener);
  }

  onStatus(listener: (s: IdReaderStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  status(): IdReaderStatus {
    return this.current;
  }

  get ok(): boolean {
    return this.current.ok;
  }

  /** A card lies on the reader, as far as the polls tell (for tests and diagnostics). */
  get cardOnReader(): boolean {
    return this.placement.onReader !== null;
  }

  protected setStatus(s: IdReaderStatus): void {
    if (s.ok === this.current.ok && s.detail === this.current.detail) return;
    this.current = s;
    for (const l of [...this.statusListeners]) {
      try {
        l(s);
      } catch {
        // a listener's failure is not the reader's
      }
    }
  }

  /** What one poll saw → the card handed on, if it is a new placement. */
  protected seen(what: PollSeen): void {
    const card = this.placement.observe(what, this.now());
    if (!card) return;
    for (const l of [...this.cardListeners]) {
      try {
        l(card);
      } catch {
        // as above
      }
    }
  }

  protected dropListeners(): void {
    this.cardListeners.clear();
    this.statusListeners.clear();
  }
}
