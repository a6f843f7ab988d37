/** The decoder behind VirtualPrinter and the preview: robust to chunking and to commands it does not render. */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeEscPos, EscPosDecoder, encodeTicket, SAMPLE_TICKETS, type DecodedTicket } from './index.js';

const b = (...parts: Array<number[] | string | Buffer>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const zh = (text: string) => b([0x1c, 0x26], iconv.encode(text, 'gb18030'), [0x1c, 0x2e]);

describe('EscPosDecoder', () => {
  it('decodes the same ticket when the bytes arrive one at a time', () => {
    const bytes = encodeTicket(SAMPLE_TICKETS.appointment);
    const whole = decodeEscPos(bytes).tickets;
    const tickets: DecodedTicket[] = [];
    const d = new EscPosDecoder((t) => tickets.push(t));
    for (const byte of bytes) d.push(Buffer.from([byte]));
    expect(tickets).toEqual(whole);
    expect(tickets[0]!.lines).toContain('【预约】');
    expect(tickets[0]!.bigLines).toEqual(['YA003']);
  });

  it('skips commands it does not render by their lengths, even when their data holds LF or ESC', () => {
    const raster = [0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0x0a, 0x1b, 0x0a, 0x1c];
    const graphics = [0x1d, 0x28, 0x4c, 0x06, 0x00, 0x30, 0x70, 0x0a, 0x0a, 0x1b, 0x40];
    const bitImage = [0x1b, 0x2a, 0x00, 0x03, 0x00, 0x0a, 0x1b, 0x1d];
    const barcode = [0x1d, 0x6b, 0x49, 0x03, 0x0a, 0x41, 0x42];
    const bytes = b(
      [0x1b, 0x40],
      zh('第一行'),
      [0x0a],
      [0x1b, 0x01], // no such command: recorded
      raster,
      graphics,
      bitImage,
      barcode,
      [0x1b, 0x70, 0x00, 0x0a, 0x0a], // drawer pulse
      [0x1b, 0x21, 0x30],
      'BIG',
      [0x0a, 0x1b, 0x21, 0x00],
      'after',
      [0x0a, 0x1d, 0x56, 0x01],
    );
    const { tickets, unknownBytes } = decodeEscPos(bytes);
    expect(unknownBytes).toEqual([0x1b, 0x01]);
    expect(tickets).toEqual([{ lines: ['第一行', 'BIG', 'after'], text: '第一行\nBIG\nafter', bigLines: ['BIG'], qr: [], cut: true }]);
  });

  it('reads four-byte GB18030 characters in Chinese mode', () => {
    const { tickets } = decodeEscPos(b(zh('𠀀字'), [0x0a, 0x1d, 0x56, 0x42, 0x00]));
    expect(tickets[0]!.lines).toEqual(['𠀀字']);
  });

  it('leaves Chinese mode at FS . and at ESC @', () => {
    const gb = iconv.encode('中', 'gb18030');
    const { tickets } = decodeEscPos(b([0x1c, 0x26], gb, [0x1b, 0x40], 'x', [0x0a]));
    // ESC @ drops the unprinted line and Chinese mode; "x" is then plain ASCII
    expect(tickets).toEqual([{ lines: ['x'], text: 'x', bigLines: [], qr: [], cut: false }]);
  });

  it('returns what follows the last cut as an uncut ticket', () => {
    const { tickets } = decodeEscPos(b('one', [0x0a, 0x1d, 0x56, 0x00], 'two', [0x0a]));
    expect(tickets.map((t) => [t.lines, t.cut])).toEqual([
      [['one'], true],
      [['two'], false],
    ]);
  });
});
