/** A kiosk voids a ticket it has just issued when its printer failed; staff void any waiting ticket. */
import { describe, expect, it } from 'vitest';
import { KIOSK_VOID_MINUTES, cancelTicket } from './queue-engine.js';
import { KIOSK, TestHall, at } from './test-support.js';

const OTHER_KIOSK = { kind: 'device' as const, id: 'kiosk-2', name: '大厅取号机2' };
const byKiosk = (issuedBy: string | null) => ({ reason: '打印失败作废', kiosk: { issuedBy } });

describe('a kiosk voids the ticket it could not print', () => {
  it('its own waiting ticket, within the first minutes: void, with the reason in the event log', () => {
    const h = new TestHall();
    const t = h.issue('SB');
    h.setTime(at('09:00') + KIOSK_VOID_MINUTES * 60_000);
    const { value, changes } = h.run(KIOSK, (s, c) => cancelTicket(s, c, t.id, byKiosk(KIOSK.id)));
    expect(value).toMatchObject({ number: 'C001', status: 'cancelled' });
    expect(changes.log).toMatchObject({ type: 'ticket.cancel', actor: KIOSK, input: { reason: '打印失败作废', by: 'kiosk' } });
  });

  const refusals: [string, (h: TestHall, id: string) => void, string, string | null][] = [
    ['another kiosk’s ticket', () => undefined, '不是本取号机发出的号码', OTHER_KIOSK.id],
    ['a ticket whose issuer is unknown', () => undefined, '不是本取号机发出的号码', null],
    ['a ticket older than the limit', (h) => h.setTime(at('09:00') + KIOSK_VOID_MINUTES * 60_000 + 1000), `发出已超过${KIOSK_VOID_MINUTES}分钟`, KIOSK.id],
    ['a ticket already called', (h) => (h.signIn('W06'), h.call('W06')), '已被叫号或已处理', KIOSK.id],
  ];
  it.each(refusals)('not %s: FORBIDDEN, in words the kiosk can show', (_name, before, words, issuedBy) => {
    const h = new TestHall();
    const t = h.issue('SB');
    before(h, t.id);
    const e = h.refuse(KIOSK, (s, c) => cancelTicket(s, c, t.id, byKiosk(issuedBy)));
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toContain(words);
    expect(e.message).toContain('请到服务台办理');
    expect(h.ticket(t.id).status).not.toBe('cancelled');
  });

  it('not a ticket staff issued at a window, nor an appointment check-in', () => {
    const h = new TestHall();
    const staffTicket = h.issue('SB', { channel: 'staff' });
    expect(h.refuse(KIOSK, (s, c) => cancelTicket(s, c, staffTicket.id, byKiosk(KIOSK.id))).code).toBe('FORBIDDEN');
    const appointment = h.issue('SB', { priority: 'appointment' });
    expect(h.refuse(KIOSK, (s, c) => cancelTicket(s, c, appointment.id, byKiosk(KIOSK.id))).code).toBe('FORBIDDEN');
  });

  it('a repeated request (the first answer was lost) answers the same and changes nothing', () => {
    const h = new TestHall();
    const t = h.issue('SB');
    h.run(KIOSK, (s, c) => cancelTicket(s, c, t.id, byKiosk(KIOSK.id)));
    const again = h.run(KIOSK, (s, c) => cancelTicket(s, c, t.id, byKiosk(KIOSK.id)));
    expect(again.value.status).toBe('cancelled');
    expect(again.changes.log).toBeNull();
  });
});

describe('staff void a waiting ticket', () => {
  it('whoever issued it and whenever, with an optional reason', () => {
    const h = new TestHall();
    const t = h.issue('SB');
    h.setTime('11:00');
    const { value, changes } = h.run(h.staff('W06'), (s, c) => cancelTicket(s, c, t.id, { reason: '群众放弃办理' }));
    expect(value.status).toBe('cancelled');
    expect(changes.log?.input).toEqual({ reason: '群众放弃办理' });
  });
});
