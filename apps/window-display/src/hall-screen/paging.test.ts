import { describe, expect, it } from 'vitest';
import { pageOf } from './paging.js';

describe('hall screen paging', () => {
  const windows = Array.from({ length: 30 }, (_, i) => `W${i + 1}`);
  it('splits 30 windows into pages of 12: 12, 12, 6, and wraps around', () => {
    expect(pageOf(windows, 12, 0)).toMatchObject({ page: 0, pages: 3, items: windows.slice(0, 12) });
    expect(pageOf(windows, 12, 2).items).toEqual(windows.slice(24));
    expect(pageOf(windows, 12, 3).page).toBe(0);
  });
  it('a hall that fits shows one page', () => {
    expect(pageOf(windows.slice(0, 12), 12, 5)).toMatchObject({ page: 0, pages: 1 });
    expect(pageOf([], 12, 0)).toMatchObject({ pages: 1, items: [] });
  });
});
