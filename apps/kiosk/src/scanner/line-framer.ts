/**
 * Turns the byte stream of a serial QR scanner into reads. Scanners send each code as a line
 * ending in CR, LF or CR LF. On a real RS-232 line there is also noise: bytes from a plug being
 * pulled, a scanner's STX/ETX framing, a half line after a reset. So:
 * - only printable ASCII (0x20–0x7E) is kept; other bytes are dropped and counted;
 * - a line longer than `maxLength` is thrown away up to its end;
 * - a partial line that gets no byte for `idleTimeoutMs` is thrown away (`expire(now)`), so the
 *   next read starts clean instead of being glued to a fragment.
 * Pure: the caller passes the time, and calls `expire` from its own timer.
 */
export interface LineFramerOptions {
  maxLength?: number;
  idleTimeoutMs?: number;
}

export interface FramerStats {
  lines: number;
  droppedBytes: number;
  discardedFragments: number;
  overlongLines: number;
}

export class LineFramer {
  readonly maxLength: number;
  readonly idleTimeoutMs: number;
  readonly stats: FramerStats = { lines: 0, droppedBytes: 0, discardedFragments: 0, overlongLines: 0 };
  private current = '';
  private overflow = false;
  private lastByteAt = 0;

  constructor(opts: LineFramerOptions = {}) {
    this.maxLength = opts.maxLength ?? 512;
    this.idleTimeoutMs = opts.idleTimeoutMs ?? 500;
  }

  /** Feeds bytes received at `now`; returns the complete lines they finished (trimmed, non-empty). */
  push(chunk: Uint8Array, now: number): string[] {
    this.expire(now);
    const out: string[] = [];
    for (const b of chunk) {
      if (b === 0x0d || b === 0x0a) {
        const line = this.current.trim();
        if (this.overflow) this.stats.overlongLines++;
        else if (line) {
          out.push(line);
          this.stats.lines++;
        }
        this.current = '';
        this.overflow = false;
        continue;
      }
      if (b < 0x20 || b > 0x7e) {
        this.stats.droppedBytes++;
        continue;
      }
      if (this.overflow) continue;
      if (this.current.length >= this.maxLength) {
        this.overflow = true;
        this.current = '';
        continue;
      }
      this.current += String.fromCharCode(b);
    }
    this.lastByteAt = now;
    return out;
  }

  /** True while a line is half received. */
  get pending(): boolean {
    return this.current.length > 0 || this.overflow;
  }

  /** Drops a partial line older than the idle timeout; true if one was dropped. */
  expire(now: number): boolean {
    if (!this.pending || now - this.lastByteAt < this.idleTimeoutMs) return false;
    this.current = '';
    this.overflow = false;
    this.stats.discardedFragments++;
    return true;
  }
}
