import { describe, expect, it } from 'vitest';
import { WedgeDetector } from './wedge-detector.js';

/** Types `text` then Enter, `gap` ms apart, from time `start`; returns what the detector said at Enter. */
function type(d: WedgeDetector, text: string, gap: number, start = 0): string | null {
  let t = start;
  for (const ch of text) {
    d.key(ch, t);
    t += gap;
  }
  return d.key('Enter', t);
}

describe('WedgeDetector: a keyboard-wedge scanner vs a person', () => {
  it('takes a fast burst ended by Enter as a scan', () => {
    expect(type(new WedgeDetector(), 'YYABCDEFGH234567', 8)).toBe('YYABCDEFGH234567');
  });

  it('ignores a person typing (slow keys) and short bursts', () => {
    expect(type(new WedgeDetector(), 'YYABCDEFGH', 150)).toBeNull();
    expect(type(new WedgeDetector(), 'AB', 5)).toBeNull();
  });

  it('starts over after a pause, so a stray key does not spoil the next scan', () => {
    const d = new WedgeDetector();
    d.key('x', 0);
    expect(type(d, 'YYSCAN1234', 5, 1_000)).toBe('YYSCAN1234');
  });

  it('ignores Shift and other non-character keys inside a scan', () => {
    const d = new WedgeDetector();
    let t = 0;
    for (const k of ['Shift', 'Y', 'Shift', 'Y', 'A', 'B', 'C', 'D']) d.key(k, (t += 5));
    expect(d.key('Enter', t + 5)).toBe('YYABCD');
  });
});
