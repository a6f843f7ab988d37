/** DLE EOT: every status bit of every reply, the fixed bits, and what the kiosk concludes. */
import { describe, expect, it } from 'vitest';
import {
  FULL_STATUS_REQUEST,
  isStatusByte,
  parseErrorCauseByte,
  parseOfflineCauseByte,
  parsePaperSensorByte,
  parsePrinterStatusByte,
  printerProblem,
  statusFromReplies,
  statusRequest,
  UNREACHABLE,
} from './index.js';

/** Fixed bits only: bit 1 and bit 4 set. */
const BASE = 0x12;
const withBit = (n: number) => BASE | (1 << n);

describe('DLE EOT requests', () => {
  it('are DLE EOT n for n = 1..4, and the full request asks all four in order', () => {
    expect([1, 2, 3, 4].map((n) => [...statusRequest(n as 1 | 2 | 3 | 4)])).toEqual([
      [0x10, 0x04, 1],
      [0x10, 0x04, 2],
      [0x10, 0x04, 3],
      [0x10, 0x04, 4],
    ]);
    expect([...FULL_STATUS_REQUEST]).toEqual([0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4]);
  });
});

describe('reply bytes', () => {
  it('accept exactly the 16 bytes of the form 0xx1xx10', () => {
    const valid = Array.from({ length: 256 }, (_, b) => b).filter(isStatusByte);
    expect(valid).toHaveLength(16);
    for (const b of valid) expect(b & 0b1001_0011).toBe(0b0001_0010);
    expect([256, -1, 1.5, Number.NaN].some(isStatusByte)).toBe(false);
  });

  it.each([
    ['bit 0 set', 0x1b],
    ['bit 1 clear', 0x10],
    ['bit 4 clear', 0x02],
    ['bit 7 set', 0x92],
    ['all zero', 0x00],
    ['XOFF', 0x13],
    ['not a byte', 0x112],
  ])('reject a malformed byte (%s) in every parser, in Chinese', (_name, byte) => {
    for (const parse of [parsePrinterStatusByte, parseOfflineCauseByte, parseErrorCauseByte, parsePaperSensorByte]) {
      expect(() => parse(byte)).toThrow('打印机状态应答无效');
    }
  });

  const parsers = [
    {
      n: 1,
      parse: parsePrinterStatusByte,
      bits: { 2: 'drawerPin3High', 3: 'offline', 5: 'waitingForOnlineRecovery', 6: 'feedButtonPressed' },
    },
    { n: 2, parse: parseOfflineCauseByte, bits: { 2: 'coverOpen', 3: 'feedButtonFeeding', 5: 'paperEndStop', 6: 'errorOccurred' } },
    {
      n: 3,
      parse: parseErrorCauseByte,
      bits: { 2: 'recoverableError', 3: 'autocutterError', 5: 'unrecoverableError', 6: 'autoRecoverableError' },
    },
  ] as const;

  for (const { n, parse, bits } of parsers) {
    it(`n=${n}: all clear with only the fixed bits`, () => {
      expect(Object.values(parse(BASE))).toEqual([false, false, false, false]);
    });
    for (const [bit, flag] of Object.entries(bits)) {
      it(`n=${n}: bit ${bit} sets ${flag} and nothing else`, () => {
        const parsed = parse(withBit(Number(bit))) as unknown as Record<string, boolean>;
        expect(Object.entries(parsed).filter(([, v]) => v)).toEqual([[flag, true]]);
      });
    }
  }

  it('n=4: near end on bit 2 or 3, paper end on bit 5 or 6', () => {
    expect(parsePaperSensorByte(BASE)).toEqual({ paperNearEnd: false, paperEnd: false });
    expect(parsePaperSensorByte(withBit(2))).toEqual({ paperNearEnd: true, paperEnd: false });
    expect(parsePaperSensorByte(withBit(3))).toEqual({ paperNearEnd: true, paperEnd: false });
    expect(parsePaperSensorByte(BASE | 0x0c)).toEqual({ paperNearEnd: true, paperEnd: false });
    expect(parsePaperSensorByte(withBit(5))).toEqual({ paperNearEnd: false, paperEnd: true });
    expect(parsePaperSensorByte(withBit(6))).toEqual({ paperNearEnd: false, paperEnd: true });
    expect(parsePaperSensorByte(BASE | 0x6c)).toEqual({ paperNearEnd: true, paperEnd: true });
  });
});

describe('combined status', () => {
  const ok = [BASE, BASE, BASE, BASE];

  it('a healthy printer can print', () => {
    const s = statusFromReplies(ok);
    expect(s).toEqual({ online: true, paperNearEnd: false, paperOut: false, coverOpen: false, error: false });
    expect(printerProblem(s)).toBeNull();
  });

  it('out of paper, as an Epson reports it (offline, paper-end stop, both sensors)', () => {
    const s = statusFromReplies([0x1a, 0x32, BASE, 0x7e]);
    expect(s).toEqual({ online: true, paperNearEnd: true, paperOut: true, coverOpen: false, error: false });
    expect(printerProblem(s)).toBe('打印纸已用完');
  });

  it('paper-end stop alone (DLE EOT 2 bit 5) also means out of paper', () => {
    expect(statusFromReplies([0x1a, withBit(5), BASE, BASE]).paperOut).toBe(true);
  });

  it('nearly out of paper is not a reason to stop', () => {
    const s = statusFromReplies([BASE, BASE, BASE, BASE | 0x0c]);
    expect(s.paperNearEnd).toBe(true);
    expect(printerProblem(s)).toBeNull();
  });

  it('cover open', () => {
    const s = statusFromReplies([0x1a, withBit(2), BASE, BASE]);
    expect(s.coverOpen).toBe(true);
    expect(printerProblem(s)).toBe('打印机盖未关好');
  });

  it.each([
    ['DLE EOT 2 bit 6 (error occurred)', [0x1a, withBit(6), BASE, BASE]],
    ['DLE EOT 3 bit 2 (recoverable)', [0x1a, withBit(6), withBit(2), BASE]],
    ['DLE EOT 3 bit 3 (cutter)', [0x1a, BASE, withBit(3), BASE]],
    ['DLE EOT 3 bit 5 (unrecoverable)', [0x1a, BASE, withBit(5), BASE]],
    ['DLE EOT 3 bit 6 (auto-recoverable)', [0x1a, BASE, withBit(6), BASE]],
  ])('an error: %s', (_name, replies) => {
    const s = statusFromReplies(replies);
    expect(s).toMatchObject({ online: true, error: true });
    expect(printerProblem(s)).toBe('打印机故障');
  });

  it('the drawer, the feed button and waiting for recovery are not faults', () => {
    const s = statusFromReplies([BASE | 0x64, withBit(3), BASE, BASE]);
    expect(printerProblem(s)).toBeNull();
  });

  it.each([
    ['no reply', null],
    ['too few replies', [BASE, BASE, BASE]],
    ['too many replies', [BASE, BASE, BASE, BASE, BASE]],
    ['a garbled reply', [BASE, 0xff, BASE, BASE]],
  ])('%s means the printer is not connected', (_name, replies) => {
    expect(statusFromReplies(replies)).toEqual(UNREACHABLE);
    expect(printerProblem(statusFromReplies(replies))).toBe('打印机未连接');
  });
});
