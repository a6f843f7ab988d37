/**
 * The kiosk's printer seen from the rest of the kiosk: what goes on a ticket, what state the
 * printer is in, and the one operation that matters — print and know whether it was accepted.
 * Implementations live beside this file (ESC/POS over serial, TCP 9100, a file, or a preview).
 */

/** Everything printed on one ticket. Text is Chinese; `statusUrl` must be ASCII (it becomes the QR). */
export interface PrintableTicket {
  hallName: string;
  /** e.g. `A001`, `YA003` — printed in double size. */
  number: string;
  serviceName: string;
  /** e.g. `预约` or `绿色通道`; absent for an ordinary ticket. */
  priorityLabel?: string;
  peopleAhead: number;
  /** null when the hall cannot estimate yet (e.g. no window open). */
  estimatedWaitMinutes: number | null;
  /** ISO 8601 with offset, hall-local (+08:00). */
  issuedAt: string;
  /** Live status page for this ticket, e.g. `http://10.0.0.2:8080/t/<id>` — ASCII only. */
  statusUrl: string;
  /** 请备齐以下材料: the first items of the service's materials list; absent or empty: no such section. */
  materials?: string[];
  /** Items of the list left off the paper (then: 另有 N 项，详见办事指南). */
  materialsLeftOff?: number;
  tips: string[];
}

/** DLE EOT status as the kiosk reports it to the hall server. */
export interface PrinterStatus {
  /** The printer answered at all. */
  online: boolean;
  paperNearEnd: boolean;
  paperOut: boolean;
  coverOpen: boolean;
  /** Cutter error, unrecoverable or auto-recoverable error (DLE EOT 3). */
  error: boolean;
}

/** Why the printer cannot print now, in Chinese for the out-of-service screen; null when it can. */
export function printerProblem(s: PrinterStatus): string | null {
  if (!s.online) return '打印机未连接';
  if (s.coverOpen) return '打印机盖未关好';
  if (s.paperOut) return '打印纸已用完';
  if (s.error) return '打印机故障';
  return null;
}

export interface TicketPrinter {
  /** Queries the printer (DLE EOT); never throws — an unreachable printer is `online: false`. */
  status(): Promise<PrinterStatus>;
  /** Resolves once the bytes were written and the printer still reports no fault; rejects otherwise. */
  print(ticket: PrintableTicket): Promise<void>;
  close(): Promise<void>;
}
