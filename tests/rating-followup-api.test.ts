/**
 * 好差评 follow-up over the wire (issue #6 item 3, HALL-RULES §4, seed 004 第四条/第五条/评选制度):
 * a 差评 from a window's pad opens a case in the same transaction, due 5 working days later by the
 * hall's calendar; 整改 then 回访 close it, every step in the audit log; an untouched case turns
 * overdue and raises a manager alert; a staff member's appeal, upheld, takes the rating out of
 * /api/stats/ratings; staff never see who rated; the monthly 服务之星 / 红旗窗口.
 */
import type { Alert, RatingStatsRow } from '@hall/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { personId } from './support/people.js';
import { startTestHall, type TestHall } from './support/test-hall.js';

type Err = { error: { code: string; message: string } };
interface CaseRow {
  id: string;
  ratingId: string;
  ticketNumber: string;
  status: string;
  dueDate: string;
  overdue: boolean;
  resolution: string | null;
  callbackName: string | null;
  rater?: { idNumber: string | null; phone: string | null };
}
interface ListRow {
  id: string;
  ticketNumber: string;
  level: number;
  status: string;
  caseNo: string | null;
  rater: { idNumber: string | null; phone: string | null };
  case: { status: string } | null;
}
const PAD_W01 = 'demo-window-w01-key';
/** Friday 27 November 2026, 09:30: the next five working days end Friday 4 December. */
const FRIDAY = '2026-11-27T09:30:00+08:00';

describe('好差评 follow-up API', () => {
  let h: TestHall;
  let n = 0;
  afterEach(async () => {
    await h?.close();
  });

  async function served(staff: string, opts: { caseNo?: string; phone?: string } = {}): Promise<{ id: string; idNumber: string }> {
    const idNumber = personId(++n);
    const t = await h.api<{ id: string }>('POST', '/api/tickets', { serviceCode: 'BDC', idNumber, ...(opts.phone ? { phone: opts.phone } : {}) }, staff);
    expect(t.status, JSON.stringify(t.body)).toBe(201);
    expect((await h.api('POST', '/api/windows/W01/call-next', undefined, staff)).status).toBe(200);
    expect((await h.api('POST', '/api/windows/W01/finish', opts.caseNo ? { caseNo: opts.caseNo } : {}, staff)).status).toBe(200);
    return { id: t.body.id, idNumber };
  }
  const rate = (body: unknown) => h.api<Err & { id: string }>('POST', '/api/ratings', body, PAD_W01);
  const events = (type: string) => (h.hall.db.prepare('SELECT type, actor_id, input FROM events WHERE type = ?').all(type) as { type: string; actor_id: string; input: string }[]);

  it('opens a case for each 差评 due in 5 working days; 整改 and 回访 close it, each step audited', async () => {
    h = await startTestHall({ at: FRIDAY });
    const staff = await h.staffAt('W01');
    const manager = await h.login('manager');
    const good = await served(staff);
    expect((await rate({ ticketId: good.id, level: 4 })).status).toBe(201);
    const bad = await served(staff, { phone: '13912345678' });
    expect((await rate({ ticketId: bad.id, level: 2, details: ['等候时间太长'], text: '等了一个小时' })).status).toBe(201);

    const open = await h.api<CaseRow[]>('GET', '/api/rating-cases', undefined, manager);
    expect(open.status).toBe(200);
    expect(open.body).toHaveLength(1); // the 满意 opened nothing
    const c = open.body[0]!;
    expect(c).toMatchObject({ status: 'open', dueDate: '2026-12-04', overdue: false, rater: { idNumber: `${bad.idNumber.slice(0, 6)}********${bad.idNumber.slice(-4)}`, phone: '139****5678' } });
    expect(events('rating.case.open')).toHaveLength(1);

    // Steps out of order and empty notes are refused in Chinese.
    const early = await h.api<Err>('POST', `/api/rating-cases/${c.id}/callback`, { outcome: 'satisfied', method: 'phone', note: '已回访' }, manager);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe('请先登记整改情况，再进行回访');
    const empty = await h.api<Err>('POST', `/api/rating-cases/${c.id}/rectify`, { note: '  ' }, manager);
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe('请填写整改情况');
    expect((await h.api<Err>('POST', `/api/rating-cases/${c.id}/rectify`, { note: '增开一个窗口' }, staff)).status).toBe(403);

    await h.api('POST', '/api/test-clock', { set: '2026-12-01T15:00:00+08:00' });
    const fixed = await h.api<CaseRow>('POST', `/api/rating-cases/${c.id}/rectify`, { note: '高峰时段增开 B 岗窗口分流' }, manager);
    expect(fixed.body.status).toBe('rectified');
    const contact = await h.api<{ phone: string }>('POST', `/api/rating-cases/${c.id}/contact`, undefined, manager);
    expect(contact.body.phone).toBe('13912345678');
    const closed = await h.api<CaseRow>('POST', `/api/rating-cases/${c.id}/callback`, { outcome: 'satisfied', method: 'phone', note: '电话回访，群众认可' }, manager);
    expect(closed.body).toMatchObject({ status: 'closed', resolution: 'rectified', callbackName: '电话回访：满意' });
    expect((await h.api<CaseRow[]>('GET', '/api/rating-cases', undefined, manager)).body).toHaveLength(0);
    expect((await h.api<CaseRow[]>('GET', '/api/rating-cases?status=closed', undefined, manager)).body.map((x) => x.id)).toEqual([c.id]);
    expect(events('rating.case.rectify').map((e) => e.actor_id)).toEqual(['manager']);
    expect(events('rating.case.contact')).toHaveLength(1);
    expect(events('rating.case.callback')).toHaveLength(1);
    const again = await h.api<Err>('POST', `/api/rating-cases/${c.id}/settle`, { note: '再处理' }, manager);
    expect(again.body.error.code).toBe('CASE_CLOSED');
  });

  it('settles a simple 差评 on the spot, and flags an untouched one overdue with a manager alert', async () => {
    h = await startTestHall({ at: FRIDAY });
    const staff = await h.staffAt('W01');
    const manager = await h.login('manager');
    const a = await served(staff);
    await rate({ ticketId: a.id, level: 1, details: ['服务态度不好'] });
    const b = await served(staff);
    await rate({ ticketId: b.id, level: 2, details: ['业务不熟练'] });
    const [ca, cb] = (await h.api<CaseRow[]>('GET', '/api/rating-cases', undefined, manager)).body.sort((x, y) => x.ticketNumber.localeCompare(y.ticketNumber));
    const spot = await h.api<CaseRow>('POST', `/api/rating-cases/${ca!.id}/settle`, { note: '当场解释政策，群众表示理解' }, manager);
    expect(spot.body).toMatchObject({ status: 'closed', resolution: 'on-the-spot' });

    await h.api('POST', '/api/test-clock', { set: '2026-12-04T17:00:00+08:00' });
    expect((await h.api<Alert[]>('GET', '/api/alerts', undefined, manager)).body.filter((x) => x.kind === 'rating-case-overdue')).toEqual([]);
    await h.api('POST', '/api/test-clock', { set: '2026-12-07T09:00:00+08:00' });
    const alerts = (await h.api<Alert[]>('GET', '/api/alerts', undefined, manager)).body.filter((x) => x.kind === 'rating-case-overdue');
    expect(alerts.map((x) => x.message)).toEqual([`1号窗口 ${cb!.ticketNumber} 的差评（不满意）整改已超期：限期 12月04日，尚未登记整改`]);
    expect((await h.api<CaseRow[]>('GET', '/api/rating-cases?status=overdue', undefined, manager)).body.map((x) => [x.id, x.overdue])).toEqual([[cb!.id, true]]);
    await h.api('POST', `/api/rating-cases/${cb!.id}/rectify`, { note: '组织业务培训' }, manager);
    await h.api('POST', '/api/test-clock', { advanceMinutes: 1 });
    expect((await h.api<Alert[]>('GET', '/api/alerts', undefined, manager)).body.filter((x) => x.kind === 'rating-case-overdue')).toEqual([]);
  });

  it('counts the deadline over the 中秋 and 国庆 holidays', async () => {
    h = await startTestHall({ at: '2026-09-24T10:00:00+08:00' });
    const staff = await h.staffAt('W01');
    const manager = await h.login('manager');
    const t = await served(staff);
    await rate({ ticketId: t.id, level: 1, text: '材料说法前后不一' });
    expect((await h.api<CaseRow[]>('GET', '/api/rating-cases', undefined, manager)).body[0]!.dueDate).toBe('2026-10-09');
  });

  it('an upheld appeal takes the rating out of /api/stats/ratings; a rejected one changes nothing; staff never see who rated', async () => {
    h = await startTestHall({ at: FRIDAY });
    const staff = await h.staffAt('W01');
    const manager = await h.login('manager');
    const other = await h.login('s1003');
    const ids = [];
    for (const level of [5, 1, 2]) {
      const t = await served(staff, { phone: '13800001111' });
      ids.push(t);
      expect((await rate({ ticketId: t.id, level, ...(level <= 2 ? { details: ['办理效率低'] } : {}) })).status).toBe(201);
    }
    const stats = async () => (await h.api<RatingStatsRow[]>('GET', '/api/stats/ratings?by=staff&from=2026-11-27&to=2026-11-27', undefined, manager)).body.find((r) => r.key === '1001')!;
    expect(await stats()).toMatchObject({ served: 3, rated: 3, bad: 2, score: 10 - 5 + 0, counts: { 5: 1, 2: 1, 1: 1 } });

    const mine = await h.api<{ ratings: { id: string; level: number; appealable: boolean }[] }>('GET', '/api/ratings/mine', undefined, staff);
    expect(mine.status).toBe(200);
    expect(mine.body.ratings.map((r) => [r.level, r.appealable]).sort()).toEqual([[1, true], [2, true], [5, false]]);
    const wire = JSON.stringify(mine.body);
    for (const t of ids) expect(wire).not.toContain(t.idNumber.slice(6, 14));
    expect(wire).not.toContain('1111');
    expect(wire).not.toContain('rater');
    // The manager's list is refused to staff.
    expect((await h.api<Err>('GET', '/api/ratings', undefined, staff)).status).toBe(403);

    const worst = mine.body.ratings.find((r) => r.level === 1)!;
    const bad2 = mine.body.ratings.find((r) => r.level === 2)!;
    const notMine = await h.api<Err>('POST', '/api/rating-appeals', { ratingId: worst.id, reason: '这不是我的评价但想申诉' }, other);
    expect(notMine.status).toBe(403);
    expect(notMine.body.error.message).toBe('只能对本人收到的评价提出申诉');
    const filed = await h.api<{ id: string; status: string }>('POST', '/api/rating-appeals', { ratingId: worst.id, reason: '群众办完后误按，当场已向其确认' }, staff);
    expect(filed.status).toBe(201);
    expect(filed.body.status).toBe('pending');
    const twice = await h.api<Err>('POST', '/api/rating-appeals', { ratingId: worst.id, reason: '再提一次申诉试试' }, staff);
    expect(twice.body.error).toMatchObject({ code: 'APPEAL_EXISTS', message: '该评价已提出申诉，正在等待复核' });
    const second = await h.api<{ id: string }>('POST', '/api/rating-appeals', { ratingId: bad2.id, reason: '等候时间长是系统故障导致' }, staff);

    const pending = await h.api<{ id: string; status: string }[]>('GET', '/api/rating-appeals?status=pending', undefined, manager);
    expect(pending.body.map((a) => a.id).sort()).toEqual([filed.body.id, second.body.id].sort());
    expect((await h.api<{ id: string }[]>('GET', '/api/rating-appeals', undefined, other)).body).toEqual([]);
    expect((await h.api<Err>('POST', `/api/rating-appeals/${filed.body.id}/decide`, { upheld: true, reason: '自己批' }, staff)).status).toBe(403);

    const upheld = await h.api<{ status: string; rating: { status: string } }>('POST', `/api/rating-appeals/${filed.body.id}/decide`, { upheld: true, reason: '调取评价器日志，确属误按' }, manager);
    expect(upheld.body).toMatchObject({ status: 'upheld', rating: { status: 'void' } });
    const rejected = await h.api<{ status: string }>('POST', `/api/rating-appeals/${second.body.id}/decide`, { upheld: false, reason: '当日系统运行正常' }, manager);
    expect(rejected.body.status).toBe('rejected');
    // The −5 is gone from every score; the rejected 不满意 still counts.
    expect(await stats()).toMatchObject({ served: 2, rated: 2, bad: 1, score: 10 + 0, counts: { 5: 1, 2: 1, 1: 0 }, averageScore: 5 });
    const byWindow = (await h.api<RatingStatsRow[]>('GET', '/api/stats/ratings?by=window&period=week&date=2026-11-27', undefined, manager)).body.find((r) => r.key === 'W01')!;
    expect(byWindow).toMatchObject({ rated: 2, score: 10 });
    expect(events('rating.void')).toHaveLength(1);
    expect(events('rating.appeal.decide')).toHaveLength(2);

    // Its case closed with the decision; the other case stays open.
    const cases = (await h.api<CaseRow[]>('GET', '/api/rating-cases?status=all', undefined, manager)).body;
    expect(cases.find((c) => c.ratingId === worst.id)).toMatchObject({ status: 'closed', resolution: 'withdrawn' });
    expect(cases.find((c) => c.ratingId === bad2.id)).toMatchObject({ status: 'open' });

    // The staff member sees both decisions with the manager's reasons, and still nothing about the rater.
    const seen = await h.api<{ status: string; decision: { reason: string } }[]>('GET', '/api/rating-appeals', undefined, staff);
    expect(seen.body.map((a) => [a.status, a.decision.reason]).sort()).toEqual([['rejected', '当日系统运行正常'], ['upheld', '调取评价器日志，确属误按']]);
    expect(JSON.stringify(seen.body)).not.toContain('1111');
    const decidedAgain = await h.api<Err>('POST', `/api/rating-appeals/${filed.body.id}/decide`, { upheld: false, reason: '改判' }, manager);
    expect(decidedAgain.body.error.code).toBe('APPEAL_DECIDED');
  });

  it('lists ratings for managers with filters and the rater masked', async () => {
    h = await startTestHall({ at: FRIDAY });
    const staff = await h.staffAt('W01');
    const manager = await h.login('manager');
    const a = await served(staff, { caseNo: 'BDC-2026-0100', phone: '13700002222' });
    await rate({ ticketId: a.id, level: 5 });
    const b = await served(staff);
    await rate({ ticketId: b.id, level: 1, details: ['其他'] });
    const c = await served(staff);
    await rate({ ticketId: c.id, notRated: true });
    const list = async (q: string) => {
      const r = await h.api<{ from: string; to: string; ratings: ListRow[] } & Err>('GET', `/api/ratings${q}`, undefined, manager);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body;
    };
    const all = await list('');
    expect([all.from, all.to]).toEqual(['2026-11-01', '2026-11-30']); // this month by default
    expect(all.ratings).toHaveLength(2); // the pad that timed out is no rating
    const five = all.ratings.find((r) => r.level === 5)!;
    expect(five).toMatchObject({ caseNo: 'BDC-2026-0100', status: 'valid', rater: { phone: '137****2222' }, case: null });
    expect(five.rater.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(all.ratings.find((r) => r.level === 1)!.case).toMatchObject({ status: 'open' });
    expect((await list('?bad=true')).ratings.map((r) => r.level)).toEqual([1]);
    expect((await list('?caseNo=with')).ratings.map((r) => r.level)).toEqual([5]);
    expect((await list('?caseNo=without&level=1&staffNo=1001&windowId=W01&department=BDC&period=week&date=2026-11-23')).ratings).toHaveLength(1);
    expect((await list('?staffNo=1003')).ratings).toHaveLength(0);
    expect((await list('?from=2026-10-01&to=2026-10-31')).ratings).toHaveLength(0);
    const mixed = await h.api<Err>('GET', '/api/ratings?period=month&from=2026-11-01', undefined, manager);
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.message).toContain('不能同时指定');
    const badLevel = await h.api<Err>('GET', '/api/ratings?level=9', undefined, manager);
    expect(badLevel.status).toBe(400);
    expect(badLevel.body.error.message).toMatch(/level/);
    const badPeriod = await h.api<Err>('GET', '/api/stats/ratings?period=year', undefined, manager);
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('ranks 服务之星 and 红旗窗口 from the month’s ratings and the parts a manager enters, audited', async () => {
    h = await startTestHall({ at: FRIDAY });
    const staff = await h.staffAt('W01');
    const manager = await h.login('manager');
    for (const level of [5, 4, 5]) {
      const t = await served(staff);
      await rate({ ticketId: t.id, level });
    }
    const put = (staffNo: string, body: unknown) => h.api<Err & { stars: { staffNo: string; ratingPart: number; total: number; rank: number; star: boolean; entered: boolean }[]; departments: { department: string; redFlag: boolean; average: number }[] }>('PUT', `/api/awards/2026-11/staff/${staffNo}`, body, manager);
    expect((await put('1001', { image: 15, conduct: 14, ability: 13 })).status).toBe(200);
    const r = await put('1005', { image: 15, conduct: 15, ability: 15, note: '主动延时服务' });
    const [first, second] = r.body.stars;
    expect(first).toMatchObject({ staffNo: '1001', ratingPart: 30, total: 72, rank: 1, star: true });
    expect(second).toMatchObject({ staffNo: '1005', ratingPart: 0, total: 45, rank: 2, star: true });
    expect(r.body.departments.filter((d) => d.redFlag)).toHaveLength(1);
    const tooMuch = await put('1001', { image: 16, conduct: 14, ability: 13 });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.message).toContain('image');
    expect((await put('9999', { image: 1, conduct: 1, ability: 1 })).body.error.message).toBe('没有工号为 9999 的窗口工作人员');
    expect((await h.api<Err>('PUT', '/api/awards/2027-01/staff/1001', { image: 1, conduct: 1, ability: 1 }, manager)).body.error.message).toBe('不能为尚未开始的月份评分');
    expect((await h.api('GET', '/api/awards?month=2026-11', undefined, staff)).status).toBe(403);
    expect(events('award.entry')).toHaveLength(2);
  });
});
