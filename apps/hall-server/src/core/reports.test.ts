/**
 * The report's arithmetic on hand-made tickets: the P90 definition (nearest rank), empty groups,
 * what counts as issued / 过号 after the rollover, service time from 开始 or from the call, and
 * 限时办结 held to each ticket's own service target.
 */
import { UNTOUCHED_TICKET, reportRange } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import type { TicketRecord } from './hall-state.js';
import { buildReport, mean, p90 } from './reports.js';
import { MONDAY, TUESDAY, demoConfig, iso } from './test-support.js';

let n = 0;
function ticket(fields: Partial<TicketRecord> & { serviceCode: string; issuedAt: string }): TicketRecord {
  n++;
  return {
    id: `t${n}`,
    number: `X${String(n).padStart(3, '0')}`,
    priority: 'normal',
    status: 'waiting',
    businessDate: fields.issuedAt.slice(0, 10),
    ...UNTOUCHED_TICKET,
    channel: 'kiosk',
    queueKey: n,
    ...fields,
  };
}

const config = demoConfig();
const day = reportRange('day', MONDAY);

describe('P90 (nearest rank) and mean', () => {
  it('is the ⌈0.9·n⌉-th smallest value: at least 90% of waits are not longer', () => {
    expect(p90([])).toBeNull();
    expect(p90([300])).toBe(300);
    expect(p90([100, 200])).toBe(200); // ⌈1.8⌉ = 2nd
    expect(p90([5, 1, 4, 2, 3, 10, 9, 8, 7, 6])).toBe(9); // ⌈9⌉ = 9th of 1…10
    expect(p90(Array.from({ length: 11 }, (_, i) => i + 1))).toBe(10); // ⌈9.9⌉ = 10th
    expect(p90(Array.from({ length: 20 }, (_, i) => (i + 1) * 60))).toBe(18 * 60);
  });

  it('rounds the mean to whole seconds; no values → null', () => {
    expect(mean([])).toBeNull();
    expect(mean([1, 2])).toBe(2);
    expect(mean([60, 90, 100])).toBe(83);
  });
});

describe('buildReport', () => {
  it('an empty period: every service row with zeros and null averages, one day entry per date', () => {
    const r = buildReport(config, reportRange('week', MONDAY), 'service', []);
    expect(r.rows.map((x) => x.key)).toEqual(config.services.map((s) => s.code));
    for (const row of [...r.rows, r.total]) {
      expect(row).toMatchObject({ issued: 0, called: 0, served: 0, skipped: 0, avgWaitSeconds: null, p90WaitSeconds: null, avgServiceSeconds: null, withinTarget: 0, compliance: null });
    }
    expect(r.days).toHaveLength(7);
    expect(buildReport(config, day, 'window', []).rows.every((x) => x.issued === null && x.called === 0)).toBe(true);
  });

  it('service time runs from 开始办理, or from the call when 开始 was never pressed; compliance uses each service’s own target', () => {
    const tickets = [
      // 不动产 (40 min): 35 min from start → within; 税务 at the same window (15 min): 20 min from the call → over.
      ticket({ serviceCode: 'BDC', issuedAt: iso('09:00'), calledAt: iso('09:10'), startedAt: iso('09:15'), finishedAt: iso('09:50'), status: 'done', windowId: 'W03' }),
      ticket({ serviceCode: 'SW', issuedAt: iso('09:00'), calledAt: iso('09:50'), finishedAt: iso('10:10'), status: 'done', windowId: 'W03' }),
    ];
    const r = buildReport(config, day, 'window', tickets);
    const w3 = r.rows.find((x) => x.key === 'W03')!;
    expect(w3).toMatchObject({ name: '3号窗口 不动产税务联办', called: 2, served: 2, avgWaitSeconds: 30 * 60, p90WaitSeconds: 50 * 60, avgServiceSeconds: ((35 + 20) / 2) * 60, withinTarget: 1, compliance: 0.5 });
    // Exactly on target is within.
    const onTarget = ticket({ serviceCode: 'SW', issuedAt: iso('11:00'), calledAt: iso('11:00'), finishedAt: iso('11:15'), status: 'done', windowId: 'W04' });
    expect(buildReport(config, day, 'service', [onTarget]).rows.find((x) => x.key === 'SW')!.compliance).toBe(1);
  });

  it('after the rollover: a called-never-started ticket stays 过号, a waiting one stays issued, a same-day void is not issued', () => {
    const tickets = [
      // Skipped on Monday, cancelled by Tuesday's rollover.
      ticket({ serviceCode: 'SB', issuedAt: iso('09:00'), calledAt: iso('09:05'), status: 'cancelled', finishedAt: iso('00:00', TUESDAY), windowId: 'W06' }),
      // Waiting at the end of Monday, cancelled by the rollover: issued, not called.
      ticket({ serviceCode: 'SB', issuedAt: iso('16:00'), status: 'cancelled', finishedAt: iso('00:00', TUESDAY) }),
      // Voided by the kiosk on Monday (never printed): not issued.
      ticket({ serviceCode: 'SB', issuedAt: iso('10:00'), status: 'cancelled', finishedAt: iso('10:01') }),
      // Skipped and still skipped (Monday not over yet).
      ticket({ serviceCode: 'SB', issuedAt: iso('09:00'), calledAt: iso('09:20'), status: 'skipped', finishedAt: iso('09:22'), windowId: 'W06' }),
      // Skipped, came back (re-queued: call cleared), served: served, not 过号.
      ticket({ serviceCode: 'SB', issuedAt: iso('09:00'), calledAt: iso('10:00'), startedAt: iso('10:00'), finishedAt: iso('10:10'), status: 'done', requeuedAt: iso('09:40'), windowId: 'W06' }),
    ];
    const sb = buildReport(config, day, 'service', tickets).rows.find((x) => x.key === 'SB')!;
    expect(sb).toMatchObject({ issued: 4, called: 3, served: 1, skipped: 2 });
  });

  it('a transfer-in is not a new issue and its wait is not counted again; tickets of other dates are ignored', () => {
    const original = ticket({ serviceCode: 'SB', issuedAt: iso('09:00'), calledAt: iso('09:10'), startedAt: iso('09:10'), finishedAt: iso('09:20'), status: 'transferred', windowId: 'W06' });
    const moved = ticket({ serviceCode: 'YB', issuedAt: iso('09:00'), channel: 'transfer', transferredFrom: original.id, calledAt: iso('09:30'), finishedAt: iso('09:40'), status: 'done', windowId: 'W07' });
    const tuesday = ticket({ serviceCode: 'YB', issuedAt: iso('09:00', TUESDAY) });
    const r = buildReport(config, day, 'service', [original, moved, tuesday]);
    expect(r.rows.find((x) => x.key === 'SB')).toMatchObject({ issued: 1, called: 1, served: 0, avgWaitSeconds: 600 });
    expect(r.rows.find((x) => x.key === 'YB')).toMatchObject({ issued: 0, called: 1, served: 1, avgWaitSeconds: null, avgServiceSeconds: 600 });
    expect(r.total).toMatchObject({ issued: 1, served: 1, avgWaitSeconds: 600 });
  });

  it('a service code the config no longer has gets its own row after the configured ones', () => {
    const r = buildReport(config, day, 'service', [ticket({ serviceCode: 'OLD', issuedAt: iso('09:00') })]);
    expect(r.rows.at(-1)).toMatchObject({ key: 'OLD', name: 'OLD', issued: 1 });
  });
});

describe('reportRange', () => {
  it('weeks run Monday to Sunday, across a month and a year end; months are calendar months', () => {
    expect(reportRange('week', '2026-11-29')).toMatchObject({ from: '2026-11-23', to: '2026-11-29' });
    expect(reportRange('week', '2027-01-01')).toMatchObject({ from: '2026-12-28', to: '2027-01-03', label: '2026年12月28日—1月3日（第53周）', prev: '2026-12-21', next: '2027-01-04' });
    expect(reportRange('month', '2028-02-10')).toMatchObject({ from: '2028-02-01', to: '2028-02-29', prev: '2028-01-01', next: '2028-03-01' });
    expect(reportRange('month', '2026-12-31')).toMatchObject({ from: '2026-12-01', to: '2026-12-31', next: '2027-01-01', label: '2026年12月' });
    expect(reportRange('day', '2026-03-01')).toMatchObject({ prev: '2026-02-28', next: '2026-03-02', label: '2026年3月1日' });
  });
});
