import { describe, expect, it } from 'vitest';
import { issueTicket } from '../queue-engine.js';
import { KIOSK, TestHall, at, idNumber } from '../test-support.js';
import { book, cancelByApplicant, checkIn, type CheckInInput } from './appointment-engine.js';
import { BookingHall, PUBLIC, iso, person } from './test-support.js';

const TUE = '2026-11-24';
const me = person(1);

function booked(hall = new BookingHall(), start = iso('09:00', TUE), more: Parameters<BookingHall['book']>[1] = {}) {
  return { hall, a: hall.book(start, more) };
}

const checkInAs = (hall: BookingHall, input: CheckInInput) => hall.run(KIOSK, (s, c) => checkIn(s, c, input));
const refuseCheckIn = (hall: BookingHall, input: CheckInInput) => hall.refuse(KIOSK, (s, c) => checkIn(s, c, input));

describe('the check-in window: 30 minutes before to 30 minutes after the slot start [003 四(二)]', () => {
  it('at 08:29 it is too early, and says from when', () => {
    const { hall, a } = booked();
    hall.setTime('08:29', TUE);
    const e = refuseCheckIn(hall, { code: a.code, idNumber: me.idNumber });
    expect([e.code, e.message]).toEqual([
      'CHECKIN_TOO_EARLY',
      '您预约的是11月24日（周二）09:00–10:00，签到时间为08:30–09:30，请于11月24日（周二）08:30后再签到',
    ]);
    expect(hall.appointment(a.id).status).toBe('booked');
  });

  it('the day before it is too early as well', () => {
    const { hall, a } = booked();
    hall.setTime('09:00', '2026-11-23');
    expect(refuseCheckIn(hall, { code: a.code, idNumber: me.idNumber }).code).toBe('CHECKIN_TOO_EARLY');
  });

  it('from 08:30 the booking code and ID card check in, and the result says which ticket to issue', () => {
    const { hall, a } = booked();
    hall.setTime('08:30', TUE);
    const out = checkInAs(hall, { code: a.code.toLowerCase(), idNumber: me.idNumber });
    expect(out.value.via).toBe('code');
    expect(out.value.appointment.status).toBe('checked-in');
    expect(out.value.appointment.checkIn).toEqual({ at: '2026-11-24T08:30:00.000+08:00', via: 'code', presented: 'applicant' });
    expect(out.value.ticket).toEqual({
      serviceCode: 'BDC',
      idNumber: me.idNumber,
      phone: me.phone,
      priority: 'appointment',
      channel: 'appointment',
      appointmentId: a.id,
    });
    expect(out.changes.log?.type).toBe('appointment.check-in');
  });

  it('at 09:29 it is still open; at 09:30 it has expired', () => {
    const { hall, a } = booked();
    hall.setTime('09:30', TUE);
    const e = refuseCheckIn(hall, { code: a.code, idNumber: me.idNumber });
    expect([e.code, e.message]).toEqual([
      'CHECKIN_EXPIRED',
      '11月24日（周二）09:00–10:00的预约须在09:30前签到，现已过签到时间，预约失效；请到取号机取号办理或重新预约',
    ]);
    hall.setTime(at('09:30', TUE) - 1000);
    expect(checkInAs(hall, { code: a.code, idNumber: me.idNumber }).value.appointment.status).toBe('checked-in');
  });

  it('a second check-in is refused: the ticket was already issued', () => {
    const { hall, a } = booked();
    hall.setTime('08:45', TUE);
    checkInAs(hall, { code: a.code, idNumber: me.idNumber });
    hall.setTime('08:50', TUE);
    const e = refuseCheckIn(hall, { idNumber: me.idNumber });
    expect([e.code, e.message]).toEqual(['DUPLICATE_ACTIVE_TICKET', '该预约已于11月24日（周二）08:45签到取号，请等候叫号']);
  });
});

describe('the ID presented must match the booking [004 第七条]', () => {
  it('someone else’s ID with the code is refused, and the holder can still check in', () => {
    const { hall, a } = booked();
    hall.setTime('08:40', TUE);
    const e = refuseCheckIn(hall, { code: a.code, idNumber: person(2).idNumber });
    expect([e.code, e.message]).toEqual(['ID_MISMATCH', '出示的身份证与预约登记的申请人（或代理人）不一致，不能用该预约签到']);
    expect(hall.appointment(a.id).status).toBe('booked');
    expect(checkInAs(hall, { code: a.code, idNumber: me.idNumber }).value.appointment.status).toBe('checked-in');
  });

  it('the registered agent may check in instead of the applicant', () => {
    const agent = { name: '李四', idNumber: idNumber('1990-05-05') };
    const { hall, a } = booked(undefined, undefined, { agent });
    hall.setTime('08:40', TUE);
    const out = checkInAs(hall, { code: a.code, idNumber: agent.idNumber });
    expect(out.value.appointment.checkIn?.presented).toBe('agent');
    // The ticket is the applicant's case.
    expect(out.value.ticket.idNumber).toBe(me.idNumber);
  });

  it('a malformed ID is refused with its reason before anything is looked up', () => {
    const { hall, a } = booked();
    hall.setTime('08:40', TUE);
    const e = refuseCheckIn(hall, { code: a.code, idNumber: '12345' });
    expect([e.code, e.message]).toEqual(['INVALID_ID_NUMBER', '身份证号码应为18位，最后一位可以是数字或X']);
  });

  it('an unknown booking code is NOT_FOUND', () => {
    const { hall } = booked();
    hall.setTime('08:40', TUE);
    const e = refuseCheckIn(hall, { code: 'ZZZZ9999', idNumber: me.idNumber });
    expect([e.code, e.message]).toEqual(['NOT_FOUND', '预约码 ZZZZ9999 不存在，请核对后重新输入']);
  });
});

describe('check-in by ID card alone', () => {
  it('finds today’s booking whose window is open', () => {
    const hall = new BookingHall();
    const morning = hall.book(iso('09:00', TUE));
    const afternoon = hall.book(iso('14:00', TUE), { serviceCode: 'SW' });
    hall.setTime('13:45', TUE);
    const out = checkInAs(hall, { idNumber: me.idNumber });
    expect(out.value.via).toBe('id');
    expect(out.value.appointment.id).toBe(afternoon.id);
    expect(hall.appointment(morning.id).status).toBe('booked');
  });

  it('before the window, says when to come back', () => {
    const { hall } = booked(undefined, iso('14:00', TUE));
    hall.setTime('10:00', TUE);
    const e = refuseCheckIn(hall, { idNumber: me.idNumber });
    expect(e.code).toBe('CHECKIN_TOO_EARLY');
    expect(e.message).toContain('签到时间为13:30–14:30');
  });

  it('after the window, says it expired', () => {
    const { hall } = booked();
    hall.setTime('11:00', TUE);
    expect(refuseCheckIn(hall, { idNumber: me.idNumber }).code).toBe('CHECKIN_EXPIRED');
  });

  it('with no booking today, says so without showing the whole ID number', () => {
    const { hall } = booked();
    hall.setTime('08:40', TUE);
    const e = refuseCheckIn(hall, { idNumber: person(2).idNumber });
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toBe(`没有找到身份证号码 ${person(2).idNumber.slice(0, 6)}********${person(2).idNumber.slice(-4)} 今天的预约；如已预约，请核对预约日期或使用预约码签到`);
  });

  it('the agent’s ID finds the booking too', () => {
    const agent = { name: '李四', idNumber: idNumber('1990-05-05') };
    const { hall, a } = booked(undefined, undefined, { agent });
    hall.setTime('09:10', TUE);
    expect(checkInAs(hall, { idNumber: agent.idNumber }).value.appointment.id).toBe(a.id);
  });
});

describe('check-in by QR code (the token was verified elsewhere; it names the appointment)', () => {
  it('needs no ID card', () => {
    const { hall, a } = booked();
    hall.setTime('08:55', TUE);
    const out = checkInAs(hall, { appointmentId: a.id });
    expect(out.value.via).toBe('qr');
    expect(out.value.appointment.checkIn?.presented).toBeNull();
  });

  it('checks an ID card when one is presented as well', () => {
    const { hall, a } = booked();
    hall.setTime('08:55', TUE);
    expect(refuseCheckIn(hall, { appointmentId: a.id, idNumber: person(2).idNumber }).code).toBe('ID_MISMATCH');
  });

  it('is refused for a pending out-of-hours request and for a cancelled booking', () => {
    const hall = new BookingHall({ policy: { sessions: { flexible: { enabled: true } } } });
    const pending = hall.book(iso('08:00', TUE));
    hall.setTime('07:45', TUE);
    const e = refuseCheckIn(hall, { appointmentId: pending.id });
    expect([e.code, e.message]).toEqual(['VALIDATION_FAILED', '11月24日（周二）08:00–09:00的预约申请尚待窗口确认，暂不能签到，请到窗口咨询']);
    hall.setTime('09:00', '2026-11-23');
    const gone = hall.book(iso('10:00', TUE), { who: person(2) });
    hall.run(PUBLIC, (s, c) => cancelByApplicant(s, c, { appointmentId: gone.id, idNumber: person(2).idNumber }));
    hall.setTime('09:45', TUE);
    const f = refuseCheckIn(hall, { appointmentId: gone.id });
    expect([f.code, f.message]).toEqual(['VALIDATION_FAILED', '11月24日（周二）10:00–11:00的预约已取消，不能签到；请到取号机取号办理']);
  });
});

describe('from check-in to an appointment ticket in the queue', () => {
  it('the queue engine issues a YA ticket with appointment priority for the checked-in booking', () => {
    const { hall, a } = booked();
    hall.setTime('08:50', TUE);
    const result = checkInAs(hall, { code: a.code, idNumber: me.idNumber }).value;
    const queue = new TestHall({ now: at('08:50', TUE) });
    const ticket = queue.run(KIOSK, (s, c) => issueTicket(s, c, result.ticket)).value;
    expect([ticket.number, ticket.priority, ticket.appointmentId, ticket.idNumber]).toEqual(['YA001', 'appointment', a.id, me.idNumber]);
  });

  it('booking and check-in are separate actors: a booking made online is checked in at the kiosk', () => {
    const hall = new BookingHall();
    const a = hall.run(PUBLIC, (s, c) => book(s, c, hall.input(iso('10:00', TUE)))).value;
    hall.setTime('09:45', TUE);
    expect(checkInAs(hall, { appointmentId: a.id }).changes.log?.actor).toEqual(KIOSK);
  });
});
