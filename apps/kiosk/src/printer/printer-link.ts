/**
 * A byte pipe to a printer (serial port or TCP socket). It opens lazily and again after the
 * connection dropped, so a printer that was unplugged and plugged back in works without a restart.
 */
export interface PrinterLink {
  /** For messages, e.g. `串口 /dev/ttyS0`. */
  readonly name: string;
  /** Opens the connection unless it is open; rejects if the printer cannot be reached. */
  open(): Promise<void>;
  /** Resolves once the bytes left this computer (written and drained). */
  write(bytes: Buffer): Promise<void>;
  /** Where bytes from the printer go; `null` drops them. */
  receive(listener: ((chunk: Buffer) => void) | null): void;
  /** Forgets the connection (after a write failed or timed out); the next `open()` starts over. */
  reset(): void;
  close(): Promise<void>;
}
