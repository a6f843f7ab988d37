import { decodeEscPos, type DecodedTicket } from './escpos-decoder.js';
import { encodeTicket } from './escpos-ticket.js';
import { NO_FAULT } from './dle-eot.js';
import type { PrintableTicket, PrinterStatus, TicketPrinter } from './types.js';

/**
 * No printer at all: each ticket is encoded exactly as for paper, decoded back, kept as
 * `lastTicket` for the screen to show and logged.
 */
export class PreviewPrinter implements TicketPrinter {
  lastTicket: DecodedTicket | null = null;
  private listeners: Array<(t: DecodedTicket) => void> = [];

  constructor(
    private readonly log: (text: string) => void = (text) => console.info(text),
    private readonly paperWidthChars?: number,
  ) {}

  async status(): Promise<PrinterStatus> {
    return NO_FAULT;
  }

  async print(ticket: PrintableTicket): Promise<void> {
    const { tickets } = decodeEscPos(encodeTicket(ticket, { paperWidthChars: this.paperWidthChars }));
    const decoded = tickets[0]!;
    this.lastTicket = decoded;
    this.log(`【小票预览】\n${decoded.text}\n二维码：${decoded.qr.join(' ')}`);
    for (const l of this.listeners) l(decoded);
  }

  /** Calls `listener` with each ticket printed from now on; returns an unsubscribe function. */
  onTicket(listener: (t: DecodedTicket) => void): () => void {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  }

  async close(): Promise<void> {}
}
