/**
 * The 好差评 policy of a hall, HALL-RULES §4: the five levels, their scores [004 第八条], the
 * detail options a 差评 must carry, and how long the evaluation pad waits. `RatingPolicySchema.parse({})`
 * is the demo hall's policy.
 */
import { z } from 'zod';

/** 5 = 非常满意 … 1 = 非常不满意 (GB/T 39734). */
export type RatingLevel = 1 | 2 | 3 | 4 | 5;
export const RATING_LEVELS: readonly RatingLevel[] = [5, 4, 3, 2, 1];
export const RATING_LABELS: Record<RatingLevel, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };
/** 不满意 and 非常不满意 are 差评: they need detail options or text. */
export const isBadRating = (level: RatingLevel): boolean => level <= 2;

export const DEFAULT_BAD_DETAILS = ['服务态度不好', '等候时间太长', '业务不熟练', '一次性告知不清楚', '办理效率低', '要求提交不必要的材料', '环境设施不便', '其他'];

const score = z.number().int().min(-100).max(100);

export const RatingPolicySchema = z
  .object({
    scores: z
      .object({ 5: score.default(10), 4: score.default(8), 3: score.default(6), 2: score.default(0), 1: score.default(-5) })
      .prefault({})
      .describe('每个评价等级计分（凤县 第八条：10 / 8 / 6 / 0 / −5）'),
    badDetails: z
      .array(z.string().trim().min(1).max(20))
      .min(1)
      .max(12)
      .default(DEFAULT_BAD_DETAILS)
      .describe('差评（不满意、非常不满意）须选择的具体问题'),
    padTimeoutSeconds: z.number().int().min(10).max(600).default(60).describe('评价器无人操作多少秒后记为“未评价”并关闭（不代为评价）'),
    acceptWithinMinutes: z.number().int().min(1).max(24 * 60).default(30).describe('办结后多少分钟内接受评价'),
    thanksSeconds: z.number().int().min(1).max(60).default(5).describe('感谢页停留秒数'),
  })
  .superRefine((p, ctx) => {
    if (new Set(p.badDetails).size !== p.badDetails.length) ctx.addIssue({ code: 'custom', path: ['badDetails'], message: '差评选项不能重复' });
  });
export type RatingPolicy = z.infer<typeof RatingPolicySchema>;

export function ratingScore(policy: RatingPolicy, level: RatingLevel): number {
  return policy.scores[level];
}

/**
 * One service episode's answer on the evaluation pad. `level` null = the pad timed out (or the
 * next citizen was called): recorded as not rated, never as a default rating. Who rated (the
 * ticket's ID number or phone) is not part of it; only authorised roles can join it back.
 */
export interface Rating {
  id: string;
  ticketId: string;
  ticketNumber: string;
  serviceCode: string;
  windowId: string;
  /** 工号 of the staff member who finished the episode. */
  staffNo: string | null;
  department: string;
  /** 办件编号 entered at 办结, for the provincial 好差评 platform. */
  caseNo: string | null;
  level: RatingLevel | null;
  score: number | null;
  details: string[];
  text: string | null;
  finishedAt: string;
  ratedAt: string;
  businessDate: string;
}

/** A row of GET /api/stats/ratings: one staff member, window or department. */
export interface RatingStatsRow {
  key: string;
  name: string;
  /** Service episodes finished in the period (the denominator of participation). */
  served: number;
  rated: number;
  /** Finished episodes without a rating: pad timed out, or never answered. */
  notRated: number;
  counts: Record<RatingLevel, number>;
  /** 差评 = 不满意 + 非常不满意. */
  bad: number;
  /** Sum of the level scores (10/8/6/0/−5 by default). */
  score: number;
  /** score / rated, two decimals; null when nothing was rated. */
  averageScore: number | null;
}
