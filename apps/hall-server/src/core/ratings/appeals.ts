/**
 * 申诉复核 [004 第五条, HALL-RULES §4]: the staff member rated may appeal a rating of their own
 * (举证解释、申诉申辩) to exclude a mistaken or malicious rating; a manager decides. An upheld
 * appeal withdraws the rating from every score (its status becomes 'void') and closes its 差评
 * case; a rejected one leaves everything as it was. One appeal per rating: the decision is final.
 *
 * Pure: `fileAppeal` and `decideAppeal` return the new appeal and the effects the shell carries
 * out in the same transaction.
 */
import { HallError, RATING_LABELS, type Rating } from '@hall/shared';
import type { Actor } from '../hall-state.js';

export type AppealStatus = 'pending' | 'upheld' | 'rejected';
export const APPEAL_STATUS_NAMES: Record<AppealStatus, string> = { pending: '待复核', upheld: '申诉成立', rejected: '申诉不成立' };

/** Ratings that can be appealed: those below 满意 (基本满意 and the two 差评 levels). */
export const APPEALABLE_MAX_LEVEL = 3;

export type RatingStatus = 'valid' | 'void';

export interface RatingAppeal {
  id: string;
  ratingId: string;
  ticketNumber: string;
  windowId: string;
  staffNo: string;
  staffName: string;
  level: number;
  reason: string;
  filedAt: string;
  status: AppealStatus;
  decision: { upheld: boolean; reason: string; at: string; by: string; byName: string } | null;
}

export interface AppealContext {
  at: string;
  actor: Actor;
  newId: () => string;
}

/**
 * A staff member appeals `rating`. `existing` is the appeal already filed on it, if any.
 * `ratingStatus` is the rating's status now.
 */
export function fileAppeal(rating: Rating | null, ratingStatus: RatingStatus, existing: RatingAppeal | null, reasonText: string, ctx: AppealContext): RatingAppeal {
  if (!rating) throw new HallError('NOT_FOUND', '找不到这条评价');
  const me = ctx.actor.employeeNo;
  // Not "forbidden" with a hint of whose it is: the rating is simply not among the caller's.
  if (!me || rating.staffNo !== me) throw new HallError('FORBIDDEN', '只能对本人收到的评价提出申诉');
  if (rating.level === null) throw new HallError('VALIDATION_FAILED', '这次服务未评价，无需申诉');
  if (rating.level > APPEALABLE_MAX_LEVEL) throw new HallError('VALIDATION_FAILED', `“${RATING_LABELS[rating.level]}”的评价无需申诉（可对基本满意、不满意、非常不满意提出申诉）`);
  if (existing) throw new HallError('APPEAL_EXISTS', existing.status === 'pending' ? '该评价已提出申诉，正在等待复核' : `该评价的申诉已复核（${APPEAL_STATUS_NAMES[existing.status]}），不能再次申诉`);
  if (ratingStatus !== 'valid') throw new HallError('APPEAL_EXISTS', '该评价已作废，不计入得分');
  const reason = reasonText.trim();
  if (reason.length < 5) throw new HallError('VALIDATION_FAILED', '请写明申诉理由（至少 5 个字），如误评的经过或可核实的证据');
  return {
    id: ctx.newId(),
    ratingId: rating.id,
    ticketNumber: rating.ticketNumber,
    windowId: rating.windowId,
    staffNo: me,
    staffName: ctx.actor.name ?? me,
    level: rating.level,
    reason,
    filedAt: ctx.at,
    status: 'pending',
    decision: null,
  };
}

export interface AppealDecision {
  appeal: RatingAppeal;
  /** The rating's status after the decision ('void' takes it out of every score). */
  ratingStatus: RatingStatus;
}

/** The manager's decision; the reason is kept and shown to the staff member. */
export function decideAppeal(a: RatingAppeal, input: { upheld: boolean; reason: string }, ctx: Omit<AppealContext, 'newId'>): AppealDecision {
  if (a.status !== 'pending') throw new HallError('APPEAL_DECIDED', `该申诉已复核（${APPEAL_STATUS_NAMES[a.status]}），不能重复复核`);
  if (ctx.actor.employeeNo && ctx.actor.employeeNo === a.staffNo) throw new HallError('FORBIDDEN', '不能复核本人提出的申诉');
  const reason = input.reason.trim();
  if (!reason) throw new HallError('VALIDATION_FAILED', '请填写复核意见（会告知申诉人）');
  const appeal: RatingAppeal = {
    ...a,
    status: input.upheld ? 'upheld' : 'rejected',
    decision: { upheld: input.upheld, reason, at: ctx.at, by: ctx.actor.employeeNo ?? ctx.actor.id, byName: ctx.actor.name ?? ctx.actor.id },
  };
  return { appeal, ratingStatus: input.upheld ? 'void' : 'valid' };
}
