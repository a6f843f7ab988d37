/**
 * DLE EOT n — ESC/POS real-time status. The printer answers each request with one byte, even
 * while it is offline, and handles it ahead of any queued print data.
 *
 * Bit layout as in Epson's ESC/POS reference (DLE EOT): every reply has bit 1 and bit 4 set and
 * bit 0 and bit 7 clear (0xx1xx10); the other four bits depend on n.
 */
import type { PrinterStatus } from './types.js';

export type StatusRequestKind = 1 | 2 | 3 | 4;

const DLE = 0x10;
const EOT = 0x04;

export function statusRequest(n: StatusRequestKind): Buffer {
  return Buffer.from([DLE, EOT, n]);
}

/** DLE EOT 1, 2, 3, 4 in one write (Epson allows up to 8 real-time requests at once). */
export const FULL_STATUS_REQUEST = Buffer.concat([statusRequest(1), statusRequest(2), statusRequest(3), statusRequest(4)]);

/** n = 1: printer status. */
export interface PrinterStatusByte {
  drawerPin3High: boolean;
  offline: boolean;
  waitingForOnlineRecovery: boolean;
  feedButtonPressed: boolean;
}

/** n = 2: why the printer is offline. */
export interface OfflineCauseByte {
  coverOpen: boolean;
  /** Paper is being fed by the feed button. */
  feedButtonFeeding: boolean;
  /** Printing stopped because the paper ran out. */
  paperEndStop: boolean;
  errorOccurred: boolean;
}

/** n = 3: which error. */
export interface ErrorCauseByte {
  /** Recoverable (on impact models: mechanical) error. */
  recoverableError: boolean;
  autocutterError: boolean;
  unrecoverableError: boolean;
  /** E.g. head overheating; clears by itself. */
  autoRecoverableError: boolean;
}

/** n = 4: roll paper sensors. */
export interface PaperSensorByte {
  /** Near-end sensor: bits 2 and 3. */
  paperNearEnd: boolean;
  /** End sensor: bits 5 and 6. */
  paperEnd: boolean;
}

const bit = (byte: number, n: number) => (byte & (1 << n)) !== 0;

/** True for a byte with the fixed bits of a DLE EOT reply. */
export function isStatusByte(byte: number): boolean {
  return Number.isInteger(byte) && byte >= 0 && byte <= 0xff && (byte & 0b1001_0011) === 0b0001_0010;
}

function checked(byte: number, n: StatusRequestKind): number {
  if (!isStatusByte(byte)) {
    const shown = Number.isInteger(byte) && byte >= 0 && byte <= 0xff ? `0x${byte.toString(16).padStart(2, '0')}` : String(byte);
    throw new Error(`打印机状态应答无效（DLE EOT ${n}）：${shown}，固定位应为 0xx1xx10`);
  }
  return byte;
}

export function parsePrinterStatusByte(byte: number): PrinterStatusByte {
  const b = checked(byte, 1);
  return { drawerPin3High: bit(b, 2), offline: bit(b, 3), waitingForOnlineRecovery: bit(b, 5), feedButtonPressed: bit(b, 6) };
}

export function parseOfflineCauseByte(byte: number): OfflineCauseByte {
  const b = checked(byte, 2);
  return { coverOpen: bit(b, 2), feedButtonFeeding: bit(b, 3), paperEndStop: bit(b, 5), errorOccurred: bit(b, 6) };
}

export function parseErrorCauseByte(byte: number): ErrorCauseByte {
  const b = checked(byte, 3);
  return { recoverableError: bit(b, 2), autocutterError: bit(b, 3), unrecoverableError: bit(b, 5), autoRecoverableError: bit(b, 6) };
}

export function parsePaperSensorByte(byte: number): PaperSensorByte {
  const b = checked(byte, 4);
  // Some printers set only one of each pair (one bit per sensor), so either bit counts.
  return { paperNearEnd: bit(b, 2) || bit(b, 3), paperEnd: bit(b, 5) || bit(b, 6) };
}

/** For targets that cannot be asked (a file, the preview): assumed able to print. */
export const NO_FAULT: PrinterStatus = Object.freeze({ online: true, paperNearEnd: false, paperOut: false, coverOpen: false, error: false });

export const UNREACHABLE: PrinterStatus = Object.freeze({ online: false, paperNearEnd: false, paperOut: false, coverOpen: false, error: false });

/**
 * The four replies to FULL_STATUS_REQUEST, in order, as the kiosk reports them. A missing or
 * malformed reply means the printer is not (properly) connected: `online: false`.
 */
export function statusFromReplies(replies: readonly number[] | null): PrinterStatus {
  if (!replies || replies.length !== 4 || !replies.every(isStatusByte)) return UNREACHABLE;
  // DLE EOT 1 adds nothing the kiosk acts on: its offline bit is explained by DLE EOT 2 and 3.
  const [, r2, r3, r4] = replies as [number, number, number, number];
  const offline = parseOfflineCauseByte(r2);
  const errors = parseErrorCauseByte(r3);
  const paper = parsePaperSensorByte(r4);
  return {
    online: true,
    paperNearEnd: paper.paperNearEnd,
    paperOut: paper.paperEnd || offline.paperEndStop,
    coverOpen: offline.coverOpen,
    error:
      offline.errorOccurred || errors.recoverableError || errors.autocutterError || errors.unrecoverableError || errors.autoRecoverableError,
  };
}
