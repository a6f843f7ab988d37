/**
 * What the 政务服务平台 is told about each change, read off the audit entries the real engines
 * produce: one event per ticket/appointment/rating transition, in the order things happened.
 */
import type { PlatformAppointment, PlatformEventData, PlatformTicket, Rating } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { book, cancelByApplicant, checkIn, sendReminders, sweepNoShows } from '../appointments/appointment-engine.js';
import { BookingHall, PUBLIC, person } from '../appointments/test-support.js';
import { callNext, cancelTicket, issueTicket, pause, recall, requeue, resume, rollover, skip, start, transfer } from '../queue-engine.js';
import { KIOSK, TUESDAY, TestHall, demoConfig, idNumber, iso } from '../test-support.js';
import { appointmentTransition, forReceiver, maskName, maskPhone, platformEventsOf, type AuditRecord } from './platform-events.js';

const ID = idNumber('1980-01-01', '011');
/** 不动产登记 takes tickets by ID card only: a distinct person per n. */
const byId = (n: number) => ({ idNumber: idNumber('1981-02-03', String(100 + n)) });
const config = demoConfig((raw) => {
  raw.services.find((s) => s.code === 'BDC')!.itemCode = '000154023000';
});
const eventsOf = (c: { log: unknown }) => platformEventsOf(c.log as AuditRecord, config);
const kindsOf = (c: { log: unknown }) => eventsOf(c).map((e) => e.kind);
const ticketOf = (d: PlatformEventData | undefined) => (d as { ticket: PlatformTicket }).ticket;

describe('queue changes → platform events', () => {
  it('a ticket’s life: issued, called, recalled, started, finished — one event each, with service, window and 办件编号', () => {
    const h = new TestHall({ config });
    const staff = h.signIn('W01');
    const issued = h.run(KIOSK, (s, c) => issueTicket(s, c, { serviceCode: 'BDC', channel: 'kiosk', idNumber: ID }));
    const [e] = eventsOf(issued.changes);
    expect(e).toMatchObject({ kind: 'ticket.issued', subject: issued.value.id, at: iso('09:00') });
    expect(ticketOf(e?.data)).toMatchObject({ number: 'A001', serviceName: '不动产登记', itemCode: '000154023000', department: 'BDC', status: 'waiting', idNumber: ID });

    h.setTime('09:05');
    const called = h.run(staff, (s, c) => callNext(s, c, 'W01'));
    expect(kindsOf(called.changes)).toEqual(['ticket.called']);
    expect(ticketOf(eventsOf(called.changes)[0]?.data)).toMatchObject({ windowId: 'W01', windowNo: '1', staffNo: '1001', calledAt: iso('09:05') });
    expect(kindsOf(h.run(staff, (s, c) => recall(s, c, 'W01')).changes)).toEqual(['ticket.recalled']);
    expect(kindsOf(h.run(staff, (s, c) => start(s, c, 'W01')).changes)).toEqual(['ticket.started']);
    const done = h.finish('W01', 'BDC-2026-0001');
    expect(kindsOf(done.changes)).toEqual(['ticket.finished']);
    expect(ticketOf(eventsOf(done.changes)[0]?.data)).toMatchObject({ status: 'done', caseNo: 'BDC-2026-0001' });
  });

  it('window-only changes (sign-in, pause, resume) are not platform events', () => {
    const h = new TestHall({ config });
    const staff = h.signIn('W01');
    expect(kindsOf(h.run(staff, (s, c) => pause(s, c, 'W01', '会议')).changes)).toEqual([]);
    expect(kindsOf(h.run(staff, (s, c) => resume(s, c, 'W01')).changes)).toEqual([]);
  });

  it('skipped, requeued, transferred (once, naming the new ticket) and cancelled', () => {
    const h = new TestHall({ config });
    const staff = h.signIn('W01');
    h.signIn('W04');
    const a = h.issue('BDC', byId(1));
    h.call('W01');
    expect(kindsOf(h.run(staff, (s, c) => skip(s, c, 'W01')).changes)).toEqual(['ticket.skipped']);
    expect(kindsOf(h.run(staff, (s, c) => requeue(s, c, a.id)).changes)).toEqual(['ticket.requeued']);
    h.call('W01');
    const moved = h.run(staff, (s, c) => transfer(s, c, 'W01', { serviceCode: 'SW' }));
    const [t] = eventsOf(moved.changes);
    expect(eventsOf(moved.changes)).toHaveLength(1);
    expect(t).toMatchObject({ kind: 'ticket.transferred', subject: a.id, data: { transferredTo: { ticketId: moved.value.id, serviceCode: 'SW', targetWindowId: null } } });
    const b = h.issue('SW');
    expect(kindsOf(h.run(KIOSK, (s, c) => cancelTicket(s, c, b.id, { reason: '打印失败作废' })).changes)).toEqual(['ticket.cancelled']);
  });

  it('in one change, what ended comes before what began: finished, then the appointment holder called', () => {
    const h = new TestHall({ config });
    h.signIn('W01');
    h.issue('BDC', byId(1));
    h.call('W01');
    const holder = h.issue('BDC', { priority: 'appointment' }); // checked in while W01 serves someone
    const done = h.finish('W01');
    const ev = eventsOf(done.changes);
    expect(ev.map((e) => e.kind)).toEqual(['ticket.finished', 'ticket.called']);
    expect(ev[1]?.subject).toBe(holder.id);
  });

  it('a check-in at an idle window: issued, then called, in the same change', () => {
    const h = new TestHall({ config });
    h.signIn('W01');
    const checkedIn = h.run(KIOSK, (s, c) => issueTicket(s, c, { serviceCode: 'BDC', channel: 'appointment', priority: 'appointment' }));
    expect(kindsOf(checkedIn.changes)).toEqual(['ticket.issued', 'ticket.called']);
  });

  it('the day rollover cancels yesterday’s waiting tickets, one event each', () => {
    const h = new TestHall({ config });
    const a = h.issue('BDC', byId(1));
    const b = h.issue('SW');
    h.setTime(['08:00', TUESDAY]);
    const rolled = eventsOf(h.run(KIOSK, rollover).changes);
    expect(rolled.map((e) => [e.kind, e.subject]).sort()).toEqual([['ticket.cancelled', a.id], ['ticket.cancelled', b.id]].sort());
  });
});

describe('appointment changes → platform events', () => {
  it('booked, cancelled, checked-in and no-show; reminders are not events', () => {
    const hall = new BookingHall();
    const me = person(1);
    const a = hall.run(PUBLIC, (s, c) => book(s, c, hall.input(iso('09:00', TUESDAY))));
    const [e] = eventsOf(a.changes);
    expect(e).toMatchObject({ kind: 'appointment.booked', subject: a.value.id });
    expect((e!.data as { appointment: PlatformAppointment }).appointment).toMatchObject({
      code: a.value.code,
      serviceName: '不动产登记',
      channel: 'online',
      applicant: { name: me.name, idNumber: me.idNumber, phone: me.phone },
    });
    const b = hall.book(iso('10:00', TUESDAY), { who: person(2) });
    const c = hall.book(iso('14:00', TUESDAY), { who: person(3) });
    expect(kindsOf(hall.run(PUBLIC, (s, x) => cancelByApplicant(s, x, { appointmentId: b.id, idNumber: person(2).idNumber })).changes)).toEqual(['appointment.cancelled']);
    hall.setTime('18:00', '2026-11-23');
    expect(kindsOf(hall.run(KIOSK, (s, x) => sendReminders(s, x)).changes)).toEqual([]);
    hall.setTime('08:40', TUESDAY);
    expect(kindsOf(hall.run(KIOSK, (s, x) => checkIn(s, x, { code: a.value.code, idNumber: me.idNumber })).changes)).toEqual(['appointment.checked-in']);
    hall.setTime('14:31', TUESDAY);
    const swept = eventsOf(hall.run(KIOSK, (s, x) => sweepNoShows(s, x)).changes);
    expect(swept.map((x) => [x.kind, x.subject])).toEqual([['appointment.no-show', c.id]]);
  });
  it('an out-of-hours request, its approval and its refusal', () => {
    const hall = new BookingHall();
    const a = hall.book(iso('09:00', TUESDAY));
    const pending = { ...a, status: 'pending-approval' as const };
    expect(appointmentTransition(undefined, pending)).toBe('appointment.requested');
    expect(appointmentTransition(pending, a)).toBe('appointment.booked');
    expect(appointmentTransition(pending, { ...a, status: 'refused' })).toBe('appointment.refused');
    expect(appointmentTransition(a, { ...a, remindedAt: iso('18:00') })).toBeNull();
  });
});

describe('ratings → platform events', () => {
  const rating = (level: Rating['level']): Rating => ({
    id: 'r1',
    ticketId: 't1',
    ticketNumber: 'A001',
    serviceCode: 'BDC',
    windowId: 'W01',
    staffNo: '1001',
    department: 'BDC',
    caseNo: 'BDC-2026-0001',
    level,
    score: level === null ? null : 10,
    details: level === 1 ? ['等候时间太长'] : [],
    text: null,
    finishedAt: iso('09:30'),
    ratedAt: iso('09:31'),
    businessDate: '2026-11-23',
  });
  const entry = (r: Rating): AuditRecord => ({ type: 'rating.record', at: r.ratedAt, before: {}, after: { ratings: [r] } });

  it('an answer is rating.submitted with its level name; a pad that timed out is rating.not-rated', () => {
    const [e] = platformEventsOf(entry(rating(1)), config);
    expect(e).toMatchObject({
      kind: 'rating.submitted',
      at: iso('09:31'),
      data: { rating: { level: 1, levelName: '非常不满意', itemCode: '000154023000', windowNo: '1', caseNo: 'BDC-2026-0001', details: ['等候时间太长'] } },
    });
    expect(platformEventsOf(entry(rating(null)), config).map((x) => [x.kind, (x.data as { rating: { levelName: string | null } }).rating.levelName])).toEqual([['rating.not-rated', null]]);
  });

  it('an upheld appeal’s void is rating.voided: the rating as it was reported, the decision’s time and reason; once', () => {
    const r = rating(1);
    const voidRow = (before: string, after: string, withRating = true): AuditRecord => ({
      type: 'rating.void',
      at: iso('15:00'),
      input: { appealId: 'ap-1', reason: '调取评价器日志，确属误按' },
      before: { ratingStatus: [{ id: r.id, status: before }] },
      after: { ratingStatus: [{ id: r.id, status: after, ...(withRating ? { rating: r } : {}) }] },
    });
    const events = platformEventsOf(voidRow('valid', 'void'), config);
    expect(events).toEqual([
      {
        kind: 'rating.voided',
        subject: 'r1',
        at: iso('15:00'),
        data: { rating: (platformEventsOf(entry(r), config)[0]!.data as { rating: unknown }).rating, voided: { at: iso('15:00'), basis: 'appeal-upheld', appealId: 'ap-1', reason: '调取评价器日志，确属误按' } },
      },
    ]);
    expect((events[0]!.data as { rating: { caseNo: string } }).rating.caseNo).toBe('BDC-2026-0001');
    // Nothing to report: already void, restored, or an old row without the rating record.
    expect(platformEventsOf(voidRow('void', 'void'), config)).toEqual([]);
    expect(platformEventsOf(voidRow('void', 'valid'), config)).toEqual([]);
    expect(platformEventsOf(voidRow('valid', 'void', false), config)).toEqual([]);
    // The other rows of the appeal's transaction (the decision, the case withdrawn) report nothing.
    expect(platformEventsOf({ type: 'rating.appeal.decide', at: iso('15:00'), before: {}, after: {} }, config)).toEqual([]);
  });
});

describe('what a receiver may see', () => {
  it('masked (the default): ID numbers keep 6 + 4 characters, names the family name, phones 3 + 4; full: unchanged', () => {
    const hall = new BookingHall();
    const a = hall.run(PUBLIC, (s, c) => book(s, c, hall.input(iso('09:00', TUESDAY), { agent: { name: '欧阳娜娜', idNumber: ID } })));
    const data = eventsOf(a.changes)[0]!.data;
    const masked = (forReceiver(data, 'masked') as { appointment: PlatformAppointment }).appointment;
    expect(masked.applicant).toEqual({ name: '张**', idNumber: `${person(1).idNumber.slice(0, 6)}********${person(1).idNumber.slice(-4)}`, phone: '138****0001' });
    expect(masked.agent).toEqual({ name: '欧***', idNumber: `${ID.slice(0, 6)}********${ID.slice(-4)}` });
    expect(forReceiver(data, 'full')).toBe(data);
    expect(JSON.stringify(forReceiver(data, 'masked'))).not.toContain(person(1).idNumber);
    expect([maskName('张'), maskName('𠮷野'), maskPhone('13800000001')]).toEqual(['*', '𠮷*', '138****0001']);
  });
});
