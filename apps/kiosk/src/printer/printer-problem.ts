import { printerProblem, type PrinterStatus } from './types.js';

/**
 * Why a print was refused or failed. `message` is exactly what the out-of-service screen shows
 * (`printerProblem()`); `status` is the printer's state at that moment, `detail` the technical cause.
 */
export class PrinterProblemError extends Error {
  override readonly name = 'PrinterProblemError';

  constructor(
    readonly status: PrinterStatus,
    readonly detail?: string,
  ) {
    super(printerProblem(status) ?? '打印机故障');
  }
}
