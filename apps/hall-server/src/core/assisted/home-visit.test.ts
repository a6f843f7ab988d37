import { describe, expect, it } from 'vitest';
import { chineseHolidayData } from '../../calendar/holiday-data.js';
import { assistedAlerts } from './index.js';
import { acceptHomeVisit, declineHomeVisit, recordVisitOutcome, registerHomeVisit, replyOverdue, type HomeVisitInput } from './home-visit.js';
import { AssistedHall, at, iso } from './test-support.js';

const ELDERLY: HomeVisitInput = { category: 'elderly', applicant: { name: '李奶奶', phone: '13900000002' }, address: '城关镇幸福路8号', services: ['SB'] };

/** The demo hall on the real 2026 calendar (国庆 1–7 October, 调休 Saturday 10 October). */
const hall = (date: string, hhmm: string) => new AssistedHall({ holidays: chineseHolidayData(), now: at(hhmm, date) });

describe('上门服务: the same-day answer deadline', () => {
  it.each([
    ['a working Monday morning', '2026-11-23', '10:00', '2026-11-23'],
    ['before opening on a working day', '2026-11-23', '07:30', '2026-11-23'],
    ['during the lunch break', '2026-11-23', '12:30', '2026-11-23'],
    ['Friday after closing → Monday', '2026-11-27', '17:30', '2026-11-30'],
    ['Saturday → Monday', '2026-11-28', '10:00', '2026-11-30'],
    ['Sunday → Monday', '2026-11-29', '23:00', '2026-11-30'],
    ['the eve of 国庆 after closing → the first day after the holiday', '2026-09-30', '17:05', '2026-10-08'],
    ['inside the 国庆 holiday → the first day after it', '2026-10-03', '09:00', '2026-10-08'],
    ['Friday 9 October after closing → the 调休 working Saturday', '2026-10-09', '18:00', '2026-10-10'],
    ['中秋 Friday 25 September (a holiday) → Monday', '2026-09-25', '09:30', '2026-09-28'],
  ])('%s', (_name, date, hhmm, dueDate) => {
    const h = hall(date, hhmm);
    const r = h.run(h.staff('1011'), (s, c) => registerHomeVisit(s, c, ELDERLY)).value;
    expect(r.replyBy).toBe(iso('17:00', dueDate));
    expect(r.status).toBe('pending');
  });

  it('overdue after the deadline: flagged and a manager alert, which clears once answered', () => {
    const h = hall('2026-11-27', '16:00');
    const r = h.run(h.staff('1011'), (s, c) => registerHomeVisit(s, c, ELDERLY)).value;
    h.setTime('17:00', '2026-11-27');
    expect(replyOverdue(r, h.clock.now())).toBe(false);
    expect(assistedAlerts(h.state, h.ctx())).toEqual([]);
    h.setTime('17:01', '2026-11-27');
    expect(replyOverdue(r, h.clock.now())).toBe(true);
    expect(assistedAlerts(h.state, h.ctx())).toEqual([
      {
        key: `home-visit:${r.id}`,
        kind: 'home-visit-overdue',
        since: iso('17:00', '2026-11-27'),
        message: `上门服务申请 ${r.no}（老年人，李奶奶）未在11月27日（周五）17:00前答复，已超时`,
      },
    ]);
    h.run(h.staff('1011'), (s, c) => acceptHomeVisit(s, c, r.id, { at: '2026-11-30T15:00:00+08:00', place: '城关镇幸福路8号', staffNos: ['1011', '1012'], materials: ['身份证'] }));
    expect(assistedAlerts(h.state, h.ctx())).toEqual([]);
  });
});

describe('上门服务: the answer', () => {
  it('a visit needs two or more staff: one is refused, as is the same person twice', () => {
    const h = hall('2026-11-23', '10:00');
    const r = h.run(h.staff('1011'), (s, c) => registerHomeVisit(s, c, ELDERLY)).value;
    const visit = { at: '2026-11-24T10:00:00+08:00', place: '城关镇幸福路8号', materials: ['身份证', '社保卡'] };
    const one = h.refuse(h.staff('1011'), (s, c) => acceptHomeVisit(s, c, r.id, { ...visit, staffNos: ['1011'] }));
    expect(one.code).toBe('VALIDATION_FAILED');
    expect(one.message).toBe('上门服务须由2名以上工作人员共同前往（现为1人），并出示相关证件');
    expect(h.refuse(h.staff('1011'), (s, c) => acceptHomeVisit(s, c, r.id, { ...visit, staffNos: ['1011', '1011'] })).message).toMatch(/现为1人/);
    expect(h.refuse(h.staff('1011'), (s, c) => acceptHomeVisit(s, c, r.id, { ...visit, staffNos: ['1011', '7777'] })).message).toMatch(/没有工号为 7777/);
    expect(h.refuse(h.staff('1011'), (s, c) => acceptHomeVisit(s, c, r.id, { ...visit, at: '2026-11-23T09:00:00+08:00', staffNos: ['1011', '1012'] })).message).toMatch(/已过/);

    const ok = h.run(h.staff('1011'), (s, c) => acceptHomeVisit(s, c, r.id, { ...visit, staffNos: ['1011', '1012'] })).value;
    expect(ok).toMatchObject({
      status: 'accepted',
      answeredAt: iso('10:00'),
      visit: { at: iso('10:00', '2026-11-24'), place: '城关镇幸福路8号', staff: [{ employeeNo: '1011', name: '徐子涵' }, { employeeNo: '1012' }], materials: ['身份证', '社保卡'] },
    });
    expect(h.refuse(h.staff('1011'), (s, c) => declineHomeVisit(s, c, r.id, '人手不足')).code).toBe('FORBIDDEN');

    h.setTime('11:30', '2026-11-24');
    const done = h.run(h.staff('1012'), (s, c) => recordVisitOutcome(s, c, r.id, true, '已现场办理社保资格认证')).value;
    expect(done).toMatchObject({ status: 'done', outcome: { done: true, note: '已现场办理社保资格认证', at: iso('11:30', '2026-11-24') } });
    expect(h.refuse(h.staff('1012'), (s, c) => recordVisitOutcome(s, c, r.id, false, '再记')).code).toBe('INVALID_STATE');
  });

  it('declining needs the hall (a manager) and a reason; a visit not done is recorded with its note', () => {
    const h = hall('2026-11-23', '10:00');
    const a = h.run(h.staff('1011'), (s, c) => registerHomeVisit(s, c, { ...ELDERLY, category: 'disabled' })).value;
    expect(h.refuse(h.staff('1011'), (s, c) => declineHomeVisit(s, c, a.id, '人手不足')).message).toMatch(/须由大厅负责人/);
    const d = h.run(h.manager, (s, c) => declineHomeVisit(s, c, a.id, '该事项须现场核验原件，已电话告知可预约绿色通道')).value;
    expect(d).toMatchObject({ status: 'declined', decline: { reason: '该事项须现场核验原件，已电话告知可预约绿色通道', by: { employeeNo: '9001' } } });
    expect(h.refuse(h.staff('1011'), (s, c) => acceptHomeVisit(s, c, a.id, { at: '2026-11-24T10:00:00+08:00', place: 'x', staffNos: ['1011', '1012'], materials: [] })).code).toBe('INVALID_STATE');

    const b = h.run(h.staff('1011'), (s, c) => registerHomeVisit(s, c, ELDERLY)).value;
    h.run(h.staff('1011'), (s, c) => acceptHomeVisit(s, c, b.id, { at: '2026-11-23T15:00:00+08:00', place: '家中', staffNos: ['1011', '1012'], materials: [] }));
    expect(h.run(h.staff('1011'), (s, c) => recordVisitOutcome(s, c, b.id, false, '家中无人，已约改日')).value.status).toBe('not-done');
  });

  it('the category is required, an enterprise names itself, and the services must exist', () => {
    const h = hall('2026-11-23', '10:00');
    const staff = h.staff('1011');
    expect(h.refuse(staff, (s, c) => registerHomeVisit(s, c, { ...ELDERLY, category: 'tourist' as never })).message).toMatch(/服务对象类别/);
    expect(h.refuse(staff, (s, c) => registerHomeVisit(s, c, { ...ELDERLY, category: 'enterprise' })).message).toMatch(/企业名称/);
    expect(h.refuse(staff, (s, c) => registerHomeVisit(s, c, { ...ELDERLY, services: ['NOPE'] })).code).toBe('UNKNOWN_SERVICE');
    const e = h.run(staff, (s, c) => registerHomeVisit(s, c, { ...ELDERLY, category: 'enterprise', organisation: '某某机械有限公司' })).value;
    expect(e).toMatchObject({ no: 'SM20261123001', category: 'enterprise', organisation: '某某机械有限公司' });
  });
});
