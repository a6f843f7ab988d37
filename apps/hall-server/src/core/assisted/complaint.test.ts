import { describe, expect, it } from 'vitest';
import { chineseHolidayData } from '../../calendar/holiday-data.js';
import { closeComplaint, feedbackOverdue, informComplainant, recordFeedback, registerComplaint, type ComplaintInput } from './complaint.js';
import { assistedAlerts } from './index.js';
import { AssistedHall, at, iso } from './test-support.js';

const INPUT: ComplaintInput = { channel: 'phone', windowId: 'W01', staffNo: '1001', content: '窗口人员态度生硬，未一次性告知所需材料', complainant: { name: '钱女士', phone: '13700000003' } };
const hall = (date: string, hhmm: string) => new AssistedHall({ holidays: chineseHolidayData(), now: at(hhmm, date) });

describe('投诉: the 2-working-day feedback deadline (the day it arrives does not count)', () => {
  it.each([
    ['Monday → Wednesday', '2026-11-23', '10:00', '2026-11-25'],
    ['Thursday → Monday, over the weekend', '2026-11-26', '10:00', '2026-11-30'],
    ['Friday → Tuesday, over the weekend', '2026-11-27', '10:00', '2026-12-01'],
    ['Friday after closing → Tuesday', '2026-11-27', '19:00', '2026-12-01'],
    ['Saturday → Tuesday', '2026-11-28', '11:00', '2026-12-01'],
    ['the eve of 国庆 → 8 and 9 October', '2026-09-30', '10:00', '2026-10-09'],
    ['Thursday 8 October → Friday 9, then the 调休 Saturday 10', '2026-10-08', '10:00', '2026-10-10'],
  ])('%s', (_name, date, hhmm, dueDate) => {
    const h = hall(date, hhmm);
    const c = h.run(h.staff('1011'), (s, ctx) => registerComplaint(s, ctx, INPUT)).value;
    expect(c.feedbackDue).toBe(iso('17:00', dueDate));
  });

  it('late feedback is flagged and raises a manager alert; the feedback clears it', () => {
    const h = hall('2026-11-27', '10:00');
    const c = h.run(h.staff('1011'), (s, ctx) => registerComplaint(s, ctx, INPUT)).value;
    h.setTime('16:59', '2026-12-01');
    expect(assistedAlerts(h.state, h.ctx())).toEqual([]);
    h.setTime('17:01', '2026-12-01');
    expect(feedbackOverdue(c, h.clock.now())).toBe(true);
    expect(assistedAlerts(h.state, h.ctx())).toEqual([
      {
        key: `complaint:${c.id}`,
        kind: 'complaint-overdue',
        windowId: 'W01',
        since: iso('17:00', '2026-12-01'),
        message: `投诉 ${c.no}（1号窗口（不动产登记） 王建国）未在12月1日（周二）17:00前反馈处理情况，已超过2个工作日`,
      },
    ]);
    const fed = h.run(h.staff('1001'), (s, ctx) => recordFeedback(s, ctx, c.id, '已向投诉人道歉并补充告知材料清单')).value;
    expect(fed.history.at(-1)!.action).toMatch(/已超过反馈期限/);
    expect(assistedAlerts(h.state, h.ctx())).toEqual([]);
  });
});

describe('投诉: tracked to closure', () => {
  it('registered → feedback → complainant informed → closed, with notes', () => {
    const h = hall('2026-11-23', '10:00');
    const c = h.run(h.staff('1011'), (s, ctx) => registerComplaint(s, ctx, INPUT)).value;
    expect(c).toMatchObject({ no: 'TS20261123001', status: 'registered', windowId: 'W01', staff: { employeeNo: '1001', name: '王建国' }, complainant: { name: '钱女士', phone: '13700000003' } });
    expect(h.refuse(h.manager, (s, ctx) => closeComplaint(s, ctx, c.id, '结')).message).toMatch(/尚无窗口反馈/);
    expect(h.refuse(h.manager, (s, ctx) => informComplainant(s, ctx, c.id, { how: 'phone' })).message).toMatch(/请先反馈/);
    h.setTime('15:00', '2026-11-24');
    h.run(h.staff('1001'), (s, ctx) => recordFeedback(s, ctx, c.id, '已约谈当事人，补充一次性告知单'));
    expect(h.refuse(h.staff('1001'), (s, ctx) => informComplainant(s, ctx, c.id, { how: 'phone' })).code).toBe('FORBIDDEN');
    expect(h.refuse(h.manager, (s, ctx) => closeComplaint(s, ctx, c.id, '结')).message).toMatch(/尚未将处理结果告知投诉人/);
    h.run(h.manager, (s, ctx) => informComplainant(s, ctx, c.id, { how: 'phone', satisfied: true, note: '投诉人表示谅解' }));
    expect(h.refuse(h.staff('1001'), (s, ctx) => closeComplaint(s, ctx, c.id, '结')).code).toBe('FORBIDDEN');
    const closed = h.run(h.manager, (s, ctx) => closeComplaint(s, ctx, c.id, '纳入月度考核')).value;
    expect(closed).toMatchObject({
      status: 'closed',
      feedback: { at: iso('15:00', '2026-11-24'), content: '已约谈当事人，补充一次性告知单' },
      informed: { how: 'phone', satisfied: true, note: '投诉人表示谅解' },
      closure: { note: '纳入月度考核' },
    });
    expect(closed.history.map((x) => x.action)).toEqual(['受理电话投诉', '窗口反馈处理情况', '电话告知投诉人（满意）', '办结']);
  });

  it('anonymous: nobody to inform, closed after the feedback; a dissatisfied complainant needs the re-check noted', () => {
    const h = hall('2026-11-23', '10:00');
    const anon = h.run(h.staff('1011'), (s, ctx) => registerComplaint(s, ctx, { channel: 'letter', windowId: 'W03', content: '窗口人员玩手机' })).value;
    expect(anon.complainant).toBeNull();
    h.run(h.staff('1007'), (s, ctx) => recordFeedback(s, ctx, anon.id, '已批评教育'));
    expect(h.refuse(h.manager, (s, ctx) => informComplainant(s, ctx, anon.id, { how: 'phone' })).message).toMatch(/匿名投诉/);
    expect(h.run(h.manager, (s, ctx) => closeComplaint(s, ctx, anon.id)).value.status).toBe('closed');

    const c = h.run(h.staff('1011'), (s, ctx) => registerComplaint(s, ctx, INPUT)).value;
    h.run(h.staff('1001'), (s, ctx) => recordFeedback(s, ctx, c.id, '已处理'));
    h.run(h.manager, (s, ctx) => informComplainant(s, ctx, c.id, { how: 'sms', satisfied: false }));
    expect(h.refuse(h.manager, (s, ctx) => closeComplaint(s, ctx, c.id)).message).toMatch(/重新核实/);
    expect(h.run(h.manager, (s, ctx) => closeComplaint(s, ctx, c.id, '重新核实后通报窗口单位')).value.status).toBe('closed');
  });

  it('names a window or a staff member that exist', () => {
    const h = hall('2026-11-23', '10:00');
    const staff = h.staff('1011');
    expect(h.refuse(staff, (s, ctx) => registerComplaint(s, ctx, { channel: 'onsite', content: 'x' })).message).toMatch(/至少一项/);
    expect(h.refuse(staff, (s, ctx) => registerComplaint(s, ctx, { ...INPUT, windowId: 'W99' })).code).toBe('UNKNOWN_WINDOW');
    expect(h.refuse(staff, (s, ctx) => registerComplaint(s, ctx, { ...INPUT, staffNo: '0000' })).message).toMatch(/没有工号/);
    expect(h.run(staff, (s, ctx) => registerComplaint(s, ctx, { channel: 'patrol', staffNo: '1003', content: '巡查发现与群众争执' })).value).toMatchObject({ windowId: null, staff: { name: '张志强' } });
  });
});
