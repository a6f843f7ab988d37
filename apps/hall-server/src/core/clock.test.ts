import { describe, expect, it } from 'vitest';
import { SettableClock } from './clock.js';
import { at } from './test-support.js';

describe('SettableClock', () => {
  it('moves only when told', () => {
    const clock = new SettableClock(at('09:00'));
    expect(clock.now()).toBe(at('09:00'));
    clock.advanceMinutes(15);
    expect(clock.now()).toBe(at('09:15'));
    clock.set(at('16:30'));
    expect(clock.now()).toBe(at('16:30'));
  });
});

describe('test instants are hall time (UTC+8)', () => {
  it('Monday 09:00 in the hall is 01:00 UTC', () => {
    expect(at('09:00')).toBe(Date.parse('2026-11-23T01:00:00Z'));
    expect(at('00:30', '2026-11-24')).toBe(Date.parse('2026-11-23T16:30:00Z'));
  });
});
