/** `--id-reader SPEC` → the kiosk's ID card reader: `simulated` or `none` (see types.ts for real readers). */
import { NoIdReader, SimulatedIdReader } from './simulated-reader.js';
import type { IdCardReader } from './types.js';

export type { IdCard, IdCardReader } from './types.js';
export { SimulatedIdReader, NoIdReader } from './simulated-reader.js';

export function parseIdReaderSpec(spec: string): 'simulated' | 'none' {
  const s = spec.trim();
  if (s === 'simulated' || s === 'none') return s;
  if (s.startsWith('serial:')) {
    throw new Error(
      `身份证阅读器设置“${spec}”：暂不支持串口身份证阅读器——真实阅读器须经公安部认证的安全模块和厂商驱动读卡，本机尚无对应的适配器。` +
        '请用 simulated（模拟，演示与测试用）或 none（不接阅读器，实名业务可手工输入身份证号码）',
    );
  }
  throw new Error(`身份证阅读器设置“${spec}”无法识别：应为 simulated 或 none`);
}

export function openIdReader(spec: string): IdCardReader {
  return parseIdReaderSpec(spec) === 'simulated' ? new SimulatedIdReader() : new NoIdReader();
}
