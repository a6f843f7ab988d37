import { describe, expect, it } from 'vitest';
import { chineseHolidayData } from '../../calendar/holiday-data.js';
import { WorkingCalendar } from '../calendar.js';
import { book, cancelByApplicant } from './appointment-engine.js';
import { BookingHall, PUBLIC, at, iso, person } from './test-support.js';

const TUE = '2026-11-24';
const hours = (list: { start: string; end: string }[]) => list.map((s) => `${s.start.slice(11, 16)}–${s.end.slice(11, 16)}`);

describe('slots of a working day', () => {
  it('are the seven working hours of the hall, each for 10 people, with the offset +08:00', () => {
    const hall = new BookingHall();
    const list = hall.slots('BDC', TUE);
    expect(hours(list)).toEqual(['09:00–10:00', '10:00–11:00', '11:00–12:00', '13:00–14:00', '14:00–15:00', '15:00–16:00', '16:00–17:00']);
    expect(list[0]).toEqual({
      start: '2026-11-24T09:00:00.000+08:00',
      end: '2026-11-24T10:00:00.000+08:00',
      capacity: 10,
      remaining: 10,
      session: 'regular',
      needsApproval: false,
      onlineRefusal: null,
    });
  });

  it('count a booking against its slot only, and give the place back when it is cancelled', () => {
    const hall = new BookingHall();
    const a = hall.book(iso('09:00', TUE));
    const after = hall.slots('BDC', TUE);
    expect(after.map((s) => s.remaining)).toEqual([9, 10, 10, 10, 10, 10, 10]);
    // Another service's 09:00 slot is untouched.
    expect(hall.slots('SW', TUE)[0]!.remaining).toBe(10);
    hall.run(PUBLIC, (s, c) => cancelByApplicant(s, c, { appointmentId: a.id, idNumber: person(1).idNumber }));
    expect(hall.slots('BDC', TUE)[0]!.remaining).toBe(10);
  });

  it('take their capacity from the slot, then the service, then the hall default', () => {
    const hall = new BookingHall({
      policy: { defaultCapacity: 6, services: { BDC: { capacity: 4, slotCapacity: { '09:00': 2, '16:00': 0 } } } },
    });
    expect(hall.slots('BDC', TUE).map((s) => s.capacity)).toEqual([2, 4, 4, 4, 4, 4, 0]);
    expect(hall.slots('SW', TUE).map((s) => s.capacity)).toEqual([6, 6, 6, 6, 6, 6, 6]);
  });

  it('follow the slot length of the policy', () => {
    const hall = new BookingHall({ policy: { slotMinutes: 90 } });
    expect(hours(hall.slots('BDC', TUE))).toEqual(['09:00–10:30', '10:30–12:00', '13:00–14:30', '14:30–16:00', '16:00–17:00']);
  });

  it('are refused for a service the hall does not take appointments for, and for an unknown one', () => {
    const hall = new BookingHall({ policy: { services: { HZ: { bookable: false } } } });
    const e = hall.refuseSlots('HZ', TUE);
    expect([e.code, e.message]).toEqual(['VALIDATION_FAILED', '“户政业务”暂不提供预约，请到大厅取号办理']);
    expect(hall.refuseSlots('XX', TUE).code).toBe('UNKNOWN_SERVICE');
  });
});

describe('what an online booking of each slot would meet now (the booking page reads it)', () => {
  it('at 09:00 on a working day, today’s slots from 3 hours ahead are open; the earlier ones carry the same sentence booking answers', () => {
    const hall = new BookingHall(); // Monday 2026-11-23 09:00
    const today = hall.slots('BDC', '2026-11-23');
    expect(today.map((s) => [s.start.slice(11, 16), s.onlineRefusal === null])).toEqual([
      ['09:00', false],
      ['10:00', false],
      ['11:00', false],
      ['13:00', true],
      ['14:00', true],
      ['15:00', true],
      ['16:00', true],
    ]);
    const eleven = today.find((s) => s.start.includes('T11:00'))!;
    expect(eleven.onlineRefusal).toBe('线上预约须至少提前3小时；11月23日（周一）11:00–12:00的预约已于11月23日（周一）08:00截止，请选择更晚的时段');
    expect(hall.refuseBooking(eleven.start).message).toBe(eleven.onlineRefusal);
    expect(hall.book(today.find((s) => s.start.includes('T13:00'))!.start).status).toBe('booked');
  });

  it('a day beyond the online horizon carries BOOKING_TOO_FAR’s sentence on every slot', () => {
    const hall = new BookingHall();
    const far = hall.slots('BDC', '2026-12-03'); // the 8th working day after Monday 2026-11-23
    expect(new Set(far.map((s) => s.onlineRefusal))).toEqual(new Set(['线上预约最多可提前7个工作日，目前最远可预约到12月2日（周三）']));
  });
});

describe('working days from the State Council calendar (chinese-days, 2026)', () => {
  const data = chineseHolidayData();
  const cal = new WorkingCalendar(data);

  it('the data says what the tests below assume', () => {
    for (let d = 1; d <= 7; d++) expect(cal.dayKind(`2026-10-0${d}`), `10-0${d}`).toBe('off');
    expect(cal.dayKind('2026-09-20')).toBe('working'); // Sunday, 调休
    expect(cal.dayKind('2026-10-10')).toBe('working'); // Saturday, 调休
    expect(cal.dayKind('2026-11-28')).toBe('off'); // ordinary Saturday
    expect(cal.dayKind('2027-01-04')).toBe('unknown'); // not published yet
  });

  const hall = () => new BookingHall({ holidays: data, now: at('09:00', '2026-09-18') });
  const refusalOn = (h: BookingHall, date: string) => h.refuseSlots('BDC', date);

  it.each([
    ['2026-10-01', '10月1日（周四）是法定节假日，不办理预约'],
    ['2026-10-03', '10月3日（周六）是法定节假日，不办理预约'],
    ['2026-10-07', '10月7日（周三）是法定节假日，不办理预约'],
    ['2026-09-19', '9月19日（周六）是休息日，不办理预约，请选择工作日'],
    ['2026-11-29', '11月29日（周日）是休息日，不办理预约，请选择工作日'],
  ])('%s has no slots: %s', (date, message) => {
    const e = refusalOn(hall(), date);
    expect([e.code, e.message]).toEqual(['NOT_A_WORKING_DAY', message]);
  });

  it.each(['2026-09-20', '2026-10-10'])('%s, a 调休 weekend working day, has the weekday slots and takes bookings', (date) => {
    const h = hall();
    expect(hours(h.slots('BDC', date))).toHaveLength(7);
    const prior = date === '2026-09-20' ? '2026-09-18' : '2026-10-09';
    h.setTime('09:00', prior);
    const a = h.book(iso('10:00', date), { channel: 'phone' });
    expect(a.status).toBe('booked');
    expect(a.date).toBe(date);
  });

  it('refuses a year the holiday data does not cover, saying so, instead of guessing Monday–Friday', () => {
    const h = new BookingHall({ holidays: data, now: at('09:00', '2026-12-28') });
    const e = refusalOn(h, '2027-01-04');
    expect(e.code).toBe('NOT_A_WORKING_DAY');
    expect(e.message).toBe('2027年的法定节假日安排尚未公布，无法确定2027年1月4日（周一）是否上班，暂不接受该日预约');
    const b = h.refuseBooking(iso('09:00', '2027-01-04'));
    expect([b.code, b.message]).toEqual([e.code, e.message]);
    // The last days of the covered year are still bookable.
    expect(h.book(iso('09:00', '2026-12-31')).status).toBe('booked');
  });

  it('honours the hall’s own override table (a day closed for 停电检修)', () => {
    const h = new BookingHall({ holidays: data, overrides: [{ date: '2026-11-24', working: false, note: '停电检修' }] });
    const e = refusalOn(h, TUE);
    expect([e.code, e.message]).toEqual(['NOT_A_WORKING_DAY', '11月24日（周二）大厅不对外办公，不办理预约']);
  });
});

describe('optional appointment-only sessions', () => {
  it('are off by default: only working hours are offered', () => {
    const hall = new BookingHall();
    const list = hall.slots('BDC', TUE);
    expect(list.every((s) => s.session === 'regular')).toBe(true);
  });

  it('早晚弹性办 and 午间不间断办 add 08:00–09:00, 12:00–13:00 and 17:00–18:00, waiting for approval', () => {
    const hall = new BookingHall({ policy: { sessions: { flexible: { enabled: true }, lunch: { enabled: true, needsApproval: false, capacity: 3 } } } });
    const list = hall.slots('BDC', TUE);
    expect(list.map((s) => [s.start.slice(11, 16), s.session, s.needsApproval, s.capacity])).toEqual([
      ['08:00', 'flexible', true, 10],
      ['09:00', 'regular', false, 10],
      ['10:00', 'regular', false, 10],
      ['11:00', 'regular', false, 10],
      ['12:00', 'lunch', false, 3],
      ['13:00', 'regular', false, 10],
      ['14:00', 'regular', false, 10],
      ['15:00', 'regular', false, 10],
      ['16:00', 'regular', false, 10],
      ['17:00', 'flexible', true, 10],
    ]);
  });

  it('早晚弹性办 can be narrower than an hour', () => {
    const hall = new BookingHall({ policy: { sessions: { flexible: { enabled: true, minutesBefore: 30, minutesAfter: 0 } } } });
    const list = hall.slots('BDC', TUE);
    expect(hours(list.filter((s) => s.session === 'flexible'))).toEqual(['08:30–09:00']);
  });

  describe('周末办 (Sat/Sun 09:00–11:30 and 15:00–17:00)', () => {
    const policy = { sessions: { weekend: { enabled: true } } };
    const data = chineseHolidayData();

    it('offers the weekend periods on an ordinary Saturday and Sunday, as requests needing approval', () => {
      const hall = new BookingHall({ policy, holidays: data });
      for (const date of ['2026-11-28', '2026-11-29']) {
        const list = hall.slots('BDC', date);
        expect(hours(list), date).toEqual(['09:00–10:00', '10:00–11:00', '11:00–11:30', '15:00–16:00', '16:00–17:00']);
        expect(list.every((s) => s.session === 'weekend' && s.needsApproval)).toBe(true);
      }
    });

    it('is never held on a statutory holiday, even a Saturday inside it', () => {
      const hall = new BookingHall({ policy, holidays: data, now: at('09:00', '2026-09-28') });
      const e = hall.refuseSlots('BDC', '2026-10-03');
      expect([e.code, e.message]).toEqual(['NOT_A_WORKING_DAY', '10月3日（周六）是法定节假日，不办理预约']);
    });

    it('gives way to the normal hours on a 调休 Saturday', () => {
      const hall = new BookingHall({ policy, holidays: data, now: at('09:00', '2026-10-08') });
      const list = hall.slots('BDC', '2026-10-10');
      expect(list).toHaveLength(7);
      expect(list.every((s) => s.session === 'regular')).toBe(true);
    });

    it('can be limited to Saturdays', () => {
      const hall = new BookingHall({ policy: { sessions: { weekend: { enabled: true, days: [6] } } }, holidays: data });
      expect(hall.slots('BDC', '2026-11-28')).toHaveLength(5);
      const e = hall.refuseSlots('BDC', '2026-11-29');
      expect(e.code).toBe('NOT_A_WORKING_DAY');
    });

    it('a booking there is pending and holds its place until the window answers', () => {
      const hall = new BookingHall({ policy, holidays: data });
      const out = hall.run(PUBLIC, (s, c) => book(s, c, hall.input(iso('09:00', '2026-11-28'))));
      expect(out.value.status).toBe('pending-approval');
      expect(out.value.session).toBe('weekend');
      expect(hall.slots('BDC', '2026-11-28')[0]!.remaining).toBe(9);
    });
  });
});
