/**
 * 好差评 follow-up rules (issue #6 item 3): the 5-working-day deadline of a 差评 case over
 * weekends, holidays and 调休 (the State Council calendar), the case's steps, appeals and their
 * effect, the statistics periods, and the monthly 服务之星 / 红旗窗口.
 */
import type { Rating, RatingLevel } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { hallCalendar } from '../../calendar/holiday-data.js';
import { HallHours } from '../hall-hours.js';
import { demoConfig, refusal, staffActor } from '../test-support.js';
import { decideAppeal, fileAppeal } from './appeals.js';
import { ratingPart, redFlagRanking, serviceStars, type AwardEntry } from './awards.js';
import { addWorkingDays, isOverdue, openCase, overdueCaseAlerts, recordCallback, recordRectification, settleOnSpot, wasLate, withdrawCase, type CaseContext } from './follow-up.js';
import { monthRange, periodRange } from './periods.js';

const config = demoConfig();
/** The demo hall's real working days: State Council holidays and 调休 from the chinese-days data. */
const hours = new HallHours(config, hallCalendar('chinese-days', []));
const isWorkingDay = (d: string) => hours.periods(d).length > 0;
const MANAGER = { kind: 'manager' as const, id: 'manager', name: '周主任', employeeNo: '9001' };
const ctx = (at: string): CaseContext => ({ at, actor: MANAGER });

let seq = 0;
function rating(level: RatingLevel | null, over: Partial<Rating> = {}): Rating {
  seq++;
  return {
    id: `r${seq}`,
    ticketId: `t${seq}`,
    ticketNumber: `A${String(seq).padStart(3, '0')}`,
    serviceCode: 'BDC',
    windowId: 'W01',
    staffNo: '1001',
    department: 'BDC',
    caseNo: null,
    level,
    score: level === null ? null : { 5: 10, 4: 8, 3: 6, 2: 0, 1: -5 }[level],
    details: level !== null && level <= 2 ? ['等候时间太长'] : [],
    text: null,
    finishedAt: '2026-11-27T10:00:00.000+08:00',
    ratedAt: '2026-11-27T10:01:00.000+08:00',
    businessDate: '2026-11-27',
    ...over,
  };
}
const badCase = (over: Partial<Rating> = {}) => openCase(rating(1, over), { at: over.ratedAt ?? '2026-11-27T10:01:00.000+08:00', newId: () => 'c1', isWorkingDay })!;

describe('the 5-working-day deadline of a 差评 (004 第四条)', () => {
  it('skips the weekend: a 差评 on Friday is due the next Friday', () => {
    expect(addWorkingDays('2026-11-27', 5, isWorkingDay)).toBe('2026-12-04');
    expect(badCase().dueDate).toBe('2026-12-04');
  });

  it('skips the 中秋 and 国庆 holidays: a 差评 on Thursday 24 September is due Friday 9 October', () => {
    // 25–27 Sep 中秋, then Mon–Wed 28–30 (3 days), 1–7 Oct 国庆, Thu 8 and Fri 9 Oct.
    expect(addWorkingDays('2026-09-24', 5, isWorkingDay)).toBe('2026-10-09');
  });

  it('counts a 调休 Saturday as a working day: a 差评 on Friday 9 October is due Thursday 15 October', () => {
    expect(isWorkingDay('2026-10-10')).toBe(true);
    expect(addWorkingDays('2026-10-09', 5, isWorkingDay)).toBe('2026-10-15');
  });

  it('opens a case only for 不满意 and 非常不满意', () => {
    for (const level of [5, 4, 3, null] as const) expect(openCase(rating(level), { at: 'x', newId: () => 'c', isWorkingDay })).toBeNull();
    expect(openCase(rating(2), { at: '2026-11-27T10:01:00.000+08:00', newId: () => 'c', isWorkingDay })).toMatchObject({ status: 'open', level: 2, details: ['等候时间太长'], staffNo: '1001' });
  });
});

describe('a 差评 case from opening to closure', () => {
  it('settles a simple case on the spot: closed at once with the note', () => {
    const c = settleOnSpot(badCase(), '  当场解释了等候原因，群众表示理解  ', ctx('2026-11-27T10:20:00.000+08:00'));
    expect(c).toMatchObject({ status: 'closed', resolution: 'on-the-spot', closedAt: '2026-11-27T10:20:00.000+08:00', settlement: { note: '当场解释了等候原因，群众表示理解', by: '9001', byName: '周主任' } });
    expect(refusal(() => recordRectification(c, '再整改', ctx('x'))).code).toBe('CASE_CLOSED');
  });

  it('goes rectification → 回访, whose outcome closes it; steps out of order are refused with a reason', () => {
    const open = badCase();
    expect(refusal(() => recordCallback(open, { outcome: 'satisfied', method: 'phone', note: '已回访' }, ctx('x'))).message).toBe('请先登记整改情况，再进行回访');
    expect(refusal(() => recordRectification(open, '   ', ctx('x'))).message).toBe('请填写整改情况');
    const fixed = recordRectification(open, '增设一名帮办人员分流', ctx('2026-12-01T15:00:00.000+08:00'));
    expect(fixed).toMatchObject({ status: 'rectified', rectification: { note: '增设一名帮办人员分流' } });
    expect(refusal(() => settleOnSpot(fixed, '当场', ctx('x'))).code).toBe('CASE_CLOSED');
    const closed = recordCallback(fixed, { outcome: 'basic', method: 'phone', note: '电话回访，群众认可整改' }, ctx('2026-12-02T09:00:00.000+08:00'));
    expect(closed).toMatchObject({ status: 'closed', resolution: 'rectified', callback: { outcome: 'basic', method: 'phone' }, closedAt: '2026-12-02T09:00:00.000+08:00' });
    expect(wasLate(closed)).toBe(false);
    expect(refusal(() => recordCallback(closed, { outcome: 'satisfied', method: 'sms', note: '再回访' }, ctx('x'))).code).toBe('CASE_CLOSED');
  });

  it('is overdue from the day after its deadline until rectified, with a manager alert; late rectification stays visible', () => {
    const c = badCase();
    expect(isOverdue(c, '2026-12-04')).toBe(false);
    expect(isOverdue(c, '2026-12-05')).toBe(true);
    const [alert] = overdueCaseAlerts([c], '2026-12-07', config);
    expect(alert).toMatchObject({ kind: 'rating-case-overdue', key: 'rating-case:c1', windowId: 'W01', since: '2026-12-05T00:00:00.000+08:00' });
    expect(alert!.message).toBe('1号窗口 A' + c.ticketNumber.slice(1) + ' 的差评（非常不满意）整改已超期：限期 12月04日，尚未登记整改');
    const fixedLate = recordRectification(c, '补充业务培训', ctx('2026-12-07T09:00:00.000+08:00'));
    expect(isOverdue(fixedLate, '2026-12-07')).toBe(false);
    expect(overdueCaseAlerts([fixedLate], '2026-12-07', config)).toEqual([]);
    expect(wasLate(fixedLate)).toBe(true);
  });

  it('is withdrawn by an upheld appeal, unless already closed', () => {
    const step = { note: '申诉成立：误触', at: '2026-11-30T09:00:00.000+08:00', by: '9001', byName: '周主任' };
    expect(withdrawCase(badCase(), step)).toMatchObject({ status: 'closed', resolution: 'withdrawn', settlement: step });
    const settled = settleOnSpot(badCase(), '已解释', ctx('2026-11-27T10:20:00.000+08:00'));
    expect(withdrawCase(settled, step)).toBe(settled);
  });
});

describe('appeals (申诉复核, 004 第五条)', () => {
  const wang = staffActor(config, '1001');
  const li = staffActor(config, '1002');
  const at = { at: '2026-11-27T11:00:00.000+08:00', newId: () => 'a1' };

  it('lets the staff member rated appeal a rating of their own at 基本满意 or below, once', () => {
    const r = rating(1);
    const a = fileAppeal(r, 'valid', null, '群众误按了非常不满意，当场已说明', { ...at, actor: wang });
    expect(a).toMatchObject({ status: 'pending', staffNo: '1001', ratingId: r.id, level: 1 });
    expect(refusal(() => fileAppeal(r, 'valid', null, '不是我的评价也想申诉', { ...at, actor: li })).code).toBe('FORBIDDEN');
    expect(refusal(() => fileAppeal(r, 'valid', a, '再申诉一次试试看', { ...at, actor: wang })).message).toBe('该评价已提出申诉，正在等待复核');
    expect(refusal(() => fileAppeal(r, 'valid', null, '短', { ...at, actor: wang })).message).toContain('至少 5 个字');
    expect(refusal(() => fileAppeal(rating(4), 'valid', null, '满意也想申诉一下', { ...at, actor: wang })).message).toContain('无需申诉');
    expect(refusal(() => fileAppeal(null, 'valid', null, '找不到的评价申诉', { ...at, actor: wang })).code).toBe('NOT_FOUND');
  });

  it('voids the rating when upheld, keeps it when rejected; a decision is final and needs a reason', () => {
    const a = fileAppeal(rating(2), 'valid', null, '办件材料不全，群众不满是因为政策规定', { ...at, actor: wang });
    const upheld = decideAppeal(a, { upheld: true, reason: '经调取录像核实，属误评' }, { at: '2026-11-30T09:00:00.000+08:00', actor: MANAGER });
    expect(upheld.ratingStatus).toBe('void');
    expect(upheld.appeal).toMatchObject({ status: 'upheld', decision: { upheld: true, reason: '经调取录像核实，属误评', byName: '周主任' } });
    const rejected = decideAppeal(a, { upheld: false, reason: '录像显示等候确实过长' }, { at: 'x', actor: MANAGER });
    expect(rejected.ratingStatus).toBe('valid');
    expect(rejected.appeal.status).toBe('rejected');
    expect(refusal(() => decideAppeal(upheld.appeal, { upheld: false, reason: '改判' }, { at: 'x', actor: MANAGER })).code).toBe('APPEAL_DECIDED');
    expect(refusal(() => decideAppeal(a, { upheld: true, reason: ' ' }, { at: 'x', actor: MANAGER })).message).toBe('请填写复核意见（会告知申诉人）');
    expect(refusal(() => decideAppeal(a, { upheld: true, reason: '自己批准' }, { at: 'x', actor: wang })).code).toBe('FORBIDDEN');
  });
});

describe('statistics periods (一周一统计、一月一汇总、每季度上报)', () => {
  it('gives the week Monday–Sunday, the month and the quarter containing a date', () => {
    expect(periodRange('week', '2026-11-27')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(periodRange('week', '2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(periodRange('week', '2026-12-31')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(periodRange('month', '2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodRange('quarter', '2026-11-27')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodRange('quarter', '2026-02-10')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(refusal(() => periodRange('month', '2026-02-30')).code).toBe('VALIDATION_FAILED');
    expect(refusal(() => monthRange('2026-13')).message).toContain('YYYY-MM');
  });
});

describe('服务之星 and 红旗窗口 (004 评选制度)', () => {
  const entry = (staffNo: string, image: number, conduct: number, ability: number): AwardEntry => ({ month: '2026-11', staffNo, image, conduct, ability, note: null, at: 'x', by: '9001', byName: '周主任' });

  it('scores the 好差评 part 15 / 10 / 5 / 0 / 0 per rating, capped at 30', () => {
    expect(ratingPart({ 5: 1, 4: 1, 3: 0, 2: 0, 1: 0 })).toBe(25);
    expect(ratingPart({ 5: 0, 4: 0, 3: 1, 2: 3, 1: 2 })).toBe(5);
    expect(ratingPart({ 5: 3, 4: 0, 3: 0, 2: 0, 1: 0 })).toBe(30);
    expect(ratingPart({ 5: 0, 4: 0, 3: 0, 2: 0, 1: 0 })).toBe(0);
  });

  it('ranks every window staff member by the sum of the parts, top three are the stars; the department with the best average is the 红旗窗口', () => {
    const ratings = [rating(5, { staffNo: '1001' }), rating(4, { staffNo: '1001' }), rating(3, { staffNo: '1002' }), rating(1, { staffNo: '1003' })];
    const entries = [entry('1001', 15, 15, 15), entry('1002', 15, 15, 15), entry('1003', 10, 10, 10)];
    const rows = serviceStars(config, ratings, entries);
    const staffCount = config.staff.filter((s) => s.role === 'staff').length;
    expect(rows).toHaveLength(staffCount);
    expect(rows.slice(0, 3).map((r) => [r.staffNo, r.ratingPart, r.total, r.rank, r.star])).toEqual([
      ['1001', 25, 70, 1, true],
      ['1002', 5, 50, 2, true],
      ['1003', 0, 30, 3, true],
    ]);
    expect(rows[3]).toMatchObject({ total: 0, entered: false, star: false, image: null });
    const depts = redFlagRanking(config, rows);
    expect(depts[0]).toMatchObject({ department: 'BDC', redFlag: true });
    const bdcStaff = rows.filter((r) => r.department === 'BDC');
    expect(depts[0]!.average).toBe(Math.round((bdcStaff.reduce((s, r) => s + r.total, 0) / bdcStaff.length) * 100) / 100);
    expect(depts.filter((d) => d.redFlag)).toHaveLength(1);
  });

  it('shares a rank between equal totals and orders ties by the 好差评 part', () => {
    const rows = serviceStars(config, [rating(5, { staffNo: '1002' })], [entry('1001', 15, 15, 15), entry('1002', 10, 10, 10)]);
    expect(rows.slice(0, 2).map((r) => [r.staffNo, r.total, r.rank])).toEqual([
      ['1002', 45, 1],
      ['1001', 45, 1],
    ]);
    expect(rows[2]!.rank).toBe(3);
  });
});
