/**
 * The ticket's bytes, pinned by golden files. After an intended change to the layout, look at
 * the diff, then regenerate: UPDATE_GOLDEN=1 npx vitest run apps/kiosk/src/printer/escpos-ticket.test.ts
 */
import iconv from 'iconv-lite';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeEscPos, encodeTicket, SAMPLE_TICKETS, type PrintableTicket } from './index.js';

const GOLDEN_DIR = join(import.meta.dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const GOLDEN: Array<[file: string, ticket: PrintableTicket]> = [
  ['ordinary.bin', SAMPLE_TICKETS.ordinary],
  ['appointment.bin', SAMPLE_TICKETS.appointment],
  ['no-estimate.bin', SAMPLE_TICKETS.noEstimate],
  ['materials.bin', SAMPLE_TICKETS.materials],
];

const bytes = (...parts: Array<number[] | string | Buffer>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const chinese = (text: string) => bytes([0x1c, 0x26], iconv.encode(text, 'gb18030'), [0x1c, 0x2e]);
const hex = (b: Buffer) => b.toString('hex').replace(/(..)/g, '$1 ').trim();

function firstDifference(a: Buffer, b: Buffer): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 8);
  return `第 ${i} 字节起不同（生成 ${a.length} 字节，金样 ${b.length} 字节）\n生成：${hex(a.subarray(from, i + 16))}\n金样：${hex(b.subarray(from, i + 16))}`;
}

describe('golden tickets', () => {
  it.each(GOLDEN)('%s matches byte for byte', (file, ticket) => {
    const path = join(GOLDEN_DIR, file);
    const encoded = encodeTicket(ticket);
    if (UPDATE) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(path, encoded);
    }
    expect(existsSync(path), `缺少金样文件 ${path}：确认版式后用 UPDATE_GOLDEN=1 生成`).toBe(true);
    const golden = readFileSync(path);
    if (!encoded.equals(golden)) expect.fail(`${file} 与金样不一致：${firstDifference(encoded, golden)}\n确认是有意修改后用 UPDATE_GOLDEN=1 重新生成`);
  });
});

describe('ticket bytes', () => {
  const t = SAMPLE_TICKETS.ordinary;
  const b = encodeTicket(t);

  it('starts with ESC @ and ends with a cut after feeding to the blade (GS V 66)', () => {
    expect(hex(b.subarray(0, 2))).toBe('1b 40');
    expect(hex(b.subarray(-4))).toBe('1d 56 42 00');
  });

  it('sends Chinese as FS & + GB18030 + FS .', () => {
    expect(b.includes(chinese('社保医保业务'))).toBe(true);
    expect(b.includes(chinese('城关县政务服务中心'))).toBe(true);
    expect(b.includes(chinese('前面还有 3 人'))).toBe(true);
    expect(b.includes(chinese('预计等候约 12 分钟'))).toBe(true);
    expect(b.includes(chinese('取号时间：2026-11-23 09:30'))).toBe(true);
  });

  it('never sends a byte above 0x7F outside Chinese mode', () => {
    let inChinese = false;
    const strays: number[] = [];
    for (let i = 0; i < b.length; i++) {
      if (b[i] === 0x1c && b[i + 1] === 0x26) inChinese = true;
      if (b[i] === 0x1c && b[i + 1] === 0x2e) inChinese = false;
      if (b[i]! >= 0x80 && !inChinese) strays.push(i);
    }
    expect(strays).toEqual([]);
  });

  it('prints the number in double width and height (GS ! 0x11), then back to normal', () => {
    expect(b.includes(bytes([0x1d, 0x21, 0x11], 'A001', [0x0a], [0x1d, 0x21, 0x00]))).toBe(true);
  });

  it('stores the QR with its exact byte length (model 2, module 6, level M) and prints it', () => {
    const url = t.statusUrl;
    const n = url.length + 3;
    const qr = bytes(
      [0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00], // model 2
      [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 0x06], // module size 6
      [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31], // error correction M
      [0x1d, 0x28, 0x6b, n & 0xff, n >> 8, 0x31, 0x50, 0x30],
      url,
      [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30], // print
    );
    expect(b.includes(qr)).toBe(true);
  });

  it('counts pH for a QR payload over 255 bytes', () => {
    const url = `http://10.0.0.2:8080/t/${'x'.repeat(300)}`;
    const n = url.length + 3;
    const long = encodeTicket({ ...t, statusUrl: url });
    expect(long.includes(bytes([0x1d, 0x28, 0x6b, n & 0xff, n >> 8, 0x31, 0x50, 0x30], url))).toBe(true);
    expect(n >> 8).toBe(1);
  });

  it('labels an appointment ticket and prints hall-local time for a UTC instant', () => {
    const a = encodeTicket(SAMPLE_TICKETS.appointment);
    expect(a.includes(chinese('【预约】'))).toBe(true);
    expect(a.includes(bytes([0x1d, 0x21, 0x11], 'YA003'))).toBe(true);
    expect(a.includes(chinese('取号时间：2026-11-23 09:45'))).toBe(true);
    expect(b.includes(iconv.encode('预约', 'gb18030'))).toBe(false);
  });

  it('says the wait cannot be estimated when there is no estimate', () => {
    expect(encodeTicket(SAMPLE_TICKETS.noEstimate).includes(chinese('预计等候：暂无法估算'))).toBe(true);
  });

  it('reads back as the ticket a customer holds', () => {
    const { tickets, unknownBytes } = decodeEscPos(b);
    expect(unknownBytes).toEqual([]);
    expect(tickets).toHaveLength(1);
    const line = '-'.repeat(48);
    expect(tickets[0]).toEqual({
      lines: [
        '城关县政务服务中心',
        line,
        'A001',
        '社保医保业务',
        '前面还有 3 人',
        '预计等候约 12 分钟',
        '取号时间：2026-11-23 09:30',
        '扫码查看排队进度',
        line,
        '请留意大厅叫号屏和语音提示，过号请重新取号。',
        '办理业务请携带本人身份证原件。',
      ],
      text: expect.stringContaining('A001'),
      bigLines: ['A001'],
      qr: [t.statusUrl],
      cut: true,
    });
  });

  it('wraps long text to the paper width (a Chinese character takes two columns)', () => {
    const tip = '请'.repeat(30) + 'ABC';
    const wide = decodeEscPos(encodeTicket({ ...t, tips: [tip] })).tickets[0]!;
    expect(wide.lines.slice(-2)).toEqual(['请'.repeat(24), '请'.repeat(6) + 'ABC']);
    const narrow = decodeEscPos(encodeTicket({ ...t, tips: [tip] }, { paperWidthChars: 32 })).tickets[0]!;
    expect(narrow.lines.slice(-2)).toEqual(['请'.repeat(16), '请'.repeat(14) + 'ABC']);
  });

  it('lists the materials to have ready between the QR code and the tips, and counts the items left off', () => {
    const m = decodeEscPos(encodeTicket(SAMPLE_TICKETS.materials)).tickets[0]!;
    const at = m.lines.indexOf('请备齐以下材料：');
    expect(at).toBe(m.lines.indexOf('扫码查看排队进度') + 2);
    expect(m.lines.slice(at + 1, at + 6)).toEqual([
      '1. 不动产登记申请书',
      '2. 申请人身份证明',
      '3. 不动产权属来源证明（购房合同、继承公证书等）',
      '另有 2 项，详见办事指南',
      '-'.repeat(48),
    ]);
    // None left off: no 另有; no list: no section at all.
    const all = decodeEscPos(encodeTicket({ ...t, materials: ['身份证'], materialsLeftOff: 0 })).tickets[0]!;
    expect(all.lines.filter((l) => l.startsWith('另有'))).toEqual([]);
    expect(all.lines).toContain('1. 身份证');
    expect(decodeEscPos(encodeTicket({ ...t, materials: [] })).tickets[0]!.lines).not.toContain('请备齐以下材料：');
  });

  it('wraps a long material under its own text, not under its number', () => {
    const long = decodeEscPos(encodeTicket({ ...t, materials: ['委托办理的，须提交授权委托书及受托人身份证'] }, { paperWidthChars: 32 })).tickets[0]!;
    const at = long.lines.indexOf('请备齐以下材料：');
    expect(long.lines.slice(at + 1, at + 3)).toEqual(['1. 委托办理的，须提交授权委托书', '   及受托人身份证']);
  });

  it('prints control characters in text as spaces, never as commands', () => {
    const sneaky = encodeTicket({ ...t, hallName: '大厅\x1b@\x1dV\x00', tips: ['第一条\n第二条'] });
    expect(sneaky.includes(bytes([0x1b, 0x40]), 2)).toBe(false);
    const decoded = decodeEscPos(sneaky).tickets;
    expect(decoded).toHaveLength(1);
    expect(decoded[0]!.lines[0]).toBe('大厅 @ V');
    expect(decoded[0]!.lines.slice(-2)).toEqual(['第一条', '第二条']);
  });

  it('refuses a status URL that is not plain ASCII, in Chinese', () => {
    expect(() => encodeTicket({ ...t, statusUrl: 'http://政务.cn/t/1' })).toThrow('二维码链接只能包含 ASCII 字符');
    expect(() => encodeTicket({ ...t, statusUrl: 'http://x/t/1 2' })).toThrow('二维码链接只能包含 ASCII 字符');
    expect(() => encodeTicket({ ...t, statusUrl: '' })).toThrow('二维码链接为空');
  });

  it('refuses a ticket without a readable issue time', () => {
    expect(() => encodeTicket({ ...t, issuedAt: '昨天' })).toThrow('取号时间格式无效');
  });
});
