/**
 * `--printer SPEC` → the kiosk's TicketPrinter. Nothing is opened here: serial ports and sockets
 * open on first use and again after they dropped.
 */
import { EscPosPrinter } from './escpos-printer.js';
import { FilePrinter } from './file-printer.js';
import { PreviewPrinter } from './preview-printer.js';
import { SerialLink } from './serial-link.js';
import { TcpLink } from './tcp-link.js';
import type { TicketPrinter } from './types.js';

export type PrinterSpec =
  | { kind: 'serial'; path: string; baudRate: number }
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'file'; path: string }
  | { kind: 'preview' };

export const DEFAULT_BAUD_RATE = 9600;
export const DEFAULT_TCP_PORT = 9100;

export interface OpenPrinterOptions {
  /** DLE EOT reply timeout (serial, TCP); default 500 ms. */
  statusTimeoutMs?: number;
  paperWidthChars?: number;
  /** Where `preview` logs each ticket; default console.info. */
  log?: (text: string) => void;
}

const FORMS = 'serial:串口路径[:波特率]、tcp://主机[:端口]、file:文件路径 或 preview';

export function parsePrinterSpec(spec: string): PrinterSpec {
  const s = spec.trim();
  const bad = (why: string) => new Error(`打印机设置“${spec}”${why}：应为 ${FORMS}`);
  if (!s) throw bad('为空');
  if (s === 'preview') return { kind: 'preview' };

  if (s.startsWith('serial:')) {
    const m = /^serial:(.+?)(?::(\d+))?$/.exec(s);
    if (!m || !m[1]) throw bad('缺少串口路径');
    const baudRate = m[2] === undefined ? DEFAULT_BAUD_RATE : Number(m[2]);
    if (!Number.isSafeInteger(baudRate) || baudRate < 50 || baudRate > 4_000_000) throw bad(`中的波特率 ${m[2]} 无效`);
    return { kind: 'serial', path: m[1], baudRate };
  }

  if (s.startsWith('tcp://')) {
    let url: URL;
    try {
      url = new URL(s);
    } catch {
      throw bad('中的地址无效');
    }
    if (!url.hostname) throw bad('缺少主机名');
    if ((url.pathname && url.pathname !== '/') || url.search || url.hash || url.username) throw bad('中只能有主机和端口');
    const port = url.port ? Number(url.port) : DEFAULT_TCP_PORT;
    if (port < 1 || port > 65535) throw bad(`中的端口 ${url.port} 无效`);
    return { kind: 'tcp', host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port };
  }

  if (s.startsWith('file:')) {
    const path = s.slice('file:'.length);
    if (!path) throw bad('缺少文件路径');
    return { kind: 'file', path };
  }

  throw bad('无法识别');
}

export function openPrinter(spec: string, opts: OpenPrinterOptions = {}): TicketPrinter {
  const p = parsePrinterSpec(spec);
  const escpos = { statusTimeoutMs: opts.statusTimeoutMs, paperWidthChars: opts.paperWidthChars };
  switch (p.kind) {
    case 'serial':
      return new EscPosPrinter(new SerialLink(p.path, p.baudRate), escpos);
    case 'tcp':
      return new EscPosPrinter(new TcpLink(p.host, p.port, Math.max(1_000, 2 * (opts.statusTimeoutMs ?? 500))), escpos);
    case 'file':
      return new FilePrinter(p.path, opts.paperWidthChars);
    case 'preview':
      return new PreviewPrinter(opts.log, opts.paperWidthChars);
  }
}
