/** Behaviours pinned after review: labels, re-queue and ID rule, service issuing hours. */
import { HallError, parseInstant } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { explain } from './queue-order.js';
import { requeue, skip } from './queue-engine.js';
import { TestHall, demoConfig, idNumber } from './test-support.js';

describe('after review', () => {
  it('tickets issued in the same millisecond are not labelled 过号重排; a re-queued one is', () => {
    const h = new TestHall();
    const staff = h.signIn('W08');
    const burst = [h.issue('GJJ'), h.issue('GJJ'), h.issue('GJJ'), h.issue('GJJ')];
    expect(burst.map((t) => t.number)).toEqual(['E001', 'E002', 'E003', 'E004']);
    for (const t of burst.slice(1)) expect(explain(t, 'normal', 480)).toBe('普通号 · 09:00 取号，同级中最早');
    h.call('W08');
    h.run(staff, (s, c) => skip(s, c, 'W08'));
    const back = h.run(staff, (s, c) => requeue(s, c, burst[0]!.id, 1)).value;
    expect(back.requeuedAt).not.toBeNull();
    expect(explain(back, 'normal', 480)).toMatch(/^普通号 · 过号重排/);
    expect(h.queueAt('W08')).toEqual(['E002', 'E001', 'E003', 'E004']);
  });

  it('a skipped ticket cannot come back while its holder already took a new one', () => {
    const h = new TestHall();
    const staff = h.signIn('W08');
    const id = idNumber('1980-05-01');
    const first = h.issue('GJJ', { idNumber: id });
    h.call('W08');
    h.run(staff, (s, c) => skip(s, c, 'W08'));
    const again = h.issue('GJJ', { idNumber: id });
    const err = h.refuse(staff, (s, c) => requeue(s, c, first.id));
    expect(err).toBeInstanceOf(HallError);
    expect(err.code).toBe('DUPLICATE_ACTIVE_TICKET');
    expect(err.message).toContain(again.number);
  });

  it('a service with its own issuing hours may issue past the hall cutoff, but not past closing', () => {
    const h = new TestHall({ config: demoConfig() });
    const zh = h.config.services.find((s) => s.code === 'ZH')!;
    const sw = h.config.services.find((s) => s.code === 'SW')!;
    const at = (t: string) => parseInstant(`2026-11-23T${t}:00+08:00`);
    expect(h.hours.issueRefusal(at('16:40'), zh)).toBeNull();
    expect(h.hours.issueRefusal(at('16:40'), sw)).toContain('16:30');
    expect(h.hours.issueRefusal(at('16:50'), zh)).toContain('08:30–16:45');
  });
});
