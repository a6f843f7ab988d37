import { describe, expect, it } from 'vitest';
import type { OvertimeRecord } from '@hall/shared';
import { computeAlerts } from './alerts.js';
import { markOverLimit, minutesOverLimit, overtimeLimitAlerts } from './overtime.js';
import { TestHall, at, demoConfig, iso } from './test-support.js';

/** 6号窗口 (社会保险) takes C001 at 16:20 and is still serving it after closing (17:00). */
function servingPastClosing(limit?: number): TestHall {
  const h = new TestHall({ now: at('16:00'), ...(limit === undefined ? {} : { config: demoConfig((c) => void (c.hours.overtimeLimitMinutes = limit)) }) });
  h.signIn('W06');
  h.setTime('16:20');
  h.issue('SB');
  h.call('W06');
  h.start('W06');
  return h;
}

const limitAlerts = (h: TestHall, hhmm: string) => computeAlerts(h.state, h.config, h.hours, at(hhmm)).filter((a) => a.kind === 'overtime-limit');

describe('延时服务 past hours.overtimeLimitMinutes [002 第三条: 下班后 1 小时以内]', () => {
  it('raises when the window is still serving an hour after closing, saying who, where and how long', () => {
    const h = servingPastClosing();
    expect(limitAlerts(h, '17:30')).toEqual([]);
    expect(limitAlerts(h, '18:00')).toEqual([]);
    const staff = h.config.staff.find((s) => s.employeeNo === '1011')!.name;
    const ticket = h.byNumber('C001');
    expect(limitAlerts(h, '18:01')).toEqual([
      {
        key: `overtime-limit:W06:${ticket.id}`,
        kind: 'overtime-limit',
        windowId: 'W06',
        ticketId: ticket.id,
        since: iso('18:00'),
        message: `6号窗口（社会保险）${staff}（1011）仍在办理 C001（社会保险），已超过下班时间61分钟，超出延时服务上限60分钟，请了解情况、安排处理`,
      },
    ]);
  });

  it('clears once the service is finished', () => {
    const h = servingPastClosing();
    expect(limitAlerts(h, '18:05')).toHaveLength(1);
    h.setTime('18:10');
    h.finish('W06');
    expect(limitAlerts(h, '18:11')).toEqual([]);
  });

  it('follows the configured limit (30 minutes)', () => {
    const h = servingPastClosing(30);
    expect(overtimeLimitAlerts(h.state, h.config, h.hours, at('17:30'))).toEqual([]);
    expect(overtimeLimitAlerts(h.state, h.config, h.hours, at('17:31'))[0]!.message).toContain('已超过下班时间31分钟，超出延时服务上限30分钟');
  });

  it('an idle window after closing is no 延时服务', () => {
    const h = new TestHall({ now: at('16:00') });
    h.signIn('W06');
    expect(limitAlerts(h, '19:00')).toEqual([]);
  });

  it('marks a 延时服务 record past the limit with the minutes beyond it', () => {
    const h = servingPastClosing();
    h.setTime('18:10');
    const [record] = h.finish('W06').changes.overtime;
    expect(record!.minutesPastClosing).toBe(70);
    expect(minutesOverLimit(record!, 60)).toBe(10);
    expect(minutesOverLimit({ minutesPastClosing: 60 }, 60)).toBe(0);
    const marked = markOverLimit([record!, { ...record!, id: 'x', minutesPastClosing: 5 } as OvertimeRecord], h.config);
    expect(marked.map((r) => r.minutesOverLimit)).toEqual([10, 0]);
  });
});
