/**
 * Once per placement: a reader polled every half second sees the same card again and again while
 * it lies there; the kiosk wants it once, and again only after it was taken away and put back.
 * Pure: the adapters tell it what each poll saw, with the time.
 *
 * A card counts as taken away only after no poll has seen a card for `removedAfterMs`: SAM
 * modules are known to answer "no card" to every other find while a card that was already read
 * stays on the reader (the card stays selected and ignores the next request), and a bridge may
 * miss one read; a single "no card" must not turn into a second delivery of the same card.
 */
import type { IdCard } from '../protocol.js';

export type PollSeen =
  /** A card read in full. */
  | { kind: 'card'; card: IdCard }
  /** A card is there but could not be read this time (select or read failed). */
  | { kind: 'present' }
  /** No card. */
  | { kind: 'absent' }
  /** The reader did not answer: says nothing about the card. */
  | { kind: 'unknown' };

export class PlacementTracker {
  private current: { idNumber: string; seenAt: number } | null = null;

  constructor(readonly removedAfterMs = 1_500) {}

  /** The card to hand on now, or null (nothing new). */
  observe(seen: PollSeen, now: number): IdCard | null {
    switch (seen.kind) {
      case 'card':
        if (this.current?.idNumber === seen.card.idNumber) {
          this.current.seenAt = now;
          return null;
        }
        this.current = { idNumber: seen.card.idNumber, seenAt: now };
        return seen.card;
      case 'present':
        if (this.current) this.current.seenAt = now;
        return null;
      case 'absent':
        if (this.current && now - this.current.seenAt >= this.removedAfterMs) this.current = null;
        return null;
      case 'unknown':
        return null;
    }
  }

  /** The ID number of the card on the reader, as far as it knows. */
  get onReader(): string | null {
    return this.current?.idNumber ?? null;
  }
}

/** A card as the kiosk passes it on: trimmed, a lower-case check letter x made X. */
export function cleanCard(name: string, idNumber: string): IdCard {
  return { name: name.trim(), idNumber: idNumber.trim().toUpperCase() };
}
