/**
 * Tells a keyboard-wedge scanner from a person at a keyboard, in the kiosk page: a scanner types
 * a whole code in a burst (a few ms per key on average) and ends it with Enter; people are ten
 * times slower. One late key (a busy page, a loaded computer) must not split a scan, so a burst
 * ends only at a long pause, and it counts as a scan when its *average* pace is a scanner's.
 * Pure: the page passes each key and its time (the event's timeStamp).
 */
export interface WedgeDetectorOptions {
  /** A pause this long starts a new burst. */
  maxGapMs?: number;
  /** A burst typed slower than this per key on average is a person. */
  maxAverageGapMs?: number;
  /** Shorter bursts (e.g. someone hitting a few keys) are not scans. */
  minLength?: number;
  maxLength?: number;
}

export class WedgeDetector {
  private buffer = '';
  private startedAt = 0;
  private lastAt = -Infinity;
  private readonly maxGapMs: number;
  private readonly maxAverageGapMs: number;
  private readonly minLength: number;
  private readonly maxLength: number;

  constructor(opts: WedgeDetectorOptions = {}) {
    this.maxGapMs = opts.maxGapMs ?? 150;
    this.maxAverageGapMs = opts.maxAverageGapMs ?? 40;
    this.minLength = opts.minLength ?? 6;
    this.maxLength = opts.maxLength ?? 512;
  }

  /** `key` as in KeyboardEvent.key. Returns the scanned text when this key completes a scan. */
  key(key: string, at: number): string | null {
    const paused = at - this.lastAt > this.maxGapMs;
    this.lastAt = at;
    if (key === 'Enter') {
      const text = paused ? '' : this.buffer;
      const pace = (at - this.startedAt) / Math.max(1, text.length);
      this.buffer = '';
      return text.length >= this.minLength && pace <= this.maxAverageGapMs ? text : null;
    }
    if (key.length !== 1 || key < ' ' || key > '~') return null; // Shift, arrows, non-ASCII
    if (paused || !this.buffer) {
      this.buffer = '';
      this.startedAt = at;
    }
    if (this.buffer.length < this.maxLength) this.buffer += key;
    return null;
  }
}
