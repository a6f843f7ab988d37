/**
 * Tells a keyboard-wedge scanner from a person at a keyboard, in the kiosk page: a scanner
 * types a whole code in a burst (a few ms per key) and ends it with Enter; people are slower.
 * Pure: the page passes each key and its time.
 */
export interface WedgeDetectorOptions {
  /** The longest gap between two keys of one scan. */
  maxGapMs?: number;
  /** Shorter bursts (e.g. someone hitting two keys) are not scans. */
  minLength?: number;
  maxLength?: number;
}

export class WedgeDetector {
  private buffer = '';
  private lastAt = -Infinity;
  private readonly maxGapMs: number;
  private readonly minLength: number;
  private readonly maxLength: number;

  constructor(opts: WedgeDetectorOptions = {}) {
    this.maxGapMs = opts.maxGapMs ?? 60;
    this.minLength = opts.minLength ?? 6;
    this.maxLength = opts.maxLength ?? 512;
  }

  /** `key` as in KeyboardEvent.key. Returns the scanned text when this key completes a scan. */
  key(key: string, at: number): string | null {
    const slow = at - this.lastAt > this.maxGapMs;
    this.lastAt = at;
    if (key === 'Enter') {
      const text = slow ? '' : this.buffer;
      this.buffer = '';
      return text.length >= this.minLength ? text : null;
    }
    if (key.length !== 1 || key < ' ' || key > '~') return null; // Shift, arrows, non-ASCII
    if (slow) this.buffer = '';
    if (this.buffer.length < this.maxLength) this.buffer += key;
    return null;
  }
}
