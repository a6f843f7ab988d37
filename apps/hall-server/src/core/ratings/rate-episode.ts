/**
 * 好差评 on the evaluation pad, HALL-RULES §4: one answer per service episode (a ticket finished
 * at a window), given at that window's pad, within a time limit after 办结. A 差评 must say what
 * went wrong. "Not rated" is an answer too (the pad timed out) and is never turned into a rating.
 * Pure: the shell looks up the ticket and whether it was answered, and writes the result.
 */
import { HallError, isBadRating, parseInstant, ratingScore, toIsoLocal, type HallConfig, type Rating, type RatingLevel } from '@hall/shared';
import type { TicketRecord } from '../hall-state.js';

export type RatingAnswer = { level: number; details?: string[]; text?: string } | { notRated: true };

export interface RateInput {
  ticket: TicketRecord | null;
  /** The pad's window; null when staff or a manager records it (not a pad). */
  padWindowId: string | null;
  alreadyAnswered: boolean;
  answer: RatingAnswer;
}

export interface RateContext {
  now: number;
  config: HallConfig;
  newId: () => string;
}

export function rateEpisode(input: RateInput, ctx: RateContext): Rating {
  const { ticket: t, answer } = input;
  const policy = ctx.config.ratings;
  if (!t) throw new HallError('NOT_FOUND', '找不到这次服务的号码');
  if (t.status !== 'done' || !t.finishedAt || !t.windowId) throw new HallError('NOT_FINISHED');
  if (input.padWindowId !== null && t.windowId !== input.padWindowId) throw new HallError('FORBIDDEN', '本评价器只能评价在本窗口办理的服务');
  if (input.alreadyAnswered) throw new HallError('ALREADY_RATED');
  const minutesSince = (ctx.now - parseInstant(t.finishedAt)) / 60_000;
  if (minutesSince > policy.acceptWithinMinutes) throw new HallError('RATING_CLOSED', `已超过评价时限（办结后 ${policy.acceptWithinMinutes} 分钟内可评价）`);

  let level: RatingLevel | null = null;
  let details: string[] = [];
  let text: string | null = null;
  if (!('notRated' in answer)) {
    level = answer.level as RatingLevel;
    details = [...new Set(answer.details ?? [])];
    text = answer.text?.trim() || null;
    const unknown = details.filter((d) => !policy.badDetails.includes(d));
    if (unknown.length > 0) throw new HallError('VALIDATION_FAILED', `没有这个评价选项：${unknown.join('、')}`);
    if (isBadRating(level)) {
      if (details.length === 0 && !text) throw new HallError('RATING_DETAILS_REQUIRED');
    } else if (details.length > 0) {
      throw new HallError('VALIDATION_FAILED', '只有“不满意”和“非常不满意”需要选择具体问题');
    }
  }
  const window = ctx.config.windows.find((w) => w.id === t.windowId);
  return {
    id: ctx.newId(),
    ticketId: t.id,
    ticketNumber: t.number,
    serviceCode: t.serviceCode,
    windowId: t.windowId,
    staffNo: t.staffNo,
    department: window?.department ?? ctx.config.services.find((s) => s.code === t.serviceCode)?.department ?? '',
    caseNo: t.caseNo,
    level,
    score: level === null ? null : ratingScore(policy, level),
    details,
    text,
    finishedAt: t.finishedAt,
    ratedAt: toIsoLocal(ctx.now, ctx.config.hall.utcOffsetMinutes),
    businessDate: t.businessDate,
  };
}
