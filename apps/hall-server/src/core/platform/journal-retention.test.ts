/** Which of the journal's oldest events may be pruned: past the retention, delivered everywhere, an unbroken run from the start. */
import { describe, expect, it } from 'vitest';
import { cursorExpired, isExpired, prunableThrough, retentionCutoff, type JournalHead } from './journal-retention.js';

const NOW = Date.parse('2027-02-28T09:00:00.000+08:00');
const CUTOFF = retentionCutoff(NOW, 90);
/** seq 1… with hall-local times on the given days. */
const journal = (...days: string[]): JournalHead[] => days.map((d, i) => ({ seq: i + 1, at: `${d}T10:00:00.000+08:00` }));

describe('journal retention', () => {
  it('the cutoff is the retention in whole days before now, on the instant (offsets honoured)', () => {
    expect(new Date(CUTOFF).toISOString()).toBe('2026-11-30T01:00:00.000Z'); // 2026-11-30 09:00 in the hall
    expect(isExpired({ seq: 1, at: '2026-11-30T08:59:59.999+08:00' }, CUTOFF)).toBe(true);
    expect(isExpired({ seq: 1, at: '2026-11-30T09:00:00.000+08:00' }, CUTOFF)).toBe(false);
    expect(isExpired({ seq: 1, at: '2026-11-30T00:59:59.000Z' }, CUTOFF)).toBe(true);
    expect(isExpired({ seq: 1, at: 'not a time' }, CUTOFF)).toBe(false); // unreadable: kept
  });

  it('prunes the old, delivered run from the start, up to the first young event', () => {
    const j = journal('2026-11-01', '2026-11-20', '2026-11-29', '2026-12-01', '2026-12-02');
    expect(prunableThrough(j, CUTOFF, null)).toBe(3);
    expect(prunableThrough(j, CUTOFF, 6)).toBe(3); // the first undelivered is younger anyway
  });

  it('never an event a receiver still has to be sent, nor anything after it', () => {
    const j = journal('2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04');
    expect(prunableThrough(j, CUTOFF, 3)).toBe(2);
    expect(prunableThrough(j, CUTOFF, 1)).toBeNull();
  });

  it('stops at a young event even when older ones follow it (a clock set back): what is kept stays unbroken', () => {
    const j = journal('2026-11-01', '2026-12-15', '2026-11-02');
    expect(prunableThrough(j, CUTOFF, null)).toBe(1);
  });

  it('nothing to prune: an empty journal, or everything young', () => {
    expect(prunableThrough([], CUTOFF, null)).toBeNull();
    expect(prunableThrough(journal('2026-12-01'), CUTOFF, null)).toBeNull();
  });

  it('a cursor before the last pruned seq has lost events; at or after it, nothing is lost', () => {
    expect(cursorExpired(0, 0)).toBe(false);
    expect(cursorExpired(0, 40)).toBe(true);
    expect(cursorExpired(39, 40)).toBe(true);
    expect(cursorExpired(40, 40)).toBe(false);
    expect(cursorExpired(41, 40)).toBe(false);
  });
});
