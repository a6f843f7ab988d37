import { describe, expect, it } from 'vitest';
import { idNumber } from '../test-support.js';
import { cancelByApplicant, cancelByHall, checkIn, sweepNoShows } from './appointment-engine.js';
import { BookingHall, PUBLIC, iso, person } from './test-support.js';

const MON = '2026-11-23';
const TUE = '2026-11-24';
const me = person(1);

describe('the applicant cancels [003: up to 3 hours before the slot]', () => {
  it('until 06:00 for a 09:00 slot; at 06:01 it is too late', () => {
    const hall = new BookingHall();
    const a = hall.book(iso('09:00', TUE));
    hall.setTime('06:01', TUE);
    const e = hall.refuse(PUBLIC, (s, c) => cancelByApplicant(s, c, { appointmentId: a.id, idNumber: me.idNumber }));
    expect([e.code, e.message]).toEqual([
      'CANCEL_TOO_LATE',
      '预约须在预约时段开始3小时前取消；11月24日（周二）09:00–10:00的预约已于11月24日（周二）06:00截止取消。未到将记爽约',
    ]);
    expect(hall.appointment(a.id).status).toBe('booked');
    hall.setTime('06:00', TUE);
    const out = hall.run(PUBLIC, (s, c) => cancelByApplicant(s, c, { appointmentId: a.id, idNumber: me.idNumber }));
    expect(out.value.status).toBe('cancelled');
    expect(out.value.cancellation).toMatchObject({ by: 'applicant', reason: null });
    expect(out.changes.notices.map((n) => [n.kind, n.recipient])).toEqual([['applicant-cancelled', me.phone]]);
    expect(hall.slots('BDC', TUE)[0]!.remaining).toBe(10);
  });

  it('must give the applicant’s (or the agent’s) ID number', () => {
    const hall = new BookingHall();
    const agent = { name: '李四', idNumber: idNumber('1990-05-05') };
    const a = hall.book(iso('09:00', TUE), { agent });
    const noId = hall.refuse(PUBLIC, (s, c) => cancelByApplicant(s, c, { appointmentId: a.id }));
    expect([noId.code, noId.message]).toEqual(['VALIDATION_FAILED', '取消预约须提供预约人的身份证号码']);
    const other = hall.refuse(PUBLIC, (s, c) => cancelByApplicant(s, c, { appointmentId: a.id, idNumber: person(2).idNumber }));
    expect([other.code, other.message]).toEqual(['ID_MISMATCH', '身份证号码与预约登记的信息不符，不能取消该预约']);
    expect(hall.run(PUBLIC, (s, c) => cancelByApplicant(s, c, { appointmentId: a.id, idNumber: agent.idNumber })).value.status).toBe('cancelled');
  });

  it('staff taking the call may cancel for the applicant without the ID, under the same deadline', () => {
    const hall = new BookingHall();
    const a = hall.book(iso('09:00', TUE), { channel: 'phone' });
    expect(hall.run(hall.staff(), (s, c) => cancelByApplicant(s, c, { appointmentId: a.id })).value.cancellation?.actor.employeeNo).toBe('1001');
  });

  it('cancelling twice answers "cancelled" again and changes nothing', () => {
    const hall = new BookingHall();
    const a = hall.book(iso('09:00', TUE));
    hall.run(PUBLIC, (s, c) => cancelByApplicant(s, c, { appointmentId: a.id, idNumber: me.idNumber }));
    const again = hall.run(PUBLIC, (s, c) => cancelByApplicant(s, c, { appointmentId: a.id, idNumber: me.idNumber }));
    expect(again.value.status).toBe('cancelled');
    expect(again.changes).toEqual({ appointments: [], noShows: [], bans: [], notices: [], log: null });
  });

  it('a checked-in booking or a no-show cannot be cancelled', () => {
    const hall = new BookingHall();
    const a = hall.book(iso('09:00', TUE));
    const b = hall.book(iso('14:00', TUE), { serviceCode: 'SW' });
    hall.setTime('08:40', TUE);
    hall.run(hall.staff(), (s, c) => checkIn(s, c, { code: a.code, idNumber: me.idNumber }));
    const e = hall.refuse(PUBLIC, (s, c) => cancelByApplicant(s, c, { appointmentId: a.id, idNumber: me.idNumber }));
    expect([e.code, e.message]).toEqual(['CANCEL_TOO_LATE', '该预约已签到取号，不能取消；如不再办理，请告知窗口工作人员']);
    hall.setTime('14:30', TUE);
    hall.run(hall.staff(), (s, c) => sweepNoShows(s, c));
    const f = hall.refuse(PUBLIC, (s, c) => cancelByApplicant(s, c, { appointmentId: b.id, idNumber: me.idNumber }));
    expect([f.code, f.message]).toEqual(['CANCEL_TOO_LATE', '该预约已过签到时间并记爽约，不能再取消']);
  });

  it('an unknown appointment is NOT_FOUND', () => {
    const hall = new BookingHall();
    expect(hall.refuse(PUBLIC, (s, c) => cancelByApplicant(s, c, { appointmentId: 'nope', idNumber: me.idNumber })).code).toBe('NOT_FOUND');
  });
});

describe('凤县 variant [004 第十条]: cancel before 15:00 the day before', () => {
  const policy = { cancellation: { applicant: { rule: 'day-before' as const, at: '15:00' } } };

  it('a Tuesday booking can be cancelled until Monday 15:00', () => {
    const hall = new BookingHall({ policy });
    const a = hall.book(iso('16:00', TUE));
    hall.setTime('15:01', MON);
    const e = hall.refuse(PUBLIC, (s, c) => cancelByApplicant(s, c, { appointmentId: a.id, idNumber: me.idNumber }));
    expect([e.code, e.message]).toEqual([
      'CANCEL_TOO_LATE',
      '预约须在预约日前一天15:00前取消；11月24日（周二）16:00–17:00的预约已于11月23日（周一）15:00截止取消。未到将记爽约',
    ]);
    hall.setTime('14:59', MON);
    expect(hall.run(PUBLIC, (s, c) => cancelByApplicant(s, c, { appointmentId: a.id, idNumber: me.idNumber })).value.status).toBe('cancelled');
  });

  it('the confirmation tells the applicant that deadline', () => {
    const hall = new BookingHall({ policy });
    hall.book(iso('16:00', TUE));
    expect(hall.notices('confirmation')[0]!.body).toContain('如需取消，请于11月23日（周一）15:00前办理。');
  });
});

describe('the hall cancels [003 四(三)]: half a working day ahead, with a reason, and the applicant is told', () => {
  it('a Tuesday 09:00 booking until Monday 13:30 (3.5 opening hours before)', () => {
    const hall = new BookingHall();
    const a = hall.book(iso('09:00', TUE));
    hall.setTime('13:31', MON);
    const late = hall.refuse(hall.staff(), (s, c) => cancelByHall(s, c, { appointmentId: a.id, reason: '系统升级' }));
    expect([late.code, late.message]).toEqual([
      'CANCEL_TOO_LATE',
      '大厅取消预约须至少提前半个工作日告知申请人，该预约最迟应于11月23日（周一）13:30前取消；现已来不及，请与申请人联系协商并按约办理',
    ]);
    hall.setTime('13:30', MON);
    const out = hall.run(hall.staff(), (s, c) => cancelByHall(s, c, { appointmentId: a.id, reason: '不动产登记系统升级停机' }));
    expect(out.value.status).toBe('cancelled');
    expect(out.value.cancellation).toMatchObject({ by: 'hall', reason: '不动产登记系统升级停机', actor: { employeeNo: '1001' } });
    expect(out.changes.notices).toHaveLength(1);
    const n = out.changes.notices[0]!;
    expect([n.kind, n.recipient, n.dedupeKey]).toEqual(['hall-cancelled', me.phone, `hall-cancelled:${a.id}`]);
    expect(n.body).toBe(
      `【示范县政务服务中心】张三1您好，很抱歉，因不动产登记系统升级停机，您预约的11月24日（周二）09:00–10:00“不动产登记”（预约码${a.code}）已由大厅取消，` +
        '不计爽约。请重新预约或在工作时间到大厅办理，给您带来不便，敬请谅解。',
    );
  });

  it('counts opening hours only: a Monday 09:00 booking until the Friday before at 13:30', () => {
    const hall = new BookingHall().setTime('09:00', '2026-11-20');
    const a = hall.book(iso('09:00', MON));
    hall.setTime('13:31', '2026-11-20');
    expect(hall.refuse(hall.staff(), (s, c) => cancelByHall(s, c, { appointmentId: a.id, reason: '停电' })).message).toContain('最迟应于11月20日（周五）13:30前取消');
  });

  it('a Tuesday 14:00 booking until Tuesday 09:30 (09:30–12:00 and 13:00–14:00)', () => {
    const hall = new BookingHall();
    const a = hall.book(iso('14:00', TUE));
    hall.setTime('09:31', TUE);
    expect(hall.refuse(hall.staff(), (s, c) => cancelByHall(s, c, { appointmentId: a.id, reason: '停电' })).message).toContain('最迟应于11月24日（周二）09:30前取消');
    hall.setTime('09:30', TUE);
    expect(hall.run(hall.staff(), (s, c) => cancelByHall(s, c, { appointmentId: a.id, reason: '停电' })).value.status).toBe('cancelled');
  });

  it('needs a reason, and staff', () => {
    const hall = new BookingHall();
    const a = hall.book(iso('09:00', TUE));
    const e = hall.refuse(hall.staff(), (s, c) => cancelByHall(s, c, { appointmentId: a.id, reason: '' }));
    expect([e.code, e.message]).toEqual(['VALIDATION_FAILED', '大厅取消预约须填写理由（将通知申请人）']);
    const f = hall.refuse(PUBLIC, (s, c) => cancelByHall(s, c, { appointmentId: a.id, reason: '停电' }));
    expect([f.code, f.message]).toEqual(['FORBIDDEN', '只有窗口工作人员可以取消群众的预约']);
    expect(hall.appointment(a.id).status).toBe('booked');
  });

  it('a booking the hall cancelled never becomes a no-show', () => {
    const hall = new BookingHall();
    const a = hall.book(iso('09:00', TUE));
    hall.run(hall.staff(), (s, c) => cancelByHall(s, c, { appointmentId: a.id, reason: '停电' }));
    hall.setTime('10:00', TUE);
    const out = hall.run(hall.staff(), (s, c) => sweepNoShows(s, c));
    expect(out.value.noShows).toEqual([]);
    expect(hall.appointment(a.id).status).toBe('cancelled');
  });

  it('a whole working day can be required instead', () => {
    const hall = new BookingHall({ policy: { cancellation: { hallMinWorkingDays: 1 } } });
    const a = hall.book(iso('09:00', TUE));
    hall.setTime('09:01', MON);
    expect(hall.refuse(hall.staff(), (s, c) => cancelByHall(s, c, { appointmentId: a.id, reason: '停电' })).message).toContain(
      '须至少提前1个工作日告知申请人，该预约最迟应于11月23日（周一）09:00前取消',
    );
  });
});
