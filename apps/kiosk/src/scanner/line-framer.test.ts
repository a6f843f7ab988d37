import { describe, expect, it } from 'vitest';
import { LineFramer } from './line-framer.js';

const bytes = (s: string) => Buffer.from(s, 'latin1');

describe('LineFramer: a serial scanner’s bytes → reads', () => {
  it('ends a read at CR, LF or CR LF, and ignores empty lines', () => {
    const f = new LineFramer();
    expect(f.push(bytes('YYABC123\r\nYYDEF456\n\r\rYYGHI789\r'), 0)).toEqual(['YYABC123', 'YYDEF456', 'YYGHI789']);
    expect(f.stats.lines).toBe(3);
  });

  it('joins a read that arrives in pieces', () => {
    const f = new LineFramer();
    expect(f.push(bytes('YYAB'), 0)).toEqual([]);
    expect(f.push(bytes('C12'), 10)).toEqual([]);
    expect(f.push(bytes('3\r'), 20)).toEqual(['YYABC123']);
  });

  it('drops bytes that are not printable ASCII (noise, STX/ETX framing) and keeps the read', () => {
    const f = new LineFramer();
    expect(f.push(Buffer.from([0x02, 0x59, 0x59, 0x00, 0x41, 0xff, 0x42, 0x03, 0x0d]), 0)).toEqual(['YYAB']);
    expect(f.stats.droppedBytes).toBe(4);
  });

  it('throws away a half read that went quiet, so the next read starts clean', () => {
    const f = new LineFramer({ idleTimeoutMs: 300 });
    f.push(bytes('YYHALF'), 0);
    expect(f.expire(200)).toBe(false);
    expect(f.expire(400)).toBe(true);
    expect(f.push(bytes('YYWHOLE\r'), 450)).toEqual(['YYWHOLE']);
    expect(f.stats.discardedFragments).toBe(1);
  });

  it('also expires the fragment when the next bytes come late', () => {
    const f = new LineFramer({ idleTimeoutMs: 300 });
    f.push(bytes('YYHALF'), 0);
    expect(f.push(bytes('YYNEXT\r'), 1_000)).toEqual(['YYNEXT']);
  });

  it('throws away an over-long line up to its end, then reads on', () => {
    const f = new LineFramer({ maxLength: 8 });
    expect(f.push(bytes('0123456789ABCDEF\rYYOK\r'), 0)).toEqual(['YYOK']);
    expect(f.stats.overlongLines).toBe(1);
  });
});
