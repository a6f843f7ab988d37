import { describe, expect, it } from 'vitest';
import { signOut } from '../queue-engine.js';
import { TestHall } from '../test-support.js';
import { appointmentAlerts } from './appointment-alerts.js';
import { approveRequest, cancelByApplicant, refuseRequest } from './appointment-engine.js';
import type { AppointmentPolicyInput } from './policy.js';
import { BookingHall, PUBLIC, at, iso, person } from './test-support.js';

const MON = '2026-11-23';
const TUE = '2026-11-24';
const SAT = '2026-11-28';

/** Appointments and the queue's windows of the same demo hall, on one clock. */
function halls(policy: AppointmentPolicyInput) {
  const booking = new BookingHall({ policy });
  const queue = new TestHall();
  const alerts = (hhmm: string, date: string) => {
    booking.setTime(hhmm, date);
    return appointmentAlerts(booking.state, queue.state, booking.ctx());
  };
  const kinds = (hhmm: string, date: string) => alerts(hhmm, date).map((a) => a.key);
  return { booking, queue, alerts, kinds };
}

describe('out-of-hours booked slots need staff at the window 15 minutes before [000 第五条(四)]', () => {
  const weekend: AppointmentPolicyInput = { sessions: { weekend: { enabled: true, needsApproval: false }, flexible: { enabled: true, needsApproval: false } } };

  it('raises at 15 minutes before a booked 周末办 slot when no window of its service is staffed, and clears when someone signs in', () => {
    const { booking, queue, alerts, kinds } = halls(weekend);
    booking.book(iso('09:00', SAT));
    booking.book(iso('09:00', SAT), { who: person(2) });
    expect(kinds('08:44', SAT)).toEqual([]);
    const [a] = alerts('08:45', SAT);
    expect(a).toEqual({
      key: `appointment-unstaffed:BDC:${iso('09:00', SAT)}`,
      kind: 'appointment-unstaffed',
      serviceCode: 'BDC',
      since: iso('08:45', SAT),
      message: '周末办：“不动产登记”11月28日（周六）09:00–10:00有2人预约，办理该业务的窗口（1号、2号、3号、12号）无人在岗；工作人员须在预约时段开始前15分钟到岗，请立即安排',
    });
    // A window serving another service does not count.
    queue.setTime(at('08:50', SAT)).signIn('W06');
    expect(kinds('08:50', SAT)).toHaveLength(1);
    // Someone at 12号 (综合窗口, serves 不动产登记 too) clears it.
    const actor = queue.signIn('W12');
    expect(kinds('08:51', SAT)).toEqual([]);
    queue.run(actor, (s, c) => signOut(s, c, 'W12', actor.employeeNo!));
    expect(kinds('09:30', SAT)).toHaveLength(1);
    // The slot is over: nothing to staff for.
    expect(kinds('10:00', SAT)).toEqual([]);
  });

  it('counts only bookings someone will come for: a cancelled slot raises nothing', () => {
    const { booking, kinds } = halls(weekend);
    const a = booking.book(iso('10:00', SAT));
    booking.run(PUBLIC, (s, c) => cancelByApplicant(s, c, { appointmentId: a.id, idNumber: person(1).idNumber }));
    expect(kinds('09:50', SAT)).toEqual([]);
  });

  it('早晚弹性办 before opening on a working day; a slot in regular hours is the 空岗 alert’s business, not this one', () => {
    const { booking, kinds } = halls(weekend);
    booking.book(iso('08:00', TUE));
    booking.book(iso('10:00', TUE), { who: person(3) });
    expect(kinds('07:44', TUE)).toEqual([]);
    expect(kinds('07:45', TUE)).toEqual([`appointment-unstaffed:BDC:${iso('08:00', TUE)}`]);
    expect(kinds('09:50', TUE)).toEqual([]);
  });

  it('the lead time is the config’s appointments.staffArrivalMinutesBefore', () => {
    const { booking, alerts } = halls({ ...weekend, staffArrivalMinutesBefore: 30 });
    booking.book(iso('09:00', SAT));
    expect(alerts('08:29', SAT)).toEqual([]);
    expect(alerts('08:30', SAT)[0]!.message).toContain('开始前30分钟到岗');
  });
});

describe('out-of-hours requests unanswered past the reply deadline [002 第五条: 1 小时]', () => {
  const policy: AppointmentPolicyInput = { sessions: { weekend: { enabled: true } } };

  it('raises once the hour is past, naming the booking code, and clears when the window approves', () => {
    const { booking, alerts, kinds } = halls(policy);
    booking.setTime('09:00', MON);
    const a = booking.book(iso('09:00', SAT));
    expect(a.status).toBe('pending-approval');
    expect(kinds('10:00', MON)).toEqual([]);
    const [alert] = alerts('10:01', MON);
    expect(alert).toEqual({
      key: `approval-overdue:${a.id}`,
      kind: 'approval-overdue',
      serviceCode: 'BDC',
      since: iso('10:00', MON),
      message: `非工作时间预约申请超过60分钟未答复：“不动产登记”11月28日（周六）09:00–10:00（周末办），预约码${a.code}，11月23日（周一）09:00提交；请在 预约与信用 中确认或拒绝（拒绝须说明理由）`,
    });
    booking.run(booking.staff(), (s, c) => approveRequest(s, c, a.id));
    expect(kinds('10:02', MON)).toEqual([]);
  });

  it('clears when the window refuses, and follows approval.replyWithinMinutes', () => {
    const { booking, kinds } = halls({ ...policy, approval: { replyWithinMinutes: 20 } });
    booking.setTime('09:00', MON);
    const a = booking.book(iso('10:00', SAT));
    expect(kinds('09:20', MON)).toEqual([]);
    expect(kinds('09:21', MON)).toEqual([`approval-overdue:${a.id}`]);
    booking.run(booking.staff(), (s, c) => refuseRequest(s, c, a.id, '当日窗口人员不足'));
    expect(kinds('09:22', MON)).toEqual([]);
  });
});
