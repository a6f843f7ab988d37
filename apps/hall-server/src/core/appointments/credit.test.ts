import { describe, expect, it } from 'vitest';
import { chineseHolidayData } from '../../calendar/holiday-data.js';
import { activeBans, checkIn, liftBan, sweepNoShows } from './appointment-engine.js';
import type { Appointment } from './appointment-state.js';
import { BookingHall, PUBLIC, at, iso, person, type Person } from './test-support.js';

const me = person(1);

/** Books the 09:00 slot of `date` online while the clock stands at `bookedOn` 09:00, then restores the clock. */
function bookOn(hall: BookingHall, bookedOn: string, date: string, who: Person = me): Appointment {
  const was = hall.clock.now();
  hall.setTime('09:00', bookedOn);
  const a = hall.book(iso('09:00', date), { who });
  hall.clock.set(Math.max(was, hall.clock.now()));
  return a;
}

function sweepAt(hall: BookingHall, hhmm: string, date: string) {
  hall.setTime(hhmm, date);
  return hall.run(hall.staff(), (s, c) => sweepNoShows(s, c));
}

describe('no-show (爽约): not checked in by slot start + 30 min', () => {
  it('at 09:29:59 the 09:00 booking still stands; at 09:30 it is a no-show, recorded and told', () => {
    const hall = new BookingHall();
    const a = hall.book(iso('09:00', '2026-11-24'));
    hall.setTime(at('09:30', '2026-11-24') - 1000);
    const early = hall.run(hall.staff(), (s, c) => sweepNoShows(s, c));
    expect(early.value.noShows).toEqual([]);
    expect(early.changes.log).toBeNull();
    const out = sweepAt(hall, '09:30', '2026-11-24');
    expect(out.value.noShows.map((x) => x.id)).toEqual([a.id]);
    expect(hall.appointment(a.id)).toMatchObject({ status: 'no-show', noShowAt: '2026-11-24T09:30:00.000+08:00' });
    expect(out.changes.noShows).toEqual([
      { id: expect.any(String), idNumber: me.idNumber, appointmentId: a.id, serviceCode: 'BDC', date: '2026-11-24', at: '2026-11-24T09:30:00.000+08:00' },
    ]);
    expect(out.changes.notices.map((n) => [n.kind, n.recipient])).toEqual([['no-show', me.phone]]);
    expect(out.changes.notices[0]!.body).toContain('您预约的11月24日（周二）09:00–10:00“不动产登记”未在签到时间内签到，记爽约1次（11月第1次；当月满3次将暂停当月预约）。');
    expect(out.changes.log?.type).toBe('appointment.sweep');
  });

  it('a checked-in booking is never a no-show', () => {
    const hall = new BookingHall();
    const a = hall.book(iso('09:00', '2026-11-24'));
    hall.setTime('09:10', '2026-11-24');
    hall.run(hall.staff(), (s, c) => checkIn(s, c, { appointmentId: a.id }));
    expect(sweepAt(hall, '12:00', '2026-11-24').value.noShows).toEqual([]);
    expect(hall.appointment(a.id).status).toBe('checked-in');
  });

  it('follows the configured minutes', () => {
    const hall = new BookingHall({ policy: { checkIn: { closesMinutesAfter: 15 } } });
    hall.book(iso('09:00', '2026-11-24'));
    expect(sweepAt(hall, '09:15', '2026-11-24').value.noShows).toHaveLength(1);
  });
});

describe('monthly credit [003 四(四)]: 3 no-shows in a calendar month → no booking until the month ends', () => {
  function threeInNovember() {
    const hall = new BookingHall();
    const dates = ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-30'];
    const list = dates.map((d) => bookOn(hall, '2026-11-23', d));
    sweepAt(hall, '09:30', '2026-11-24');
    sweepAt(hall, '09:30', '2026-11-25');
    const third = sweepAt(hall, '09:30', '2026-11-26');
    return { hall, list, third };
  }

  it('the third no-show bans booking until 1 December, and the citizen is told until when', () => {
    const { hall, third } = threeInNovember();
    expect(third.value.bans).toHaveLength(1);
    const ban = third.value.bans[0]!;
    expect(ban).toMatchObject({ idNumber: me.idNumber, policy: 'monthly', until: '2026-12-01T00:00:00.000+08:00', lifted: null });
    expect(ban.noShowIds).toHaveLength(3);
    expect(third.changes.notices.map((n) => n.kind)).toEqual(['no-show', 'ban']);
    expect(third.changes.notices[1]!.body).toBe('【示范县政务服务中心】您好，您11月已爽约3次，本月内不能再预约，12月1日（周二）起可重新预约。');

    hall.setTime('10:00', '2026-11-26');
    for (const date of ['2026-11-27', '2026-12-01']) {
      const e = hall.refuseBooking(iso('14:00', date));
      expect([e.code, e.message], date).toEqual(['BOOKING_BANNED', '您11月已爽约3次，本月内不能再预约，12月1日（周二）起可重新预约']);
    }
    // Staff cannot book for them either; other people can.
    expect(hall.refuseBooking(iso('14:00', '2026-11-27'), { channel: 'phone' }).code).toBe('BOOKING_BANNED');
    expect(hall.book(iso('14:00', '2026-11-27'), { who: person(2) }).status).toBe('booked');
  });

  it('bookings made before the ban stand; a fourth no-show that month does not ban again', () => {
    const { hall, list } = threeInNovember();
    expect(hall.appointment(list[3]!.id).status).toBe('booked');
    const fourth = sweepAt(hall, '09:30', '2026-11-30');
    expect(fourth.value.noShows).toHaveLength(1);
    expect(fourth.value.bans).toEqual([]);
  });

  it('on 1 December at 00:00 the ban has ended by itself', () => {
    const { hall } = threeInNovember();
    hall.setTime(at('00:00', '2026-12-01') - 60_000);
    expect(hall.refuseBooking(iso('14:00', '2026-12-01')).code).toBe('BOOKING_BANNED');
    hall.setTime('00:00', '2026-12-01');
    expect(activeBans(hall.state, hall.ctx(PUBLIC), me.idNumber)).toEqual([]);
    expect(hall.book(iso('14:00', '2026-12-01')).status).toBe('booked');
  });

  it('the count resets in the new month: two in November and two in December ban nobody', () => {
    const hall = new BookingHall();
    for (const d of ['2026-11-26', '2026-11-27', '2026-12-01', '2026-12-02']) bookOn(hall, '2026-11-23', d);
    sweepAt(hall, '09:30', '2026-11-26');
    sweepAt(hall, '09:30', '2026-11-27');
    sweepAt(hall, '09:30', '2026-12-01');
    const last = sweepAt(hall, '09:30', '2026-12-02');
    expect(last.value.bans).toEqual([]);
    expect(last.changes.notices[0]!.body).toContain('记爽约1次（12月第2次；当月满3次将暂停当月预约）');
    expect(hall.book(iso('14:00', '2026-12-03')).status).toBe('booked');
  });

  it('the threshold is configurable', () => {
    const hall = new BookingHall({ policy: { credit: { monthly: { noShows: 2 } } } });
    bookOn(hall, '2026-11-23', '2026-11-24');
    bookOn(hall, '2026-11-23', '2026-11-25');
    sweepAt(hall, '09:30', '2026-11-24');
    expect(sweepAt(hall, '09:30', '2026-11-25').value.bans).toHaveLength(1);
  });
});

describe('a manager lifts a ban, with a reason, audited', () => {
  function banned() {
    const hall = new BookingHall();
    for (const d of ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']) bookOn(hall, '2026-11-23', d);
    sweepAt(hall, '09:30', '2026-11-24');
    sweepAt(hall, '09:30', '2026-11-25');
    sweepAt(hall, '09:30', '2026-11-26');
    hall.setTime('11:00', '2026-11-26');
    return hall;
  }

  it('staff may not; a manager must give a reason', () => {
    const hall = banned();
    const e = hall.refuse(hall.staff(), (s, c) => liftBan(s, c, { idNumber: me.idNumber, reason: '核实' }));
    expect([e.code, e.message]).toEqual(['FORBIDDEN', '只有大厅负责人（管理员）可以解除预约限制']);
    const f = hall.refuse(hall.manager, (s, c) => liftBan(s, c, { idNumber: me.idNumber, reason: ' ' }));
    expect([f.code, f.message]).toEqual(['VALIDATION_FAILED', '解除预约限制须填写理由（记入操作日志）']);
  });

  it('lifted: the citizen can book again and is told; the log says who, when and why', () => {
    const hall = banned();
    const reason = '11月25日系统故障未能签到，经核实予以解除';
    const out = hall.run(hall.manager, (s, c) => liftBan(s, c, { idNumber: me.idNumber, reason }));
    const lifted = out.value[0]!;
    expect(lifted.lifted).toEqual({
      at: '2026-11-26T11:00:00.000+08:00',
      by: { kind: 'manager', id: 'u9001', name: '周主任', employeeNo: '9001' },
      reason,
    });
    const log = out.changes.log!;
    expect([log.type, log.actor.employeeNo, log.at]).toEqual(['appointment.ban-lift', '9001', '2026-11-26T11:00:00.000+08:00']);
    expect(log.input).toEqual({ idNumber: `${me.idNumber.slice(0, 6)}********${me.idNumber.slice(-4)}`, reason });
    expect(log.before.bans.map((b) => b.lifted)).toEqual([null]);
    expect(log.after.bans.map((b) => b.lifted?.reason)).toEqual([reason]);
    expect(out.changes.notices.map((n) => [n.kind, n.recipient])).toEqual([['ban-lifted', me.phone]]);
    expect(hall.book(iso('14:00', '2026-11-30')).status).toBe('booked');
  });

  it('the lifted no-shows do not count again: the next no-show that month bans nobody', () => {
    const hall = banned();
    hall.run(hall.manager, (s, c) => liftBan(s, c, { idNumber: me.idNumber, reason: '经核实解除' }));
    expect(sweepAt(hall, '09:30', '2026-11-27').value.bans).toEqual([]);
  });

  it('an ID without a ban is NOT_FOUND', () => {
    const hall = banned();
    const e = hall.refuse(hall.manager, (s, c) => liftBan(s, c, { idNumber: person(2).idNumber, reason: '误操作' }));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toContain('当前没有预约限制');
  });
});

describe('yearly credit [000 第六条, 004 第十条]: 3 no-shows within 12 months → 失约名单 for 6 months', () => {
  const policy = { credit: { monthly: { enabled: false }, yearly: { enabled: true } } };
  const holidays = chineseHolidayData();

  function listed() {
    const hall = new BookingHall({ policy, holidays, now: at('09:00', '2025-11-28') });
    const misses: [string, string][] = [
      ['2025-11-28', '2025-12-01'],
      ['2026-01-30', '2026-02-02'],
      ['2026-02-27', '2026-03-02'],
    ];
    const results = misses.map(([on, date]) => {
      bookOn(hall, on, date);
      return sweepAt(hall, '09:30', date);
    });
    return { hall, results };
  }

  it('the third no-show puts the ID on the list until 2 September, told in the messages', () => {
    const { hall, results } = listed();
    expect(results[0]!.changes.notices[0]!.body).toContain('（12个月内第1次；满3次将列入失约名单，6个月内不能预约）');
    const [ban] = results[2]!.value.bans;
    expect(ban).toMatchObject({ policy: 'yearly', until: '2026-09-02T00:00:00.000+08:00' });
    hall.setTime('10:00', '2026-03-02');
    const e = hall.refuseBooking(iso('14:00', '2026-03-03'));
    expect([e.code, e.message]).toEqual(['BOOKING_BANNED', '您12个月内已爽约3次，已列入失约名单，6个月内不能预约，9月2日（周三）起可重新预约']);
  });

  it('the 6 months end by themselves: 1 September 23:59 still banned, 2 September 00:00 free', () => {
    const { hall } = listed();
    hall.setTime('23:59', '2026-09-01');
    expect(hall.refuseBooking(iso('10:00', '2026-09-02')).code).toBe('BOOKING_BANNED');
    hall.setTime('00:00', '2026-09-02');
    expect(hall.book(iso('10:00', '2026-09-02')).status).toBe('booked');
    // Nothing had to be written for that: the ban is still on record, not lifted, just over.
    expect([...hall.state.bans.values()].map((b) => b.lifted)).toEqual([null]);
  });

  it('after the list, the record starts clean: one more no-show does not list the ID again', () => {
    const { hall } = listed();
    bookOn(hall, '2026-09-02', '2026-09-07');
    expect(sweepAt(hall, '09:30', '2026-09-07').value.bans).toEqual([]);
  });

  it('three no-shows spread over more than 12 months list nobody', () => {
    const hall = new BookingHall({ policy, holidays, now: at('09:00', '2025-01-03') });
    const misses: [string, string][] = [
      ['2025-01-03', '2025-01-06'],
      ['2025-06-06', '2025-06-09'],
      ['2026-01-09', '2026-01-12'],
    ];
    const bans = misses.flatMap(([on, date]) => {
      bookOn(hall, on, date);
      return sweepAt(hall, '09:30', date).value.bans;
    });
    expect(bans).toEqual([]);
  });

  it('with both policies on, the longer ban is the one the citizen is told about', () => {
    const hall = new BookingHall({ policy: { credit: { yearly: { enabled: true } } } });
    for (const d of ['2026-11-24', '2026-11-25', '2026-11-26']) bookOn(hall, '2026-11-23', d);
    sweepAt(hall, '09:30', '2026-11-24');
    sweepAt(hall, '09:30', '2026-11-25');
    const third = sweepAt(hall, '09:30', '2026-11-26');
    expect(third.value.bans.map((b) => [b.policy, b.until])).toEqual([
      ['monthly', '2026-12-01T00:00:00.000+08:00'],
      ['yearly', '2027-05-26T00:00:00.000+08:00'],
    ]);
    hall.setTime('10:00', '2026-11-26');
    expect(hall.refuseBooking(iso('14:00', '2026-11-27')).message).toBe('您12个月内已爽约3次，已列入失约名单，6个月内不能预约，2027年5月26日（周三）起可重新预约');
  });
});
