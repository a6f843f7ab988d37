import { UNTOUCHED_TICKET, type TicketStatusView } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { describeTicket, estimateText, ticketIdFromPath } from './ticket-status.js';

const ticket = (over: Partial<TicketStatusView>): TicketStatusView => ({
  id: 't1',
  number: 'C002',
  serviceCode: 'SB',
  priority: 'normal',
  status: 'waiting',
  businessDate: '2026-11-23',
  issuedAt: '2026-11-23T09:30:00.000+08:00',
  ...UNTOUCHED_TICKET,
  channel: 'kiosk',
  waitingAhead: 0,
  estimatedWaitMinutes: null,
  ...over,
});
const W6 = { no: '6', name: '社会保险' };

describe('what the status page says', () => {
  it.each([
    ['waiting', null, '等候中', false],
    ['called', W6, '请到 6 号窗口办理', false],
    ['called', null, '已叫号，请到窗口办理', false],
    ['serving', W6, '办理中', false],
    ['done', W6, '已办结', true],
    ['skipped', W6, '已过号', false],
    ['cancelled', null, '已作废', true],
  ] as const)('%s (window %o) → %s', (status, window, text, final) => {
    const d = describeTicket(ticket({ status }), window);
    expect(d.status).toBe(text);
    expect(d.final).toBe(final);
    expect(d.lines.length).toBeGreaterThan(0);
  });

  it('shows people ahead and the estimate only while waiting', () => {
    expect(describeTicket(ticket({ waitingAhead: 3, estimatedWaitMinutes: 24 }), null).wait).toEqual({ ahead: 3, estimate: '约 24 分钟' });
    expect(describeTicket(ticket({ status: 'called' }), W6).wait).toBeNull();
  });

  it('words the estimate', () => {
    expect(estimateText(null)).toBe('暂无法估计（办理该业务的窗口暂未开放）');
    expect(estimateText(0)).toBe('即将叫号');
    expect(estimateText(1)).toBe('即将叫号');
    expect(estimateText(7)).toBe('约 7 分钟');
  });

  it('reads the ticket id from /t/{id}', () => {
    expect(ticketIdFromPath('/t/5f0c-1')).toBe('5f0c-1');
    expect(ticketIdFromPath('/t/a%20b')).toBe('a b');
    expect(ticketIdFromPath('/t/%E0%A4%A')).toBe('%E0%A4%A');
    expect(ticketIdFromPath('/t/')).toBe('');
    expect(ticketIdFromPath('/book')).toBe('');
  });
});
