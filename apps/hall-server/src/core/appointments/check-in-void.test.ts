/**
 * 凤县 [004 第七条]: "现场办事人(含代理人)身份证件信息与预约登记的身份信息不一致的，预约号作废" —
 * `checkIn.voidOnIdMismatch`. Off (the default, 沈丘县's rules): a mismatched ID is refused and the
 * booking stays, so the real holder can still come. On: while the booking is being received (its
 * check-in time), it is voided — cancelled by the hall with that reason, the applicant told, no
 * no-show — and the answer says so. Under the fake clock.
 */
import { describe, expect, it } from 'vitest';
import { checkInOrVoid, sweepNoShows, type CheckInInput } from './appointment-engine.js';
import { BookingHall, KIOSK, iso, person } from './test-support.js';

const TUE = '2026-11-24';
const me = person(1);
const stranger = person(2);

function hallWith(voidOnIdMismatch: boolean | undefined) {
  const hall = new BookingHall(voidOnIdMismatch === undefined ? {} : { policy: { checkIn: { voidOnIdMismatch } } });
  const a = hall.book(iso('09:00', TUE));
  return { hall, a };
}
const attempt = (hall: BookingHall, input: CheckInInput) => hall.run(KIOSK, (s, c) => checkInOrVoid(s, c, input));
const refused = (hall: BookingHall, input: CheckInInput) => hall.refuse(KIOSK, (s, c) => checkInOrVoid(s, c, input));

describe('policy off (default): a mismatched ID is refused, the booking kept', () => {
  it.each([['default', undefined], ['false', false]] as const)('%s: refused, booked, no SMS; the holder then checks in', (_name, setting) => {
    const { hall, a } = hallWith(setting);
    expect(hall.policy.checkIn.voidOnIdMismatch).toBe(false);
    hall.setTime('08:40', TUE);
    const e = refused(hall, { code: a.code, idNumber: stranger.idNumber });
    expect([e.code, e.message]).toEqual(['ID_MISMATCH', '出示的身份证与预约登记的申请人（或代理人）不一致，不能用该预约签到']);
    expect(hall.appointment(a.id).status).toBe('booked');
    expect(hall.notices('hall-cancelled')).toEqual([]);
    const ok = attempt(hall, { code: a.code, idNumber: me.idNumber });
    expect(ok.value.voided).toBe(false);
    expect(hall.appointment(a.id).status).toBe('checked-in');
  });
});

describe('policy on: the booking is voided and the answer says so', () => {
  it('at 08:40 someone else’s ID with the code: cancelled by the hall with the reason, audited, the applicant told', () => {
    const { hall, a } = hallWith(true);
    hall.setTime('08:40', TUE);
    const out = attempt(hall, { code: a.code.toLowerCase(), idNumber: stranger.idNumber });
    expect(out.value.voided).toBe(true);
    if (!out.value.voided) return;
    expect(out.value.refusal.code).toBe('ID_MISMATCH');
    expect(out.value.refusal.message).toBe(
      `出示的身份证与预约登记的申请人（或代理人）不一致，按本大厅规定，11月24日（周二）09:00–10:00的预约（预约码${a.code}）已作废；请持本人身份证到取号机取号办理或重新预约`,
    );
    expect(hall.appointment(a.id)).toMatchObject({
      status: 'cancelled',
      cancellation: { by: 'hall', at: '2026-11-24T08:40:00.000+08:00', actor: { kind: 'device', id: KIOSK.id }, reason: '签到时出示的身份证与预约登记信息不一致，预约号作废' },
    });
    expect(out.changes.log).toMatchObject({ type: 'appointment.void-id-mismatch', subject: a.id, input: { via: 'code' } });
    // The stranger's ID number is not written into the log.
    expect(JSON.stringify(out.changes.log)).not.toContain(stranger.idNumber);
    const sms = hall.notices('hall-cancelled');
    expect(sms.map((n) => n.recipient)).toEqual([me.phone]);
    expect(sms[0]!.body).toContain('签到时出示的身份证与预约登记信息不一致，按规定预约号已作废，不计爽约');
    // Void: the holder can no longer check in with it, and it never becomes a no-show.
    const again = refused(hall, { code: a.code, idNumber: me.idNumber });
    expect(again.message).toContain('的预约已取消，不能签到');
    hall.setTime('10:00', TUE);
    expect(hall.run(KIOSK, (s, c) => sweepNoShows(s, c)).value.noShows).toEqual([]);
  });

  it('the QR code with someone else’s ID card voids it too', () => {
    const { hall, a } = hallWith(true);
    hall.setTime('09:10', TUE);
    const out = attempt(hall, { appointmentId: a.id, idNumber: stranger.idNumber });
    expect(out.value.voided).toBe(true);
    expect(out.changes.log?.input).toEqual({ via: 'qr' });
    expect(hall.appointment(a.id).status).toBe('cancelled');
  });

  it('the applicant’s or the registered agent’s ID still checks in', () => {
    const agent = { name: '李四', idNumber: person(3).idNumber };
    const hall = new BookingHall({ policy: { checkIn: { voidOnIdMismatch: true } } });
    const a = hall.book(iso('09:00', TUE), { agent });
    hall.setTime('08:40', TUE);
    const out = attempt(hall, { code: a.code, idNumber: agent.idNumber });
    expect(out.value.voided).toBe(false);
    if (out.value.voided) return;
    expect(out.value.result.appointment.checkIn?.presented).toBe('agent');
    expect(out.value.result.ticket).toMatchObject({ priority: 'appointment', idNumber: me.idNumber });
  });

  it('outside the check-in time the booking is not being received: refused and kept (before 08:30, or already checked in)', () => {
    const { hall, a } = hallWith(true);
    hall.setTime('08:29', TUE);
    expect(refused(hall, { code: a.code, idNumber: stranger.idNumber }).message).toBe('出示的身份证与预约登记的申请人（或代理人）不一致，不能用该预约签到');
    expect(hall.appointment(a.id).status).toBe('booked');
    hall.setTime('08:45', TUE);
    attempt(hall, { code: a.code, idNumber: me.idNumber });
    expect(refused(hall, { code: a.code, idNumber: stranger.idNumber }).code).toBe('ID_MISMATCH');
    expect(hall.appointment(a.id).status).toBe('checked-in');
  });

  it('other refusals are unchanged: an unknown code, a malformed ID', () => {
    const { hall, a } = hallWith(true);
    hall.setTime('08:40', TUE);
    expect(refused(hall, { code: 'ZZZZ9999', idNumber: stranger.idNumber }).code).toBe('NOT_FOUND');
    expect(refused(hall, { code: a.code, idNumber: '12345' }).code).toBe('INVALID_ID_NUMBER');
    expect(hall.appointment(a.id).status).toBe('booked');
  });
});
