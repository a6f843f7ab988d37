/**
 * 差评 follow-up [004 第四条, HALL-RULES §4]: every 不满意 / 非常不满意 opens a case when it is
 * recorded. A simple case is settled on the spot (解释说明、当场裁定: closed at once with a note);
 * any other is rectified within 5 working days of the rating (the hall's working-day calendar:
 * weekends, statutory holidays and 调休 respected), then the citizen is called back (回访) and the
 * outcome closes the case. A case still without its rectification after the deadline is overdue
 * and raises a manager alert. An upheld appeal (申诉) withdraws the rating and closes its case.
 *
 * Pure: each transition takes the case and returns the next one; the shell stores it with its
 * audit row in one transaction.
 */
import { addDays, HallError, isBadRating, localToMs, RATING_LABELS, toIsoLocal, type Alert, type HallConfig, type Rating, type RatingLevel } from '@hall/shared';
import type { Actor } from '../hall-state.js';

/** [004 第四条] 限期 5 个工作日予以解决. */
export const RECTIFY_WORKING_DAYS = 5;

export type CaseStatus = 'open' | 'rectified' | 'closed';
/** How a closed case ended: settled on the spot, rectified and called back, or withdrawn by an upheld appeal. */
export type CaseResolution = 'on-the-spot' | 'rectified' | 'withdrawn';
export type CallbackOutcome = 'satisfied' | 'basic' | 'unsatisfied';
export type CallbackMethod = 'phone' | 'sms' | 'wechat' | 'visit';

export const CASE_STATUS_NAMES: Record<CaseStatus, string> = { open: '待整改', rectified: '待回访', closed: '已办结' };
export const CASE_RESOLUTION_NAMES: Record<CaseResolution, string> = { 'on-the-spot': '当场解决', rectified: '整改回访', withdrawn: '申诉成立撤销' };
export const CALLBACK_OUTCOME_NAMES: Record<CallbackOutcome, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' };
/** [004 第四条] 通过电话、短信、微信、上门见面等方式进行回访. */
export const CALLBACK_METHOD_NAMES: Record<CallbackMethod, string> = { phone: '电话', sms: '短信', wechat: '微信', visit: '上门见面' };

/** Who did a step, when, and what they wrote. */
export interface CaseStep {
  note: string;
  at: string;
  by: string;
  byName: string;
}

export interface RatingCase {
  id: string;
  ratingId: string;
  ticketId: string;
  ticketNumber: string;
  serviceCode: string;
  windowId: string;
  staffNo: string | null;
  department: string;
  level: RatingLevel;
  details: string[];
  text: string | null;
  /** The rating's business date: the 5 working days count from the day after it. */
  businessDate: string;
  openedAt: string;
  /** Last day (inclusive) by which the rectification must be recorded. */
  dueDate: string;
  status: CaseStatus;
  resolution: CaseResolution | null;
  /** 当场解决 (closes the case) or, for an upheld appeal, the manager's decision. */
  settlement: CaseStep | null;
  rectification: CaseStep | null;
  callback: (CaseStep & { outcome: CallbackOutcome; method: CallbackMethod }) | null;
  closedAt: string | null;
}

/**
 * The `n`-th working day after `date` (the day itself does not count): a 差评 on Friday has
 * Monday as its first day. `isWorkingDay` is the hall's calendar. Refuses to look further than a
 * year ahead (a calendar with no working days at all).
 */
export function addWorkingDays(date: string, n: number, isWorkingDay: (date: string) => boolean): string {
  let d = date;
  let left = n;
  for (let i = 0; i < 366 && left > 0; i++) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  if (left > 0) throw new HallError('VALIDATION_FAILED', '一年内找不到足够的工作日，请检查大厅的工作日历');
  return d;
}

export interface CaseContext {
  /** Hall-local ISO instant of the step. */
  at: string;
  actor: Actor;
}

/** The case a 差评 opens, or null for any other answer. */
export function openCase(r: Rating, ctx: { at: string; newId: () => string; isWorkingDay: (date: string) => boolean }): RatingCase | null {
  if (r.level === null || !isBadRating(r.level)) return null;
  return {
    id: ctx.newId(),
    ratingId: r.id,
    ticketId: r.ticketId,
    ticketNumber: r.ticketNumber,
    serviceCode: r.serviceCode,
    windowId: r.windowId,
    staffNo: r.staffNo,
    department: r.department,
    level: r.level,
    details: r.details,
    text: r.text,
    businessDate: r.businessDate,
    openedAt: ctx.at,
    dueDate: addWorkingDays(r.businessDate, RECTIFY_WORKING_DAYS, ctx.isWorkingDay),
    status: 'open',
    resolution: null,
    settlement: null,
    rectification: null,
    callback: null,
    closedAt: null,
  };
}

function step(note: string, ctx: CaseContext, what: string): CaseStep {
  const text = note.trim();
  if (!text) throw new HallError('VALIDATION_FAILED', `请填写${what}`);
  return { note: text, at: ctx.at, by: ctx.actor.employeeNo ?? ctx.actor.id, byName: ctx.actor.name ?? ctx.actor.id };
}

function refuseClosed(c: RatingCase): void {
  if (c.status === 'closed') throw new HallError('CASE_CLOSED', `该差评处理已办结（${CASE_RESOLUTION_NAMES[c.resolution ?? 'rectified']}），不能再修改`);
}

/** 当场解决: 情况简单、事实清楚, explained or decided on the spot; closes the case at once. */
export function settleOnSpot(c: RatingCase, note: string, ctx: CaseContext): RatingCase {
  refuseClosed(c);
  if (c.status !== 'open') throw new HallError('CASE_CLOSED', '该差评已登记整改，请完成回访后办结');
  const s = step(note, ctx, '当场解决的情况说明');
  return { ...c, status: 'closed', resolution: 'on-the-spot', settlement: s, closedAt: ctx.at };
}

/** 整改记录: what was done (or, if it truly cannot be fixed, the explanation given). */
export function recordRectification(c: RatingCase, note: string, ctx: CaseContext): RatingCase {
  refuseClosed(c);
  if (c.status !== 'open') throw new HallError('CASE_CLOSED', '该差评已登记整改，请进行回访');
  return { ...c, status: 'rectified', rectification: step(note, ctx, '整改情况') };
}

/** 回访: after the rectification, the citizen's verdict closes the case. */
export function recordCallback(c: RatingCase, input: { outcome: CallbackOutcome; method: CallbackMethod; note: string }, ctx: CaseContext): RatingCase {
  refuseClosed(c);
  if (c.status !== 'rectified') throw new HallError('CASE_CLOSED', '请先登记整改情况，再进行回访');
  return { ...c, status: 'closed', resolution: 'rectified', callback: { ...step(input.note, ctx, '回访情况'), outcome: input.outcome, method: input.method }, closedAt: ctx.at };
}

/** An upheld appeal withdraws the rating: its case (if still running) closes with the decision. */
export function withdrawCase(c: RatingCase, decision: CaseStep): RatingCase {
  if (c.status === 'closed') return c;
  return { ...c, status: 'closed', resolution: 'withdrawn', settlement: decision, closedAt: decision.at };
}

/** Overdue: the rectification is still missing after the deadline day. */
export function isOverdue(c: RatingCase, today: string): boolean {
  return c.status === 'open' && today > c.dueDate;
}

/** Was the rectification (or on-the-spot settlement) recorded after the deadline? */
export function wasLate(c: RatingCase): boolean {
  const done = c.rectification?.at ?? (c.resolution === 'on-the-spot' ? c.settlement?.at : undefined);
  return done !== undefined && done.slice(0, 10) > c.dueDate;
}

/** The manager's alert for each overdue case. */
export function overdueCaseAlerts(cases: readonly RatingCase[], today: string, config: HallConfig): Alert[] {
  return cases
    .filter((c) => isOverdue(c, today))
    .map((c) => {
      const w = config.windows.find((x) => x.id === c.windowId);
      return {
        key: `rating-case:${c.id}`,
        kind: 'rating-case-overdue' as const,
        windowId: c.windowId,
        ticketId: c.ticketId,
        since: toIsoLocal(localToMs(addDays(c.dueDate, 1), 0, config.hall.utcOffsetMinutes), config.hall.utcOffsetMinutes),
        message: `${w ? `${w.no}号窗口` : c.windowId} ${c.ticketNumber} 的差评（${RATING_LABELS[c.level]}）整改已超期：限期 ${c.dueDate.slice(5).replace('-', '月')}日，尚未登记整改`,
      };
    });
}
