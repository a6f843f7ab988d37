/**
 * Reads an ESC/POS byte stream back into what would come out of the printer: text lines (GB18030
 * in Chinese mode), which lines were printed in double size, QR payloads and cuts. Used by the
 * virtual printer and by the `preview` printer.
 *
 * Commands it does not render are skipped by their documented lengths so the text after them
 * still decodes; bytes it cannot place at all are kept in `unknownBytes`.
 */
import iconv from 'iconv-lite';

export interface DecodedTicket {
  /** Printed non-empty lines, in order, trailing spaces removed. */
  lines: string[];
  /** `lines` joined with newlines. */
  text: string;
  /** The lines (also in `lines`) printed at double width or height or more. */
  bigLines: string[];
  /** Payloads of the printed QR codes. */
  qr: string[];
  /** False only for what was printed after the last cut when the stream ended. */
  cut: boolean;
}

const LF = 0x0a;
const CR = 0x0d;
const HT = 0x09;
const DLE = 0x10;
const ESC = 0x1b;
const FS = 0x1c;
const GS = 0x1d;

/** Bytes consumed by one command, or NEED_MORE when the buffer ends inside it. */
const NEED_MORE = 0;

export class EscPosDecoder {
  readonly unknownBytes: number[] = [];
  private pending: Buffer = Buffer.alloc(0);
  private chinese = false;
  private big = false;
  private line = '';
  private lineBig = false;
  private lines: string[] = [];
  private bigLines: string[] = [];
  private qr: string[] = [];
  private storedQr: string | null = null;

  constructor(private readonly onTicket: (t: DecodedTicket) => void) {}

  push(chunk: Buffer): void {
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let i = 0;
    while (i < buf.length) {
      const used = this.step(buf, i);
      if (used === NEED_MORE) break;
      i += used;
    }
    this.pending = Buffer.from(buf.subarray(i));
  }

  /** What has been printed since the last cut, as an uncut ticket; null if nothing. */
  takeUncut(): DecodedTicket | null {
    this.endLine();
    if (!this.lines.length && !this.qr.length) return null;
    return this.takeTicket(false);
  }

  private step(buf: Buffer, i: number): number {
    const b = buf[i]!;
    switch (b) {
      case LF:
        this.endLine();
        return 1;
      case CR:
        return 1;
      case HT:
        this.addText(' ');
        return 1;
      case ESC:
        return this.esc(buf, i);
      case GS:
        return this.gs(buf, i);
      case FS:
        return this.fs(buf, i);
      case DLE:
        return this.dle(buf, i);
    }
    if (b >= 0x20 && b < 0x7f) {
      this.addText(String.fromCharCode(b));
      return 1;
    }
    if (b >= 0x80) return this.highByte(buf, i);
    this.unknownBytes.push(b);
    return 1;
  }

  private highByte(buf: Buffer, i: number): number {
    const b = buf[i]!;
    if (!this.chinese || b === 0x80 || b === 0xff) {
      this.addText(iconv.decode(Buffer.from([b]), 'cp437'));
      return 1;
    }
    // GB18030: a lead byte 0x81–0xFE, then either one trail byte or a digit + two more bytes.
    if (buf.length - i < 2) return NEED_MORE;
    const len = buf[i + 1]! >= 0x30 && buf[i + 1]! <= 0x39 ? 4 : 2;
    if (buf.length - i < len) return NEED_MORE;
    this.addText(iconv.decode(buf.subarray(i, i + len), 'gb18030'));
    return len;
  }

  private esc(buf: Buffer, i: number): number {
    const avail = buf.length - i;
    if (avail < 2) return NEED_MORE;
    const cmd = buf[i + 1]!;
    const arg = (k: number) => buf[i + 2 + k]!;
    const fixed = (len: number, then?: () => void) => {
      if (avail < len) return NEED_MORE;
      then?.();
      return len;
    };
    switch (cmd) {
      case 0x40: // ESC @ initialize: drops the unprinted line and resets modes
        this.line = '';
        this.lineBig = false;
        this.resetModes();
        return 2;
      case 0x21: // ESC ! n print mode: bit 4 double height, bit 5 double width
        return fixed(3, () => (this.big = (arg(0) & 0x30) !== 0));
      case 0x64: // ESC d n print and feed n lines
      case 0x4a: // ESC J n print and feed
        return fixed(3, () => this.endLine());
      case 0x69: // ESC i / ESC m: (obsolete) full and partial cut
      case 0x6d:
        this.cut();
        return 2;
      case 0x32:
      case 0x3c:
      case 0x0c:
      case 0x4c:
      case 0x53:
        return 2;
      case 0x20:
      case 0x25:
      case 0x2d:
      case 0x33:
      case 0x3d:
      case 0x3f:
      case 0x45:
      case 0x47:
      case 0x4b:
      case 0x4d:
      case 0x52:
      case 0x54:
      case 0x55:
      case 0x56:
      case 0x61: // ESC a n alignment (not rendered)
      case 0x65:
      case 0x72:
      case 0x74:
      case 0x7b:
        return fixed(3);
      case 0x24:
      case 0x5c:
      case 0x63:
      case 0x42: // ESC B n t: buzzer on many Chinese printers
        return fixed(4);
      case 0x70: // ESC p m t1 t2 drawer pulse
        return fixed(5);
      case 0x57: // ESC W print area in page mode
        return fixed(10);
      case 0x44: {
        // ESC D n1 … NUL tab positions
        const end = buf.indexOf(0, i + 2);
        return end < 0 ? NEED_MORE : end - i + 1;
      }
      case 0x2a: {
        // ESC * m nL nH d…: bit image, 1 or 3 bytes per column
        if (avail < 5) return NEED_MORE;
        const columns = arg(1) + arg(2) * 256;
        return fixed(5 + columns * (arg(0) >= 32 ? 3 : 1));
      }
      case 0x28: // ESC ( x pL pH …
        if (avail < 5) return NEED_MORE;
        return fixed(5 + arg(1) + arg(2) * 256);
    }
    this.unknownBytes.push(ESC, cmd);
    return 2;
  }

  private gs(buf: Buffer, i: number): number {
    const avail = buf.length - i;
    if (avail < 2) return NEED_MORE;
    const cmd = buf[i + 1]!;
    const arg = (k: number) => buf[i + 2 + k]!;
    const fixed = (len: number, then?: () => void) => {
      if (avail < len) return NEED_MORE;
      then?.();
      return len;
    };
    switch (cmd) {
      case 0x21: // GS ! n: width (high nibble) and height (low nibble) magnification
        return fixed(3, () => (this.big = (arg(0) & 0x77) !== 0));
      case 0x56: {
        // GS V m [n] cut: m 0/1/48/49 cut at once, 65/66/97/98/103/104 feed first (one more byte)
        if (avail < 3) return NEED_MORE;
        return fixed([0, 1, 48, 49].includes(arg(0)) ? 3 : 4, () => this.cut());
      }
      case 0x28: {
        // GS ( x pL pH …
        if (avail < 5) return NEED_MORE;
        const len = 5 + arg(1) + arg(2) * 256;
        return fixed(len, () => {
          if (arg(0) === 0x6b) this.symbol(buf.subarray(i + 5, i + len));
        });
      }
      case 0x6b: {
        // GS k m …: barcode, NUL-terminated (m ≤ 6) or with a length byte
        if (avail < 3) return NEED_MORE;
        if (arg(0) <= 6) {
          const end = buf.indexOf(0, i + 3);
          return end < 0 ? NEED_MORE : end - i + 1;
        }
        if (avail < 4) return NEED_MORE;
        return fixed(4 + arg(1));
      }
      case 0x76: {
        // GS v 0 m xL xH yL yH d…: raster image
        if (avail < 8) return NEED_MORE;
        return fixed(8 + (arg(2) + arg(3) * 256) * (arg(4) + arg(5) * 256));
      }
      case 0x38: {
        // GS 8 L p1 p2 p3 p4 …: graphics with a 4-byte length
        if (avail < 7) return NEED_MORE;
        return fixed(7 + arg(1) + arg(2) * 0x100 + arg(3) * 0x10000 + arg(4) * 0x1000000);
      }
      case 0x2a: {
        // GS * x y d…: downloaded bit image, x*y*8 bytes
        if (avail < 4) return NEED_MORE;
        return fixed(4 + arg(0) * arg(1) * 8);
      }
      case 0x2f:
      case 0x42:
      case 0x48:
      case 0x49:
      case 0x61:
      case 0x62:
      case 0x66:
      case 0x68:
      case 0x72:
      case 0x77:
        return fixed(3);
      case 0x24:
      case 0x4c:
      case 0x50:
      case 0x57:
      case 0x5c:
        return fixed(4);
    }
    this.unknownBytes.push(GS, cmd);
    return 2;
  }

  private fs(buf: Buffer, i: number): number {
    const avail = buf.length - i;
    if (avail < 2) return NEED_MORE;
    const cmd = buf[i + 1]!;
    const fixed = (len: number) => (avail < len ? NEED_MORE : len);
    switch (cmd) {
      case 0x26: // FS & Chinese (kanji) mode on
        this.chinese = true;
        return 2;
      case 0x2e: // FS . Chinese mode off
        this.chinese = false;
        return 2;
      case 0x21: // FS ! n: Chinese print mode; bits 2/3 double width/height
        if (avail < 3) return NEED_MORE;
        if (buf[i + 2]! & 0x0c) this.big = true;
        return 3;
      case 0x2d:
      case 0x43:
      case 0x57:
        return fixed(3);
      case 0x53:
      case 0x70:
        return fixed(4);
      case 0x32: // FS 2 c1 c2 d1…d72: user-defined Chinese character
        return fixed(76);
      case 0x28:
        if (avail < 5) return NEED_MORE;
        return fixed(5 + buf[i + 3]! + buf[i + 4]! * 256);
    }
    this.unknownBytes.push(FS, cmd);
    return 2;
  }

  private dle(buf: Buffer, i: number): number {
    const avail = buf.length - i;
    if (avail < 3) return NEED_MORE;
    const cmd = buf[i + 1]!;
    if (cmd === 0x04 || cmd === 0x05) return 3; // DLE EOT n, DLE ENQ n: real-time, nothing printed
    if (cmd === 0x14) return avail < 5 ? NEED_MORE : 5; // DLE DC4 fn m t
    this.unknownBytes.push(DLE);
    return 1;
  }

  /** GS ( k: 2D symbols. Only QR (cn 49) store (fn 80) and print (fn 81) matter here. */
  private symbol(body: Buffer) {
    const [cn, fn] = [body[0], body[1]];
    if (cn !== 0x31) return;
    if (fn === 0x50) this.storedQr = body.subarray(3).toString('latin1');
    if (fn === 0x51 && this.storedQr !== null) {
      this.endLine();
      this.qr.push(this.storedQr);
    }
  }

  private addText(s: string) {
    this.line += s;
    if (this.big && s.trim()) this.lineBig = true;
  }

  private endLine() {
    const text = this.line.trimEnd();
    if (text.trim()) {
      this.lines.push(text);
      if (this.lineBig) this.bigLines.push(text);
    }
    this.line = '';
    this.lineBig = false;
  }

  private cut() {
    this.endLine();
    this.onTicket(this.takeTicket(true));
  }

  private takeTicket(cut: boolean): DecodedTicket {
    const t: DecodedTicket = { lines: this.lines, text: this.lines.join('\n'), bigLines: this.bigLines, qr: this.qr, cut };
    this.lines = [];
    this.bigLines = [];
    this.qr = [];
    this.storedQr = null;
    return t;
  }

  private resetModes() {
    this.chinese = false;
    this.big = false;
  }
}

/** Every ticket in a byte stream; what follows the last cut comes last with `cut: false`. */
export function decodeEscPos(bytes: Buffer): { tickets: DecodedTicket[]; unknownBytes: number[] } {
  const tickets: DecodedTicket[] = [];
  const decoder = new EscPosDecoder((t) => tickets.push(t));
  decoder.push(bytes);
  const rest = decoder.takeUncut();
  if (rest) tickets.push(rest);
  return { tickets, unknownBytes: decoder.unknownBytes };
}
