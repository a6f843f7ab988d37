import { describe, it, expect } from 'vitest';
import { formatTicketNumber, parseTicketNumber } from './ticket-number.js';

describe('formatTicketNumber', () => {
  it('pads the daily counter to three digits by default', () => {
    expect(formatTicketNumber('A', 1)).toBe('A001');
    expect(formatTicketNumber('B', 42)).toBe('B042');
    expect(formatTicketNumber('YA', 7)).toBe('YA007');
  });

  it('honours the configured number of digits and does not truncate a larger counter', () => {
    expect(formatTicketNumber('C', 5, 4)).toBe('C0005');
    expect(formatTicketNumber('C', 1234)).toBe('C1234');
  });
});

describe('parseTicketNumber', () => {
  it('splits a ticket number into prefix and counter', () => {
    expect(parseTicketNumber('A001')).toEqual({ prefix: 'A', counter: 1 });
    expect(parseTicketNumber('YA012')).toEqual({ prefix: 'YA', counter: 12 });
    expect(parseTicketNumber('H150')).toEqual({ prefix: 'H', counter: 150 });
  });

  it('round-trips what formatTicketNumber produces', () => {
    for (const [prefix, n] of [['A', 1], ['GX', 999], ['YB', 20]] as const) {
      expect(parseTicketNumber(formatTicketNumber(prefix, n))).toEqual({ prefix, counter: n });
    }
  });

  it('returns null for anything that is not a ticket number', () => {
    for (const text of ['', '001', 'A', 'a001', 'A-001', 'A001 ', 'ABCD001', 'A123456']) {
      expect(parseTicketNumber(text), JSON.stringify(text)).toBeNull();
    }
  });
});
