import { describe, expect, it } from 'vitest';
import { computeAlerts } from '../alerts.js';
import { issueTicket } from '../queue-engine.js';
import { approveUrgentCase, closeUrgentCase, nextUrgentTicket, type UrgentCaseInput } from './urgent.js';
import { AssistedHall, at, idNumber, iso } from './test-support.js';

const CASE: UrgentCaseInput = { scope: 'urgent-need', reason: '申请人明日出国就医，急需办理房产过户', applicant: { name: '赵先生', idNumber: idNumber('1970-01-02') }, serviceCode: 'BDC' };

describe('特事特办', () => {
  it('a manager approves; the ticket is `urgent`, issued through the queue engine and linked to the case', () => {
    const h = new AssistedHall();
    const { case: c, ticket } = h.issueUrgent(h.manager, (s, ctx) => approveUrgentCase(s, ctx, CASE));
    expect(ticket).toMatchObject({ priority: 'urgent', serviceCode: 'BDC', channel: 'staff', status: 'waiting', number: 'A001', idNumber: CASE.applicant.idNumber });
    expect(c).toMatchObject({
      no: 'TB20261123001',
      status: 'open',
      approvedBy: { employeeNo: '9001', name: '周主任' },
      reason: CASE.reason,
      tickets: [{ id: ticket.id, number: ticket.number, serviceCode: 'BDC', issuedAt: iso('09:00') }],
    });
    // The committed change set (what the store writes with the ticket) holds the linked case.
    const changes = h.committed.at(-1)!;
    expect(changes.cases).toHaveLength(1);
    expect(changes.log!.after.assisted[0]).toEqual(c);
    expect(h.state.cases.get(c.id)).toEqual(c);
    expect(c.history[0]!.note).toBe(`${CASE.reason}（A001）`);
  });

  it('only a manager approves it', () => {
    const h = new AssistedHall();
    const e = h.refuse(h.staff('1001'), (s, ctx) => approveUrgentCase(s, ctx, CASE));
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toBe('特事特办审批须由大厅负责人（管理人员）操作');
    expect(h.refuse(h.manager, (s, ctx) => approveUrgentCase(s, ctx, { ...CASE, reason: '  ' })).message).toMatch(/请填写特事特办的理由/);
  });

  it('its ticket is called before 绿色通道 and normal tickets that came earlier', () => {
    const h = new AssistedHall();
    const normal = h.queue.issue('BDC', { idNumber: idNumber('1990-01-01') });
    h.setTime('09:01');
    const green = h.queue.issue('BDC', { idNumber: idNumber('1940-01-01') });
    expect(green.priority).toBe('green');
    h.setTime('09:02');
    const { ticket } = h.issueUrgent(h.manager, (s, ctx) => approveUrgentCase(s, ctx, CASE));
    h.queue.signIn('W01');
    expect(h.queue.queueAt('W01')).toEqual([ticket.number, green.number, normal.number]);
    expect(h.queue.call('W01').ticket!.id).toBe(ticket.id);
    h.queue.finish('W01');
    expect(h.queue.call('W01').ticket!.id).toBe(green.id);
  });

  it('is outside the promised time limits: no 限时办结 alert, while a normal ticket overrunning gets one', () => {
    const h = new AssistedHall();
    const { ticket } = h.issueUrgent(h.manager, (s, ctx) => approveUrgentCase(s, ctx, CASE));
    const normal = h.queue.run(h.manager, (s, ctx) => issueTicket(s, ctx, { serviceCode: 'SW', channel: 'staff' })).value;
    h.queue.signIn('W01');
    h.queue.signIn('W03');
    expect(h.queue.call('W01').ticket!.id).toBe(ticket.id);
    expect(h.queue.call('W03').ticket!.id).toBe(normal.id);
    h.queue.start('W01');
    const later = at('10:30');
    const overdue = computeAlerts(h.queue.state, h.config, h.queue.hours, later).filter((a) => a.kind === 'overdue');
    expect(overdue.map((a) => a.ticketId)).toEqual([normal.id]);
  });

  it('is tracked until done: more tickets for the case, then closed; a closed case takes no more tickets', () => {
    const h = new AssistedHall();
    expect(h.refuse(h.manager, (s, ctx) => approveUrgentCase(s, ctx, { ...CASE, applicant: { name: '赵先生' } })).message).toBe('“不动产登记”须实名取号，请填写申请人身份证号');
    const { case: c } = h.issueUrgent(h.manager, (s, ctx) => approveUrgentCase(s, ctx, CASE));
    h.setTime('10:00');
    h.queue.signIn('W01');
    h.queue.call('W01');
    h.queue.finish('W01');
    const second = h.issueUrgent(h.manager, (s, ctx) => nextUrgentTicket(s, ctx, c.id, 'SW'));
    expect(second.ticket).toMatchObject({ priority: 'urgent', serviceCode: 'SW' });
    expect(second.case.tickets.map((t) => t.serviceCode)).toEqual(['BDC', 'SW']);
    expect(h.refuse(h.staff('1001'), (s, ctx) => nextUrgentTicket(s, ctx, c.id, 'SW')).code).toBe('FORBIDDEN');
    const done = h.run(h.staff('1001'), (s, ctx) => closeUrgentCase(s, ctx, c.id, '当日办结')).value;
    expect(done).toMatchObject({ status: 'done', done: { note: '当日办结', by: { employeeNo: '1001' } } });
    expect(done.tickets).toHaveLength(2);
    expect(h.refuse(h.manager, (s, ctx) => nextUrgentTicket(s, ctx, c.id, 'BDC')).code).toBe('INVALID_STATE');
  });
});
