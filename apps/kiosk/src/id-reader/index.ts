/**
 * `--id-reader SPEC` → the kiosk's ID card reader: `serial:PATH[:baud]` (a SAM reader on a serial
 * line), `bridge:URL` (a vendor's local HTTP service), `simulated` or `none` (see types.ts).
 */
import { parseBridgeFields, type BridgeFields } from './bridge-fields.js';
import { BridgeIdReader, type BridgeReaderOptions } from './bridge-reader.js';
import { SamSerialReader, type SamReaderOptions } from './sam-reader.js';
import { NoIdReader, SimulatedIdReader } from './simulated-reader.js';
import type { IdCardReader } from './types.js';

export type { IdCard, IdCardReader, IdReaderKind, IdReaderStatus } from './types.js';
export { SimulatedIdReader, NoIdReader } from './simulated-reader.js';
export { SamSerialReader } from './sam-reader.js';
export { BridgeIdReader } from './bridge-reader.js';

export type IdReaderSpec =
  | { kind: 'simulated' }
  | { kind: 'none' }
  | { kind: 'serial'; path: string; baudRate: number }
  | { kind: 'bridge'; url: string; fields: BridgeFields };

const FORMS =
  'serial:串口[:波特率]（身份证阅读器安全模块的串口协议，如 serial:/dev/ttyUSB0 或 serial:COM3:115200，默认 115200）、' +
  'bridge:http://127.0.0.1:端口/路径（厂商的本机读卡服务，答复 JSON）、simulated（模拟，演示与测试用）或 none（不接阅读器，实名业务手工输入身份证号码）';

export function parseIdReaderSpec(spec: string): IdReaderSpec {
  const s = spec.trim();
  if (s === 'simulated' || s === 'none') return { kind: s };
  if (s.startsWith('serial:')) {
    const m = /^serial:(.+?)(?::(\d+))?$/.exec(s);
    if (!m) throw new Error(`身份证阅读器设置“${spec}”无法识别：应为 ${FORMS}`);
    const baudRate = m[2] === undefined ? 115_200 : Number(m[2]);
    if (!Number.isSafeInteger(baudRate) || baudRate < 1200 || baudRate > 4_000_000) throw new Error(`身份证阅读器设置“${spec}”中的波特率 ${m[2]} 无效：安全模块常用 115200，也可设为 57600、38400、19200 或 9600`);
    return { kind: 'serial', path: m[1]!, baudRate };
  }
  if (s.startsWith('bridge:')) {
    const raw = s.slice('bridge:'.length);
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      throw new Error(`身份证阅读器设置“${spec}”中的地址无效：应如 bridge:http://127.0.0.1:9000/readcard`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`身份证阅读器设置“${spec}”中的地址应以 http:// 或 https:// 开头`);
    let fields: BridgeFields;
    try {
      fields = parseBridgeFields(u.hash.replace(/^#/, ''));
    } catch (err) {
      throw new Error(`身份证阅读器设置“${spec}”中的${(err as Error).message}`);
    }
    u.hash = '';
    return { kind: 'bridge', url: u.toString(), fields };
  }
  throw new Error(`身份证阅读器设置“${spec}”无法识别：应为 ${FORMS}`);
}

export interface OpenIdReaderOptions {
  log?: (message: string, data?: Record<string, unknown>) => void;
  serial?: SamReaderOptions;
  bridge?: BridgeReaderOptions;
}

export function openIdReader(spec: string, opts: OpenIdReaderOptions = {}): IdCardReader {
  const p = parseIdReaderSpec(spec);
  switch (p.kind) {
    case 'serial':
      return new SamSerialReader(p.path, p.baudRate, { log: opts.log, ...opts.serial });
    case 'bridge':
      return new BridgeIdReader(p.url, p.fields, { log: opts.log, ...opts.bridge });
    case 'simulated':
      return new SimulatedIdReader();
    case 'none':
      return new NoIdReader();
  }
}
