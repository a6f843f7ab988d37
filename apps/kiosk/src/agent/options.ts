/**
 * The kiosk's settings from its command line (`kiosk:web` and the Electron app take the same
 * flags). Every mistake is one Chinese sentence with the usage.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseIdReaderSpec } from '../id-reader/index.js';
import { parsePrinterSpec } from '../printer/index.js';
import { parseScannerSpec } from '../scanner/index.js';
import { DEFAULT_TICKET_MATERIALS } from './ticket-text.js';

export const DEMO_KIOSK_KEY = 'demo-kiosk-0001-key';

export const USAGE = [
  '用法：npm run kiosk:web -- --server 大厅服务器地址 --printer 打印机 [--port 端口] [选项]',
  '  --server URL          大厅服务器，如 http://10.0.0.2:8080',
  '  --printer SPEC        serial:串口[:波特率]、tcp://主机[:端口]、file:路径 或 preview（无打印机，屏幕预览）',
  '  --port N              本机界面端口（只监听 127.0.0.1），默认 8090；0 为任选空闲端口',
  '  --key KEY             取号机设备密钥（也可用环境变量 HALL_KIOSK_KEY），默认示范密钥',
  '  --scanner SPEC        serial:串口[:波特率]、wedge（键盘式扫码枪，默认）或 none',
  '  --id-reader SPEC      serial:串口[:波特率]（安全模块串口协议，默认 115200）、bridge:http://127.0.0.1:端口/路径（厂商本机读卡服务）、simulated（模拟）或 none（默认）',
  '  --public-url URL      号票二维码中的大厅地址（群众手机访问的地址），默认同 --server',
  '  --idle-seconds N      无操作返回首页的秒数，默认 30；--result-seconds N 出票页，默认 10',
  `  --ticket-materials N  号票上打印的材料清单条数（其余注明“详见办事指南”），0 为不打印，默认 ${DEFAULT_TICKET_MATERIALS}；出票页始终显示全部材料`,
  '  --quiet               不输出日志',
  '  --config FILE         从 JSON 文件读取以上设置（键名同参数名，如 {"server":"http://10.0.0.2:8080","printer":"serial:COM3"}），命令行参数优先',
].join('\n');

export interface AgentConfig {
  server: string;
  printer: string;
  port: number;
  deviceKey: string;
  usingDemoKey: boolean;
  scanner: string;
  idReader: string;
  publicUrl: string;
  idleSeconds: number;
  resultSeconds: number;
  /** Items of the service's materials list printed on the ticket; 0: none. */
  ticketMaterials: number;
  quiet: boolean;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function httpUrl(flag: string, value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new UsageError(`${flag} 的地址“${value}”无效，应如 http://10.0.0.2:8080`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError(`${flag} 的地址“${value}”应以 http:// 或 https:// 开头`);
  if (u.search || u.hash || u.username) throw new UsageError(`${flag} 的地址“${value}”只能包含主机、端口和路径`);
  const s = u.toString().replace(/\/+$/, '');
  // It ends up in the ticket's QR code, which the printer takes as ASCII only.
  if (!/^[\x21-\x7e]+$/.test(s)) throw new UsageError(`${flag} 的地址“${value}”只能包含 ASCII 字符（可用 IP 地址）`);
  return s;
}

function whole(flag: string, value: string | undefined, dflt: number, min: number, max: number): number {
  if (value === undefined) return dflt;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new UsageError(`${flag} 应为 ${min}–${max} 之间的整数，收到“${value}”`);
  return n;
}

function spec(flag: string, value: string, check: (s: string) => unknown): string {
  try {
    check(value);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return value.trim();
}

const FLAGS = ['server', 'printer', 'port', 'key', 'scanner', 'id-reader', 'public-url', 'idle-seconds', 'result-seconds', 'ticket-materials', 'quiet', 'config'] as const;

/** A `--config` file: the same settings as the flags, as JSON. */
function readConfigFile(path: string, readFile: (p: string) => string): Record<string, string | boolean | undefined> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFile(path));
  } catch (err) {
    throw new UsageError(`无法读取配置文件 ${path}：${(err as Error).message}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`配置文件 ${path} 应为一个 JSON 对象`);
  const out: Record<string, string | boolean | undefined> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (!(FLAGS as readonly string[]).includes(k) || k === 'config') throw new UsageError(`配置文件 ${path} 中有不认识的设置：${k}`);
    if (k === 'quiet') out[k] = v === true;
    else if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
    else throw new UsageError(`配置文件 ${path} 中 ${k} 的取值应为文字或数字`);
  }
  return out;
}

export function parseAgentArgs(argv: string[], env: NodeJS.ProcessEnv = process.env, readFile: (p: string) => string = (p) => readFileSync(p, 'utf8')): AgentConfig {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        server: { type: 'string' },
        printer: { type: 'string' },
        port: { type: 'string' },
        key: { type: 'string' },
        scanner: { type: 'string' },
        'id-reader': { type: 'string' },
        'public-url': { type: 'string' },
        'idle-seconds': { type: 'string' },
        'result-seconds': { type: 'string' },
        'ticket-materials': { type: 'string' },
        quiet: { type: 'boolean' },
        config: { type: 'string' },
      },
    }));
  } catch (err) {
    const m = /'(--?[^']+)'/.exec((err as Error).message);
    throw new UsageError(m ? `不认识的参数或缺少取值：${m[1]}` : '命令行参数不正确');
  }
  if (typeof values.config === 'string') values = { ...readConfigFile(values.config, readFile), ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) };
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  if (!str('server')) throw new UsageError('缺少 --server（大厅服务器地址）');
  if (!str('printer')) throw new UsageError('缺少 --printer（打印机）');
  const server = httpUrl('--server', str('server')!);
  const key = str('key') ?? env.HALL_KIOSK_KEY ?? '';
  if (key && !/^[\x21-\x7e]{8,200}$/.test(key)) throw new UsageError('设备密钥应为 8 个以上的可见 ASCII 字符');
  return {
    server,
    printer: spec('--printer', str('printer')!, parsePrinterSpec),
    port: whole('--port', str('port'), 8090, 0, 65535),
    deviceKey: key || DEMO_KIOSK_KEY,
    usingDemoKey: !key,
    scanner: spec('--scanner', str('scanner') ?? 'wedge', parseScannerSpec),
    idReader: spec('--id-reader', str('id-reader') ?? 'none', parseIdReaderSpec),
    publicUrl: str('public-url') ? httpUrl('--public-url', str('public-url')!) : server,
    idleSeconds: whole('--idle-seconds', str('idle-seconds'), 30, 5, 600),
    resultSeconds: whole('--result-seconds', str('result-seconds'), 10, 3, 600),
    ticketMaterials: whole('--ticket-materials', str('ticket-materials'), DEFAULT_TICKET_MATERIALS, 0, 20),
    quiet: values.quiet === true,
  };
}
