/** `--scanner SPEC` → the kiosk's QR scanner: `serial:PATH[:baud]`, `wedge` or `none`. */
import { SerialScanner, type SerialScannerOptions } from './serial-scanner.js';
import type { QrScanner } from './types.js';
import { NoScanner, WedgeScanner } from './wedge-scanner.js';

export type { QrScanner, ScannerStatus } from './types.js';
export { LineFramer } from './line-framer.js';
export { SerialScanner } from './serial-scanner.js';
export { WedgeScanner, NoScanner } from './wedge-scanner.js';

const FORMS = 'serial:串口路径[:波特率]、wedge（键盘式扫码枪）或 none';

export function parseScannerSpec(spec: string): { kind: 'serial'; path: string; baudRate: number } | { kind: 'wedge' } | { kind: 'none' } {
  const s = spec.trim();
  if (s === 'wedge') return { kind: 'wedge' };
  if (s === 'none') return { kind: 'none' };
  const m = /^serial:(.+?)(?::(\d+))?$/.exec(s);
  if (!m) throw new Error(`扫码器设置“${spec}”无法识别：应为 ${FORMS}`);
  const baudRate = m[2] === undefined ? 9600 : Number(m[2]);
  if (!Number.isSafeInteger(baudRate) || baudRate < 50 || baudRate > 4_000_000) throw new Error(`扫码器设置“${spec}”中的波特率 ${m[2]} 无效：应为 ${FORMS}`);
  return { kind: 'serial', path: m[1]!, baudRate };
}

export function openScanner(spec: string, opts: SerialScannerOptions = {}): QrScanner {
  const p = parseScannerSpec(spec);
  if (p.kind === 'serial') return new SerialScanner(p.path, p.baudRate, opts);
  return p.kind === 'wedge' ? new WedgeScanner() : new NoScanner();
}
