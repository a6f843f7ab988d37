import { describe, expect, it } from 'vitest';
import { WedgeDetector } from './wedge-detector.js';

/** Types `text` then Enter, with the gaps `gap(i)` ms, from time `start`; returns what the detector said at Enter. */
function type(d: WedgeDetector, text: string, gap: number | ((i: number) => number), start = 0): string | null {
  const g = typeof gap === 'number' ? () => gap : gap;
  let t = start;
  [...text].forEach((ch, i) => {
    d.key(ch, t);
    t += g(i);
  });
  return d.key('Enter', t);
}

describe('WedgeDetector: a keyboard-wedge scanner vs a person', () => {
  it('takes a fast burst ended by Enter as a scan', () => {
    expect(type(new WedgeDetector(), 'YYABCDEFGH234567', 8)).toBe('YYABCDEFGH234567');
  });

  it('is not split by one late key (a busy page), as long as the pace is a scanner’s', () => {
    const token = 'YYAHFTB42CLYLEQ6U3RJESPXZ5OBFATVUQDZMK6NGITUUKH5Q';
    expect(type(new WedgeDetector(), token, (i) => (i === 20 ? 90 : 12))).toBe(token);
  });

  it('ignores a person typing (slow keys, even without long pauses) and short bursts', () => {
    expect(type(new WedgeDetector(), 'YYABCDEFGH', 150)).toBeNull();
    expect(type(new WedgeDetector(), 'YYABCDEFGH', 100)).toBeNull();
    expect(type(new WedgeDetector(), 'AB', 5)).toBeNull();
  });

  it('starts over after a pause, so stray keys do not spoil the next scan', () => {
    const d = new WedgeDetector();
    d.key('x', 0);
    d.key('y', 100);
    expect(type(d, 'YYSCAN1234', 5, 1_000)).toBe('YYSCAN1234');
  });

  it('ignores Shift and other non-character keys inside a scan', () => {
    const d = new WedgeDetector();
    let t = 0;
    for (const k of ['Shift', 'Y', 'Shift', 'Y', 'A', 'B', 'C', 'D']) d.key(k, (t += 5));
    expect(d.key('Enter', t + 5)).toBe('YYABCD');
  });
});
