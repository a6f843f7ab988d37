/**
 * A real ESC/POS printer behind a serial or TCP link: asks DLE EOT before and after each ticket,
 * and runs one job at a time because status replies and print data share the one connection.
 * "Before" may be an answer the printer gave a moment ago (the kiosk asks just before it requests
 * the number): asking twice put a second serial round trip between a tap and the paper, and a
 * printer that fails in between is caught by the question after the ticket.
 */
import { FULL_STATUS_REQUEST, isStatusByte, statusFromReplies, UNREACHABLE } from './dle-eot.js';
import { encodeTicket } from './escpos-ticket.js';
import type { PrinterLink } from './printer-link.js';
import { PrinterProblemError } from './printer-problem.js';
import { printerProblem, type PrintableTicket, type PrinterStatus, type TicketPrinter } from './types.js';

export interface EscPosPrinterOptions {
  /** How long to wait for the four DLE EOT replies before calling the printer offline. */
  statusTimeoutMs?: number;
  /** How long one ticket may take to leave this computer. */
  writeTimeoutMs?: number;
  paperWidthChars?: number;
  /** A fine status at most this old counts as the check before a ticket (0: always ask again). */
  recentStatusMs?: number;
}

export class EscPosPrinter implements TicketPrinter {
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly statusTimeoutMs: number;
  private readonly writeTimeoutMs: number;
  /** When the printer last answered with no problem (performance.now()), or null. */
  private lastFineAt: number | null = null;

  constructor(
    private readonly link: PrinterLink,
    private readonly opts: EscPosPrinterOptions = {},
  ) {
    this.statusTimeoutMs = opts.statusTimeoutMs ?? 500;
    this.writeTimeoutMs = opts.writeTimeoutMs ?? 10_000;
  }

  status(): Promise<PrinterStatus> {
    return this.exclusive(() => this.query());
  }

  print(ticket: PrintableTicket): Promise<void> {
    let bytes: Buffer;
    try {
      bytes = encodeTicket(ticket, { paperWidthChars: this.opts.paperWidthChars });
    } catch (err) {
      return Promise.reject(err);
    }
    return this.exclusive(async () => {
      if (this.closed) throw new PrinterProblemError(UNREACHABLE, '打印机已关闭');
      const recent = this.lastFineAt !== null && performance.now() - this.lastFineAt <= (this.opts.recentStatusMs ?? 1_000);
      const before = recent ? null : await this.query();
      if (before && printerProblem(before)) throw new PrinterProblemError(before, `打印前 ${this.link.name} 报告故障`);
      try {
        await withTimeout(this.link.write(bytes), this.writeTimeoutMs, `发送到 ${this.link.name} 超时`);
      } catch (err) {
        this.link.reset();
        this.lastFineAt = null;
        throw new PrinterProblemError(UNREACHABLE, (err as Error).message);
      }
      const after = await this.query();
      if (printerProblem(after)) throw new PrinterProblemError(after, `打印后 ${this.link.name} 报告故障`);
    });
  }

  /** Lets the jobs already queued finish, then closes the connection. */
  close(): Promise<void> {
    return this.exclusive(() => {
      this.closed = true;
      return this.link.close();
    });
  }

  private exclusive<T>(job: () => Promise<T>): Promise<T> {
    const run = this.tail.then(job, job);
    this.tail = run.catch(() => {});
    return run;
  }

  /** DLE EOT 1–4; resolves `online: false` on no, late or garbled replies. Never rejects. */
  private async query(): Promise<PrinterStatus> {
    if (this.closed) return UNREACHABLE;
    try {
      await this.link.open();
    } catch {
      return UNREACHABLE;
    }
    const replies: number[] = [];
    const status = await new Promise<PrinterStatus>((resolve) => {
      const timer = setTimeout(() => {
        // Silent: maybe a half-open socket or a re-plugged adapter. Start over next time, which
        // also keeps a late reply from being read as the answer to the next query.
        this.link.reset();
        resolve(UNREACHABLE);
      }, this.statusTimeoutMs);
      const done = (s: PrinterStatus) => {
        clearTimeout(timer);
        resolve(s);
      };
      this.link.receive((chunk) => {
        // Anything else the printer sends (XON/XOFF, stray bytes) lacks the fixed bits.
        for (const b of chunk) if (isStatusByte(b)) replies.push(b);
        if (replies.length >= 4) done(statusFromReplies(replies.slice(0, 4)));
      });
      this.link.write(FULL_STATUS_REQUEST).catch(() => {
        this.link.reset();
        done(UNREACHABLE);
      });
    });
    this.link.receive(null);
    this.lastFineAt = printerProblem(status) ? null : performance.now();
    return status;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
