import type { QrScanner, ScannerStatus } from './types.js';

/**
 * A USB scanner that types like a keyboard. The keystrokes reach the kiosk page, which tells a
 * scan from a person (`wedge-detector.ts`) and posts it to the agent; this side only relays.
 */
export class WedgeScanner implements QrScanner {
  readonly kind = 'wedge';
  private onRead: (text: string) => void = () => {};

  start(onRead: (text: string) => void): void {
    this.onRead = onRead;
  }

  /** A read the page caught. */
  deliver(text: string): void {
    this.onRead(text);
  }

  status(): ScannerStatus {
    // A keyboard cannot be asked whether it is there.
    return { ok: true, detail: null };
  }

  async close(): Promise<void> {}
}

export class NoScanner implements QrScanner {
  readonly kind = 'none';
  start(): void {}
  status(): ScannerStatus {
    return { ok: true, detail: null };
  }
  async close(): Promise<void> {}
}
