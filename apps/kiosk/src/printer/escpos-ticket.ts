/**
 * One queue ticket as ESC/POS bytes for an 80 mm thermal printer.
 *
 * Built with node-thermal-printer's EPSON command set (alignment, size, separator lines, new
 * lines, the QR sequence) in buffer mode. Two things it gets wrong for us are done by hand:
 * Chinese text (its CHINA code page never sends FS &, so Chinese printers print the GB bytes as
 * single-byte symbols) and the cut (see CUT).
 */
import { formatHhmm, localParts, parseInstant } from '@hall/shared';
import iconv from 'iconv-lite';
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type { PrintableTicket } from './types.js';

/** 80 mm paper, font A (12×24 dots): 48 ASCII or 24 Chinese characters per line. */
export const DEFAULT_PAPER_WIDTH_CHARS = 48;

export interface EncodeOptions {
  paperWidthChars?: number;
}

const ESC_INIT = Buffer.from([0x1b, 0x40]);
const CHINESE_ON = Buffer.from([0x1c, 0x26]); // FS &
const CHINESE_OFF = Buffer.from([0x1c, 0x2e]); // FS .
/**
 * GS V 66 0: feed to the cutter, then partial cut. The library's partialCut() sends GS V 1,
 * which cuts where the paper is, through the last lines still between head and blade.
 */
const CUT = Buffer.from([0x1d, 0x56, 0x42, 0x00]);

const QR = { model: 2, cellSize: 6, correction: 'M' } as const;

export function encodeTicket(t: PrintableTicket, opts: EncodeOptions = {}): Buffer {
  const width = opts.paperWidthChars ?? DEFAULT_PAPER_WIDTH_CHARS;
  if (!Number.isInteger(width) || width < 16) throw new Error(`纸宽字符数无效：${width}`);
  assertQrPayload(t.statusUrl);
  const issued = hallLocalTime(t.issuedAt);

  // No interface: the library only builds bytes; the transports in this folder send them.
  const p = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '', width });
  const line = (text: string, lineWidth = width) => {
    for (const part of wrap(printable(text), lineWidth)) {
      appendText(p, part);
      p.newLine();
    }
  };

  p.add(ESC_INIT);
  p.alignCenter();
  line(t.hallName);
  p.drawLine();
  p.setTextSize(1, 1); // GS ! 0x11: double width and height
  line(t.number, Math.floor(width / 2));
  p.setTextSize(0, 0);
  line(t.serviceName);
  if (t.priorityLabel) line(`【${t.priorityLabel}】`);
  line(`前面还有 ${t.peopleAhead} 人`);
  line(t.estimatedWaitMinutes === null ? '预计等候：暂无法估算' : `预计等候约 ${Math.round(t.estimatedWaitMinutes)} 分钟`);
  line(`取号时间：${issued}`);
  p.newLine();
  // Its length bytes count UTF-16 units, which equal bytes only for ASCII — checked above.
  p.printQR(t.statusUrl, QR);
  p.newLine();
  line('扫码查看排队进度');
  p.drawLine();
  p.alignLeft();
  if (t.materials?.length) {
    // 一次告知: what to have ready, numbered, a wrapped item indented under its own text.
    line('请备齐以下材料：');
    t.materials.forEach((m, i) => {
      const mark = `${i + 1}. `;
      wrap(printable(m), width - mark.length).forEach((part, j) => {
        appendText(p, (j === 0 ? mark : ' '.repeat(mark.length)) + part);
        p.newLine();
      });
    });
    if (t.materialsLeftOff) line(`另有 ${t.materialsLeftOff} 项，详见办事指南`);
    p.drawLine();
  }
  for (const tip of t.tips) for (const l of tip.split(/\r?\n/)) line(l);
  p.newLine();
  p.add(CUT);
  return Buffer.from(p.getBuffer());
}

/** The QR payload goes to the printer as raw bytes with a byte count: ASCII only. */
function assertQrPayload(url: string) {
  if (!url) throw new Error('无法打印：二维码链接为空');
  if (!/^[\x21-\x7e]+$/.test(url)) throw new Error(`无法打印：二维码链接只能包含 ASCII 字符（不能有中文、空格或控制字符）：${url}`);
}

function hallLocalTime(iso: string): string {
  const ms = parseInstant(iso);
  if (Number.isNaN(ms)) throw new Error(`无法打印：取号时间格式无效：${iso}`);
  const local = localParts(ms);
  return `${local.date} ${formatHhmm(local.minuteOfDay)}`;
}

function appendText(p: ThermalPrinter, text: string) {
  if (/^[\x20-\x7e]*$/.test(text)) p.append(text);
  else p.add(Buffer.concat([CHINESE_ON, iconv.encode(text, 'gb18030'), CHINESE_OFF]));
}

/** Control characters would be read by the printer as commands. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x1f\x7f]/g, ' ').trimEnd();
}

/** A Chinese (multi-byte) character takes two columns, ASCII one. */
const columns = (ch: string) => (ch.charCodeAt(0) < 0x80 ? 1 : 2);

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  let used = 0;
  for (const ch of text) {
    const w = columns(ch);
    if (used + w > width) {
      out.push(current.trimEnd());
      current = '';
      used = 0;
      if (ch === ' ') continue;
    }
    current += ch;
    used += w;
  }
  if (current.trim() || !out.length) out.push(current);
  return out;
}
