import { describe, expect, it } from 'vitest';
import { chineseHolidayData } from '../../calendar/holiday-data.js';
import { KIOSK, refusal } from '../test-support.js';
import { AppointmentState, applyAppointmentChanges } from './appointment-state.js';
import {
  BOOKING_CODE_ALPHABET,
  approveRequest,
  book,
  bookingRegister,
  cancelByApplicant,
  findByCode,
  pendingApprovals,
  refuseRequest,
  sendReminders,
  slots,
  sweepNoShows,
} from './appointment-engine.js';
import { BookingHall, PUBLIC, at, idNumber, iso, person, seededRandom } from './test-support.js';

const MON = '2026-11-23';
const TUE = '2026-11-24';

describe('who books and what they must give [003 四(一)]', () => {
  const cases: [string, Parameters<BookingHall['input']>[1], string, string][] = [
    ['an empty name', { name: '  ' }, 'VALIDATION_FAILED', '申请人姓名应为1到30个字'],
    ['a name of 31 characters', { name: '张'.repeat(31) }, 'VALIDATION_FAILED', '申请人姓名应为1到30个字'],
    ['an ID of 17 characters', { idNumber: '11010119800101123' }, 'INVALID_ID_NUMBER', '身份证号码应为18位，最后一位可以是数字或X'],
    ['an ID with a wrong check digit', { idNumber: `${idNumber('1980-01-02').slice(0, 17)}${idNumber('1980-01-02').endsWith('0') ? '1' : '0'}` }, 'INVALID_ID_NUMBER', '身份证号码校验位不正确，请核对后重新输入'],
    ['an ID born on 1980-02-30', { idNumber: '110101198002301234' }, 'INVALID_ID_NUMBER', '身份证号码中的出生日期不正确'],
    ['an ID of an unknown region', { idNumber: '991011198001011234' }, 'INVALID_ID_NUMBER', '身份证号码的地区代码不正确'],
    ['a phone of 10 digits', { phone: '1380000000' }, 'VALIDATION_FAILED', '手机号码应为以1开头的11位数字'],
    ['a landline', { phone: '03948888888' }, 'VALIDATION_FAILED', '手机号码应为以1开头的11位数字'],
    ['an agent without a name', { agent: { name: '', idNumber: idNumber('1990-05-05') } }, 'VALIDATION_FAILED', '代理人姓名应为1到30个字'],
    ['an agent with a bad ID', { agent: { name: '李四', idNumber: '110101199005051' } }, 'INVALID_ID_NUMBER', '代理人身份证号码应为18位，最后一位可以是数字或X'],
    ['the applicant as their own agent', { agent: { name: '张三', idNumber: person(1).idNumber } }, 'VALIDATION_FAILED', '代理人不能是申请人本人'],
    ['a time that is not a slot', { start: iso('09:30', TUE) }, 'VALIDATION_FAILED', '11月24日（周二）没有从09:30开始的预约时段，请从可预约时段中选择'],
    ['a start that is not a time', { start: '明天上午' }, 'VALIDATION_FAILED', '预约时段的开始时间“明天上午”格式不正确，应为 ISO 8601，如 2026-11-24T09:00:00+08:00'],
  ];
  it.each(cases)('refuses %s', (_what, more, code, message) => {
    const hall = new BookingHall();
    const e = hall.refuseBooking(iso('09:00', TUE), more);
    expect([e.code, e.message]).toEqual([code, message]);
    expect(hall.slots('BDC', TUE)[0]!.remaining).toBe(10);
  });

  it('keeps the ID in capitals and the agent who may come instead', () => {
    const hall = new BookingHall();
    const withX = Array.from({ length: 30 }, (_, i) => idNumber('1985-03-04', String(100 + i))).find((id) => id.endsWith('X'))!;
    expect(withX).toBeDefined();
    const agent = { name: '李四', idNumber: idNumber('1990-05-05') };
    const a = hall.book(iso('09:00', TUE), { who: { name: ' 王 五 ', idNumber: withX.toLowerCase(), phone: '13912345678' }, agent });
    expect([a.name, a.idNumber, a.phone, a.agent]).toEqual(['王 五', withX, '13912345678', agent]);
  });

  it('an empty agent block from a form means no agent', () => {
    const hall = new BookingHall();
    expect(hall.book(iso('09:00', TUE), { agent: { name: ' ', idNumber: '' } }).agent).toBeNull();
  });

  it('lets only staff enter 现场 and 电话 bookings, and records who entered them', () => {
    const hall = new BookingHall();
    const e = hall.refuseBooking(iso('09:00', TUE), { channel: 'phone' }, PUBLIC);
    expect([e.code, e.message]).toEqual(['FORBIDDEN', '电话预约须由窗口工作人员录入；您可以在线预约']);
    const a = hall.book(iso('09:00', TUE), { channel: 'phone' }, hall.staff('1003'));
    expect(a.channel).toBe('phone');
    expect(a.enteredBy).toEqual({ kind: 'staff', id: 'u1003', name: '张志强', employeeNo: '1003' });
    const online = hall.book(iso('10:00', TUE), { who: person(2) }, KIOSK);
    expect(online.enteredBy).toBeNull();
  });

  it('refuses online booking of a service that is only booked by phone or at the window', () => {
    const hall = new BookingHall({ policy: { services: { BDC: { online: false } } } });
    const e = hall.refuseBooking(iso('09:00', TUE));
    expect([e.code, e.message]).toEqual(['VALIDATION_FAILED', '“不动产登记”暂不提供线上预约，请电话或到窗口预约']);
    expect(hall.book(iso('09:00', TUE), { channel: 'onsite' }).status).toBe('booked');
  });
});

describe('lead time [003 四]', () => {
  describe('现场/电话: at least one working day ahead, closing 16:30 on the previous working day', () => {
    it('a Tuesday slot booked on Monday at 16:29 is taken, at 16:31 it is refused', () => {
      const hall = new BookingHall().setTime('16:29', MON);
      expect(hall.book(iso('09:00', TUE), { channel: 'onsite' }).status).toBe('booked');
      hall.setTime('16:31', MON);
      const e = hall.refuseBooking(iso('10:00', TUE), { channel: 'onsite', who: person(2) });
      expect(e.code).toBe('BOOKING_TOO_LATE');
      expect(e.message).toBe('现场预约须至少提前1个工作日，在办理日前一个工作日16:30前提交；11月24日（周二）10:00–11:00的预约已于11月23日（周一）16:30截止，请选择更晚的时段');
    });

    it('across a weekend: a Monday slot booked on Friday at 16:29 is taken, at 16:31 (or on Saturday) it is refused', () => {
      const hall = new BookingHall().setTime('16:29', '2026-11-20');
      expect(hall.book(iso('09:00', MON), { channel: 'phone' }).status).toBe('booked');
      hall.setTime('16:31', '2026-11-20');
      const e = hall.refuseBooking(iso('10:00', MON), { channel: 'phone', who: person(2) });
      expect([e.code, e.message]).toEqual([
        'BOOKING_TOO_LATE',
        '电话预约须至少提前1个工作日，在办理日前一个工作日16:30前提交；11月23日（周一）10:00–11:00的预约已于11月20日（周五）16:30截止，请选择更晚的时段',
      ]);
      hall.setTime('10:00', '2026-11-21');
      expect(hall.refuseBooking(iso('14:00', MON), { channel: 'phone', who: person(3) }).code).toBe('BOOKING_TOO_LATE');
    });

    it('across the National Day holiday: the previous working day of Thu 2026-10-08 is Wed 09-30', () => {
      const hall = new BookingHall({ holidays: chineseHolidayData() }).setTime('16:29', '2026-09-30');
      expect(hall.book(iso('09:00', '2026-10-08'), { channel: 'onsite' }).status).toBe('booked');
      hall.setTime('16:31', '2026-09-30');
      const e = hall.refuseBooking(iso('10:00', '2026-10-08'), { channel: 'onsite', who: person(2) });
      expect(e.message).toContain('10月8日（周四）10:00–11:00的预约已于9月30日（周三）16:30截止');
    });

    it('today’s slots are never open to them', () => {
      const hall = new BookingHall().setTime('08:00', MON);
      const e = hall.refuseBooking(iso('16:00', MON), { channel: 'onsite' });
      expect(e.message).toContain('已于11月20日（周五）16:30截止');
    });
  });

  describe('线上: at least 3 hours ahead', () => {
    it('a 13:00 slot is open until 10:00 the same day', () => {
      const hall = new BookingHall().setTime('10:00', MON);
      expect(hall.book(iso('13:00', MON)).status).toBe('booked');
      hall.setTime('10:01', MON);
      const e = hall.refuseBooking(iso('13:00', MON), { who: person(2) });
      expect([e.code, e.message]).toEqual([
        'BOOKING_TOO_LATE',
        '线上预约须至少提前3小时；11月23日（周一）13:00–14:00的预约已于11月23日（周一）10:00截止，请选择更晚的时段',
      ]);
    });

    it('a slot that has begun is refused as such', () => {
      const hall = new BookingHall().setTime('09:10', MON);
      const e = hall.refuseBooking(iso('09:00', MON));
      expect([e.code, e.message]).toEqual(['BOOKING_TOO_LATE', '11月23日（周一）09:00–10:00已开始或已过去，不能预约']);
    });
  });

  describe('horizon: 7 working days', () => {
    it('from Monday 11-23 the last bookable day is Wednesday 12-02', () => {
      const hall = new BookingHall();
      expect(hall.book(iso('16:00', '2026-12-02')).status).toBe('booked');
      const e = hall.refuseBooking(iso('09:00', '2026-12-03'), { who: person(2) });
      expect([e.code, e.message]).toEqual(['BOOKING_TOO_FAR', '线上预约最多可提前7个工作日，目前最远可预约到12月2日（周三）']);
    });

    it('counts working days, so the National Day week does not use it up', () => {
      const hall = new BookingHall({ holidays: chineseHolidayData() }).setTime('09:00', '2026-09-28');
      // 09-29, 09-30, 10-08, 10-09, 10-10 (调休 Saturday), 10-12, 10-13
      expect(hall.book(iso('09:00', '2026-10-13')).status).toBe('booked');
      const e = hall.refuseBooking(iso('09:00', '2026-10-14'), { who: person(2) });
      expect(e.message).toBe('线上预约最多可提前7个工作日，目前最远可预约到10月13日（周二）');
    });
  });
});

describe('limits per person [003 四(二)] and capacity', () => {
  it('one booking per ID per slot, whatever the service', () => {
    const hall = new BookingHall();
    hall.book(iso('09:00', TUE));
    const e = hall.refuseBooking(iso('09:00', TUE), { serviceCode: 'SW' });
    expect([e.code, e.message]).toEqual(['SLOT_LIMIT_PER_PERSON', '您已预约11月24日（周二）09:00–10:00的“不动产登记”，同一时间段每人只能预约1次']);
    expect(hall.slots('SW', TUE)[0]!.remaining).toBe(10);
  });

  it('at most two per ID per day; a cancelled one no longer counts', () => {
    const hall = new BookingHall();
    const first = hall.book(iso('09:00', TUE));
    hall.book(iso('14:00', TUE), { serviceCode: 'SB' });
    const e = hall.refuseBooking(iso('16:00', TUE), { serviceCode: 'SW' });
    expect([e.code, e.message]).toEqual(['DAILY_LIMIT_PER_PERSON', '您11月24日（周二）已有2个预约，每人每天最多预约2次']);
    // Another day, and another person, are not affected.
    expect(hall.book(iso('16:00', '2026-11-25'), { serviceCode: 'SW' }).status).toBe('booked');
    expect(hall.book(iso('16:00', TUE), { serviceCode: 'SW', who: person(2) }).status).toBe('booked');
    hall.run(PUBLIC, (s, c) => cancelByApplicant(s, c, { appointmentId: first.id, idNumber: person(1).idNumber }));
    expect(hall.book(iso('16:00', TUE), { serviceCode: 'SW' }).status).toBe('booked');
  });

  it('an agent may come for several applicants: the limits are per applicant', () => {
    const hall = new BookingHall();
    const agent = { name: '代办员李四', idNumber: idNumber('1990-05-05') };
    for (let n = 1; n <= 3; n++) expect(hall.book(iso('09:00', TUE), { who: person(n), agent }).status).toBe('booked');
  });

  it('SLOT_FULL when the slot’s places are taken; the page shows 0 left', () => {
    const hall = new BookingHall({ policy: { services: { BDC: { slotCapacity: { '09:00': 2 } } } } });
    hall.book(iso('09:00', TUE), { who: person(1) });
    hall.book(iso('09:00', TUE), { who: person(2) });
    expect(hall.slots('BDC', TUE)[0]).toMatchObject({ capacity: 2, remaining: 0 });
    const e = hall.refuseBooking(iso('09:00', TUE), { who: person(3) });
    expect([e.code, e.message]).toEqual(['SLOT_FULL', '11月24日（周二）09:00–10:00的“不动产登记”已约满，请选择其他时段']);
    expect(hall.book(iso('10:00', TUE), { who: person(3) }).status).toBe('booked');
  });
});

describe('the booking and its confirmation', () => {
  it('has a unique 8-character code from an unambiguous alphabet', () => {
    const hall = new BookingHall();
    const codes = new Set<string>();
    for (let n = 1; n <= 30; n++) {
      const a = hall.book(iso('09:00', '2026-11-25'), { who: person(n), serviceCode: n <= 10 ? 'BDC' : n <= 20 ? 'SW' : 'SB' });
      expect(a.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
      codes.add(a.code);
    }
    expect(codes.size).toBe(30);
    expect(BOOKING_CODE_ALPHABET).not.toMatch(/[01ILO]/);
  });

  it('draws again when the random source repeats a code already given', () => {
    const same = Array.from({ length: 8 }, seededRandom(7));
    const queue = [...same, ...same];
    const fresh = seededRandom(8);
    const hall = new BookingHall({ random: () => queue.shift() ?? fresh() });
    const a = hall.book(iso('09:00', TUE), { who: person(1) });
    const b = hall.book(iso('09:00', TUE), { who: person(2) });
    expect(queue).toEqual([]);
    expect(b.code).not.toBe(a.code);
    expect(b.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
  });

  it('sends the confirmation with the materials to bring (预约+预审), the check-in time and the cancel deadline', () => {
    const hall = new BookingHall();
    const out = hall.run(PUBLIC, (s, c) => book(s, c, hall.input(iso('09:00', TUE))));
    const a = out.value;
    expect(a.status).toBe('booked');
    expect(out.changes.notices).toEqual([
      {
        kind: 'confirmation',
        recipient: person(1).phone,
        dedupeKey: `confirmation:${a.id}`,
        appointmentId: a.id,
        body:
          `【示范县政务服务中心】张三1您好，您已成功预约11月24日（周二）09:00–10:00“不动产登记”，预约码${a.code}。` +
          '请于当日08:30–09:30凭预约码、二维码或身份证到大厅签到取号，逾时视为爽约。' +
          '请携带：1.不动产登记申请书；2.申请人身份证明；3.不动产权属来源证明（购房合同、继承公证书等）；4.完税凭证；5.委托办理的，须提交授权委托书及受托人身份证。' +
          '如需取消，请于11月24日（周二）06:00前办理。',
      },
    ]);
  });

  it('writes an audit entry without the full ID number or phone in its input', () => {
    const hall = new BookingHall();
    const out = hall.run(PUBLIC, (s, c) => book(s, c, hall.input(iso('09:00', TUE))));
    const log = out.changes.log!;
    expect([log.type, log.subject, log.actor.kind, log.at]).toEqual(['appointment.book', out.value.id, 'public', '2026-11-23T09:00:00.000+08:00']);
    expect(JSON.stringify(log.input)).not.toContain(person(1).idNumber);
    expect(JSON.stringify(log.input)).not.toContain(person(1).phone);
    expect(log.after.appointments).toEqual([out.value]);
    expect(log.before.appointments).toEqual([]);
  });

  it('is found by its code (any case) and listed in the day’s register (《预约登记表》) in slot order', () => {
    const hall = new BookingHall();
    const late = hall.book(iso('14:00', TUE), { who: person(1) });
    const early = hall.book(iso('09:00', TUE), { who: person(2), serviceCode: 'SW' });
    hall.book(iso('09:00', '2026-11-25'), { who: person(3) });
    expect(findByCode(hall.state, ` ${late.code.toLowerCase()} `)?.id).toBe(late.id);
    expect(bookingRegister(hall.state, TUE).map((a) => a.id)).toEqual([early.id, late.id]);
    expect(bookingRegister(hall.state, TUE, 'BDC').map((a) => a.id)).toEqual([late.id]);
  });

  it('a state loaded from storage (a restart) still knows the codes, the places taken and each person’s bookings', () => {
    const hall = new BookingHall({ policy: { services: { BDC: { slotCapacity: { '09:00': 2 } } } } });
    const first = hall.book(iso('09:00', TUE), { who: person(1) });
    hall.book(iso('09:00', TUE), { who: person(2) });
    const loaded = AppointmentState.of({ appointments: hall.state.appointments.values() });
    const ctx = hall.ctx(PUBLIC);
    expect(findByCode(loaded, first.code)?.id).toBe(first.id);
    expect(slots(loaded, ctx, 'BDC', TUE)[0]).toMatchObject({ capacity: 2, remaining: 0 });
    expect(refusal(() => book(loaded, ctx, hall.input(iso('09:00', TUE), { who: person(3) }))).code).toBe('SLOT_FULL');
    expect(refusal(() => book(loaded, ctx, hall.input(iso('09:00', TUE), { who: person(1), serviceCode: 'SW' }))).code).toBe('SLOT_LIMIT_PER_PERSON');
    // A cancellation applied to the loaded state frees the place.
    applyAppointmentChanges(loaded, cancelByApplicant(loaded, ctx, { appointmentId: first.id, idNumber: person(1).idNumber }).changes);
    expect(slots(loaded, ctx, 'BDC', TUE)[0]!.remaining).toBe(1);
    expect(book(loaded, ctx, hall.input(iso('09:00', TUE), { who: person(3) })).value.status).toBe('booked');
  });

  it('a refused booking leaves the state untouched (transitions never mutate it)', () => {
    const hall = new BookingHall();
    hall.refuseBooking(iso('09:00', '2026-12-25'));
    expect(hall.state.appointments.size).toBe(0);
  });
});

describe('out-of-hours requests wait for the window [000, 001, 002]', () => {
  const policy = { sessions: { weekend: { enabled: true }, flexible: { enabled: true } } };
  const SAT = '2026-11-28';

  it('a 周末办 booking is pending; the applicant is told the window answers within 1 hour', () => {
    const hall = new BookingHall({ policy });
    const out = hall.run(PUBLIC, (s, c) => book(s, c, hall.input(iso('09:00', SAT))));
    expect(out.value.status).toBe('pending-approval');
    expect(out.changes.notices.map((n) => n.kind)).toEqual(['pending-approval']);
    expect(out.changes.notices[0]!.body).toContain('您申请在11月28日（周六）09:00–10:00（周末办，非工作时间）办理“不动产登记”，窗口将在1小时内答复');
  });

  it('the window approves: booked, and the confirmation goes out with the materials', () => {
    const hall = new BookingHall({ policy });
    const a = hall.book(iso('17:00', TUE));
    expect(a.status).toBe('pending-approval');
    expect(hall.refuse(PUBLIC, (s, c) => approveRequest(s, c, a.id)).code).toBe('FORBIDDEN');
    const out = hall.run(hall.staff(), (s, c) => approveRequest(s, c, a.id));
    expect(out.value.status).toBe('booked');
    expect(out.value.decision).toMatchObject({ approved: true, reason: null, by: { employeeNo: '1001' } });
    expect(out.changes.notices[0]!.kind).toBe('approved');
    expect(out.changes.notices[0]!.body).toContain('窗口已确认您的预约申请，11月24日（周二）17:00–18:00“不动产登记”');
    expect(out.changes.notices[0]!.body).toContain('请携带：1.不动产登记申请书');
    const again = hall.refuse(hall.staff(), (s, c) => approveRequest(s, c, a.id));
    expect([again.code, again.message]).toEqual(['VALIDATION_FAILED', '该预约不是待确认状态（当前：已预约）']);
  });

  it('refusing needs a reason, which the applicant is told; the place is free again', () => {
    const hall = new BookingHall({ policy });
    const a = hall.book(iso('09:00', SAT));
    const e = hall.refuse(hall.staff(), (s, c) => refuseRequest(s, c, a.id, '  '));
    expect([e.code, e.message]).toEqual(['VALIDATION_FAILED', '不予确认预约须说明理由（将发送给申请人）']);
    const out = hall.run(hall.staff(), (s, c) => refuseRequest(s, c, a.id, '该事项须联审，周末无法办理'));
    expect(out.value.status).toBe('refused');
    expect(out.value.decision?.reason).toBe('该事项须联审，周末无法办理');
    expect(out.changes.notices[0]!.body).toContain('预约未获确认，原因：该事项须联审，周末无法办理。');
    expect(hall.slots('BDC', SAT)[0]!.remaining).toBe(10);
  });

  it('a request nobody answered lapses when its slot begins: refused, not a no-show', () => {
    const hall = new BookingHall({ policy });
    const a = hall.book(iso('09:00', SAT));
    hall.setTime('08:59', SAT);
    expect(hall.run(hall.staff(), (s, c) => sweepNoShows(s, c)).value.lapsed).toEqual([]);
    hall.setTime('09:00', SAT);
    const out = hall.run(hall.staff(), (s, c) => sweepNoShows(s, c));
    expect(out.value.lapsed.map((x) => x.id)).toEqual([a.id]);
    expect(hall.appointment(a.id).status).toBe('refused');
    expect(out.changes.noShows).toEqual([]);
    expect(out.changes.notices[0]!.body).toContain('原因：窗口未能在预约时段开始前确认');
  });

  it('the window’s list of requests shows which answer is overdue (1 hour)', () => {
    const hall = new BookingHall({ policy });
    const a = hall.book(iso('09:00', SAT));
    hall.setTime('09:30', MON);
    const b = hall.book(iso('10:00', SAT), { who: person(2) });
    hall.setTime('10:01', MON);
    expect(pendingApprovals(hall.state, hall.ctx(hall.staff())).map((p) => [p.appointment.id, p.replyBy, p.overdue])).toEqual([
      [a.id, '2026-11-23T10:00:00.000+08:00', true],
      [b.id, '2026-11-23T10:30:00.000+08:00', false],
    ]);
  });

  it('a slot that needs no approval is booked at once', () => {
    const hall = new BookingHall({ policy: { sessions: { lunch: { enabled: true, needsApproval: false } } } });
    expect(hall.book(iso('12:00', TUE)).status).toBe('booked');
  });
});

describe('the reminder the day before', () => {
  it('goes out once at 10:00 the day before, with the materials', () => {
    const hall = new BookingHall().setTime('09:00', MON);
    const a = hall.book(iso('09:00', TUE));
    hall.setTime('09:59', MON);
    expect(hall.run(hall.staff(), (s, c) => sendReminders(s, c)).changes.notices).toEqual([]);
    hall.setTime('10:00', MON);
    const out = hall.run(hall.staff(), (s, c) => sendReminders(s, c));
    expect(out.changes.notices.map((n) => [n.kind, n.recipient, n.dedupeKey])).toEqual([['reminder', person(1).phone, `reminder:${a.id}`]]);
    expect(out.changes.notices[0]!.body).toContain('提醒您：您预约了11月24日（周二）09:00–10:00“不动产登记”');
    expect(out.changes.notices[0]!.body).toContain('请携带：1.不动产登记申请书');
    hall.setTime('11:00', MON);
    expect(hall.run(hall.staff(), (s, c) => sendReminders(s, c)).changes.notices).toEqual([]);
  });

  it('is not sent for a booking made after the reminder time (the confirmation is fresh)', () => {
    const hall = new BookingHall().setTime('11:00', MON);
    hall.book(iso('14:00', TUE));
    hall.setTime('12:00', MON);
    expect(hall.run(hall.staff(), (s, c) => sendReminders(s, c)).changes.notices).toEqual([]);
  });

  it('can be switched off', () => {
    const hall = new BookingHall({ policy: { reminderAt: null } });
    hall.book(iso('09:00', TUE));
    hall.setTime(at('18:00', MON));
    expect(hall.run(hall.staff(), (s, c) => sendReminders(s, c)).changes.notices).toEqual([]);
  });
});
