import { appendFile } from 'node:fs/promises';
import { NO_FAULT, UNREACHABLE } from './dle-eot.js';
import { encodeTicket } from './escpos-ticket.js';
import { PrinterProblemError } from './printer-problem.js';
import type { PrintableTicket, PrinterStatus, TicketPrinter } from './types.js';

/**
 * Appends each ticket's bytes to a file or device node (e.g. `/dev/usb/lp0`). Such a target
 * cannot answer DLE EOT, so the status is always "online".
 */
export class FilePrinter implements TicketPrinter {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly paperWidthChars?: number,
  ) {}

  async status(): Promise<PrinterStatus> {
    return NO_FAULT;
  }

  print(ticket: PrintableTicket): Promise<void> {
    let bytes: Buffer;
    try {
      bytes = encodeTicket(ticket, { paperWidthChars: this.paperWidthChars });
    } catch (err) {
      return Promise.reject(err);
    }
    const job = this.tail.then(async () => {
      try {
        await appendFile(this.path, bytes);
      } catch (err) {
        throw new PrinterProblemError(UNREACHABLE, `无法写入 ${this.path}：${(err as Error).message}`);
      }
    });
    this.tail = job.catch(() => {});
    return job;
  }

  async close(): Promise<void> {
    await this.tail;
  }
}
