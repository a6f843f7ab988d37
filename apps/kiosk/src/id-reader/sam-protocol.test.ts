import { describe, expect, it } from 'vitest';
import { CMD, decodeIdText, encodeFrame, encodeIdText, parseReadBase, parseReply, readBaseData, samCommand, SamFrameParser, samReply, SW3, sw3Text, TEXT_BYTES, xorChecksum } from './sam-protocol.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/**
 * A card's 256-byte text built field by field at GA/T 490's offsets (independently of
 * encodeIdText): name 0, sex 30, nation 32, birth 36, address 52, number 122, issuer 158,
 * valid from 188, valid to 204, reserved 220–255; UCS-2 LE, padded with spaces.
 */
function cardText(): Buffer {
  const buf = Buffer.alloc(256);
  for (let i = 0; i < 256; i += 2) buf.writeUInt16LE(0x20, i);
  const put = (at: number, s: string) => Buffer.from(s, 'utf16le').copy(buf, at);
  put(0, '欧阳小明');
  put(30, '1');
  put(32, '01');
  put(36, '19850301');
  put(52, '北京市东城区东华门街道银闸胡同 12 号院 3 单元 401 室');
  put(122, '11010119850301100x');
  put(158, '北京市公安局东城分局');
  put(188, '20150301');
  put(204, '20350301');
  return buf;
}

describe('SAM frames', () => {
  it('encodes the published commands byte for byte', () => {
    expect(samCommand(CMD.findCard)).toEqual(hex('AA AA AA 96 69 00 03 20 01 22'));
    expect(samCommand(CMD.selectCard)).toEqual(hex('AA AA AA 96 69 00 03 20 02 21'));
    expect(samCommand(CMD.readBase)).toEqual(hex('AA AA AA 96 69 00 03 30 01 32'));
    expect(samCommand(CMD.samStatus)).toEqual(hex('AA AA AA 96 69 00 03 11 FF ED'));
  });

  it('encodes replies as a module sends them (length includes the checksum, XOR over length and body)', () => {
    expect(samReply(SW3.cardFound, Buffer.alloc(4))).toEqual(hex('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'));
    expect(samReply(SW3.ok, Buffer.alloc(8))).toEqual(hex('AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C'));
    expect(samReply(SW3.noCard)).toEqual(hex('AA AA AA 96 69 00 04 00 00 80 84'));
    const read = samReply(SW3.ok, readBaseData(cardText()));
    expect(read.length).toBe(1295);
    expect(read.subarray(0, 14)).toEqual(hex('AA AA AA 96 69 05 08 00 00 90 01 00 04 00'));
    expect(xorChecksum(read.subarray(5, -1))).toBe(read.at(-1));
  });

  it('cuts frames out of a stream however it is split, and skips noise before them', () => {
    const a = samReply(SW3.cardFound, Buffer.alloc(4));
    const b = samReply(SW3.ok, readBaseData(cardText()));
    const stream = Buffer.concat([hex('00 FF 13 AA 96'), a, hex('AA AA'), b]);
    for (const step of [1, 3, 7, 64, stream.length]) {
      const p = new SamFrameParser(3);
      const bodies: Buffer[] = [];
      for (let i = 0; i < stream.length; i += step) bodies.push(...p.push(stream.subarray(i, i + step)));
      expect(bodies.map((x) => parseReply(x)!.sw3)).toEqual([SW3.cardFound, SW3.ok]);
      expect(p.stats).toEqual({ frames: 2, badChecksums: 0, discardedBytes: 7 });
      expect(p.pending).toBe(0);
    }
  });

  it('drops a frame with a bad checksum and finds the good one after it', () => {
    const bad = samReply(SW3.cardFound, Buffer.alloc(4));
    bad[bad.length - 1]! ^= 0xff;
    const p = new SamFrameParser(3);
    const out = p.push(Buffer.concat([bad, samReply(SW3.noCard)]));
    expect(out.map((x) => parseReply(x)!.sw3)).toEqual([SW3.noCard]);
    expect(p.stats.badChecksums).toBe(1);
  });

  it('skips an impossible length, and waits for the rest of a truncated frame until reset', () => {
    const p = new SamFrameParser(3);
    expect(p.push(hex('AA AA AA 96 69 FF FF 00'))).toEqual([]);
    expect(p.push(samReply(SW3.noCard)).map((x) => parseReply(x)!.sw3)).toEqual([SW3.noCard]);
    const half = samReply(SW3.ok, readBaseData(cardText())).subarray(0, 600);
    expect(p.push(half)).toEqual([]);
    expect(p.pending).toBe(600);
    p.reset();
    expect(p.pending).toBe(0);
    expect(p.push(samReply(SW3.cardFound, Buffer.alloc(4))).map((x) => parseReply(x)!.sw3)).toEqual([SW3.cardFound]);
  });

  it('keeps the start of a preamble that was cut between two chunks', () => {
    const p = new SamFrameParser(3);
    const f = samReply(SW3.noCard);
    expect(p.push(Buffer.concat([hex('01 02'), f.subarray(0, 4)]))).toEqual([]);
    expect(p.push(f.subarray(4))).toHaveLength(1);
  });

  it('frames any body and refuses one too long for the length field', () => {
    const f = encodeFrame(Buffer.from([1, 2, 3]));
    expect(f.readUInt16BE(5)).toBe(4);
    expect(() => encodeFrame(Buffer.alloc(0x10000))).toThrow(RangeError);
  });

  it('names status words in Chinese', () => {
    expect(sw3Text(0x80)).toBe('未找到身份证');
    expect(sw3Text(0x41)).toBe('读身份证失败');
    expect(sw3Text(0x07)).toBe('未知状态 0x07');
  });
});

describe('the card text (GA/T 490, UCS-2 LE)', () => {
  it('decodes a card and trims the padding', () => {
    expect(decodeIdText(cardText())).toEqual({
      name: '欧阳小明',
      sex: '1',
      nation: '01',
      birthDate: '19850301',
      address: '北京市东城区东华门街道银闸胡同 12 号院 3 单元 401 室',
      idNumber: '11010119850301100x',
      issuer: '北京市公安局东城分局',
      validFrom: '20150301',
      validTo: '20350301',
    });
  });

  it('writes what it reads, names as the module sends them (王 = 8B 73)', () => {
    const text = encodeIdText({ name: '王美娜', idNumber: '110101198503011003' });
    expect(text.length).toBe(TEXT_BYTES);
    expect(text.subarray(0, 8)).toEqual(hex('8B 73 8E 7F 1C 5A 20 00'));
    expect(decodeIdText(text)).toMatchObject({ name: '王美娜', idNumber: '110101198503011003', address: '' });
    expect(decodeIdText(encodeIdText(decodeIdText(cardText())))).toEqual(decodeIdText(cardText()));
    expect(() => encodeIdText({ name: '一二三四五六七八九十一二三四五六' })).toThrow(RangeError);
  });

  it('trims NULs and full-width spaces some readers pad with', () => {
    const text = cardText();
    text.fill(0, 6, 30);
    Buffer.from('\u3000', 'utf16le').copy(text, 122);
    expect(decodeIdText(text)).toMatchObject({ name: '欧阳小', idNumber: '1010119850301100x' });
  });

  it('reads a 30 01 reply’s data, and refuses lengths that do not add up', () => {
    const data = readBaseData(cardText());
    expect(parseReadBase(data)?.idNumber).toBe('11010119850301100x');
    expect(parseReadBase(data.subarray(0, 100))).toBeNull();
    expect(parseReadBase(hex('00 10 00 00'))).toBeNull();
    expect(() => decodeIdText(Buffer.alloc(10))).toThrow('身份证文字信息应为 256 字节');
  });
});
