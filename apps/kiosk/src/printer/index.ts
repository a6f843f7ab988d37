/** The kiosk's thermal printer: open one from a `--printer` spec, encode tickets, test against a virtual one. */
export * from './types.js';
export { openPrinter, parsePrinterSpec, DEFAULT_BAUD_RATE, DEFAULT_TCP_PORT, type PrinterSpec, type OpenPrinterOptions } from './open-printer.js';
export { encodeTicket, DEFAULT_PAPER_WIDTH_CHARS, type EncodeOptions } from './escpos-ticket.js';
export { decodeEscPos, EscPosDecoder, type DecodedTicket } from './escpos-decoder.js';
export { VirtualPrinter, type VirtualPrinterState } from './virtual-printer.js';
export { SAMPLE_TICKETS } from './sample-tickets.js';
export { PreviewPrinter } from './preview-printer.js';
export { FilePrinter } from './file-printer.js';
export { EscPosPrinter, type EscPosPrinterOptions } from './escpos-printer.js';
export { PrinterProblemError } from './printer-problem.js';
export {
  statusRequest,
  FULL_STATUS_REQUEST,
  isStatusByte,
  parsePrinterStatusByte,
  parseOfflineCauseByte,
  parseErrorCauseByte,
  parsePaperSensorByte,
  statusFromReplies,
  NO_FAULT,
  UNREACHABLE,
  type StatusRequestKind,
  type PrinterStatusByte,
  type OfflineCauseByte,
  type ErrorCauseByte,
  type PaperSensorByte,
} from './dle-eot.js';
