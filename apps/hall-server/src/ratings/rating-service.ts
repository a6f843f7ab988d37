/**
 * The shell around the pure 好差评 rules: finds the episode, records the answer and its `rating`
 * event in one transaction (a 差评 opens its case in the same one), and answers the statistics.
 * The follow-up (issue #6 item 3): the manager's ratings list (the rater masked, for authorised
 * roles only), 差评 cases with their 5-working-day deadline and overdue alerts, appeals and their
 * effect on the scores, and the monthly 服务之星 / 红旗窗口.
 */
import { HallError, isBadRating, localDate, maskIdNumber, RATING_LABELS, type HallConfig, type Rating, type RatingLevel, type RatingStatsRow } from '@hall/shared';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../core/index.js';
import {
  APPEAL_STATUS_NAMES,
  AWARD_PARTS,
  CALLBACK_METHOD_NAMES,
  CALLBACK_OUTCOME_NAMES,
  CASE_RESOLUTION_NAMES,
  CASE_STATUS_NAMES,
  APPEALABLE_MAX_LEVEL,
  decideAppeal,
  fileAppeal,
  isOverdue,
  monthRange,
  openCase,
  overdueCaseAlerts,
  periodRange,
  rateEpisode,
  ratingStats,
  recordCallback,
  recordRectification,
  redFlagRanking,
  serviceStars,
  settleOnSpot,
  wasLate,
  withdrawCase,
  type CallbackMethod,
  type CallbackOutcome,
  type RatingAnswer,
  type RatingAppeal,
  type RatingCase,
  type RatingStatsBy,
  type RatingStatus,
  type StatsPeriod,
} from '../core/ratings/index.js';
import { maskPhone } from '../core/platform/index.js';
import type { QueueService } from '../queue/queue-service.js';
import type { QueueStore } from '../storage/queue-store.js';
import type { RatingStore } from '../storage/rating-store.js';

export interface RangeQuery {
  from?: string | undefined;
  to?: string | undefined;
  period?: StatsPeriod | undefined;
  date?: string | undefined;
}

export interface RatingListQuery extends RangeQuery {
  windowId?: string | undefined;
  staffNo?: string | undefined;
  department?: string | undefined;
  level?: number | undefined;
  bad?: 'true' | 'false' | undefined;
  caseNo?: 'with' | 'without' | undefined;
  status?: RatingStatus | 'all' | undefined;
}

const LIST_LIMIT = 500;

export class RatingService {
  constructor(
    private readonly config: HallConfig,
    private readonly queue: QueueService,
    private readonly tickets: QueueStore,
    private readonly store: RatingStore,
  ) {
    // Every 差评 has its case, including those recorded before cases existed.
    const missing = store.badWithoutCase();
    if (missing.length > 0) {
      const at = queue.nowIso();
      const system: Actor = { kind: 'system', id: 'system', name: '系统' };
      queue.record(() => {
        for (const r of missing) {
          const c = openCase(r, { at, newId: () => randomUUID(), isWorkingDay: this.isWorkingDay });
          if (c) store.saveCase(c, null, 'rating.case.open', system, at, { ratingId: r.id });
        }
      }, []);
    }
    queue.addAlertSource((now) => {
      const today = localDate(now, this.offset);
      return overdueCaseAlerts(this.store.overdueCases(today), today, this.config);
    });
  }

  private get offset(): number {
    return this.config.hall.utcOffsetMinutes;
  }

  private today(): string {
    return localDate(this.queue.clock.now(), this.offset);
  }

  /** The hall's working days: open by its hours and calendar (weekends, holidays and 调休 included). */
  private readonly isWorkingDay = (date: string): boolean => this.queue.hours.periods(date).length > 0;

  /** `padWindowId`: the window of the pad that sent it (null for staff acting for a citizen). */
  rate(ticketId: string, answer: RatingAnswer, padWindowId: string | null): Rating {
    const ticket = this.queue.state.tickets.get(ticketId) ?? this.tickets.ticket(ticketId);
    const existing = this.store.answerOf(ticketId);
    // A pad timing out on an episode already answered (a second pad at the window, a retry after
    // a lost reply) has nothing to record; that is not an error.
    if (existing && 'notRated' in answer && ticket?.windowId === (padWindowId ?? ticket?.windowId)) return existing;
    const rating = rateEpisode(
      { ticket, padWindowId, alreadyAnswered: existing !== null, answer },
      { now: this.queue.clock.now(), config: this.config, newId: () => randomUUID() },
    );
    const payload = {
      ticketId: rating.ticketId,
      ticketNumber: rating.ticketNumber,
      windowId: rating.windowId,
      level: rating.level,
      bad: rating.level !== null && isBadRating(rating.level as RatingLevel),
      at: rating.ratedAt,
    };
    // [004 第四条] every 差评 is followed up: its case opens in the rating's own transaction.
    const ratingCase = openCase(rating, { at: rating.ratedAt, newId: () => randomUUID(), isWorkingDay: this.isWorkingDay });
    const pad: Actor = { kind: 'device', id: `pad:${rating.windowId}`, name: '窗口评价器' };
    // The check above and this write run without a yield in between (one Node thread), and the
    // unique ticket_id would refuse a second answer anyway.
    this.queue.record(() => {
      this.store.insert(rating);
      if (ratingCase) this.store.saveCase(ratingCase, null, 'rating.case.open', pad, rating.ratedAt, { ratingId: rating.id });
    }, [{ name: 'rating', payload }]);
    return rating;
  }

  /** from/to, or the week/month/quarter containing `date` (default today); `fallback` when neither is given. */
  range(q: RangeQuery, fallback: 'today' | 'month' = 'today'): { from: string; to: string } {
    const today = this.today();
    if (q.period) {
      if (q.from || q.to) throw new HallError('VALIDATION_FAILED', '按周期统计（period）时不能同时指定开始或结束日期（from/to）');
      return periodRange(q.period, q.date ?? today);
    }
    if (q.date && !q.from && !q.to) throw new HallError('VALIDATION_FAILED', 'date 需与 period（week、month、quarter）一起使用');
    if (!q.from && !q.to && fallback === 'month') return periodRange('month', today);
    const from = q.from ?? q.to ?? today;
    const to = q.to ?? q.from ?? today;
    if (to < from) throw new HallError('VALIDATION_FAILED', '结束日期不能早于开始日期');
    return { from, to };
  }

  stats(from: string | undefined, to: string | undefined, by: RatingStatsBy = 'staff'): RatingStatsRow[] {
    return this.statsFor({ from, to }, by);
  }

  /** An upheld appeal's rating counts nowhere: not in the scores, nor as an unrated episode. */
  statsFor(q: RangeQuery, by: RatingStatsBy = 'staff'): RatingStatsRow[] {
    const { from, to } = this.range(q);
    const departmentOf = (windowId: string) => this.config.windows.find((w) => w.id === windowId)?.department ?? '';
    return ratingStats(this.store.inPeriod(from, to), this.store.episodes(from, to, departmentOf), by, this.config);
  }

  // ---------------------------------------------------------------- names for the views

  private windowName(id: string): string {
    const w = this.config.windows.find((x) => x.id === id);
    return w ? `${w.no}号窗口` : id;
  }
  private staffName(no: string | null): string | null {
    return no ? (this.config.staff.find((s) => s.employeeNo === no)?.name ?? null) : null;
  }
  private deptName(code: string): string {
    return this.config.departments.find((d) => d.code === code)?.name ?? code;
  }
  private serviceName(code: string): string {
    return this.config.services.find((s) => s.code === code)?.name ?? code;
  }

  /** What anyone allowed to see a rating sees — never who rated: the staff member's view and the episode. */
  private ratingView(r: Rating, status: RatingStatus) {
    return { ...this.ownRatingView(r, status), ticketId: r.ticketId, ticketNumber: r.ticketNumber, caseNo: r.caseNo, finishedAt: r.finishedAt, ratedAt: r.ratedAt };
  }

  /**
   * What the staff member rated sees of a rating [004 第七条]: enough to read it and appeal it
   * (by its id) — the day, service, level, details, text, status. Nothing that leads to who
   * rated: no ticket id or number (the public ticket page, the window's calls), no 办件编号 (the
   * applicant's file), no time of day (their memory of the counter).
   */
  private ownRatingView(r: Rating, status: RatingStatus) {
    return {
      id: r.id,
      serviceCode: r.serviceCode,
      serviceName: this.serviceName(r.serviceCode),
      windowId: r.windowId,
      windowName: this.windowName(r.windowId),
      staffNo: r.staffNo,
      staffName: this.staffName(r.staffNo),
      department: r.department,
      departmentName: this.deptName(r.department),
      level: r.level,
      levelName: r.level === null ? '未评价' : RATING_LABELS[r.level],
      score: r.score,
      details: r.details,
      text: r.text,
      businessDate: r.businessDate,
      status,
    };
  }

  // ---------------------------------------------------------------- lists

  /** The manager's list: every rating with its rater (ID number and phone of the ticket, masked), case and appeal. */
  list(q: RatingListQuery) {
    const { from, to } = this.range(q, 'month');
    const rows = this.store.list({
      from,
      to,
      ...(q.windowId ? { windowId: q.windowId } : {}),
      ...(q.staffNo ? { staffNo: q.staffNo } : {}),
      ...(q.department ? { department: q.department } : {}),
      ...(q.level !== undefined ? { level: q.level } : {}),
      ...(q.bad ? { bad: q.bad === 'true' } : {}),
      ...(q.caseNo ? { withCaseNo: q.caseNo === 'with' } : {}),
      status: q.status ?? 'all',
      limit: LIST_LIMIT + 1,
    });
    return {
      from,
      to,
      truncated: rows.length > LIST_LIMIT,
      ratings: rows.slice(0, LIST_LIMIT).map((row) => {
        const c = this.store.caseOfRating(row.rating.id);
        const a = this.store.appealOfRating(row.rating.id);
        return {
          ...this.ratingView(row.rating, row.status),
          rater: { idNumber: row.idNumber ? maskIdNumber(row.idNumber) : null, phone: row.phone ? maskPhone(row.phone) : null },
          case: c ? { id: c.id, status: c.status, statusName: CASE_STATUS_NAMES[c.status], overdue: isOverdue(c, this.today()) } : null,
          appeal: a ? { id: a.id, status: a.status, statusName: APPEAL_STATUS_NAMES[a.status] } : null,
        };
      }),
    };
  }

  /**
   * A staff member's own ratings with their appeals; no rater, ever, nor anything that leads to
   * one (`ownRatingView`). Within a day the order is by level, not by time: the third row of the
   * day must not point at the third person served.
   */
  mine(staffNo: string | null, q: { from?: string | undefined; to?: string | undefined }) {
    if (!staffNo) throw new HallError('FORBIDDEN', '您的账号没有工号，没有收到的评价');
    const { from, to } = this.range(q, 'month');
    const rows = this.store
      .ofStaff(staffNo, from, to)
      .sort((x, y) => y.rating.businessDate.localeCompare(x.rating.businessDate) || (x.rating.level ?? 0) - (y.rating.level ?? 0) || x.rating.id.localeCompare(y.rating.id));
    return {
      from,
      to,
      ratings: rows.map(({ rating, status }) => {
        const a = this.store.appealOfRating(rating.id);
        return {
          ...this.ownRatingView(rating, status),
          appealable: a === null && status === 'valid' && rating.level !== null && rating.level <= APPEALABLE_MAX_LEVEL,
          appeal: a ? this.ownAppealView(a) : null,
        };
      }),
    };
  }

  // ---------------------------------------------------------------- 差评 cases

  private caseView(c: RatingCase, withRater: boolean) {
    const today = this.today();
    const ticket = withRater ? this.tickets.ticket(c.ticketId) : null;
    return {
      ...c,
      levelName: RATING_LABELS[c.level],
      statusName: CASE_STATUS_NAMES[c.status],
      resolutionName: c.resolution ? CASE_RESOLUTION_NAMES[c.resolution] : null,
      callbackName: c.callback ? `${CALLBACK_METHOD_NAMES[c.callback.method]}回访：${CALLBACK_OUTCOME_NAMES[c.callback.outcome]}` : null,
      windowName: this.windowName(c.windowId),
      staffName: this.staffName(c.staffNo),
      serviceName: this.serviceName(c.serviceCode),
      departmentName: this.deptName(c.department),
      overdue: isOverdue(c, today),
      late: wasLate(c),
      ...(withRater ? { rater: { idNumber: ticket?.idNumber ? maskIdNumber(ticket.idNumber) : null, phone: ticket?.phone ? maskPhone(ticket.phone) : null } } : {}),
    };
  }

  cases(q: { status?: 'open' | 'rectified' | 'closed' | 'overdue' | 'active' | 'all' | undefined; from?: string | undefined; to?: string | undefined }) {
    const status = q.status ?? 'active';
    const today = this.today();
    const list =
      status === 'overdue'
        ? this.store.overdueCases(today)
        : this.store.cases({ ...(status === 'open' || status === 'rectified' || status === 'closed' ? { status } : {}), ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) });
    const shown = status === 'active' ? list.filter((c) => c.status !== 'closed') : list;
    return shown.map((c) => this.caseView(c, true));
  }

  private knownCase(id: string): RatingCase {
    const c = this.store.caseById(id);
    if (!c) throw new HallError('NOT_FOUND', '找不到这条差评处理记录');
    return c;
  }

  /** The full phone of the citizen, for the 回访 call; audited, managers only. */
  contact(id: string, actor: Actor) {
    const c = this.knownCase(id);
    const t = this.tickets.ticket(c.ticketId);
    const at = this.queue.nowIso();
    this.queue.record(() => this.store.saveCase(c, c, 'rating.case.contact', actor, at, { reason: '回访查看联系电话' }), []);
    return { caseId: c.id, phone: t?.phone ?? null, ticketNumber: c.ticketNumber };
  }

  caseAction(id: string, action: 'settle' | 'rectify' | 'callback', input: { note: string; outcome?: CallbackOutcome; method?: CallbackMethod }, actor: Actor) {
    const before = this.knownCase(id);
    const at = this.queue.nowIso();
    const ctx = { at, actor };
    const after =
      action === 'settle'
        ? settleOnSpot(before, input.note, ctx)
        : action === 'rectify'
          ? recordRectification(before, input.note, ctx)
          : recordCallback(before, { note: input.note, outcome: input.outcome!, method: input.method! }, ctx);
    this.queue.record(() => this.store.saveCase(after, before, `rating.case.${action}`, actor, at, input), []);
    return this.caseView(after, true);
  }

  // ---------------------------------------------------------------- appeals

  private appealView(a: RatingAppeal) {
    return { ...a, statusName: APPEAL_STATUS_NAMES[a.status], levelName: RATING_LABELS[a.level as RatingLevel] ?? '', windowName: this.windowName(a.windowId) };
  }

  /** The appeal as the staff member who filed it sees it: by the rating's id, without its ticket number. */
  private ownAppealView(a: RatingAppeal) {
    const { ticketNumber: _ticketNumber, ...rest } = this.appealView(a);
    return rest;
  }

  fileAppeal(ratingId: string, reason: string, actor: Actor) {
    const found = this.store.ratingById(ratingId);
    // Someone else's rating is "not found" to a staff member: its existence says nothing.
    const rating = found && found.rating.staffNo === actor.employeeNo ? found.rating : null;
    if (found && !rating) throw new HallError('FORBIDDEN', '只能对本人收到的评价提出申诉');
    const at = this.queue.nowIso();
    const appeal = fileAppeal(rating, found?.status ?? 'valid', this.store.appealOfRating(ratingId), reason, { at, actor, newId: () => randomUUID() });
    this.queue.record(() => this.store.saveAppeal(appeal, null, 'rating.appeal.file', actor, at, { ratingId, reason }), []);
    return this.ownAppealView(appeal);
  }

  /** Managers see every appeal; staff only their own, as `mine` shows the rating. Neither sees who rated. */
  appeals(q: { status?: RatingAppeal['status'] | 'all' | undefined }, viewer: { manager: boolean; employeeNo: string | null }) {
    if (!viewer.manager && !viewer.employeeNo) return [];
    const list = this.store.appeals({ ...(viewer.manager ? {} : { staffNo: viewer.employeeNo! }), ...(q.status && q.status !== 'all' ? { status: q.status } : {}) });
    return list.map((a) => {
      const r = this.store.ratingById(a.ratingId);
      if (!viewer.manager) return { ...this.ownAppealView(a), rating: r ? this.ownRatingView(r.rating, r.status) : null };
      return { ...this.appealView(a), rating: r ? this.ratingView(r.rating, r.status) : null };
    });
  }

  decideAppeal(id: string, input: { upheld: boolean; reason: string }, actor: Actor) {
    const before = this.store.appealById(id);
    if (!before) throw new HallError('NOT_FOUND', '找不到这条申诉');
    const at = this.queue.nowIso();
    const { appeal, ratingStatus } = decideAppeal(before, input, { at, actor });
    const c = this.store.caseOfRating(appeal.ratingId);
    this.queue.record(() => {
      this.store.saveAppeal(appeal, before, 'rating.appeal.decide', actor, at, input);
      if (ratingStatus === 'void') {
        this.store.setStatus(appeal.ratingId, 'void', actor, at, { appealId: appeal.id, reason: input.reason });
        if (c && c.status !== 'closed') {
          const d = appeal.decision!;
          this.store.saveCase(withdrawCase(c, { note: `申诉成立：${d.reason}`, at, by: d.by, byName: d.byName }), c, 'rating.case.withdraw', actor, at, { appealId: appeal.id });
        }
      }
    }, []);
    const r = this.store.ratingById(appeal.ratingId);
    return { ...this.appealView(appeal), rating: r ? this.ratingView(r.rating, r.status) : null };
  }

  // ---------------------------------------------------------------- 服务之星 / 红旗窗口

  awards(month: string | undefined) {
    const m = month ?? this.today().slice(0, 7);
    const { from, to } = monthRange(m);
    const entries = this.store.awardEntries(m);
    const stars = serviceStars(this.config, this.store.inPeriod(from, to), entries);
    const departments = redFlagRanking(this.config, stars);
    return {
      month: m,
      from,
      to,
      parts: AWARD_PARTS,
      stars,
      departments,
      entries: entries.map((e) => ({ staffNo: e.staffNo, note: e.note, at: e.at, byName: e.byName })),
    };
  }

  saveAward(month: string, staffNo: string, input: { image: number; conduct: number; ability: number; note?: string | undefined }, actor: Actor) {
    monthRange(month);
    const s = this.config.staff.find((x) => x.employeeNo === staffNo && x.role === 'staff');
    if (!s) throw new HallError('NOT_FOUND', `没有工号为 ${staffNo} 的窗口工作人员`);
    if (month > this.today().slice(0, 7)) throw new HallError('VALIDATION_FAILED', '不能为尚未开始的月份评分');
    const at = this.queue.nowIso();
    const entry = { month, staffNo, image: input.image, conduct: input.conduct, ability: input.ability, note: input.note?.trim() || null, at, by: actor.employeeNo ?? actor.id, byName: actor.name ?? actor.id };
    this.queue.record(() => this.store.saveAwardEntry(entry, actor), []);
    return this.awards(month);
  }
}
