/**
 * The frames between a PC and the security module (SAM, 居民身份证验证安全控制模块, GA 467) of a
 * second-generation ID card reader on a serial line (RS-232, or a USB-serial bridge), and the
 * card's text file. Pure: bytes in, values out, nothing else.
 *
 * Frame, both ways (all lengths and numbers big-endian):
 *
 *   AA AA AA 96 69 | LEN(2) | body … | CHK
 *   command body: CMD PARA [DATA]           reply body: SW1 SW2 SW3 [DATA]
 *
 * LEN counts everything after itself, the checksum included; CHK is the XOR of every byte after the
 * preamble (LEN's two bytes and the body). SW3 is the module's own status (0x90 done, 0x9F card
 * found, 0x80 no card, 0x81 select failed, …; see `SW3_TEXT`). Commands used here: 20 01 find the
 * card, 20 02 select it, 30 01 read its text and photo. A 30 01 reply's data is the text's length
 * (2 bytes, 256), the photo's length (2 bytes, 1024), the text, the photo: 1,295 bytes in all.
 * The text (GA/T 490's 机读文字信息, 256 bytes) is UCS-2 little-endian, each field padded with
 * spaces: name 30, sex code 2, nation code 4, birth date 16, address 70, ID number 36, issuing
 * authority 30, valid from 16, valid to 16, reserved 36. The photo is an encrypted WLT image that
 * only the vendor's licensed library decodes; the kiosk ignores it.
 *
 * Sources (read, compared, not copied): the SAM_V 通信协议 published by 东信 (eastcoms.com, "身份证
 * 阅读器模块SAM通讯协议": frame, LEN and CHK definitions, command table, UART 115200 8N1 default),
 * the status-code table at softs.im ("身份证阅读器通信协议"), the command/answer captures in
 * "C# 使用串口分析SAM协议，读取身份证信息" (yzsam.com: find 20 01 → 00 00 9F + 4 bytes, select
 * 20 02 → 00 00 90 + 8 bytes, read 30 01 → 1,295 bytes), the text layout in wiki.nfc.im's
 * "二代居民身份证" page (GA/T 490 field table), and two public readers of the protocol whose
 * offsets agree with the above (heiher's hev-dbus-object-idcard-reader.c: text at byte 14 of the
 * frame; a Qt reader's comment `AA AA AA 96 69 05 08 00 00 90 01 00 04 00 + 256 + 1024 + CHK`).
 * No physical reader was at hand: the tests run against a simulator that speaks the same frames.
 */

export const PREAMBLE = Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]);

export const CMD = {
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  readBase: [0x30, 0x01],
  samStatus: [0x11, 0xff],
} as const satisfies Record<string, readonly [number, number]>;

export const SW3 = {
  ok: 0x90,
  cardFound: 0x9f,
  noCard: 0x80,
  selectFailed: 0x81,
  readFailed: 0x41,
  selfTestFailed: 0x60,
  notAuthorised: 0x66,
} as const;

/** What SW3 means, in Chinese (for logs and the device status). */
export const SW3_TEXT: Record<number, string> = {
  0x90: '操作成功',
  0x9f: '找到身份证',
  0x10: '阅读器收到的命令校验和错误',
  0x11: '阅读器收到的命令长度错误',
  0x21: '阅读器收到的命令错误',
  0x23: '越权操作',
  0x24: '阅读器无法识别的错误',
  0x31: '身份证对阅读器认证失败',
  0x32: '阅读器对身份证认证失败',
  0x33: '信息验证错误',
  0x40: '无法识别的卡',
  0x41: '读身份证失败',
  0x47: '取随机数失败',
  0x60: '阅读器安全模块自检失败',
  0x66: '阅读器安全模块未经授权，无法使用',
  0x80: '未找到身份证',
  0x81: '选取身份证失败',
  0x91: '身份证中此项无内容',
};

export function sw3Text(sw3: number): string {
  return SW3_TEXT[sw3] ?? `未知状态 0x${sw3.toString(16).padStart(2, '0').toUpperCase()}`;
}

/** A reply body never says more than this (text + photo + fingerprints is ~2.3 KB). */
export const MAX_BODY = 4096;

/** XOR of the bytes. */
export function xorChecksum(bytes: Uint8Array): number {
  let x = 0;
  for (const b of bytes) x ^= b;
  return x;
}

/** One frame: preamble, length, `body`, checksum. */
export function encodeFrame(body: Uint8Array): Buffer {
  if (body.length + 1 > 0xffff) throw new RangeError('SAM frame too long');
  const head = Buffer.alloc(2);
  head.writeUInt16BE(body.length + 1);
  const sum = xorChecksum(head) ^ xorChecksum(body);
  return Buffer.concat([PREAMBLE, head, body, Buffer.from([sum])]);
}

/** A command to the module, e.g. `samCommand(CMD.findCard)` → `AA AA AA 96 69 00 03 20 01 22`. */
export function samCommand(cmd: readonly [number, number], data: Uint8Array = Buffer.alloc(0)): Buffer {
  return encodeFrame(Buffer.concat([Buffer.from(cmd), data]));
}

/** A reply from the module (the simulator's side, and the tests'). */
export function samReply(sw3: number, data: Uint8Array = Buffer.alloc(0), sw1 = 0, sw2 = 0): Buffer {
  return encodeFrame(Buffer.concat([Buffer.from([sw1, sw2, sw3]), data]));
}

export interface SamFrameStats {
  frames: number;
  /** Complete frames whose checksum did not match. */
  badChecksums: number;
  /** Bytes thrown away: noise before a preamble, broken or impossible frames. */
  discardedBytes: number;
}

/**
 * Cuts frames out of a byte stream: anything before a preamble is noise, a frame whose length is
 * impossible or whose checksum does not match is dropped (the search goes on one byte after its
 * preamble, so a real frame hidden behind a false start is still found). Returns frame bodies
 * (between the length and the checksum). `reset()` forgets a half frame (the reader calls it
 * before each command, so a truncated answer cannot glue itself to the next one).
 */
export class SamFrameParser {
  private buf = Buffer.alloc(0);
  readonly stats: SamFrameStats = { frames: 0, badChecksums: 0, discardedBytes: 0 };

  constructor(private readonly minBody = 1) {}

  get pending(): number {
    return this.buf.length;
  }

  reset(): void {
    this.stats.discardedBytes += this.buf.length;
    this.buf = Buffer.alloc(0);
  }

  push(chunk: Uint8Array): Buffer[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : Buffer.from(chunk);
    const out: Buffer[] = [];
    for (;;) {
      const at = this.buf.indexOf(PREAMBLE);
      if (at < 0) {
        // Keep a tail that may be the start of a preamble.
        const keep = tailMatchingPreamble(this.buf);
        this.drop(this.buf.length - keep);
        break;
      }
      if (at > 0) this.drop(at);
      if (this.buf.length < PREAMBLE.length + 2) break;
      const len = this.buf.readUInt16BE(PREAMBLE.length);
      if (len < this.minBody + 1 || len > MAX_BODY + 1) {
        this.drop(1);
        continue;
      }
      const total = PREAMBLE.length + 2 + len;
      if (this.buf.length < total) break;
      const frame = this.buf.subarray(PREAMBLE.length, total);
      if (xorChecksum(frame.subarray(0, frame.length - 1)) !== frame[frame.length - 1]) {
        this.stats.badChecksums++;
        this.drop(1);
        continue;
      }
      out.push(Buffer.from(frame.subarray(2, frame.length - 1)));
      this.stats.frames++;
      this.buf = this.buf.subarray(total);
    }
    return out;
  }

  private drop(n: number): void {
    this.stats.discardedBytes += n;
    this.buf = this.buf.subarray(n);
  }
}

function tailMatchingPreamble(buf: Buffer): number {
  for (let k = Math.min(PREAMBLE.length - 1, buf.length); k > 0; k--) {
    if (buf.subarray(buf.length - k).equals(PREAMBLE.subarray(0, k))) return k;
  }
  return 0;
}

export interface SamReply {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Buffer;
}

/** A reply body → its status words and data; null when it is too short to be one. */
export function parseReply(body: Buffer): SamReply | null {
  if (body.length < 3) return null;
  return { sw1: body[0]!, sw2: body[1]!, sw3: body[2]!, data: body.subarray(3) };
}

export const TEXT_BYTES = 256;

/** The text file's fields in order, with their sizes in bytes (GA/T 490). */
export const TEXT_FIELDS = [
  ['name', 30],
  ['sex', 2],
  ['nation', 4],
  ['birthDate', 16],
  ['address', 70],
  ['idNumber', 36],
  ['issuer', 30],
  ['validFrom', 16],
  ['validTo', 16],
  ['reserved', 36],
] as const;

export type IdTextField = Exclude<(typeof TEXT_FIELDS)[number][0], 'reserved'>;
export type IdCardText = Record<IdTextField, string>;

/** The 256-byte text → its fields, padding (spaces, NULs) trimmed. */
export function decodeIdText(text: Uint8Array): IdCardText {
  if (text.length < TEXT_BYTES) throw new RangeError(`身份证文字信息应为 ${TEXT_BYTES} 字节，收到 ${text.length} 字节`);
  const buf = Buffer.from(text.buffer, text.byteOffset, TEXT_BYTES);
  const out: Partial<IdCardText> = {};
  let at = 0;
  for (const [field, size] of TEXT_FIELDS) {
    if (field !== 'reserved') out[field] = trimPadding(buf.toString('utf16le', at, at + size));
    at += size;
  }
  return out as IdCardText;
}

/** Cards pad with spaces; some readers leave NULs or full-width spaces. */
function trimPadding(s: string): string {
  const pad = (c: string | undefined) => c !== undefined && (c === '\0' || c.trim() === '');
  let a = 0;
  let b = s.length;
  while (a < b && pad(s[a])) a++;
  while (b > a && pad(s[b - 1])) b--;
  return s.slice(a, b);
}

/** Fields → the 256-byte text, each padded with spaces (what a card holds; for the simulator and tests). */
export function encodeIdText(fields: Partial<IdCardText>): Buffer {
  const buf = Buffer.alloc(TEXT_BYTES);
  let at = 0;
  for (const [field, size] of TEXT_FIELDS) {
    const value = field === 'reserved' ? '' : (fields[field] ?? '');
    const bytes = Buffer.from(value.padEnd(size / 2, ' '), 'utf16le');
    if (bytes.length > size) throw new RangeError(`${field} 超过 ${size / 2} 个字`);
    bytes.copy(buf, at);
    at += size;
  }
  return buf;
}

/** The data of a successful 30 01 reply → the card's text; null when its lengths do not add up. */
export function parseReadBase(data: Buffer): IdCardText | null {
  if (data.length < 4) return null;
  const textLen = data.readUInt16BE(0);
  const photoLen = data.readUInt16BE(2);
  if (textLen < TEXT_BYTES || data.length < 4 + textLen + photoLen) return null;
  return decodeIdText(data.subarray(4, 4 + TEXT_BYTES));
}

/** The data of a 30 01 reply for `text` (and a photo, here zero bytes of the usual 1,024). */
export function readBaseData(text: Buffer, photo: Buffer = Buffer.alloc(1024)): Buffer {
  const lens = Buffer.alloc(4);
  lens.writeUInt16BE(text.length, 0);
  lens.writeUInt16BE(photo.length, 2);
  return Buffer.concat([lens, text, photo]);
}
